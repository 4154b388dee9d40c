"""High stage friction: the friction load of a stage is over a threshold.

The load of a stage is the sum of the severities (1..5; low = 2, medium = 3, high = 4,
critical = 5) of every friction item on its touchpoints. Several medium obstacles in one
stage hurt as much as one critical one: customers give up where the effort piles up.

Passes:

```yaml
cjm: 1
journey: {id: demo, title: Demo}
stages:
  - id: checkout
    title: Order and pay
    touchpoints:
      - id: form
        title: Checkout form
        channel: web
        owner: web-team
        emotion: neutral
        friction:
          - {issue: Fourteen fields, severity: high}
          - {issue: Fee shown late, severity: medium}
```

Fails:

```yaml
cjm: 1
journey: {id: demo, title: Demo}
stages:
  - id: checkout  # <- load 4 + 4 + 3 = 11 is over 10
    title: Order and pay
    touchpoints:
      - id: form
        title: Checkout form
        channel: web
        owner: web-team
        emotion: neutral
        friction:
          - {issue: Forced registration, severity: high}
          - {issue: Fee shown late, severity: high}
          - {issue: Fourteen fields, severity: medium}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cjm.problems import WARNING
from cjm.rules.base import Hit, Option, RuleInput, stage_key

ID = "stage-friction"
SEVERITY = WARNING
OPTIONS = {
    "max_load": Option(
        10, "highest tolerated sum of friction severities in one stage", "stage_friction"
    ),
}


def check(j: RuleInput, opts: Mapping[str, Any]) -> Iterator[Hit]:
    for stage in j.journey.stages:
        items = [f for tp in stage.touchpoints for f in tp.friction]
        load = sum(f.severity for f in items)
        if load > opts["max_load"]:
            yield Hit(
                stage.pos,
                f"stage {stage.id!r} carries a friction load of {load} from {len(items)} "
                f"item(s), over the limit of {opts['max_load']:g}; remove the worst obstacles",
                stage_key(stage),
            )
