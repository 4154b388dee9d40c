"""The journey as a networkx graph, with per-stage figures derived from the declarations.

Nodes are stages (``kind="stage"``) and touchpoints (``kind="touchpoint"``); edges are
``contains`` (stage → touchpoint), ``sequence`` (touchpoint → next touchpoint in the stage)
and ``transition`` (stage → stage, from ``next``; ``loop=True`` when it goes back).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from statistics import fmean
from typing import TYPE_CHECKING

from cjm.journey.model import Journey, MetricValue, Pos, Stage, Target

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class MetricGap:
    """A metric against its target; ``gap`` is the relative shortfall (0 when met)."""

    key: str
    value: float
    bound: float
    direction: str
    unit: str
    gap: float
    touchpoint: str | None
    pos: Pos

    @property
    def met(self) -> bool:
        return self.gap == 0


@dataclass(frozen=True)
class StageSummary:
    stage: str
    touchpoints: int
    emotion_mean: float | None
    emotion_min: int | None
    friction_count: int
    friction_sum: int
    friction_max: int
    metric_gaps: tuple[MetricGap, ...]

    @property
    def missed_targets(self) -> tuple[MetricGap, ...]:
        return tuple(g for g in self.metric_gaps if not g.met)


def metric_gap(metric: MetricValue, target: Target, touchpoint: str | None) -> MetricGap | None:
    """Compare one value with its target; ``None`` when the target states no figure."""
    if target.bound is None:
        return None
    scale = abs(target.bound) or 1.0
    if target.direction == "min":
        gap = max(0.0, (target.bound - metric.value) / scale)
    else:
        gap = max(0.0, (metric.value - target.bound) / scale)
    return MetricGap(
        metric.key,
        metric.value,
        target.bound,
        target.direction,
        target.unit,
        round(gap, 6),
        touchpoint,
        metric.pos,
    )


def summarize_stage(journey: Journey, stage: Stage) -> StageSummary:
    emotions = [tp.emotion for tp in stage.touchpoints]
    severities = [f.severity for tp in stage.touchpoints for f in tp.friction]
    measured = [(mv, None) for mv in stage.metrics] + [
        (mv, tp.id) for tp in stage.touchpoints for mv in tp.metrics
    ]
    gaps = []
    for mv, owner in measured:
        target = journey.targets.get(mv.key)
        gap = metric_gap(mv, target, owner) if target else None
        if gap is not None:
            gaps.append(gap)
    return StageSummary(
        stage=stage.id,
        touchpoints=len(stage.touchpoints),
        emotion_mean=round(fmean(emotions), 4) if emotions else None,
        emotion_min=min(emotions) if emotions else None,
        friction_count=len(severities),
        friction_sum=sum(severities),
        friction_max=max(severities, default=0),
        metric_gaps=tuple(gaps),
    )


def summarize(journey: Journey) -> dict[str, StageSummary]:
    """Derived figures for every stage, in journey order."""
    return {s.id: summarize_stage(journey, s) for s in journey.stages}


def build_graph(journey: Journey) -> nx.DiGraph:
    """The journey as a DiGraph; graph attributes hold the journey id, title and first stage."""
    import networkx as nx  # ~0.1 s: only the commands that walk the graph pay for it

    g = nx.DiGraph(journey=journey.id, title=journey.title, first=journey.stages[0].id)
    order = {s.id: i for i, s in enumerate(journey.stages)}
    summaries = summarize(journey)
    for s in journey.stages:
        derived = asdict(summaries[s.id])
        derived.pop("stage")
        g.add_node(
            s.id,
            kind="stage",
            order=order[s.id],
            title=s.title,
            phase=s.phase,
            goal=s.goal,
            end=s.is_end,
            pos=s.pos,
            **derived,
        )
        previous = None
        for i, tp in enumerate(s.touchpoints):
            g.add_node(
                tp.id,
                kind="touchpoint",
                stage=s.id,
                order=i,
                title=tp.title,
                channel=tp.channel,
                emotion=tp.emotion,
                owner=tp.owner,
                friction_max=max((f.severity for f in tp.friction), default=0),
                friction_count=len(tp.friction),
                pos=tp.pos,
            )
            g.add_edge(s.id, tp.id, kind="contains")
            if previous is not None:
                g.add_edge(previous, tp.id, kind="sequence")
            previous = tp.id
    for s in journey.stages:
        for target in s.next:
            g.add_edge(s.id, target, kind="transition", loop=order[target] <= order[s.id])
    return g


def stage_graph(g: nx.DiGraph) -> nx.DiGraph:
    """Only the stages and the transitions between them."""
    stages = [n for n, d in g.nodes(data=True) if d["kind"] == "stage"]
    sub = g.subgraph(stages).copy()
    sub.remove_edges_from([(u, v) for u, v, d in sub.edges(data=True) if d["kind"] != "transition"])
    return sub
