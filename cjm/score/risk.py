"""The risk formula: declared signals as a prior, observed drop-off as the evidence.

    friction  f = 1 - prod(1 - severity/10)           over the stage's friction items
    emotion   e = (dip(min) + dip(mean)) / 2,  dip(x) = max(0, -x) / 2   (emotions -2..2)
    gaps      g = 1 - exp(-sum(gap))                  relative shortfalls of missed targets
    declared  d = 1 - (1 - W_F f)(1 - W_E e)(1 - W_G g)
    observed  o = dropped / reached
    weight    w = reached / (reached + n0)            n0: prior strength, in customers
    risk        = w o + (1 - w) d  =  (dropped + n0 d) / (reached + n0)

The last line is the mean of a Beta posterior whose prior has mean ``d`` and is worth ``n0``
customers: with many customers the observed drop-off dominates, with few the declarations
do, and without data the risk is ``d``. Every step is non-decreasing in friction severity and
count, in emotion dips, in metric gaps and in observed drop-off, so the risk is monotone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cjm.graph import StageSummary

W_FRICTION = 0.6
W_EMOTION = 0.5
W_GAPS = 0.4
DEFAULT_PRIOR_STRENGTH = 30.0
DEFAULT_MIN_SAMPLE = 30


@dataclass(frozen=True)
class Declared:
    friction: float
    emotion: float
    metric_gaps: float

    @property
    def score(self) -> float:
        keep = (
            (1 - W_FRICTION * self.friction)
            * (1 - W_EMOTION * self.emotion)
            * (1 - W_GAPS * self.metric_gaps)
        )
        return 1 - keep


def friction_signal(severities: list[int] | tuple[int, ...]) -> float:
    keep = 1.0
    for sev in severities:
        keep *= 1 - min(max(sev, 0), 5) / 10
    return 1 - keep


def emotion_signal(emotion_min: float | None, emotion_mean: float | None) -> float:
    if emotion_min is None or emotion_mean is None:
        return 0.0
    return (max(0.0, -emotion_min) / 2 + max(0.0, -emotion_mean) / 2) / 2


def gap_signal(gaps: list[float] | tuple[float, ...]) -> float:
    return 1 - math.exp(-sum(max(0.0, g) for g in gaps))


def declared_signals(summary: StageSummary, severities: tuple[int, ...]) -> Declared:
    return Declared(
        friction=friction_signal(severities),
        emotion=emotion_signal(summary.emotion_min, summary.emotion_mean),
        metric_gaps=gap_signal([g.gap for g in summary.missed_targets]),
    )


def fuse(
    declared: float,
    reached: int | None,
    dropped: int | None,
    prior_strength: float = DEFAULT_PRIOR_STRENGTH,
) -> tuple[float, float, float | None]:
    """(risk, data weight, observed rate); without data the risk is the declared score."""
    if not reached or dropped is None:
        return declared, 0.0, None
    observed = dropped / reached
    weight = reached / (reached + prior_strength)
    return weight * observed + (1 - weight) * declared, weight, observed
