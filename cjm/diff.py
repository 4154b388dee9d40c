"""What changed between two versions of a journey: stages and touchpoints added, removed
or changed, and per-stage friction, emotion (and, with data, risk) deltas.

Pure functions over the model; the CLI loads the two versions and a report renders this.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean
from typing import TYPE_CHECKING, Any

from cjm.journey.model import Journey, Stage, Touchpoint

if TYPE_CHECKING:
    from cjm.score.result import JourneyScore


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Change:
    kind: str  # "stage" | "touchpoint"
    id: str
    status: str  # "added" | "removed" | "changed"
    stage: str  # the stage it belongs to (itself for a stage)
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class StageDelta:
    stage: str
    friction_old: int | None  # None: the stage is not in that version
    friction_new: int | None
    emotion_old: float | None
    emotion_new: float | None
    risk_old: float | None = None
    risk_new: float | None = None

    @property
    def changed(self) -> bool:
        return (
            self.friction_old != self.friction_new
            or self.emotion_old != self.emotion_new
            or self.risk_old != self.risk_new
        )


@dataclass(frozen=True)
class JourneyDiff:
    journey: str
    old_label: str
    new_label: str
    changes: tuple[Change, ...]
    deltas: tuple[StageDelta, ...]

    @property
    def empty(self) -> bool:
        return not self.changes and not any(d.changed for d in self.deltas)


def _stage_fields(s: Stage) -> dict[str, Any]:
    return {
        "title": s.title,
        "phase": s.phase,
        "goal": s.goal,
        "next": list(s.next),
        "end": s.end,
        "touchpoints": [tp.id for tp in s.touchpoints],
        "metrics": {m.key: m.value for m in s.metrics},
    }


def _touchpoint_fields(tp: Touchpoint, stage: str) -> dict[str, Any]:
    return {
        "stage": stage,
        "title": tp.title,
        "channel": tp.channel,
        "emotion": tp.emotion,
        "owner": tp.owner,
        "friction": [f"{f.issue} ({f.severity})" for f in tp.friction],
        "opportunities": [o.idea for o in tp.opportunities],
        "metrics": {m.key: m.value for m in tp.metrics},
    }


def _compare(kind: str, old: dict, new: dict, stage_of: dict[str, str]) -> list[Change]:
    out = []
    for ident in new:
        if ident not in old:
            out.append(Change(kind, ident, "added", stage_of[ident]))
        else:
            fields = tuple(
                FieldChange(k, old[ident][k], v)
                for k, v in new[ident].items()
                if old[ident][k] != v
            )
            if fields:
                out.append(Change(kind, ident, "changed", stage_of[ident], fields))
    for ident in old:
        if ident not in new:
            out.append(Change(kind, ident, "removed", stage_of[ident]))
    return out


def _load(s: Stage | None) -> int | None:
    if s is None:
        return None
    return sum(f.severity for tp in s.touchpoints for f in tp.friction)


def _mood(s: Stage | None) -> float | None:
    if s is None or not s.touchpoints:
        return None
    return round(fmean(tp.emotion for tp in s.touchpoints), 4)


def _risk(score: JourneyScore | None, stage: str) -> float | None:
    if score is None:
        return None
    try:
        return round(score.stage(stage).risk, 4)
    except KeyError:
        return None


def diff_journeys(
    old: Journey | None,
    new: Journey,
    old_label: str = "old",
    new_label: str = "new",
    old_score: JourneyScore | None = None,
    new_score: JourneyScore | None = None,
) -> JourneyDiff:
    """Compare ``old`` (``None``: did not exist) with ``new``."""
    old_stages = {s.id: s for s in old.stages} if old else {}
    new_stages = {s.id: s for s in new.stages}
    stage_of = {sid: sid for sid in (*old_stages, *new_stages)}
    old_tps, new_tps = {}, {}
    for stages, tps in ((old_stages, old_tps), (new_stages, new_tps)):
        for s in stages.values():
            for tp in s.touchpoints:
                tps[tp.id] = _touchpoint_fields(tp, s.id)
                stage_of.setdefault(tp.id, s.id)
    for tid, fields in new_tps.items():
        stage_of[tid] = fields["stage"]
    changes = _compare(
        "stage",
        {k: _stage_fields(v) for k, v in old_stages.items()},
        {k: _stage_fields(v) for k, v in new_stages.items()},
        stage_of,
    ) + _compare("touchpoint", old_tps, new_tps, stage_of)
    order = list(new_stages) + [s for s in old_stages if s not in new_stages]
    deltas = tuple(
        StageDelta(
            sid,
            _load(old_stages.get(sid)),
            _load(new_stages.get(sid)),
            _mood(old_stages.get(sid)),
            _mood(new_stages.get(sid)),
            _risk(old_score, sid),
            _risk(new_score, sid),
        )
        for sid in order
    )
    return JourneyDiff(new.id, old_label, new_label, tuple(changes), deltas)
