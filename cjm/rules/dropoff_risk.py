"""High drop-off risk, measured: the data shows a stage losing too many customers.

Needs lifecycle data (`cjm check --data FILE`). A stage is flagged only when the lower
bound of the 90 % credible interval of its drop-off rate is above `threshold`: with few
customers the interval is wide and the rule stays quiet rather than cry wolf. Stages where
the journey simply ends (no `next`) are not judged: finishing there is not dropping off.

Passes:

```yaml
cjm: 1
journey: {id: demo, title: Demo}
stages:
  - {id: visit, title: Visit the site}
  - {id: pay, title: Order and pay}
```

With these scores (6 of 10 visitors left, but the interval 0.35..0.80 reaches below 0.5):

```yaml score
visit: {reached: 10, dropped: 6, interval: [0.35, 0.80]}
```

Fails:

```yaml
cjm: 1
journey: {id: demo, title: Demo}
stages:
  - {id: visit, title: Visit the site}  # <- 700 of 1000 left
  - {id: pay, title: Order and pay}
```

With these scores:

```yaml score
visit: {reached: 1000, dropped: 700, interval: [0.676, 0.723]}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cjm.problems import ERROR
from cjm.rules.base import Hit, Option, RuleInput, stage_key

ID = "dropoff-risk"
SEVERITY = ERROR
NEEDS_DATA = True
OPTIONS = {
    "threshold": Option(
        0.5, "drop-off rate a stage's interval must lie wholly above to be flagged", "stage_risk"
    ),
}


def check(j: RuleInput, opts: Mapping[str, Any]) -> Iterator[Hit]:
    if j.score is None:
        return
    scored = {s.stage: s for s in j.score.stages}
    for stage in j.journey.stages:
        s = scored.get(stage.id)
        if s is None or not stage.next or s.dropoff_interval is None:
            continue
        lo, hi = s.dropoff_interval
        if lo > opts["threshold"]:
            counts = f"{s.dropped} of {s.reached} customers" if s.reached else "customers"
            yield Hit(
                stage.pos,
                f"stage {stage.id!r} loses {counts} (90% interval {lo:.0%}..{hi:.0%}), "
                f"surely above the {opts['threshold']:.0%} threshold; `cjm score` shows why "
                "and `cjm whatif` what a fix would save",
                stage_key(stage),
            )
