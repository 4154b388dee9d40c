"""The words a view prints around the journey's own text, per language, as data.

A Russian journey gets Russian labels ("Цель", "Барьеры"...), so a workshop does not read
a mix of two languages; ``detect`` picks the language from the journey's own titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

from cjm.journey.model import Journey


@dataclass(frozen=True)
class Words:
    goal: str
    persona: str
    legend: str
    friction: str  # on a card: "friction: high"
    no_friction: str
    friction_legend: str  # legend row: "friction 4 high"
    severity: MappingProxyType  # 0..5 → word
    emotion: MappingProxyType  # -2..2 → word
    phase: MappingProxyType  # lifecycle phase id → label
    risk: str
    risk_bins: tuple[str, ...]  # one word per theme.RISK_BINS entry
    dropoff: str
    reached: str  # "{n} reached"
    few_customers: str
    scored_on: str  # "Scored on {n} customers"
    conversion: str
    next_stage: str
    loop_back: str
    took_arrow: str
    left_here: str
    emotion_curve: str
    no_touchpoints: str
    lanes: MappingProxyType  # lane key → title
    mean: str
    lowest: str
    effort: str
    effort_level: MappingProxyType
    cut_dropoff: str  # "−{pct} drop-off"
    target: str
    may_end: str
    metric: MappingProxyType  # metric key → label (else the format's own label)
    units: MappingProxyType  # duration suffixes d, h, min, s
    html: MappingProxyType  # the HTML report's headings and notes


def _m(**kw: str) -> MappingProxyType:
    return MappingProxyType(kw)


HTML_EN = _m(
    lang="en",
    map="Map",
    scores="Scores",
    stages="Stages",
    friction="Friction",
    opportunities="Opportunities",
    stage="Stage",
    touchpoint="Touchpoint",
    emotion_mean="Emotion mean",
    friction_items="Friction items",
    worst_friction="Worst friction",
    missed_targets="Missed targets",
    declared_note="Declared figures only; render with --data for drop-off and risk.",
    risk="Risk",
    components="Components",
    reached="Reached",
    dropped="Dropped",
    dropoff_ci="Drop-off (90% CI)",
    converts="Converts from here",
    expected_lost="Expected lost",
    median_next="Median to next",
    basis="Basis",
    customers="{n} customers",
    data="data",
    issue="Issue",
    severity="Severity",
    category="Category",
    idea="Idea",
    effort="Effort",
    impact="Impact",
    owner="Owner",
    made_with="Made with cjm from {file}.",
)

HTML_RU = _m(
    lang="ru",
    map="Карта",
    scores="Оценка",
    stages="Этапы",
    friction="Барьеры",
    opportunities="Возможности",
    stage="Этап",
    touchpoint="Точка контакта",
    emotion_mean="Эмоции, среднее",
    friction_items="Барьеров",
    worst_friction="Худший барьер",
    missed_targets="Цели не достигнуты",
    declared_note="Только заявленные данные; потери и риск — с --data.",
    risk="Риск",
    components="Составляющие",
    reached="Дошли",
    dropped="Ушли",
    dropoff_ci="Потери (90% интервал)",
    converts="Конверсия отсюда",
    expected_lost="Ожидаемые потери",
    median_next="Медиана до следующего",
    basis="Основа",
    customers="{n} клиентов",
    data="данные",
    issue="Проблема",
    severity="Тяжесть",
    category="Категория",
    idea="Идея",
    effort="Усилия",
    impact="Эффект",
    owner="Ответственный",
    made_with="Сделано cjm из {file}.",
)

EN = Words(
    goal="Goal",
    persona="Persona",
    legend="Legend",
    friction="friction",
    no_friction="no friction",
    friction_legend="friction",
    severity=MappingProxyType(
        {0: "none", 1: "minor", 2: "low", 3: "medium", 4: "high", 5: "critical"}
    ),
    emotion=MappingProxyType(
        {-2: "angry", -1: "unhappy", 0: "neutral", 1: "happy", 2: "delighted"}
    ),
    phase=_m(
        acquisition="acquisition",
        interest="interest",
        evaluation="evaluation",
        purchase="purchase",
        loyalty="loyalty",
    ),
    risk="risk",
    risk_bins=("very low", "low", "medium", "high", "very high"),
    dropoff="drop-off",
    reached="{n} reached",
    few_customers="few customers",
    scored_on="Scored on {n} customers",
    conversion="conversion",
    next_stage="next stage",
    loop_back="loop back",
    took_arrow="took this arrow",
    left_here="left at this stage",
    emotion_curve="Emotion curve",
    no_touchpoints="no touchpoints",
    lanes=_m(
        goal="Customer goal",
        touchpoints="Touchpoints",
        thoughts="Thoughts",
        emotion="Emotion",
        friction="Friction",
        opportunities="Opportunities",
        metrics="Metrics vs targets",
        backstage="Backstage",
        risk="Drop-off and risk",
    ),
    mean="mean",
    lowest="lowest",
    effort="effort",
    effort_level=_m(low="low", medium="medium", high="high"),
    cut_dropoff="−{pct} drop-off",
    target="target",
    may_end="may end here",
    metric=_m(),
    units=_m(d="d", h="h", min="min", s="s"),
    html=HTML_EN,
)

RU = Words(
    goal="Цель",
    persona="Персона",
    legend="Легенда",
    friction="барьер",
    no_friction="без барьеров",
    friction_legend="барьер",
    severity=MappingProxyType(
        {
            0: "нет",
            1: "незначительный",
            2: "низкий",
            3: "средний",
            4: "высокий",
            5: "критический",
        }
    ),
    emotion=MappingProxyType(
        {-2: "гнев", -1: "недовольство", 0: "нейтрально", 1: "радость", 2: "восторг"}
    ),
    phase=_m(
        acquisition="привлечение",
        interest="интерес",
        evaluation="оценка",
        purchase="покупка",
        loyalty="лояльность",
    ),
    risk="риск",
    risk_bins=("очень низкий", "низкий", "средний", "высокий", "очень высокий"),
    dropoff="потери",
    reached="дошли: {n}",
    few_customers="мало клиентов",
    scored_on="Оценка по {n} клиентам",
    conversion="конверсия",
    next_stage="следующий этап",
    loop_back="возврат назад",
    took_arrow="прошли по стрелке",
    left_here="ушли на этапе",
    emotion_curve="Кривая эмоций",
    no_touchpoints="нет точек контакта",
    lanes=_m(
        goal="Цель клиента",
        touchpoints="Точки контакта",
        thoughts="Мысли",
        emotion="Эмоции",
        friction="Барьеры",
        opportunities="Возможности",
        metrics="Метрики и цели",
        backstage="Закулисье",
        risk="Потери и риск",
    ),
    mean="среднее",
    lowest="минимум",
    effort="усилия",
    effort_level=_m(low="низкие", medium="средние", high="высокие"),
    cut_dropoff="−{pct} потерь",
    target="цель",
    may_end="путь может закончиться здесь",
    metric=_m(
        first_response="Первый ответ",
        resolution_time="Решение",
        retention="Удержание",
        complaint_rate="Жалобы",
        churn_rate="Отток",
    ),
    units=_m(d="дн", h="ч", min="мин", s="с"),
    html=HTML_RU,
)

LANGUAGES = {"en": EN, "ru": RU}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect(journey: Journey) -> str:
    """ru when the journey's titles are mostly Cyrillic, else en."""
    text = " ".join(
        [journey.title]
        + [s.title for s in journey.stages]
        + [tp.title for tp in journey.touchpoints]
    )
    return "ru" if len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text)) else "en"


def words_for(journey: Journey, lang: str = "auto") -> Words:
    return LANGUAGES[detect(journey) if lang == "auto" else lang]
