"""A touchpoint without an owner: nobody is accountable for what the customer meets there.

Every touchpoint the company controls needs a team that answers for it, or its friction
never gets fixed. Channels the company does not run (word of mouth, by default) are exempt.

Passes:

```yaml
cjm: 1
journey: {id: demo, title: Demo}
stages:
  - id: visit
    title: Visit the site
    touchpoints:
      - {id: landing, title: Landing page, channel: web, owner: web-team, emotion: neutral}
      - {id: friend, title: A friend's advice, channel: word of mouth, emotion: happy}
```

Fails:

```yaml
cjm: 1
journey: {id: demo, title: Demo}
stages:
  - id: visit
    title: Visit the site
    touchpoints:
      - {id: landing, title: Landing page, channel: web, emotion: neutral}  # <- no owner
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cjm.problems import WARNING
from cjm.rules.base import Hit, Option, RuleInput

ID = "touchpoint-owner"
SEVERITY = WARNING
OPTIONS = {
    "except_channels": Option(
        ["word of mouth"], "channels the company does not run, so nobody can own them"
    ),
}


def check(j: RuleInput, opts: Mapping[str, Any]) -> Iterator[Hit]:
    exempt = {c.casefold() for c in opts["except_channels"]}
    for tp in j.journey.touchpoints:
        if not tp.owner and tp.channel.casefold() not in exempt:
            yield Hit(
                tp.pos,
                f"touchpoint {tp.id!r} ({tp.channel}) has no owner; add `owner:` with the team "
                "responsible for it",
                f"touchpoint={tp.id}",
            )
