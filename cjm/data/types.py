"""What reading lifecycle data yields: per-stage counts, plain frozen data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cjm.problems import JourneyError, Problem


class DataError(JourneyError):
    """Lifecycle data that cannot be used; carries every problem found (file, row, column)."""


@dataclass(frozen=True)
class StageCounts:
    """What customers did at one stage (over all customers, or one segment)."""

    reached: int  # customers with at least one event here
    visits: int  # runs of consecutive events here (> reached when customers loop back)
    dropped: int  # customers whose journey ended here, at a stage that is not an end stage
    lost: int  # of them, those who had never reached an end stage
    converted: int  # customers who reached an end stage for the first time here
    starts: int  # customers whose journey started here
    flows: Mapping[str, int] = field(default_factory=dict)  # next stage → customers
    transitions: Mapping[str, int] = field(default_factory=dict)  # next stage → moves
    # moves made before the customer first reached an end stage: the conversion chain's data
    open_moves: Mapping[str, int] = field(default_factory=dict)
    median_to_next_s: float | None = None
    p90_to_next_s: float | None = None


@dataclass(frozen=True)
class LifecycleData:
    """Aggregated lifecycle data of one journey; ``kind`` is "events" or "funnel"."""

    source: str
    kind: str
    customers: int
    events: int  # rows read (events, or funnel rows)
    stages: Mapping[str, StageCounts]  # every stage of the journey, in journey order
    segments: Mapping[str, Mapping[str, StageCounts]] = field(default_factory=dict)
    unmapped: Mapping[str, int] = field(default_factory=dict)  # event name → events (top 100)
    unmapped_events: int = 0  # events whose name maps to no stage or touchpoint, all of them
    warnings: tuple[Problem, ...] = ()

    @property
    def converted(self) -> int:
        return sum(s.converted for s in self.stages.values())

    @property
    def conversion(self) -> float | None:
        return self.converted / self.customers if self.customers else None
