"""What scoring returns: plain frozen data that reports, rules and renderers read.

This is the contract between ``cjm.score`` and its readers (``cjm.rules``, ``cjm.render``,
``cjm.report``); add fields, do not rename them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class StageScore:
    stage: str
    risk: float  # 0..1
    components: Mapping[str, float] = field(default_factory=dict, compare=False)
    reached: int | None = None  # None: no data
    dropped: int | None = None
    dropoff_rate: float | None = None
    dropoff_interval: tuple[float, float] | None = None  # 90 % credible interval
    low_sample: bool = False
    flows: Mapping[str, int] = field(default_factory=dict, compare=False)  # next stage → customers
    median_to_next_s: float | None = None
    p90_to_next_s: float | None = None
    basis: str = "declared"  # "declared" | "data+declared"


@dataclass(frozen=True)
class JourneyScore:
    journey: str
    stages: tuple[StageScore, ...]
    conversion: float | None = None  # share of customers who reached an end stage
    customers: int | None = None
    data_source: str | None = None

    def stage(self, stage_id: str) -> StageScore:
        for s in self.stages:
            if s.stage == stage_id:
                return s
        raise KeyError(stage_id)
