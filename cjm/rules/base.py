"""What a rule module reads and yields; the engine turns hits into ``Problem`` findings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from cjm.journey.model import Journey, Pos, Stage

if TYPE_CHECKING:
    from cjm.graph import StageSummary
    from cjm.score.result import JourneyScore


@dataclass(frozen=True)
class Option:
    """A rule option: its default, what it means, and the journey ``thresholds:`` key that
    overrides it for one journey (``None``: only the config can set it)."""

    default: Any
    doc: str
    threshold: str | None = None
    choices: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Hit:
    """One finding as a rule sees it. ``key`` names the object without line numbers
    (e.g. ``stage=evaluation``) so fingerprints survive edits elsewhere in the file."""

    pos: Pos
    message: str
    key: str


@dataclass
class RuleInput:
    journey: Journey
    score: JourneyScore | None = None

    @cached_property
    def summaries(self) -> dict[str, StageSummary]:
        from cjm.graph import summarize

        return summarize(self.journey)

    @cached_property
    def successors(self) -> dict[str, tuple[str, ...]]:
        return {s.id: s.next for s in self.journey.stages}

    def reach(self, start: list[str] | tuple[str, ...]) -> set[str]:
        """Stage ids reachable from ``start`` (included) along ``next``."""
        seen = set(start)
        todo = list(start)
        while todo:
            for nxt in self.successors.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    def order(self, stage: Stage) -> int:
        return self.journey.stages.index(stage)


def stage_key(stage: Stage) -> str:
    return f"stage={stage.id}"


def fmt_value(value: float, unit: str) -> str:
    """A metric value the way a service designer writes it."""
    if unit == "ratio":
        return f"{value * 100:.4g}%"
    if unit == "seconds":
        for size, suffix in ((172800, "d"), (3600, "h"), (60, "min")):
            if value >= size:
                return f"{value / (86400 if suffix == 'd' else size):.3g} {suffix}"
        return f"{value:.3g} s"
    return f"{value:.4g}"
