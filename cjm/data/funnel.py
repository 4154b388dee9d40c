"""Funnel counts: a small CSV of ``stage,customers[,segment,period]`` rows.

A funnel shows how many customers reached each stage but not who went where, so flows are
estimated along the journey's forward transitions (loops cannot be seen in counts), and a
stage's drop-off is what it holds minus what its forward successors hold.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cjm.data.steps import step_table
from cjm.data.types import DataError, LifecycleData, StageCounts
from cjm.escape import terminal
from cjm.journey.model import DataColumns, Journey
from cjm.problems import WARNING, Problem

CUSTOMERS = "customers"
PERIOD = "period"


@dataclass(frozen=True)
class FunnelRow:
    line: int
    node: str  # the id as written: a stage or touchpoint id, or a mapped event name
    stage: str
    customers: int
    segment: str | None
    period: str | None


def _p(path: str, line: int, column: int, message: str, severity: str = "error") -> Problem:
    return Problem(path, line, column, message, severity=severity, rule="data")


def is_funnel_header(columns: list[str], cols: DataColumns) -> bool:
    return CUSTOMERS in columns and cols.customer_id not in columns


def read_header(path: str) -> list[str]:
    with open(path, newline="", encoding="utf-8", errors="replace") as fh:
        return next(csv.reader(fh), [])


def parse_rows(
    journey: Journey, path: str, cols: DataColumns, steps: Mapping[str, str] | None
) -> list[FunnelRow]:
    if not Path(path).is_file():
        raise DataError([_p(path, 1, 1, "no such file")])
    table = {s.event: s.stage for s in step_table(journey, steps)}
    problems: list[Problem] = []
    rows: list[FunnelRow] = []
    seen: dict[tuple, int] = {}
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if not header:
            raise DataError([_p(path, 1, 1, "the file is empty; expected stage,customers rows")])
        header = [h.strip() for h in header]
        missing = [c for c in (cols.stage, CUSTOMERS) if c not in header]
        if missing:
            have = ", ".join(repr(h) for h in header)
            raise DataError(
                [_p(path, 1, 1, f"column {c!r} is missing; the header has {have}") for c in missing]
            )
        at = {name: i for i, name in enumerate(header)}
        for record in reader:
            line = reader.line_num
            if not any(v.strip() for v in record):
                continue
            row = _row(path, line, record, at, cols, table, problems)
            if row is None:
                continue
            key = (row.node, row.segment, row.period)
            if key in seen:
                problems.append(
                    _p(
                        path,
                        line,
                        at[cols.stage] + 1,
                        f"duplicate row for {terminal(row.node)!r}"
                        + (f" (segment {terminal(row.segment)!r})" if row.segment else "")
                        + (f" (period {terminal(row.period)!r})" if row.period else "")
                        + f"; the first is on line {seen[key]}",
                    )
                )
                continue
            seen[key] = line
            rows.append(row)
    if problems:
        raise DataError(problems)
    if not rows:
        raise DataError([_p(path, 1, 1, "the file has a header but no rows")])
    return rows


def _row(path, line, record, at, cols, table, problems) -> FunnelRow | None:
    def cell(name: str) -> str | None:
        i = at.get(name)
        return record[i].strip() if i is not None and i < len(record) else None

    node = cell(cols.stage) or ""
    raw = cell(CUSTOMERS) or ""
    ok = True
    if node not in table:
        known = ", ".join(sorted({*table.values()}))
        problems.append(
            _p(
                path,
                line,
                at[cols.stage] + 1,
                f"column {cols.stage!r}: unknown stage or touchpoint {terminal(node)[:80]!r} "
                f"(stages: {known}; or map it under data: steps:)",
            )
        )
        ok = False
    try:
        customers = int(raw)
        if customers < 0:
            raise ValueError
    except ValueError:
        problems.append(
            _p(
                path,
                line,
                at[CUSTOMERS] + 1,
                f"column {CUSTOMERS!r}: {terminal(raw)[:40]!r} is not a whole number ≥ 0",
            )
        )
        ok = False
    if not ok:
        return None
    return FunnelRow(line, node, table[node], customers, cell(cols.segment), cell(PERIOD))


def read_funnel(
    journey: Journey,
    path: str,
    *,
    columns: DataColumns | None = None,
    steps: Mapping[str, str] | None = None,
    period: str | None = None,
) -> LifecycleData:
    cols = columns or (journey.data.columns if journey.data else DataColumns())
    rows = parse_rows(journey, path, cols, steps)
    if period is not None:
        rows = [r for r in rows if r.period == period]
        if not rows:
            raise DataError([_p(path, 1, 1, f"no rows for period {terminal(period)!r}")])
    segments = sorted({r.segment for r in rows if r.segment})
    warnings: list[Problem] = []
    per_segment = {
        seg: _derive(journey, path, [r for r in rows if r.segment == seg], warnings)
        for seg in segments
    }
    if segments and all(r.segment for r in rows):
        totals = _derive(journey, path, rows, warnings)
    else:
        totals = _derive(journey, path, [r for r in rows if not r.segment], warnings)
    customers = sum(c.starts for c in totals.values())
    return LifecycleData(
        source=path,
        kind="funnel",
        customers=customers,
        events=len(rows),
        stages=totals,
        segments=per_segment,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _reached(journey: Journey, rows: list[FunnelRow]) -> dict[str, int]:
    """Per stage: its own row, else its best-reached touchpoint (customers overlap there).

    Periods and segments are separate cohorts, so their counts add up.
    """
    best: dict[tuple[str, str | None, str | None], int] = {}
    own: set[tuple[str, str | None, str | None]] = set()
    for r in rows:
        key = (r.stage, r.segment, r.period)
        if r.node == r.stage:
            best[key] = r.customers
            own.add(key)
        elif key not in own:
            best[key] = max(best.get(key, 0), r.customers)
    reached = {s.id: 0 for s in journey.stages}
    for (stage, _, _), n in best.items():
        reached[stage] += n
    return reached


def _derive(journey, path, rows, warnings) -> dict[str, StageCounts]:
    reached = _reached(journey, rows)
    order = {s.id: i for i, s in enumerate(journey.stages)}
    forward = {s.id: [t for t in s.next if order[t] > order[s.id]] for s in journey.stages}
    preds = {s.id: [u for u, ts in forward.items() if s.id in ts] for s in journey.stages}
    line = {r.stage: r.line for r in rows}
    ends = {s.id for s in journey.stages if s.is_end}
    out = {}
    for s in journey.stages:
        flows = {t: reached[t] // max(1, len(preds[t])) for t in forward[s.id]}
        moved = sum(flows.values())
        if moved > reached[s.id]:
            warnings.append(
                _p(
                    path,
                    line.get(s.id, 1),
                    1,
                    f"more customers after {s.id!r} ({moved}) than at it ({reached[s.id]}); "
                    "rows out of order or counted differently?",
                    WARNING,
                )
            )
        left = 0 if s.is_end else max(0, reached[s.id] - moved)
        starts = reached[s.id] if not preds[s.id] else 0
        entered = sum(
            reached[s.id] // max(1, len(preds[s.id])) for u in preds[s.id] if u not in ends
        )
        out[s.id] = StageCounts(
            reached=reached[s.id],
            visits=reached[s.id],
            dropped=left,
            lost=left,
            converted=(entered + starts) if s.is_end else 0,
            starts=starts,
            flows=flows,
            transitions=flows,
            open_moves={} if s.is_end else flows,
        )
    return out
