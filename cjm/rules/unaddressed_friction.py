"""A high-severity friction without any opportunity: a known pain nobody plans to fix.

A friction item at or above `min_severity` (4 = high) on a touchpoint that lists no
`opportunities` is flagged. With `scope: stage` an opportunity anywhere in the same stage
counts as addressing it.

Passes:

```yaml
cjm: 1
journey: {id: demo, title: Demo}
stages:
  - id: pay
    title: Order and pay
    touchpoints:
      - id: form
        title: Checkout form
        channel: web
        owner: web-team
        emotion: unhappy
        friction:
          - {issue: Forced registration, severity: high}
        opportunities:
          - {idea: Guest checkout, effort: medium}
```

Fails:

```yaml
cjm: 1
journey: {id: demo, title: Demo}
stages:
  - id: pay
    title: Order and pay
    touchpoints:
      - id: form
        title: Checkout form
        channel: web
        owner: web-team
        emotion: unhappy
        friction:
          - {issue: Forced registration, severity: high}  # <- nothing planned
          - {issue: Small font, severity: low}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cjm.problems import WARNING
from cjm.rules.base import Hit, Option, RuleInput

ID = "unaddressed-friction"
SEVERITY = WARNING
OPTIONS = {
    "min_severity": Option(4, "severity (1..5) from which a friction item needs an opportunity"),
    "scope": Option(
        "touchpoint",
        "where an opportunity counts: touchpoint | stage",
        None,
        ("touchpoint", "stage"),
    ),
}


def check(j: RuleInput, opts: Mapping[str, Any]) -> Iterator[Hit]:
    for stage in j.journey.stages:
        stage_has = any(tp.opportunities for tp in stage.touchpoints)
        for tp in stage.touchpoints:
            addressed = stage_has if opts["scope"] == "stage" else bool(tp.opportunities)
            if addressed:
                continue
            for f in tp.friction:
                if f.severity >= opts["min_severity"]:
                    yield Hit(
                        f.pos,
                        f"severity-{f.severity} friction at touchpoint {tp.id!r} has no "
                        f"opportunity to address it: {f.issue}",
                        f"touchpoint={tp.id};friction={f.issue}",
                    )
