"""The grid view: the classic CJM poster as one Graphviz HTML-like table.

Columns are stages; lanes (rows) are the customer goal, touchpoints, thoughts, emotion,
friction, opportunities, metrics against targets, backstage, and drop-off when scored. dot
draws it to SVG, PNG or a PDF with vector text that prints at A3 or A1.
"""

from __future__ import annotations

from collections.abc import Callable

from cjm.graph import MetricGap, summarize
from cjm.journey.model import Journey, Stage
from cjm.render import cards
from cjm.render import theme as t
from cjm.render.cards import font
from cjm.render.dotsrc import Html, attrs, stmt
from cjm.render.escape import html_label, xml
from cjm.render.mapview import stage_score
from cjm.score.result import JourneyScore

COLUMN_WIDTH = 300
BODY = 14
LANE_FILL = "#eceff1"


def _lines(items: list[str]) -> str:
    return "<BR/>".join(items) if items else font("—", BODY, t.MUTED)


def _text(text: str | None, width: int = t.WRAP["cell"]) -> str:
    return html_label(text, width, t.MAX_CHARS["text"]) if text else ""


def goal_cell(stage: Stage, journey: Journey, emoji: bool) -> str:
    return font(f"<I>{_text(stage.goal)}</I>", BODY) if stage.goal else _lines([])


def touchpoints_cell(stage: Stage, journey: Journey, emoji: bool) -> str:
    rows = []
    for tp in stage.touchpoints:
        sev = cards.max_severity(tp)
        meta = _text(tp.channel, 40) + (" · " + _text(tp.owner, 40) if tp.owner else "")
        rows.append(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="white" '
            f'COLOR="{t.SEVERITY_COLOURS[sev] if sev >= 3 else "#bdbdbd"}">'
            f"{font('<B>' + _text(tp.title, 28) + '</B>', BODY)}<BR/>"
            f"{font(meta, 12, t.MUTED)}</TD></TR>"
        )
    if not rows:
        return _lines([])
    return (
        f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="4" CELLPADDING="5">{"".join(rows)}</TABLE>'
    )


def thoughts_cell(stage: Stage, journey: Journey, emoji: bool) -> str:
    quotes = [
        font(f"<I>“{_text(tp.thoughts)}”</I>", BODY) for tp in stage.touchpoints if tp.thoughts
    ]
    return _lines(quotes)


def emotion_cell(stage: Stage, journey: Journey, emoji: bool) -> str:
    if not stage.touchpoints:
        return _lines([])
    faces = " ".join(font(xml(t.face(tp.emotion, emoji)), 24) for tp in stage.touchpoints)
    mean = sum(tp.emotion for tp in stage.touchpoints) / len(stage.touchpoints)
    low = min(tp.emotion for tp in stage.touchpoints)
    return f"{faces}<BR/>{font(f'mean {mean:+.1f} · lowest {low:+d}', 12, t.MUTED)}"


def friction_cell(stage: Stage, journey: Journey, emoji: bool) -> str:
    items = sorted(
        ((f, tp) for tp in stage.touchpoints for f in tp.friction), key=lambda p: -p[0].severity
    )
    if not items:
        return _lines([])
    lines = []
    for f, tp in items:
        swatch = font("■", 18, t.SEVERITY_COLOURS[f.severity])
        detail = f"{t.SEVERITY_WORDS[f.severity]} ({f.severity}) · {_text(tp.title, 40)}"
        lines.append(f"{swatch} {font(_text(f.issue, 30), BODY)}<BR/>{font(detail, 11, t.MUTED)}")
    return _lines(lines)


def opportunities_cell(stage: Stage, journey: Journey, emoji: bool) -> str:
    out = []
    for tp in stage.touchpoints:
        for o in tp.opportunities:
            details = [x for x in (o.effort and f"effort {o.effort}",) if x]
            if o.impact is not None:
                details.append(f"−{cards.pct(o.impact)} drop-off")
            if o.owner:
                details.append(_text(o.owner, 40))
            line = "→ " + _text(o.idea, 30)
            if details:
                line += "<BR/>" + font(" · ".join(details), 11, t.MUTED)
            out.append(font(line, BODY))
    return _lines(out)


def metric_value(value: float, unit: str) -> str:
    if unit == "ratio":
        return cards.pct(value)
    if unit == "seconds":
        for size, suffix in ((86400, "d"), (3600, "h"), (60, "min")):
            if value >= size:
                return f"{value / size:.3g} {suffix}"
        return f"{value:g} s"
    return f"{value:g}"


def _gap_line(g: MetricGap) -> str:
    from cjm.journey.format import METRICS

    label = METRICS[g.key].label if g.key in METRICS else g.key
    sign = "≥" if g.direction == "min" else "≤"
    mark, colour = ("✓", "#1a7f37") if g.met else ("✗", "#b2182b")
    value, bound = metric_value(g.value, g.unit), metric_value(g.bound, g.unit)
    return font(f"{mark} {xml(label)} {value} (target {sign} {bound})", BODY, colour)


def metrics_cell_for(gaps: tuple[MetricGap, ...]) -> str:
    return _lines([_gap_line(g) for g in gaps])


def backstage_cell(stage: Stage, journey: Journey, emoji: bool) -> str:
    items = [font("• " + _text(b, 34), BODY) for tp in stage.touchpoints for b in tp.backstage]
    return _lines(items)


LANES: tuple[tuple[str, Callable[[Stage, Journey, bool], str]], ...] = (
    ("Customer goal", goal_cell),
    ("Touchpoints", touchpoints_cell),
    ("Thoughts", thoughts_cell),
    ("Emotion", emotion_cell),
    ("Friction", friction_cell),
    ("Opportunities", opportunities_cell),
)


def _routes(journey: Journey, i: int) -> str:
    """Where a stage leads when that is not simply the next column: branches, loops, ends."""
    stage = journey.stages[i]
    order = {s.id: k for k, s in enumerate(journey.stages)}
    targets = [order[n] for n in stage.next]
    if targets == [i + 1] and not stage.end:
        return ""
    parts = [("↺ " if k <= i else "→ ") + str(k + 1) for k in targets]
    if stage.is_end:
        parts.append("may end here")
    return "<BR/>" + font(" · ".join(parts), 12, t.LOOP)


def _lane_row(name: str, cells: list[str]) -> str:
    head = f'<TD BGCOLOR="{LANE_FILL}" ALIGN="LEFT" VALIGN="TOP">{font(f"<B>{name}</B>", 16)}</TD>'
    body = "".join(
        f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" WIDTH="{COLUMN_WIDTH}">{c}</TD>'
        for c in cells
    )
    return f"<TR>{head}{body}</TR>"


def grid_table(journey: Journey, score: JourneyScore | None = None, emoji: bool = True) -> Html:
    stages = journey.stages
    summaries = summarize(journey)
    header = "".join(
        f'<TD BGCOLOR="{t.PHASE_FILLS.get(s.phase, t.PHASE_FILLS[None])}" VALIGN="TOP">'
        f"{font(f'<B>{i + 1}. {_text(s.title, 24)}</B>', 20)}"
        + (f"<BR/>{font(s.phase.upper(), 12, t.MUTED)}" if s.phase else "")
        + _routes(journey, i)
        + "</TD>"
        for i, s in enumerate(stages)
    )
    rows = [
        f'<TR><TD COLSPAN="{len(stages) + 1}" ALIGN="LEFT" BORDER="0">'
        f"{cards.title_block(journey, score)}</TD></TR>",
        f'<TR><TD BGCOLOR="{LANE_FILL}"> </TD>{header}</TR>',
    ]
    for name, cell in LANES:
        rows.append(_lane_row(name, [cell(s, journey, emoji) for s in stages]))
    rows.append(
        _lane_row(
            "Metrics vs targets", [metrics_cell_for(summaries[s.id].metric_gaps) for s in stages]
        )
    )
    rows.append(_lane_row("Backstage", [backstage_cell(s, journey, emoji) for s in stages]))
    if score is not None:
        risk_cells = []
        for s in stages:
            sc = stage_score(score, s.id)
            risk_cells.append(cards.risk_badge(sc) if sc else _lines([]))
        rows.append(_lane_row("Drop-off and risk", risk_cells))
    return Html(
        '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="10" COLOR="#b0bec5" '
        f'BGCOLOR="white">{"".join(rows)}</TABLE>'
    )


def grid_dot(journey: Journey, score: JourneyScore | None = None, emoji: bool = True) -> str:
    """The poster as DOT: a single node holding the whole table."""
    graph = {"pad": "0.5", "fontname": t.FONT, "bgcolor": "white"}
    return "\n".join(
        [
            "digraph cjm_grid {",
            f"graph {attrs(graph)};",
            f"node {attrs(t.NODE_ATTRS)};",
            stmt("poster", {"label": grid_table(journey, score, emoji)}),
            "}",
            "",
        ]
    )
