"""A metric below its target: a measured value misses what the journey aims for.

Targets default to the figures of the service-quality literature (CSAT ≥ 90 %, NPS ≥ 50,
first response < 5 min, resolution < 24 h, FCR ≥ 85 %, retention ≥ 70 %, complaints < 5 %)
and a journey's `targets:` overrides them. `min_gap` tolerates a relative shortfall
(0.1 = up to 10 % off the target passes).

Passes:

```yaml
cjm: 1
journey: {id: demo, title: Demo}
stages:
  - id: ask
    title: Ask a question
    touchpoints:
      - id: chat
        title: Online chat
        channel: chat
        owner: support
        emotion: happy
        metrics: {csat: 94%, first_response: 2m}
```

Fails:

```yaml
cjm: 1
journey: {id: demo, title: Demo}
targets:
  csat: 80%
stages:
  - id: ask
    title: Ask a question
    touchpoints:
      - id: chat
        title: Online chat
        channel: chat
        owner: support
        emotion: unhappy
        metrics:
          csat: 71%  # <- target 80% (the journey's own)
          first_response: 11m  # <- target 5 min (the default)
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cjm.problems import WARNING
from cjm.rules.base import Hit, Option, RuleInput, fmt_value

ID = "metric-target"
SEVERITY = WARNING
OPTIONS = {
    "min_gap": Option(0.0, "relative shortfall tolerated before a miss is reported", "metric_gap"),
}


def _how_far(gap: float, direction: str) -> str:
    # 57500 % off reads as noise; "576x the limit" says the same plainly.
    if direction == "max" and gap >= 1:
        return f"{gap + 1:.3g}x the limit"
    return f"{gap:.0%} off"


def check(j: RuleInput, opts: Mapping[str, Any]) -> Iterator[Hit]:
    for stage in j.journey.stages:
        for gap in j.summaries[stage.id].missed_targets:
            if gap.gap <= opts["min_gap"]:
                continue
            where = f"touchpoint {gap.touchpoint!r}" if gap.touchpoint else f"stage {stage.id!r}"
            bound = ("at least " if gap.direction == "min" else "at most ") + fmt_value(
                gap.bound, gap.unit
            )
            yield Hit(
                gap.pos,
                f"{gap.key} {fmt_value(gap.value, gap.unit)} at {where} misses its target "
                f"({bound}; {_how_far(gap.gap, gap.direction)}); improve it, or agree another "
                f"target in the journey (targets: {{{gap.key}: ...}})",
                f"{'touchpoint=' + gap.touchpoint if gap.touchpoint else 'stage=' + stage.id}"
                f";metric={gap.key}",
            )
