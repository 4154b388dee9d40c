"""A critical friction item: an obstacle severe enough to stop customers outright.

Severity 5 (`critical`) means the customer cannot go on without help: a bot with no way to
a person, a payment that fails, a form that loses what was typed. Such an item should not
sit in a journey unnoticed.

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
        emotion: unhappy
        friction:
          - {issue: First answer takes ten minutes, severity: high}
```

Fails:

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
        emotion: angry
        friction:
          - issue: Bot without an exit to a person  # <- critical
            severity: critical
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cjm.journey.format import SEVERITIES
from cjm.problems import ERROR
from cjm.rules.base import Hit, Option, RuleInput

ID = "critical-friction"
SEVERITY = ERROR
OPTIONS = {
    "min_severity": Option(5, "severity (1..5) from which a friction item is critical"),
}

_WORDS = {v: k for k, v in SEVERITIES.items()}


def check(j: RuleInput, opts: Mapping[str, Any]) -> Iterator[Hit]:
    for stage in j.journey.stages:
        for tp in stage.touchpoints:
            for f in tp.friction:
                if f.severity >= opts["min_severity"]:
                    word = _WORDS.get(f.severity, str(f.severity))
                    yield Hit(
                        f.pos,
                        f"{word} friction at touchpoint {tp.id!r}: {f.issue} (fix it and update "
                        f"the map, or suppress it: # cjm: disable={ID} REASON)",
                        f"touchpoint={tp.id};friction={f.issue}",
                    )
