"""Mermaid exports that render on GitHub: the ``journey`` diagram and a ``flowchart``.

Ids are internal (``s0``, ``t0``); every journey string goes through
``escape.mermaid_plain`` (journey diagram) or ``escape.mermaid_label`` (flowchart), so no
directive (``%%{init}%%``), comment, link or extra statement can be formed.
"""

from __future__ import annotations

from cjm.journey.model import Journey
from cjm.render import theme as t
from cjm.render.cards import max_severity, pct
from cjm.render.escape import mermaid_label, mermaid_plain
from cjm.render.mapview import stage_score
from cjm.render.words import Words, words_for
from cjm.score.result import JourneyScore


def mermaid_score(emotion: int) -> int:
    """Emotion -2..2 on Mermaid's 1..5 satisfaction scale."""
    return emotion + 3


def journey_diagram(journey: Journey) -> str:
    """Sections are stages, tasks are touchpoints; the actor is the channel."""
    lines = ["journey", f"    title {mermaid_plain(journey.title)}"]
    for stage in journey.stages:
        lines.append(f"    section {mermaid_plain(stage.title)}")
        for tp in stage.touchpoints:
            actor = mermaid_plain(tp.channel).replace(",", " ")
            lines.append(f"      {mermaid_plain(tp.title)}: {mermaid_score(tp.emotion)}: {actor}")
    return "\n".join(lines) + "\n"


def _edge_text(journey: Journey, score: JourneyScore | None, i: int, target: str, w: Words) -> str:
    stage = journey.stages[i]
    sc = stage_score(score, stage.id)
    if sc is None:
        return ""
    parts = []
    if sc.reached and target in sc.flows:
        parts.append(f"{pct(sc.flows[target] / sc.reached)} ({sc.flows[target]})")
    forward = [n for n in stage.next if journey.stages.index(journey.stage(n)) > i]
    if forward and target == forward[0] and sc.dropoff_rate is not None:
        parts.append(f"{w.dropoff} {pct(sc.dropoff_rate)}")
    return mermaid_label(" · ".join(parts)) if parts else ""


def flowchart(
    journey: Journey,
    score: JourneyScore | None = None,
    emoji: bool = True,
    words: Words | None = None,
) -> str:
    """Stages as subgraphs left to right, cards inside, transitions with loops dashed."""
    w = words or words_for(journey)
    lines = ["flowchart LR"]
    order = {s.id: i for i, s in enumerate(journey.stages)}
    n = 0
    severity_of: dict[str, int] = {}
    for i, stage in enumerate(journey.stages):
        head = f"{i + 1}. {stage.title}"
        sc = stage_score(score, stage.id)
        if sc is not None:
            head += f" ({w.risk} {sc.risk:.2f})"
        lines.append(f'  subgraph s{i} ["{mermaid_label(head)}"]')
        lines.append("    direction TB")
        for tp in stage.touchpoints:
            label = f"{t.face(tp.emotion, emoji)} {tp.title} · {tp.channel}"
            lines.append(f'    t{n}["{mermaid_label(label)}"]')
            severity_of[f"t{n}"] = max_severity(tp)
            n += 1
        if not stage.touchpoints:
            lines.append(f'    e{i}["{mermaid_label(w.no_touchpoints)}"]')
        lines.append("  end")
    for i, stage in enumerate(journey.stages):
        for target in stage.next:
            j = order[target]
            arrow = "-.->" if j <= i else "-->"
            text = _edge_text(journey, score, i, target, w)
            middle = f'|"{text}"|' if text else ""
            lines.append(f"  s{i} {arrow}{middle} s{j}")
    for sev in range(3, 6):
        lines.append(
            f"  classDef sev{sev} stroke:{t.SEVERITY_COLOURS[sev]},stroke-width:{sev - 1}px"
        )
    for node, sev in severity_of.items():
        if sev >= 3:
            lines.append(f"  class {node} sev{sev}")
    return "\n".join(lines) + "\n"
