"""Drop-off risk of every stage, from lifecycle data and the journey's declarations."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjm.data.types import LifecycleData
    from cjm.journey.model import Journey
    from cjm.score.result import JourneyScore, WhatIf

__all__ = ["score_journey", "what_if"]


def score_journey(journey: Journey, data: LifecycleData | None = None) -> JourneyScore:
    """Risk per stage with its components; counts, conversion and opportunities with data."""
    from cjm.score.scoring import score_journey as _score

    return _score(journey, data)


def what_if(
    journey: Journey, data: LifecycleData, stage: str, change: float, relative: bool = True
) -> WhatIf:
    """Baseline and projected conversion when one stage's drop-off changes."""
    from cjm.score.scoring import what_if as _what_if

    return _what_if(journey, data, stage, change, relative)
