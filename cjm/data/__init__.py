"""Lifecycle data: funnels and event logs read and aggregated per stage.

``read_lifecycle`` is the entry point; the aggregation of event logs is ``aggregate.sql``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from cjm.data.types import DataError, LifecycleData, StageCounts
from cjm.journey.model import DataColumns, Journey
from cjm.problems import Problem

__all__ = [
    "DEFAULT_MEMORY_LIMIT",
    "DataError",
    "LifecycleData",
    "StageCounts",
    "data_kind",
    "read_lifecycle",
]

# What DuckDB may hold in memory before spilling to disk: keeps cjm under 1 GB peak RSS on
# logs of 10 M events (benchmarks/bench_score.py).
DEFAULT_MEMORY_LIMIT = "768MB"


def read_lifecycle(
    journey: Journey,
    events: str | None = None,
    funnel: str | None = None,
    *,
    data: str | None = None,
    columns: DataColumns | None = None,
    steps: Mapping[str, str] | None = None,
    period: str | None = None,
    memory_limit: str | None = DEFAULT_MEMORY_LIMIT,
    threads: int | None = None,
    progress: Callable[[float], None] | None = None,
) -> LifecycleData:
    """Read an event log (preferred) or a funnel CSV; both default to the journey's ``data:``.

    Raises ``DataError`` (with every problem: file, row, column) when the data is unusable;
    problems that lose nothing are returned as ``LifecycleData.warnings``. ``data`` is one
    file of either kind, told apart by its header (a funnel CSV has a customers column and no
    customer id).
    """
    from cjm.data.events import read_events
    from cjm.data.funnel import read_funnel
    from cjm.data.steps import unknown_targets

    if data is not None:
        cols = columns or (journey.data.columns if journey.data else DataColumns())
        if data_kind(data, cols) == "funnel":
            funnel = data
        else:
            events = data

    if events is None and funnel is None and journey.data is not None:
        events, funnel = journey.data.events, journey.data.funnel
        _check_declared_files(journey)
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


def data_kind(path: str, columns: DataColumns) -> str:
    """``funnel`` for a CSV of counts (a customers column, no customer id), else ``events``."""
    from cjm.data.formats import detect_format
    from cjm.data.funnel import is_funnel_header, read_header

    if not Path(path).is_file():
        raise DataError([Problem(str(path), 1, 1, "no such file")])
    is_csv = Path(path).stat().st_size > 0 and detect_format(path) == "csv"
    return "funnel" if is_csv and is_funnel_header(read_header(path), columns) else "events"


def _check_declared_files(journey: Journey) -> None:
    """A file the journey's ``data:`` block names but that is missing, at that line."""
    spec = journey.data
    assert spec is not None
    problems = [
        Problem(
            journey.path,
            spec.positions[key].line,
            spec.positions[key].column,
            f"data: {key}: no such file {path}; fix the path (relative to the journey), "
            "or pass --data FILE or --no-data",
        )
        for key, path in (("events", spec.events), ("funnel", spec.funnel))
        if path is not None and key in spec.positions and not Path(path).is_file()
    ]
    # the log is preferred: a missing funnel beside an existing log loses nothing
    if problems and not (spec.events and Path(spec.events).is_file()):
        raise DataError(problems)
