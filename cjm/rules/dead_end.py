"""A dead-end stage: customers get there and the map gives them nowhere to go.

The loader already rejects stages that cannot be reached and loops the journey can never
leave (those arrive as `schema` errors). This rule adds what the graph alone allows but a
service designer would call a dead end:

- a stage with no touchpoints: customers are routed through it with nothing to act on;
- a stage met before the goal (a stage whose phase is in `goal_phases`, purchase by
  default) from which no goal stage can be reached any more, unless it is marked
  `end: true`, which says that leaving there is an intended exit (e.g. "abandon").
  Journeys without a goal-phase stage get only the first check.

Passes:

```yaml
cjm: 1
journey: {id: demo, title: Demo}
stages:
  - id: visit
    title: Visit the site
    phase: interest
    next: [pay, abandon]
    touchpoints:
      - {id: landing, title: Landing page, channel: web, owner: web-team, emotion: neutral}
  - id: abandon
    title: Leave without buying
    end: true
    next: []
    touchpoints:
      - {id: exit-survey, title: Exit survey, channel: web, owner: cx, emotion: neutral}
  - id: pay
    title: Order and pay
    phase: purchase
    touchpoints:
      - {id: checkout, title: Checkout, channel: web, owner: web-team, emotion: happy}
```

Fails:

```yaml
cjm: 1
journey: {id: demo, title: Demo}
stages:
  - id: visit
    title: Visit the site
    phase: interest
    next: [pay, faq]
    touchpoints:
      - {id: landing, title: Landing page, channel: web, owner: web-team, emotion: neutral}
  - id: faq  # <- leads nowhere but out
    title: Read the FAQ
    phase: evaluation
    next: []
    touchpoints:
      - {id: faq-page, title: FAQ page, channel: web, owner: web-team, emotion: neutral}
  - id: pay  # <- no touchpoints
    title: Order and pay
    phase: purchase
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cjm.journey.format import PHASES
from cjm.problems import WARNING
from cjm.rules.base import Hit, Option, RuleInput, stage_key

ID = "dead-end"
SEVERITY = WARNING
OPTIONS = {
    "goal_phases": Option(["purchase"], "phases that count as the journey's goal", None, PHASES),
}


def check(j: RuleInput, opts: Mapping[str, Any]) -> Iterator[Hit]:
    for stage in j.journey.stages:
        if not stage.touchpoints:
            yield Hit(
                stage.pos,
                f"stage {stage.id!r} has no touchpoints: customers pass through it with "
                "nothing to act on; add what they meet there",
                stage_key(stage) + ";empty",
            )
    goals = [s.id for s in j.journey.stages if s.phase in opts["goal_phases"]]
    if not goals:
        return
    after_goal = j.reach(goals)
    for stage in j.journey.stages:
        if stage.id in after_goal or stage.end or j.reach([stage.id]) & set(goals):
            continue
        yield Hit(
            stage.pos,
            f"stage {stage.id!r} is a dead end: from it customers can never reach "
            f"{' or '.join(repr(g) for g in goals)}; lead it on with `next:`, or mark it "
            "`end: true` if leaving here is intended",
            stage_key(stage) + ";dead-end",
        )
