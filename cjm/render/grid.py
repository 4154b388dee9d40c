"""The grid view: the classic CJM poster as one Graphviz HTML-like table.

Columns are stages; lanes (rows) are the customer goal, touchpoints, thoughts, emotion,
friction, opportunities, metrics against targets, backstage, and drop-off when scored. dot
draws it to SVG, PNG or a PDF with vector text that prints at A3 or A1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cjm.graph import MetricGap, summarize
from cjm.journey.model import Journey, Stage
from cjm.render import cards
from cjm.render import theme as t
from cjm.render.cards import font
from cjm.render.dotsrc import Html, attrs, stmt
from cjm.render.escape import html_label, xml
from cjm.render.mapview import stage_score
from cjm.render.words import Words, words_for
from cjm.score.result import JourneyScore

COLUMN_WIDTH = 300
BODY = 14
LANE_FILL = "#eceff1"


@dataclass(frozen=True)
class Ctx:
    """How cells are written: emoji or text faces, and the words of the labels."""

    emoji: bool
    w: Words


def _lines(items: list[str]) -> str:
    return "<BR/>".join(items) if items else font("—", BODY, t.MUTED)


def _text(text: str | None, width: int = t.WRAP["cell"]) -> str:
    return html_label(text, width, t.MAX_CHARS["text"]) if text else ""


def goal_cell(stage: Stage, journey: Journey, ctx: Ctx) -> str:
    return font(f"<I>{_text(stage.goal)}</I>", BODY) if stage.goal else _lines([])


def touchpoints_cell(stage: Stage, journey: Journey, ctx: Ctx) -> str:
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


def thoughts_cell(stage: Stage, journey: Journey, ctx: Ctx) -> str:
    quotes = [
        font(f"<I>“{_text(tp.thoughts)}”</I>", BODY) for tp in stage.touchpoints if tp.thoughts
    ]
    return _lines(quotes)


def emotion_cell(stage: Stage, journey: Journey, ctx: Ctx) -> str:
    if not stage.touchpoints:
        return _lines([])
    faces = " ".join(font(xml(t.face(tp.emotion, ctx.emoji)), 24) for tp in stage.touchpoints)
    mean = sum(tp.emotion for tp in stage.touchpoints) / len(stage.touchpoints)
    low = min(tp.emotion for tp in stage.touchpoints)
    summary = f"{ctx.w.mean} {mean:+.1f} · {ctx.w.lowest} {low:+d}"
    return f"{faces}<BR/>{font(summary, 12, t.MUTED)}"


def friction_cell(stage: Stage, journey: Journey, ctx: Ctx) -> str:
    items = sorted(
        ((f, tp) for tp in stage.touchpoints for f in tp.friction), key=lambda p: -p[0].severity
    )
    if not items:
        return _lines([])
    lines = []
    for f, tp in items:
        swatch = font("■", 18, t.SEVERITY_COLOURS[f.severity])
        detail = f"{ctx.w.severity[f.severity]} ({f.severity}) · {_text(tp.title, 40)}"
        lines.append(f"{swatch} {font(_text(f.issue, 30), BODY)}<BR/>{font(detail, 11, t.MUTED)}")
    return _lines(lines)


def opportunities_cell(stage: Stage, journey: Journey, ctx: Ctx) -> str:
    out = []
    for tp in stage.touchpoints:
        for o in tp.opportunities:
            details = []
            if o.effort:
                details.append(f"{ctx.w.effort} {ctx.w.effort_level.get(o.effort, o.effort)}")
            if o.impact is not None:
                details.append(ctx.w.cut_dropoff.format(pct=cards.pct(o.impact)))
            if o.owner:
                details.append(_text(o.owner, 40))
            line = "→ " + _text(o.idea, 30)
            if details:
                line += "<BR/>" + font(" · ".join(details), 11, t.MUTED)
            out.append(font(line, BODY))
    return _lines(out)


def metric_value(value: float, unit: str, w: Words) -> str:
    if unit == "ratio":
        return cards.pct(value)
    if unit == "seconds":
        for size, suffix in ((86400, "d"), (3600, "h"), (60, "min")):
            if value >= size:
                return f"{value / size:.3g} {w.units[suffix]}"
        return f"{value:g} {w.units['s']}"
    return f"{value:g}"


def _gap_line(g: MetricGap, w: Words) -> str:
    from cjm.journey.format import METRICS

    label = w.metric.get(g.key) or (METRICS[g.key].label if g.key in METRICS else g.key)
    sign = "≥" if g.direction == "min" else "≤"
    mark, colour = ("✓", "#1a7f37") if g.met else ("✗", "#b2182b")
    value, bound = metric_value(g.value, g.unit, w), metric_value(g.bound, g.unit, w)
    return font(f"{mark} {xml(label)} {value} ({w.target} {sign} {bound})", BODY, colour)


def metrics_cell_for(gaps: tuple[MetricGap, ...], w: Words) -> str:
    return _lines([_gap_line(g, w) for g in gaps])


def backstage_cell(stage: Stage, journey: Journey, ctx: Ctx) -> str:
    items = [font("• " + _text(b, 34), BODY) for tp in stage.touchpoints for b in tp.backstage]
    return _lines(items)


LANES: tuple[tuple[str, Callable[[Stage, Journey, Ctx], str]], ...] = (
    ("goal", goal_cell),
    ("touchpoints", touchpoints_cell),
    ("thoughts", thoughts_cell),
    ("emotion", emotion_cell),
    ("friction", friction_cell),
    ("opportunities", opportunities_cell),
)


def _routes(journey: Journey, i: int, w: Words) -> str:
    """Where a stage leads when that is not simply the next column: branches, loops, ends."""
    stage = journey.stages[i]
    order = {s.id: k for k, s in enumerate(journey.stages)}
    targets = [order[n] for n in stage.next]
    if targets == [i + 1] and not stage.end:
        return ""
    parts = [("↺ " if k <= i else "→ ") + str(k + 1) for k in targets]
    if stage.is_end:
        parts.append(w.may_end)
    return "<BR/>" + font(" · ".join(parts), 12, t.LOOP)


def _lane_row(name: str, cells: list[str]) -> str:
    head = f'<TD BGCOLOR="{LANE_FILL}" ALIGN="LEFT" VALIGN="TOP">{font(f"<B>{name}</B>", 16)}</TD>'
    body = "".join(
        f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" WIDTH="{COLUMN_WIDTH}">{c}</TD>'
        for c in cells
    )
    return f"<TR>{head}{body}</TR>"


def grid_table(journey: Journey, score: JourneyScore | None, ctx: Ctx) -> Html:
    stages, w = journey.stages, ctx.w
    summaries = summarize(journey)
    header = "".join(
        f'<TD BGCOLOR="{t.PHASE_FILLS.get(s.phase, t.PHASE_FILLS[None])}" VALIGN="TOP">'
        f"{font(f'<B>{i + 1}. {_text(s.title, 24)}</B>', 20)}"
        + (f"<BR/>{font(xml(cards.phase_label(s.phase, w)), 12, t.MUTED)}" if s.phase else "")
        + _routes(journey, i, w)
        + "</TD>"
        for i, s in enumerate(stages)
    )
    rows = [
        f'<TR><TD COLSPAN="{len(stages) + 1}" ALIGN="LEFT" BORDER="0">'
        f"{cards.title_block(journey, score, w)}</TD></TR>",
        f'<TR><TD BGCOLOR="{LANE_FILL}"> </TD>{header}</TR>',
    ]
    for key, cell in LANES:
        rows.append(_lane_row(w.lanes[key], [cell(s, journey, ctx) for s in stages]))
    metrics = [metrics_cell_for(summaries[s.id].metric_gaps, w) for s in stages]
    rows.append(_lane_row(w.lanes["metrics"], metrics))
    rows.append(_lane_row(w.lanes["backstage"], [backstage_cell(s, journey, ctx) for s in stages]))
    if score is not None:
        risk_cells = []
        for s in stages:
            sc = stage_score(score, s.id)
            risk_cells.append(cards.risk_badge(sc, w) if sc else _lines([]))
        rows.append(_lane_row(w.lanes["risk"], risk_cells))
    return Html(
        '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="10" COLOR="#b0bec5" '
        f'BGCOLOR="white">{"".join(rows)}</TABLE>'
    )


def grid_dot(
    journey: Journey,
    score: JourneyScore | None = None,
    emoji: bool = True,
    words: Words | None = None,
) -> str:
    """The poster as DOT: a single node holding the whole table."""
    ctx = Ctx(emoji, words or words_for(journey))
    graph = {"pad": "0.5", "fontname": t.FONT, "bgcolor": "white"}
    return "\n".join(
        [
            "digraph cjm_grid {",
            f"graph {attrs(graph)};",
            f"node {attrs(t.NODE_ATTRS)};",
            stmt("poster", {"label": grid_table(journey, score, ctx)}),
            "}",
            "",
        ]
    )
