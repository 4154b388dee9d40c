"""Finding the rows behind a bad count: only run once the aggregation has found a problem.

CSV and JSON Lines are scanned in Python so that a problem names the file's own line
number; Parquet rows are found by DuckDB's ``file_row_number``.
"""

from __future__ import annotations

import csv
import gzip
import itertools
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from cjm.data.formats import reader_sql, sql_ident
from cjm.escape import terminal
from cjm.journey.model import DataColumns
from cjm.problems import Problem

MAX_EXAMPLES = 5
BATCH = 20_000  # records whose timestamps DuckDB checks at once
# the rule of a row the CSV reader could not split into the header's fields
SYNTAX = "syntax"


def unreadable_timestamps(values: list[Any]) -> list[bool]:
    """For each value (as text, JSON value or Parquet value), whether the aggregation finds
    no timestamp in it: DuckDB applies the one definition, ``events.timestamp_sql``."""
    import duckdb

    from cjm.data.events import timestamp_sql

    texts = [None if v is None else str(v) for v in values]
    con = duckdb.connect()
    try:
        rows = con.execute(
            f"SELECT ({timestamp_sql('v', 'VARCHAR')}) IS NULL FROM ("
            "SELECT unnest($1::VARCHAR[]) AS v, generate_subscripts($1::VARCHAR[], 1) AS i"
            ") ORDER BY i",
            [texts],
        ).fetchall()
    finally:
        con.close()
    return [bad for (bad,) in rows]


def show(value: Any) -> str:
    text = terminal(str(value))
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _check(path: str, line: int, record: dict, cols: DataColumns, order: list[str], bad_ts: bool):
    ts = record.get(cols.timestamp)
    if bad_ts:
        what = "is empty" if ts in (None, "") else f"has {show(ts)}, not a timestamp"
        yield Problem(
            path,
            line,
            order.index(cols.timestamp) + 1,
            f"column {cols.timestamp!r} {what} (expected ISO 8601, e.g. "
            "2024-05-01T12:30:00Z, or an epoch number in s, ms, µs or ns)",
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


class _Lines:
    """The file's lines as csv reads them, keeping those of the record being read."""

    def __init__(self, fh: Any) -> None:
        self.fh = fh
        self.record: list[str] = []

    def __iter__(self) -> Iterator[str]:
        for line in self.fh:
            self.record.append(line)
            yield line


def _open_quote_column(line: str, quote: str) -> int:
    """1-based column of the quote still open at the end of the line (1 if none is)."""
    inside, opened = False, 0
    for i, ch in enumerate(line):
        if ch == quote:
            inside, opened = not inside, i
    return opened + 1 if inside else 1


def _shape_problem(path: str, start: int, row: list[str], header: list[str], lines, dialect):
    """A record whose field count differs from the header's, or that a quote ran on."""
    quote, delim, n = '"', dialect.delimiter, len(header)
    names = ", ".join(show(h) for h in header[:8]) + (", ..." if n > 8 else "")
    if len(lines) > 1:
        column = _open_quote_column(lines[0], quote)
        message = (
            f"a quote ({quote}) opened here closes only on line {start + len(lines) - 1}, so "
            f"those lines read as one row of {len(row)} fields; close the quote on this line, "
            f"or write a quote inside a quoted value twice ({quote}{quote})"
        )
    elif len(row) > n:
        column = n + 1
        message = (
            f"this row has {len(row)} fields but the header has {n} ({names}); put a value "
            f"containing {delim!r} in quotes ({quote}a{delim}b{quote}), or remove the extra "
            "field(s)"
        )
    else:
        column = len(row) + 1
        message = (
            f"this row has {len(row)} field(s) but the header has {n} ({names}); add the "
            f"missing value(s) (an empty one is nothing between two {delim!r})"
        )
    return Problem(path, start, column, message, rule=SYNTAX)


def _bad_quote(path: str, start: int, line: str, quote: str, why: str) -> Problem:
    message = (
        f"this row cannot be split into fields ({why}); a quoted value ends at its closing "
        f"quote, and a quote inside it is written twice ({quote}{quote})"
    )
    return Problem(path, start, 1, message, rule=SYNTAX)


def _unclosed_quote(path: str, start: int, line: str, quote: str) -> Problem:
    message = (
        f"a quote ({quote}) opened here never closes, so the rest of the file reads as one "
        f"value; close the quote, or write a quote inside a quoted value twice "
        f"({quote}{quote})"
    )
    return Problem(path, start, _open_quote_column(line, quote), message, rule=SYNTAX)


def _csv_records(path: str, problems: list[Problem]) -> Iterator[tuple[int, dict, list[str]]]:
    """Well-formed rows as (first line, record, header); a row with the wrong number of
    fields or an unclosed quote goes to ``problems`` instead."""
    with _open_text(path, newline="") as fh:
        sample = fh.read(65536)
        fh.seek(0)
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        lines = _Lines(fh)
        # quoted as DuckDB is told to read it (formats.reader_sql): RFC 4180
        reader = csv.reader(lines, dialect, quotechar='"', doublequote=True, strict=True)
        header = next(reader, [])
        start = reader.line_num + 1
        while len(problems) < MAX_EXAMPLES:
            lines.record = []
            try:
                row = next(reader, None)
            except csv.Error as err:
                quote = '"'
                if "end of data" in str(err) or "field limit" in str(err):
                    # a quote run on to the end of the file, or for more than 128 KB
                    problems.append(_unclosed_quote(path, start, lines.record[0], quote))
                    return
                problems.append(_bad_quote(path, start, lines.record[0], quote, str(err)))
                start = reader.line_num + 1
                continue
            if row is None:
                return
            if row and len(row) != len(header):
                problems.append(_shape_problem(path, start, row, header, lines.record, dialect))
            elif row:
                yield start, dict(zip(header, row, strict=False)), header
            start = reader.line_num + 1


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
    records = _csv_records(path, found) if fmt == "csv" else _jsonl_records(path, found)
    complete = (r for r in records if cols.timestamp in r[1] and cols.customer_id in r[1])
    while len(found) < MAX_EXAMPLES:
        batch = list(itertools.islice(complete, BATCH))
        if not batch:
            break
        bad = unreadable_timestamps([record.get(cols.timestamp) for _, record, _ in batch])
        for (line, record, order), bad_ts in zip(batch, bad, strict=True):
            found.extend(_check(path, line, record, cols, order, bad_ts))
    return sorted(found, key=lambda p: (p.line, p.column))[:MAX_EXAMPLES]


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
    bad = unreadable_timestamps([ts_value for _, ts_value, _ in rows])
    for (row, ts_value, customer), bad_ts in zip(rows, bad, strict=True):
        record = {cols.timestamp: ts_value, cols.customer_id: customer}
        for p in _check(path, int(row), record, cols, order, bad_ts):
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


def segment_examples(con: Any, limit: int = 2) -> str:
    """Customers whose mapped events carry more than one segment, each in time order."""
    rows = con.execute(
        "SELECT customer_id, list(segment ORDER BY ts) FROM lifecycle_source "
        "WHERE segment IS NOT NULL AND ts IS NOT NULL "
        "AND event IN (SELECT event FROM lifecycle_steps) "
        f"GROUP BY customer_id HAVING count(DISTINCT segment) > 1 LIMIT {int(limit)}"
    ).fetchall()
    out = []
    for customer, segments in rows:
        seen = list(dict.fromkeys(segments))
        more = ", ..." if len(seen) > 3 else ""
        out.append(f"customer {show(customer)}: " + ", then ".join(map(show, seen[:3])) + more)
    return "; ".join(out)
