"""Event logs (CSV, Parquet, JSON Lines) aggregated per stage by DuckDB, straight from the file.

The aggregation itself is ``aggregate.sql``; this module only points it at a file (the
``lifecycle_source`` view and the ``lifecycle_steps`` table), turns its rows into
``LifecycleData`` and turns bad data into problems that name the file, row and column.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from cjm.data.diagnose import (
    SYNTAX,
    diagnose_rows,
    duplicate_examples,
    segment_examples,
    show,
)
from cjm.data.formats import detect_format, reader_sql, sql_ident
from cjm.data.steps import step_table
from cjm.data.types import DataError, LifecycleData, StageCounts
from cjm.journey.model import DataColumns, Journey
from cjm.problems import WARNING, Problem

AGGREGATION_SQL = files("cjm.data").joinpath("aggregate.sql").read_text(encoding="utf-8")

Progress = Callable[[float], None]
MAX_UNMAPPED = 100

_NUMERIC = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE", "DECIMAL")
_UNSIGNED = ("UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT")


# Epoch numbers are told apart by magnitude: 1e11 s is the year 5138 while 1e11 ms is 1973,
# so each unit takes over where the smaller one would mean a date after 5138. Beyond the
# last limit (and NaN, infinities) is no timestamp.
EPOCH_UNITS = ((1e11, 1.0), (1e14, 1e3), (1e17, 1e6), (1e20, 1e9))
# ISO 8601 basic format (20240501T123000Z) rewritten to the extended one DuckDB's cast reads
# (DuckDB's strptime over several formats carried one row's offset over to the next).
_BASIC_ISO = r"'^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)', '\1-\2-\3T\4:\5:\6'"


def epoch_sql(number: str) -> str:
    """Epoch seconds from an epoch number in seconds, milliseconds, microseconds or
    nanoseconds, told apart by magnitude (``EPOCH_UNITS``)."""
    # the repeated expression is computed once (DuckDB eliminates common subexpressions);
    # NaN compares above every number, so it falls through to NULL like the infinities
    scale = " ".join(
        f"WHEN abs({number}) < {limit:.0e} THEN {number} / {div:.0e}" for limit, div in EPOCH_UNITS
    )
    return f"CASE {scale} END"


def timestamp_sql(column: str, type_name: str) -> str | None:
    """Epoch seconds from a column of this type; NULL where a text value does not parse."""
    col = sql_ident(column)
    t = type_name.upper()
    if t.startswith(_NUMERIC) or t.startswith(_UNSIGNED):
        return epoch_sql(f"CAST({col} AS DOUBLE)")
    if t.startswith("TIMESTAMP") or t == "DATE":
        return f"CAST(epoch({col}) AS DOUBLE)"
    if t == "JSON":
        # JSON Lines mixing text and numbers: the value as text (unquoted) reads like CSV's
        col, t = f"({col} ->> '$')", "VARCHAR"
    if t == "VARCHAR":
        # COALESCE only evaluates a fallback on the rows still NULL: the common forms cost
        # nothing more
        return (
            f"COALESCE({epoch_sql(f'TRY_CAST({col} AS DOUBLE)')}, "
            f"CAST(epoch(TRY_CAST({col} AS TIMESTAMPTZ)) AS DOUBLE), "
            # lower-case t and z, and the basic format
            f"CAST(epoch(TRY_CAST(regexp_replace(upper({col}), {_BASIC_ISO}) AS TIMESTAMPTZ)) "
            "AS DOUBLE))"
        )
    return None


@contextmanager
def session(memory_limit: str | None = None, threads: int | None = None) -> Iterator[Any]:
    """A DuckDB connection that spills to its own temporary folder, removed afterwards
    (DuckDB's default is ``.tmp`` in the working directory)."""
    import duckdb

    spill = tempfile.mkdtemp(prefix="cjm-duckdb-")
    con = duckdb.connect()
    try:
        con.execute(f"SET temp_directory = '{spill}'")
        con.execute("SET TimeZone = 'UTC'")
        # Progress is tracked (for our own indicator) but DuckDB never prints it itself.
        con.execute("SET enable_progress_bar = true")
        con.execute("SET enable_progress_bar_print = false")
        # Row order is never needed and keeping it costs memory on large files.
        con.execute("SET preserve_insertion_order = false")
        if memory_limit:
            try:
                con.execute(f"SET memory_limit = '{memory_limit.replace(chr(39), '')}'")
            except duckdb.Error as err:
                raise ValueError(f"--memory-limit {memory_limit!r}: {_first_line(err)}") from None
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        yield con
    finally:
        con.close()
        shutil.rmtree(spill, ignore_errors=True)


def _first_line(err: BaseException) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def _problem(path: str, message: str, line: int = 1, column: int = 1, severity: str = "error"):
    return Problem(path, line, column, message, severity=severity, rule="data")


def describe(con: Any, path: str, fmt: str) -> dict[str, str]:
    """Column name → DuckDB type, from the reader's sniffing."""
    import duckdb

    try:
        rows = con.execute(f"DESCRIBE SELECT * FROM {reader_sql(path, fmt)}").fetchall()
    except duckdb.Error as err:
        raise DataError([_problem(path, f"cannot read it as {fmt}: {_first_line(err)}")]) from None
    return {r[0]: r[1] for r in rows}


def _source_sql(path: str, fmt: str, cols: DataColumns, types: dict[str, str]) -> str:
    names = list(types)
    wanted = {"customer_id": cols.customer_id, "stage": cols.stage, "timestamp": cols.timestamp}
    missing = [(role, name) for role, name in wanted.items() if name not in types]
    if missing:
        have = ", ".join(repr(n) for n in names)
        raise DataError(
            [
                _problem(
                    path,
                    f"column {name!r} ({role}) is missing; the file has {have}. Name the "
                    f"column with --column {role}=NAME or under data: columns: {role}: NAME",
                )
                for role, name in missing
            ]
        )
    ts = timestamp_sql(cols.timestamp, types[cols.timestamp])
    if ts is None:
        col = names.index(cols.timestamp) + 1
        raise DataError(
            [
                _problem(
                    path,
                    f"column {cols.timestamp!r} has type {types[cols.timestamp]}; "
                    "expected ISO 8601 timestamps or epoch numbers (s, ms, µs or ns)",
                    column=col,
                )
            ]
        )
    segment = (
        f"CAST({sql_ident(cols.segment)} AS VARCHAR)"
        if cols.segment in types
        else "CAST(NULL AS VARCHAR)"
    )
    return (
        f"SELECT {sql_ident(cols.customer_id)} AS customer_id, "
        f"CAST({sql_ident(cols.stage)} AS VARCHAR) AS event, {ts} AS ts, {segment} AS segment "
        f"FROM {reader_sql(path, fmt)}"
    )


def prepare(con: Any, journey: Journey, path: str, fmt: str, cols: DataColumns, steps) -> None:
    """Create ``lifecycle_source`` and ``lifecycle_steps`` on ``con`` for ``aggregate.sql``."""
    types = describe(con, path, fmt)
    con.execute(f"CREATE TEMP VIEW lifecycle_source AS {_source_sql(path, fmt, cols, types)}")
    con.execute(
        "CREATE TEMP TABLE lifecycle_steps"
        "(event VARCHAR, stage VARCHAR, stage_order INTEGER, is_end BOOLEAN, step_id INTEGER)"
    )
    # Step ids rise with the stage order (stable within a stage), so that ordering by
    # (ts, step_id) is ordering by (ts, stage, step_id) with one sort key less.
    ordered = sorted(step_table(journey, steps), key=lambda s: s.stage_order)
    con.executemany(
        "INSERT INTO lifecycle_steps VALUES (?, ?, ?, ?, ?)",
        [(s.event, s.stage, s.stage_order, s.is_end, i) for i, s in enumerate(ordered)],
    )


def _run(con: Any, sql: str, progress: Progress | None) -> list[tuple]:
    if progress is None:
        return con.execute(sql).fetchall()
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.25):
            share = con.query_progress()
            if share >= 0:
                progress(share / 100)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    try:
        return con.execute(sql).fetchall()
    finally:
        done.set()
        watcher.join()
        progress(1.0)


def read_events(
    journey: Journey,
    path: str,
    *,
    columns: DataColumns | None = None,
    steps: Mapping[str, str] | None = None,
    memory_limit: str | None = None,
    threads: int | None = None,
    progress: Progress | None = None,
) -> LifecycleData:
    import duckdb

    cols = columns or (journey.data.columns if journey.data else DataColumns())
    fmt = _check_file(path)
    with session(memory_limit, threads) as con:
        try:
            prepare(con, journey, path, fmt, cols, steps)
        except DataError as err:
            # A file DuckDB cannot even sniff (or sniffs wrongly, as one column when a row
            # is ragged): find the offending line ourselves.
            found = diagnose_rows(path, fmt, cols) if fmt != "parquet" else []
            raise (DataError(found) if found else err) from None
        try:
            rows = _run(con, AGGREGATION_SQL, progress)
        except (duckdb.ConversionException, duckdb.InvalidInputException) as err:
            # A value the sniffed column type cannot hold: name its row.
            found = diagnose_rows(path, fmt, cols)
            raise DataError(found or [_problem(path, _first_line(err))]) from None
        except duckdb.OutOfMemoryException:
            raise DataError(
                [_problem(path, f"out of memory within --memory-limit {memory_limit}; raise it")]
            ) from None
        except duckdb.Error as err:
            raise DataError([_problem(path, _first_line(err))]) from None
        return _assemble(journey, path, fmt, cols, rows, con)


def _check_file(path: str) -> str:
    p = Path(path)
    if not p.is_file():
        raise DataError([_problem(path, "no such file")])
    if p.stat().st_size == 0:
        raise DataError([_problem(path, "the file is empty; expected a header and events")])
    fmt = detect_format(path)
    if fmt is None:
        raise DataError([_problem(path, "cannot tell the format; use .csv, .parquet or .jsonl")])
    return fmt


def _assemble(
    journey: Journey, path: str, fmt: str, cols: DataColumns, rows: list[tuple], con: Any
) -> LifecycleData:
    stage_rows: dict[str | None, dict[str, tuple]] = {}
    flow_rows: dict[str | None, dict[str, dict[str, tuple[int, int]]]] = {}
    unmapped: dict[str, int] = {}
    checks: dict[str, int] = {}
    names = [s.id for s in journey.stages]
    for kind, by_seg, seg, stage, nxt, customers, n, dropped, lost, starts, q50, q90 in rows:
        if kind in ("stage", "flow"):
            stage = names[int(stage)]
            nxt = names[int(nxt)] if nxt is not None else None
        key = seg if by_seg else None
        if by_seg and seg is None:
            key = "(none)"
        if kind == "stage":
            stage_rows.setdefault(key, {})[stage] = (customers, n, dropped, lost, starts, q50, q90)
        elif kind == "flow":
            flow_rows.setdefault(key, {}).setdefault(stage, {})[nxt] = (customers, n, lost)
        elif kind == "unmapped":
            unmapped[stage] = n
        else:
            checks[stage] = n
    if checks.get("total", 0) == 0:
        raise DataError([_problem(path, "the file has no events (only a header?)")])
    errors = _row_problems(path, fmt, cols, checks)
    if errors:
        raise DataError(errors)
    totals = _counts(journey, stage_rows.get(None, {}), flow_rows.get(None, {}))
    segments = {
        seg: _counts(journey, by_stage, flow_rows.get(seg, {}))
        for seg, by_stage in sorted(stage_rows.items(), key=lambda kv: str(kv[0]))
        if seg is not None
    }
    customers = sum(c.starts for c in totals.values())
    warnings = _warnings(journey, path, cols, totals, unmapped, checks, con)
    if customers == 0:
        raise DataError(
            [w for w in warnings if "map to no" in w.message]
            + [_problem(path, f"no event in column {cols.stage!r} maps to a stage of the journey")]
        )
    return LifecycleData(
        source=path,
        kind="events",
        customers=customers,
        events=checks["total"],
        stages=totals,
        segments=segments if len(segments) > 1 or "(none)" not in segments else {},
        # The most frequent names only: a wrongly mapped column can make millions of them.
        unmapped=dict(sorted(unmapped.items(), key=lambda kv: -kv[1])[:MAX_UNMAPPED]),
        unmapped_events=sum(unmapped.values()),
        warnings=tuple(warnings),
    )


def _counts(journey: Journey, by_stage: dict, flows: dict) -> dict[str, StageCounts]:
    out = {}
    ends = {s.id for s in journey.stages if s.is_end}
    entered = {s.id: 0 for s in journey.stages}  # first arrivals at an end stage
    for src, moves in flows.items():
        if src not in ends:
            for t, (_, _, open_n) in moves.items():
                if t in ends:
                    entered[t] += int(open_n or 0)
    for s in journey.stages:
        reached, visits, dropped, lost, starts, q50, q90 = by_stage.get(
            s.id, (0, 0, 0, 0, 0, None, None)
        )
        moves = flows.get(s.id, {})
        out[s.id] = StageCounts(
            reached=int(reached),
            visits=int(visits),
            dropped=int(dropped or 0),
            lost=int(lost or 0),
            converted=entered[s.id] + (int(starts or 0) if s.id in ends else 0),
            starts=int(starts or 0),
            flows={t: int(c) for t, (c, _, _) in sorted(moves.items())},
            transitions={t: int(n) for t, (_, n, _) in sorted(moves.items())},
            open_moves={t: int(o) for t, (_, _, o) in sorted(moves.items()) if o},
            median_to_next_s=q50,
            p90_to_next_s=q90,
        )
    return out


def _row_problems(
    path: str, fmt: str, cols: DataColumns, checks: Mapping[str, int]
) -> list[Problem]:
    bad = checks.get("bad_timestamp", 0) + checks.get("missing_customer", 0)
    if not bad:
        return []
    found = diagnose_rows(path, fmt, cols)
    if any(p.rule == SYNTAX for p in found):
        return found  # a broken row shifts values into the wrong columns: fix it first
    summary = []
    if checks.get("bad_timestamp"):
        summary.append(
            f"{checks['bad_timestamp']} event(s) have a missing or unparseable "
            f"{cols.timestamp!r} (expected ISO 8601 or an epoch number in s, ms, µs or ns)"
        )
    if checks.get("missing_customer"):
        summary.append(f"{checks['missing_customer']} event(s) have no {cols.customer_id!r}")
    return [*found, _problem(path, "; ".join(summary) + "; fix or remove those rows")]


def _warnings(
    journey: Journey,
    path: str,
    cols: DataColumns,
    totals: Mapping[str, StageCounts],
    unmapped: Mapping[str, int],
    checks: Mapping[str, int],
    con: Any,
) -> list[Problem]:
    out = []
    if unmapped:
        ranked = sorted(unmapped.items(), key=lambda kv: -kv[1])[:5]
        top = ", ".join(f"{show(e)} ({n})" for e, n in ranked)
        more = f" and {len(unmapped) - 5} more" if len(unmapped) > 5 else ""
        out.append(
            _problem(
                path,
                f"{sum(unmapped.values())} event(s) in column {cols.stage!r} map to no stage or "
                f"touchpoint and were left out: {top}{more}; map them under data: steps: "
                "or with --step EVENT=ID",
                severity=WARNING,
            )
        )
    if checks.get("duplicate"):
        examples = duplicate_examples(con)
        out.append(
            _problem(
                path,
                f"{checks['duplicate']} duplicate event(s) (same {cols.customer_id!r}, "
                f"{cols.stage!r} and {cols.timestamp!r}) counted once; e.g. {examples}",
                severity=WARNING,
            )
        )
    if checks.get("segment_changed"):
        out.append(
            _problem(
                path,
                f"{checks['segment_changed']} customer(s) have events in more than one "
                f"{cols.segment!r}; each counts for the segment of their first event, e.g. "
                f"{segment_examples(con)}",
                severity=WARNING,
            )
        )
    first = journey.stages[0].id
    for s in journey.stages:
        c = totals[s.id]
        undeclared = {t: n for t, n in c.flows.items() if t not in s.next}
        for t, n in undeclared.items():
            out.append(
                _problem(
                    path,
                    f"{n} customer(s) went from {s.id!r} to {t!r}, which the journey does not "
                    f"declare (stage {s.id!r} next: {list(s.next)}); events out of order, or a "
                    "missing transition in the journey?",
                    severity=WARNING,
                )
            )
        if s.id != first and c.starts:
            out.append(
                _problem(
                    path,
                    f"{c.starts} customer(s) start at {s.id!r}, not at the first stage "
                    f"{first!r}; their earlier events are missing or out of order",
                    severity=WARNING,
                )
            )
    return out
