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
    visits: int | None = None  # runs of events here; > reached when customers loop back
    p_convert: float | None = None  # chance to reach an end stage from here (Markov chain)
    expected_lost: float | None = None  # customers the chain expects to lose here
    segments: Mapping[str, StageScore] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class OpportunityScore:
    """An opportunity from the journey, valued by the customers it could save at its stage."""

    stage: str
    touchpoint: str
    idea: str
    impact: float  # relative cut of the stage's drop-off
    impact_assumed: bool  # the journey gave no impact; DEFAULT_IMPACT was used
    customers_saved: float | None  # None without data
    conversion_gain: float | None
    effort: str | None = None


@dataclass(frozen=True)
class SegmentSummary:
    customers: int
    converted: int
    conversion: float | None


@dataclass(frozen=True)
class JourneyScore:
    journey: str
    stages: tuple[StageScore, ...]
    conversion: float | None = None  # share of customers who reached an end stage
    customers: int | None = None
    data_source: str | None = None
    converted: int | None = None
    unmapped_events: int | None = None
    opportunities: tuple[OpportunityScore, ...] = ()
    warnings: tuple[str, ...] = ()  # formatted data problems that lost nothing
    segments: Mapping[str, SegmentSummary] = field(default_factory=dict, compare=False)

    def stage(self, stage_id: str) -> StageScore:
        for s in self.stages:
            if s.stage == stage_id:
                return s
        raise KeyError(stage_id)


@dataclass(frozen=True)
class WhatIf:
    """One stage's drop-off changed, the chain solved again."""

    journey: str
    stage: str
    change: float
    relative: bool
    customers: int
    baseline_conversion: float
    projected_conversion: float
    customers_saved: float
    baseline_dropoff: float  # per visit, as the chain uses it
    projected_dropoff: float
