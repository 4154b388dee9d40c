"""The typed journey model: frozen dataclasses that remember where they came from.

Every object carries ``pos`` (where it starts in the file) and ``positions`` (where each of
its fields' values start), so any later stage of the pipeline (rules, scores, renderers) can
point a user at the exact line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Pos:
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class MetricValue:
    """A measured value, normalised: ratios as 0..1, durations in seconds."""

    key: str
    value: float
    raw: str
    unit: str  # "ratio" | "seconds" | "number"
    pos: Pos = field(default_factory=Pos)


@dataclass(frozen=True)
class Target:
    """What a metric should be: at least ``bound`` (direction "min") or at most ("max")."""

    key: str
    bound: float | None  # None: "lower/higher is better" with no stated figure
    direction: str  # "min" | "max"
    unit: str
    pos: Pos | None = None  # None for a built-in default


@dataclass(frozen=True)
class Friction:
    issue: str
    severity: int  # 1..5
    category: str | None = None
    pos: Pos = field(default_factory=Pos)
    positions: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Opportunity:
    idea: str
    effort: str | None = None  # low | medium | high
    impact: float | None = None  # expected relative cut of the stage's drop-off, 0..1
    owner: str | None = None
    pos: Pos = field(default_factory=Pos)
    positions: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Touchpoint:
    id: str
    title: str
    channel: str
    emotion: int  # -2..2
    owner: str | None = None
    thoughts: str | None = None
    friction: tuple[Friction, ...] = ()
    opportunities: tuple[Opportunity, ...] = ()
    metrics: tuple[MetricValue, ...] = ()
    backstage: tuple[str, ...] = ()
    pos: Pos = field(default_factory=Pos)
    positions: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    phase: str | None = None
    goal: str | None = None
    description: str | None = None
    next: tuple[str, ...] = ()  # resolved: the default "following stage" is filled in
    end: bool = False  # explicitly marked as a place where the journey may end
    touchpoints: tuple[Touchpoint, ...] = ()
    metrics: tuple[MetricValue, ...] = ()
    pos: Pos = field(default_factory=Pos)
    positions: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_end(self) -> bool:
        """A journey may finish here: marked ``end: true`` or leading nowhere."""
        return self.end or not self.next


@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    description: str | None = None
    type: str | None = None
    pos: Pos = field(default_factory=Pos)
    positions: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class DataColumns:
    customer_id: str = "customer_id"
    stage: str = "stage"
    timestamp: str = "timestamp"
    segment: str = "segment"

    def clash(self) -> str | None:
        """A message when one column is named for two roles (the aggregation would be nonsense)."""
        roles = {"customer_id": self.customer_id, "stage": self.stage, "timestamp": self.timestamp}
        if self.segment != "segment":  # the default is optional; only a chosen name can clash
            roles["segment"] = self.segment
        seen: dict[str, str] = {}
        for role, name in roles.items():
            if name in seen:
                return (
                    f"column {name!r} is named for both {seen[name]} and {role}; "
                    "each role needs a column of its own"
                )
            seen[name] = role
        return None


@dataclass(frozen=True)
class DataSpec:
    """Where a journey's lifecycle data lives; paths are absolute (resolved against the file)."""

    events: str | None = None
    funnel: str | None = None
    columns: DataColumns = field(default_factory=DataColumns)
    steps: Mapping[str, str] = field(default_factory=dict, compare=False)
    pos: Pos = field(default_factory=Pos)
    positions: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Journey:
    id: str
    title: str
    stages: tuple[Stage, ...]
    description: str | None = None
    owner: str | None = None
    persona: str | None = None
    personas: tuple[Persona, ...] = ()
    thresholds: Mapping[str, float] = field(default_factory=dict, compare=False)
    targets: Mapping[str, Target] = field(default_factory=dict, compare=False)  # defaults merged in
    data: DataSpec | None = None
    path: str = "<journey>"
    pos: Pos = field(default_factory=Pos)
    positions: Mapping[str, Pos] = field(default_factory=dict, compare=False, repr=False)

    def stage(self, stage_id: str) -> Stage:
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise KeyError(stage_id)

    @property
    def touchpoints(self) -> tuple[Touchpoint, ...]:
        return tuple(tp for s in self.stages for tp in s.touchpoints)

    def stage_of(self, node_id: str) -> Stage:
        """The stage with this id, or the stage holding the touchpoint with this id."""
        for s in self.stages:
            if s.id == node_id or any(tp.id == node_id for tp in s.touchpoints):
                return s
        raise KeyError(node_id)

    @property
    def persona_obj(self) -> Persona | None:
        return next((p for p in self.personas if p.id == self.persona), None)
