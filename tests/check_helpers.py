"""Shared helpers for the cjm check tests."""

from __future__ import annotations

import yaml

from cjm.score.result import JourneyScore, StageScore


def score_from_yaml(journey_id: str, text: str) -> JourneyScore:
    """A hand-built JourneyScore: stage → {reached, dropped, interval}."""
    stages = []
    for stage, v in yaml.safe_load(text).items():
        rate = v["dropped"] / v["reached"]
        stages.append(
            StageScore(
                stage=stage,
                risk=rate,
                reached=v["reached"],
                dropped=v["dropped"],
                dropoff_rate=rate,
                dropoff_interval=tuple(v["interval"]),
                low_sample=v["reached"] < 30,
                basis="data+declared",
            )
        )
    return JourneyScore(journey=journey_id, stages=tuple(stages), data_source="test")
