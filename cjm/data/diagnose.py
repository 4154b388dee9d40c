"""Finding the rows behind a bad count: only run once the aggregation has found a problem.

CSV and JSON Lines are scanned in Python so that a problem names the file's own line
number; Parquet rows are found by DuckDB's ``file_row_number``.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from cjm.data.formats import reader_sql, sql_ident
from cjm.escape import terminal
from cjm.journey.model import DataColumns
from cjm.problems import Problem

MAX_EXAMPLES = 5


def parse_timestamp(value: Any) -> float | None:
    """Epoch seconds from epoch numbers or ISO 8601 text, as the aggregation reads them."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return epoch_seconds(float(value))
    text = str(value).strip()
    if not text:
        return None
    try:
        return epoch_seconds(float(text))
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.upper().replace(" UTC", "+00:00")).timestamp()
    except ValueError:
        return None


def epoch_seconds(number: float) -> float | None:
    """Seconds from an epoch number in s, ms, µs or ns, told apart by magnitude as
    ``cjm.data.events.epoch_sql`` does; None beyond the last unit (and NaN)."""
    from cjm.data.events import EPOCH_UNITS

    for limit, divisor in EPOCH_UNITS:
        if abs(number) < limit:
            return number / divisor
    return None


def show(value: Any) -> str:
    text = terminal(str(value))
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _check(path: str, line: int, record: dict, cols: DataColumns, order: list[str]):
    ts = record.get(cols.timestamp)
    if parse_timestamp(ts) is None:
        what = "is empty" if ts in (None, "") else f"has {show(ts)}, not a timestamp"
        yield Problem(
            path,
            line,
            order.index(cols.timestamp) + 1,
            f"column {cols.timestamp!r} {what} (expected ISO 8601, e.g. "
            "2024-05-01T12:30:00Z, or epoch seconds, milliseconds or microseconds)",
            rule="data",
        )
    if record.get(cols.customer_id) in (None, ""):
        yield Problem(
            path,
            line,
            order.index(cols.customer_id) + 1,
            f"column {cols.customer_id!r} is empty; every event needs a customer",
            rule="data",
        )


def _open_text(path: str, newline: str | None = None) -> Any:
    """The file as text, decompressed when it ends in .gz as DuckDB reads it."""
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rt", newline=newline, encoding="utf-8", errors="replace")
    return open(path, newline=newline, encoding="utf-8", errors="replace")


def _csv_records(path: str) -> Iterator[tuple[int, dict, list[str]]]:
    with _open_text(path, newline="") as fh:
        sample = fh.read(65536)
        fh.seek(0)
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(fh, dialect)
        header = next(reader, [])
        for row in reader:
            yield reader.line_num, dict(zip(header, row, strict=False)), header


def _jsonl_records(path: str, problems: list[Problem]) -> Iterator[tuple[int, dict, list[str]]]:
    with _open_text(path) as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                problems.append(
                    Problem(path, line_no, err.colno, f"not valid JSON: {err.msg}", rule="data")
                )
                continue
            if isinstance(record, dict):
                yield line_no, record, list(record)


def diagnose_rows(path: str, fmt: str, cols: DataColumns) -> list[Problem]:
    """Up to ``MAX_EXAMPLES`` rows with a bad timestamp, no customer, or broken syntax."""
    if fmt == "parquet":
        return _parquet_rows(path, cols)
    found: list[Problem] = []
    records = _csv_records(path) if fmt == "csv" else _jsonl_records(path, found)
    for line, record, order in records:
        if cols.timestamp not in record or cols.customer_id not in record:
            continue
        found.extend(_check(path, line, record, cols, order))
        if len(found) >= MAX_EXAMPLES:
            break
    return found[:MAX_EXAMPLES]


def _parquet_rows(path: str, cols: DataColumns) -> list[Problem]:
    import duckdb

    from cjm.data.events import describe, timestamp_sql

    con = duckdb.connect()
    try:
        types = describe(con, path, "parquet")
        ts = timestamp_sql(cols.timestamp, types.get(cols.timestamp, "VARCHAR")) or "NULL"
        src = reader_sql(path, "parquet").replace(")", ", file_row_number = true)")
        rows = con.execute(
            f"SELECT file_row_number + 1, {sql_ident(cols.timestamp)}, "
            f"{sql_ident(cols.customer_id)} FROM {src} "
            f"WHERE ({ts}) IS NULL OR {sql_ident(cols.customer_id)} IS NULL "
            f"ORDER BY 1 LIMIT {MAX_EXAMPLES}"
        ).fetchall()
    except duckdb.Error:
        return []
    finally:
        con.close()
    order = list(types)
    out = []
    for row, ts_value, customer in rows:
        record = {cols.timestamp: ts_value, cols.customer_id: customer}
        for p in _check(path, int(row), record, cols, order):
            out.append(Problem(p.file, p.line, p.column, f"row {row}: {p.message}", rule="data"))
    return out


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def duplicate_examples(con: Any) -> str:
    rows = con.execute(
        "SELECT customer_id, event, ts FROM lifecycle_source "
        "GROUP BY ALL HAVING count(*) > 1 LIMIT 2"
    ).fetchall()
    return "; ".join(
        f"customer {show(c)}, event {show(e)}" + (f" at {_iso(t)}" if t is not None else "")
        for c, e, t in rows
    )
