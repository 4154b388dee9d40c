"""An emotional low point: a stage the customer feels bad in, or a sudden fall in mood.

Flags a stage whose mean touchpoint emotion is at or below `max_mean` (emotions run from
-2 angry to 2 delighted), and a touchpoint where the emotion falls by `max_fall` or more
from the touchpoint before it (in the same stage, or the last one of the stage before).
Low points are where customers remember the service, and where they leave.

Passes:

```yaml
cjm: 1
journey: {id: demo, title: Demo}
stages:
  - id: compare
    title: Compare and ask
    touchpoints:
      - {id: page, title: Product page, channel: web, owner: web-team, emotion: happy}
      - {id: chat, title: Online chat, channel: chat, owner: support, emotion: neutral}
```

Fails:

```yaml
cjm: 1
journey: {id: demo, title: Demo}
stages:
  - id: compare  # <- mean emotion -1
    title: Compare and ask
    touchpoints:
      - {id: page, title: Product page, channel: web, owner: web-team, emotion: neutral}
      - {id: chat, title: Online chat, channel: chat, owner: support, emotion: angry}  # <- fall
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import pairwise
from statistics import fmean
from typing import Any

from cjm.journey.model import Touchpoint
from cjm.problems import WARNING
from cjm.rules.base import Hit, Option, RuleInput, stage_key

ID = "emotional-low"
SEVERITY = WARNING
OPTIONS = {
    "max_mean": Option(
        -1, "a stage whose mean emotion is at or below this is a low point", "emotion_mean"
    ),
    "max_fall": Option(
        2, "a fall in emotion this large between touchpoints is flagged", "emotion_fall"
    ),
}


def _pairs(j: RuleInput) -> Iterator[tuple[Touchpoint, Touchpoint]]:
    """Consecutive touchpoints: within a stage, and into each forward next stage."""
    stages = {s.id: s for s in j.journey.stages}
    for stage in j.journey.stages:
        tps = stage.touchpoints
        yield from pairwise(tps)
        if not tps:
            continue
        for nxt in stage.next:
            target = stages[nxt]
            if target.touchpoints and j.order(target) > j.order(stage):
                yield tps[-1], target.touchpoints[0]


def check(j: RuleInput, opts: Mapping[str, Any]) -> Iterator[Hit]:
    for stage in j.journey.stages:
        if stage.touchpoints:
            mean = fmean(tp.emotion for tp in stage.touchpoints)
            if mean <= opts["max_mean"]:
                yield Hit(
                    stage.pos,
                    f"stage {stage.id!r} is an emotional low point: mean emotion {mean:+.2g} "
                    f"(limit {opts['max_mean']:+g}); ease its friction or add an opportunity",
                    stage_key(stage),
                )
    for before, after in _pairs(j):
        fall = before.emotion - after.emotion
        if fall >= opts["max_fall"]:
            yield Hit(
                after.pos,
                f"emotion falls by {fall} from {before.id!r} ({before.emotion:+d}) to "
                f"{after.id!r} ({after.emotion:+d}); smooth the hand-over between them",
                f"touchpoint={after.id};after={before.id}",
            )
