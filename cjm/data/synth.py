"""Synthetic event logs with known per-stage drop-off, generated inside DuckDB.

Used by the tests (ground truth), the benchmarks and ``scripts/make_example_data.py``.
Randomness comes from ``hash(customer, step, salt)``, not ``random()``, so a log is the same
on every run and every thread count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_UNIT = 1_000_000_007  # a prime: hash(...) % _UNIT / _UNIT is uniform enough on [0, 1)


@dataclass(frozen=True)
class SynthStage:
    """One stage of a synthetic journey: ``dropoff`` is the chance a visit ends the journey."""

    id: str
    dropoff: float
    events: tuple[str, ...] = ()  # event names emitted at a visit; default: the stage id
    mean_gap_s: float = 3600.0  # mean time to the next stage


@dataclass(frozen=True)
class SynthJourney:
    stages: tuple[SynthStage, ...]
    loop_to: int | None = None  # after the last stage, go back to this stage index...
    loop_prob: float = 0.0  # ...with this probability (the last stage is an end stage)
    segments: tuple[str, ...] = ()
    unmapped_share: float = 0.0  # share of customers with one extra event no step maps
    max_visits: int = 40
    seed: int = 0


def _lit(value: Any) -> str:
    """A Python list/str/number/None as a DuckDB literal."""
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_lit(v) for v in value) + "]"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return "NULL" if value is None else repr(float(value))


def _u(salt: int, seed: int) -> str:
    # One integer key hashed once: DuckDB's multi-argument hash combines weakly, which
    # showed as correlated decisions between a customer's consecutive steps.
    key = f"((cid::BIGINT * 64 + step) * 32 + {salt}) * 100000 + {seed}"
    return f"(hash({key}) % {_UNIT})::DOUBLE / {_UNIT}"


def synth_sql(
    journey: SynthJourney, customers: int, start_epoch: int = 1_704_067_200, typed: bool = False
) -> str:
    """A SELECT yielding (customer_id, stage, timestamp, segment) rows, ordered by customer.

    Timestamps are ISO 8601 text, or TIMESTAMP WITH TIME ZONE values when ``typed``.
    """
    stamp = "make_timestamp((ts * 1000000)::BIGINT)"
    stamp = f"timezone('UTC', {stamp})" if typed else f"strftime({stamp}, '%Y-%m-%dT%H:%M:%SZ')"
    drops = [s.dropoff for s in journey.stages]
    gaps = [s.mean_gap_s for s in journey.stages]
    events = [list(s.events or (s.id,)) for s in journey.stages]
    last = len(journey.stages) - 1
    loop_to = -1 if journey.loop_to is None else journey.loop_to
    segs = list(journey.segments) or [None]
    drop_list = _lit(drops)
    # The walk: a visit at stage `idx`; the next row is the next visit, or none (the customer
    # left: dropped before the last stage, converted at it).
    return f"""
WITH RECURSIVE walk(cid, step, idx, ts) AS (
    SELECT range AS cid, 0 AS step, 0 AS idx,
           {start_epoch} + (hash(range, 7) % (86400 * 60))::DOUBLE AS ts
    FROM range({int(customers)})
  UNION ALL
    SELECT cid, step + 1,
           CASE WHEN idx = {last} THEN {loop_to} ELSE idx + 1 END,
           ts + 180 + {_u(11, journey.seed)} * 2 * ({_lit(gaps)})[idx + 1]
    FROM walk
    WHERE step < {int(journey.max_visits)}
      AND CASE WHEN idx = {last} THEN {loop_to} >= 0 AND {_u(3, journey.seed)} < {journey.loop_prob}
               ELSE {_u(3, journey.seed)} >= ({drop_list})[idx + 1] END
),
visits AS (
    SELECT cid, step, idx, ts,
           1 + ({_u(5, journey.seed)} < 0.3)::INT AS n_events
    FROM walk
),
ev AS (
    SELECT cid, idx, ts + k * 60 AS ts,
           ({_lit(events)})[idx + 1][
               1 + (hash(cid, step, k, 13) % len(({_lit(events)})[idx + 1]))::INT
           ] AS stage
    FROM visits, range(n_events) AS r(k)
    UNION ALL
    SELECT range AS cid, -1 AS idx, {start_epoch} + 30 AS ts, 'newsletter_signup' AS stage
    FROM range({int(customers)})
    WHERE (hash(range, 17) % {_UNIT})::DOUBLE / {_UNIT} < {journey.unmapped_share}
)
SELECT 'c' || lpad(cid::VARCHAR, 8, '0') AS customer_id, stage,
       {stamp} AS timestamp,
       ({_lit(segs)})[1 + (hash(cid, 23) % {len(segs)})::INT] AS segment
FROM ev
ORDER BY customer_id, timestamp
"""


def write_log(journey: SynthJourney, customers: int, path: str, fmt: str = "csv") -> int:
    """Write a synthetic log to ``path`` (csv | parquet | jsonl); returns the number of events."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    sql = synth_sql(journey, customers, typed=fmt == "parquet")
    options = {"csv": "FORMAT csv, HEADER", "parquet": "FORMAT parquet", "jsonl": "FORMAT json"}
    row = con.execute(f"COPY ({sql}) TO '{_quote(path)}' ({options[fmt]})").fetchone()
    return int(row[0]) if row else 0


def _quote(path: str) -> str:
    return path.replace("'", "''")
