"""Scoring a journey: risk per stage, the Markov chain, what-ifs and ranked opportunities."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from cjm.data.types import LifecycleData, StageCounts
from cjm.graph import StageSummary, summarize
from cjm.journey.model import Journey, Stage
from cjm.score.beta import credible_interval
from cjm.score.markov import Chain, ChainResult, chain_from_data, change_dropoff, solve
from cjm.score.result import (
    JourneyScore,
    OpportunityScore,
    SegmentSummary,
    StageScore,
    WhatIf,
)
from cjm.score.risk import (
    DEFAULT_MIN_SAMPLE,
    DEFAULT_PRIOR_STRENGTH,
    Declared,
    declared_signals,
    fuse,
)

DEFAULT_IMPACT = 0.10  # assumed relative cut of drop-off for an opportunity that states none


def _severities(stage: Stage) -> tuple[int, ...]:
    return tuple(f.severity for tp in stage.touchpoints for f in tp.friction)


def _settings(journey: Journey) -> tuple[int, float]:
    t = journey.thresholds
    min_sample = int(t.get("min_sample", DEFAULT_MIN_SAMPLE))
    return min_sample, float(t.get("prior_strength", DEFAULT_PRIOR_STRENGTH))


def _r(x: float | None, digits: int = 6) -> float | None:
    return None if x is None else round(x, digits)


def score_stage(
    stage: Stage,
    summary: StageSummary,
    counts: StageCounts | None,
    min_sample: int = DEFAULT_MIN_SAMPLE,
    prior_strength: float = DEFAULT_PRIOR_STRENGTH,
) -> StageScore:
    declared: Declared = declared_signals(summary, _severities(stage))
    d = declared.score
    components = {
        "friction": _r(declared.friction),
        "emotion": _r(declared.emotion),
        "metric_gaps": _r(declared.metric_gaps),
        "declared": _r(d),
    }
    if counts is None:
        components["data_weight"] = 0.0
        return StageScore(stage.id, round(d, 6), components, basis="declared")
    risk, weight, observed = fuse(d, counts.reached, counts.dropped, prior_strength)
    components["observed"] = _r(observed)
    components["data_weight"] = _r(weight)
    interval = None
    if counts.reached:
        lo, hi = credible_interval(counts.dropped, counts.reached)
        interval = (round(lo, 6), round(hi, 6))
    return StageScore(
        stage=stage.id,
        risk=round(risk, 6),
        components=components,
        reached=counts.reached,
        dropped=counts.dropped,
        dropoff_rate=_r(observed),
        dropoff_interval=interval,
        low_sample=counts.reached < min_sample,
        flows=dict(counts.flows),
        median_to_next_s=_r(counts.median_to_next_s, 3),
        p90_to_next_s=_r(counts.p90_to_next_s, 3),
        basis="data+declared",
        visits=counts.visits,
    )


def score_journey(journey: Journey, data: LifecycleData | None = None) -> JourneyScore:
    """Every stage's risk with its components; with data also counts, the chain, opportunities.

    Without data the risk rests on the declared signals only (``basis="declared"``).
    """
    min_sample, strength = _settings(journey)
    summaries = summarize(journey)
    if data is None:
        stages = tuple(score_stage(s, summaries[s.id], None) for s in journey.stages)
        return JourneyScore(
            journey.id, stages, opportunities=rank_opportunities(journey, stages, None)
        )
    chain = chain_from_data(journey, data)
    solved = solve(chain) if data.customers else None
    by_segment = {seg: _segment_data(data, counts) for seg, counts in data.segments.items()}
    seg_solved = {
        seg: solve(chain_from_data(journey, d)) if d.customers else None
        for seg, d in by_segment.items()
    }
    scored = []
    for s in journey.stages:
        base = score_stage(s, summaries[s.id], data.stages[s.id], min_sample, strength)
        segments = {
            seg: _chain_figures(
                score_stage(s, summaries[s.id], d.stages[s.id], min_sample, strength),
                seg_solved[seg],
            )
            for seg, d in by_segment.items()
        }
        scored.append(_with(_chain_figures(base, solved), segments=segments))
    stages = tuple(scored)
    return JourneyScore(
        journey=journey.id,
        stages=stages,
        conversion=_r(data.conversion),
        customers=data.customers,
        data_source=data.source,
        converted=data.converted,
        unmapped_events=data.unmapped_events,
        opportunities=rank_opportunities(journey, stages, chain),
        warnings=tuple(w.format() for w in data.warnings),
        segments={
            seg: SegmentSummary(d.customers, d.converted, _r(d.conversion))
            for seg, d in by_segment.items()
        },
    )


def _segment_data(data: LifecycleData, counts: Mapping[str, StageCounts]) -> LifecycleData:
    customers = sum(c.starts for c in counts.values())
    return replace(data, stages=counts, segments={}, customers=customers)


def _chain_figures(score: StageScore, solved: ChainResult | None) -> StageScore:
    if solved is None:
        return score
    return _with(
        score,
        p_convert=_r(solved.p_convert[score.stage]),
        expected_lost=_r(solved.lost[score.stage], 3),
    )


def _with(score: StageScore, **changes: Any) -> StageScore:
    return replace(score, **changes)


def what_if(
    journey: Journey, data: LifecycleData, stage: str, change: float, relative: bool
) -> WhatIf:
    """Baseline and projected conversion when ``stage``'s drop-off changes by ``change``
    (a ratio of itself when ``relative``, else an absolute amount)."""
    journey.stage(stage)  # KeyError for an unknown stage
    chain = chain_from_data(journey, data)
    return _what_if(journey, chain, stage, change, relative)


def _what_if(journey: Journey, chain: Chain, stage: str, change: float, relative: bool) -> WhatIf:
    base = solve(chain)
    changed = change_dropoff(chain, journey, stage, change, relative)
    projected = solve(changed)
    return WhatIf(
        journey=journey.id,
        stage=stage,
        change=change,
        relative=relative,
        customers=chain.customers,
        baseline_conversion=round(base.conversion, 6),
        projected_conversion=round(projected.conversion, 6),
        customers_saved=round((projected.conversion - base.conversion) * chain.customers, 3),
        baseline_dropoff=round(chain.rates[stage].lost, 6),
        projected_dropoff=round(changed.rates[stage].lost, 6),
    )


def rank_opportunities(
    journey: Journey, stages: tuple[StageScore, ...], chain: Chain | None
) -> tuple[OpportunityScore, ...]:
    """Opportunities by the customers they could save (by risk × impact without data)."""
    risk = {s.stage: s.risk for s in stages}
    out = []
    for s in journey.stages:
        for tp in s.touchpoints:
            for o in tp.opportunities:
                impact = o.impact if o.impact is not None else DEFAULT_IMPACT
                saved = gain = None
                if chain is not None and chain.customers:
                    w = _what_if(journey, chain, s.id, -impact, relative=True)
                    saved = w.customers_saved
                    gain = round(w.projected_conversion - w.baseline_conversion, 6)
                out.append(
                    OpportunityScore(
                        stage=s.id,
                        touchpoint=tp.id,
                        idea=o.idea,
                        impact=impact,
                        impact_assumed=o.impact is None,
                        customers_saved=saved,
                        conversion_gain=gain,
                        effort=o.effort,
                    )
                )

    def key(o: OpportunityScore) -> tuple:
        value = o.customers_saved if o.customers_saved is not None else risk[o.stage] * o.impact
        return (-value, o.impact_assumed)

    return tuple(sorted(out, key=key))
