"""Which stage each of the data's event names counts for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cjm.journey.model import Journey


@dataclass(frozen=True)
class Step:
    event: str
    stage: str
    stage_order: int
    is_end: bool


def step_table(journey: Journey, steps: Mapping[str, str] | None = None) -> tuple[Step, ...]:
    """Stage and touchpoint ids map to their stage; ``steps`` (event name → id) add to them.

    ``steps`` override the journey's own ``data.steps``; ids are checked by the caller.
    """
    order = {s.id: i for i, s in enumerate(journey.stages)}
    table: dict[str, str] = {}
    for s in journey.stages:
        table[s.id] = s.id
        for tp in s.touchpoints:
            table[tp.id] = s.id
    declared = dict(journey.data.steps) if journey.data else {}
    declared.update(steps or {})
    for event, target in declared.items():
        table[event] = journey.stage_of(target).id
    return tuple(
        Step(event, stage, order[stage], journey.stage(stage).is_end)
        for event, stage in table.items()
    )


def unknown_targets(journey: Journey, steps: Mapping[str, str]) -> list[str]:
    """The targets in ``steps`` that name no stage or touchpoint."""
    ids = {s.id for s in journey.stages} | {tp.id for tp in journey.touchpoints}
    return [t for t in steps.values() if t not in ids]
