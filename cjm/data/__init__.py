"""Lifecycle data: funnels and event logs read and aggregated per stage.

``read_lifecycle`` is the entry point; the aggregation of event logs is ``aggregate.sql``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from cjm.data.types import DataError, LifecycleData, StageCounts
from cjm.journey.model import DataColumns, Journey
from cjm.problems import Problem

__all__ = ["DEFAULT_MEMORY_LIMIT", "DataError", "LifecycleData", "StageCounts", "read_lifecycle"]

# What DuckDB may hold in memory before spilling to disk: keeps cjm under 1 GB peak RSS on
# logs of 10 M events (benchmarks/bench_score.py).
DEFAULT_MEMORY_LIMIT = "768MB"


def read_lifecycle(
    journey: Journey,
    events: str | None = None,
    funnel: str | None = None,
    *,
    columns: DataColumns | None = None,
    steps: Mapping[str, str] | None = None,
    period: str | None = None,
    memory_limit: str | None = DEFAULT_MEMORY_LIMIT,
    threads: int | None = None,
    progress: Callable[[float], None] | None = None,
) -> LifecycleData:
    """Read an event log (preferred) or a funnel CSV; both default to the journey's ``data:``.

    Raises ``DataError`` (with every problem: file, row, column) when the data is unusable;
    problems that lose nothing are returned as ``LifecycleData.warnings``.
    """
    from cjm.data.events import read_events
    from cjm.data.funnel import read_funnel
    from cjm.data.steps import unknown_targets

    if events is None and funnel is None and journey.data is not None:
        events, funnel = journey.data.events, journey.data.funnel
    if events is None and funnel is None:
        raise DataError(
            [Problem(journey.path, 1, 1, "no lifecycle data: give --data FILE or a data: block")]
        )
    bad = unknown_targets(journey, steps or {})
    if bad:
        raise DataError(
            [Problem("--step", 1, 1, f"unknown stage or touchpoint {t!r}") for t in bad]
        )
    if events is not None:
        return read_events(
            journey,
            str(Path(events)),
            columns=columns,
            steps=steps,
            memory_limit=memory_limit,
            threads=threads,
            progress=progress,
        )
    return read_funnel(journey, str(funnel), columns=columns, steps=steps, period=period)
