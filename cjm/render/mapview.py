"""The map view as DOT: stages as columns in journey order, touchpoint cards inside them,
transitions (branches, loops back) between them, drop-off and risk when scored, a legend.

Node names are internal: ``t<i>`` for touchpoint cards, ``e<i>`` for an empty stage's
placeholder, ``legend``; clusters are ``cluster_s<i>``. Journey ids never reach the DOT text.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from cjm.journey.model import Journey, Stage
from cjm.render import cards
from cjm.render import theme as t
from cjm.render.dotsrc import Html, attrs, stmt
from cjm.render.words import Words, words_for
from cjm.score.result import JourneyScore, StageScore


@dataclass(frozen=True)
class MapNames:
    """Which internal node stands for which stage and touchpoint."""

    anchors: tuple[str, ...]  # per stage: the node transitions attach to
    touchpoints: tuple[tuple[str, ...], ...]  # per stage: card node names


def names(journey: Journey) -> MapNames:
    anchors, per_stage, n = [], [], 0
    for i, stage in enumerate(journey.stages):
        tps = tuple(f"t{n + k}" for k in range(len(stage.touchpoints)))
        n += len(tps)
        per_stage.append(tps)
        anchors.append(tps[0] if tps else f"e{i}")
    return MapNames(tuple(anchors), tuple(per_stage))


def stage_score(score: JourneyScore | None, stage_id: str) -> StageScore | None:
    if score is None:
        return None
    try:
        return score.stage(stage_id)
    except KeyError:
        return None


def _cluster(
    i: int,
    stage: Stage,
    nodes: tuple[str, ...],
    anchor: str,
    sc: StageScore | None,
    emoji: bool,
    w: Words,
) -> list[str]:
    graph = dict(t.CLUSTER_ATTRS)
    graph["fillcolor"] = t.PHASE_FILLS.get(stage.phase, t.PHASE_FILLS[None])
    graph["label"] = cards.stage_header(i + 1, stage, sc, w)
    if sc is not None:
        graph["color"] = t.risk_colours(sc.risk)[0]
        graph["penwidth"] = "5"
    lines = [f"subgraph cluster_s{i} {{", f"graph {attrs(graph)};"]
    for name, tp in zip(nodes, stage.touchpoints, strict=True):
        lines.append(stmt(name, {"label": cards.card(tp, emoji, w)}))
    if not nodes:
        lines.append(
            stmt(anchor, {"label": Html(cards.font(f"<I>{w.no_touchpoints}</I>", 13, t.MUTED))})
        )
    lines.append("{rank=same; " + "; ".join(nodes or (anchor,)) + "}")
    # Invisible flat edges keep the cards stacked top-down in the order the file lists them
    # (with rankdir=LR a flat edge a -> b puts b above a, hence the reversal).
    lines.extend(f"{b} -> {a} [style=invis];" for a, b in itertools.pairwise(nodes))
    lines.append("}")
    return lines


def _edge_label(src: StageScore | None, target: str, primary: bool, w: Words) -> Html | None:
    if src is None:
        return None
    parts = []
    if src.reached and target in src.flows:
        share = src.flows[target] / src.reached
        parts.append(f"{cards.pct(share)} ({src.flows[target]})")
    if primary and src.dropoff_rate is not None:
        parts.append(cards.font(f"<B>{w.dropoff} {cards.pct(src.dropoff_rate)}</B>", 15, "#b2182b"))
    return Html("<BR/>".join(parts)) if parts else None


def _transitions(journey: Journey, nm: MapNames, score: JourneyScore | None, w: Words) -> list[str]:
    order = {s.id: i for i, s in enumerate(journey.stages)}
    lines = []
    for i, stage in enumerate(journey.stages):
        sc = stage_score(score, stage.id)
        forward = [n for n in stage.next if order[n] > i]
        for target in stage.next:
            j = order[target]
            a: dict[str, object] = {}
            if j != i:
                a.update(ltail=f"cluster_s{i}", lhead=f"cluster_s{j}")
            if j <= i:
                a.update(t.LOOP_EDGE_ATTRS)
            if j > i + 1:
                a["minlen"] = "1"
            a["label"] = _edge_label(sc, target, bool(forward) and target == forward[0], w)
            lines.append(f"{nm.anchors[i]} -> {nm.anchors[j]} {attrs(a)};")
    return lines


def map_dot(
    journey: Journey,
    score: JourneyScore | None = None,
    emoji: bool = True,
    words: Words | None = None,
) -> str:
    """The map as DOT source (without the emotion curve, which is added after layout)."""
    w = words or words_for(journey)
    nm = names(journey)
    graph = dict(t.GRAPH_ATTRS, label=cards.title_block(journey, score, w))
    lines = [
        "digraph cjm_map {",
        f"graph {attrs(graph)};",
        f"node {attrs(t.NODE_ATTRS)};",
        f"edge {attrs(t.EDGE_ATTRS)};",
        stmt("legend", {"label": cards.legend(score is not None, emoji, w)}),
    ]
    for i, stage in enumerate(journey.stages):
        sc = stage_score(score, stage.id)
        lines.extend(_cluster(i, stage, nm.touchpoints[i], nm.anchors[i], sc, emoji, w))
    lines.append(f"legend -> {nm.anchors[0]} [style=invis];")
    lines.extend(_transitions(journey, nm, score, w))
    lines.append("}")
    return "\n".join(lines) + "\n"
