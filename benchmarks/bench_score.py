"""How fast and how lean is `cjm score` on large event logs, against two references.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python benchmarks/bench_score.py

In one run, for 1 M and 10 M events (CSV and Parquet; logs from gen_logs.py), it times
  cjm        `cjm score journeys/online-store.yaml --data LOG --format json`, end to end
             (process start, YAML, DuckDB aggregation with its checks, scoring, JSON);
  reference  a hand-written DuckDB query computing the same per-stage and per-segment
             counts, flows, losses, time quantiles and unmapped events, with the same
             memory limit and threads (no journey, no checks, no scoring);
  pm4py      pm4py's directly-follows-graph discovery (pandas read + format_dataframe +
             discover_dfg) on the same file;
and prints wall times, ratios and peak RSS (each run is its own process; RSS from wait4).
Targets: cjm ≤ 1.3 × reference, ≥ 15 × faster than pm4py, ≤ 1 GB peak RSS, and it
completes with --memory-limit 512MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_logs import JOURNEY, TOUCHPOINTS, log_path  # noqa: E402

CJM = str(Path(sys.executable).with_name("cjm"))
MEMORY_LIMIT = "768MB"  # cjm's default; the reference runs with the same

REFERENCE = """
import sys, duckdb
path, fmt, limit = sys.argv[1:4]
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
con.execute(f"SET memory_limit = '{limit}'")
con.execute("SET preserve_insertion_order = false")
src = f"read_csv('{path}')" if fmt == "csv" else f"read_parquet('{path}')"
steps = %(steps)r
con.execute("CREATE TEMP TABLE steps (event VARCHAR, stage VARCHAR, ord INT, is_end BOOLEAN)")
con.executemany("INSERT INTO steps VALUES (?, ?, ?, ?)", steps)
con.execute(f'''
CREATE TEMP TABLE v AS
WITH e AS (
    SELECT l.customer_id, s.stage, s.ord, s.is_end, l.segment,
           epoch(CAST(l.timestamp AS TIMESTAMPTZ)) AS ts,
           lag(s.stage) OVER (PARTITION BY l.customer_id ORDER BY l.timestamp, s.ord) AS prev
    FROM {src} AS l JOIN steps AS s ON l.stage = s.event
)
SELECT customer_id, stage, is_end, segment, ts,
       lead(stage) OVER w AS nxt, lead(ts) OVER w - ts AS dt,
       row_number() OVER w = 1 AS first,
       coalesce(sum(is_end::INT) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
           > 0 AS conv
FROM e WHERE prev IS DISTINCT FROM stage
WINDOW w AS (PARTITION BY customer_id ORDER BY ts, ord)
''')
stages = con.execute('''
SELECT stage, segment, count(DISTINCT customer_id), count(*),
       count_if(nxt IS NULL AND NOT is_end), count_if(nxt IS NULL AND NOT is_end AND NOT conv),
       count_if(first), quantile_cont(dt, 0.5), quantile_cont(dt, 0.9)
FROM v GROUP BY GROUPING SETS ((stage), (stage, segment))''').fetchall()
flows = con.execute('''
SELECT stage, nxt, segment, count(DISTINCT customer_id), count(*), count_if(NOT conv)
FROM v WHERE nxt IS NOT NULL GROUP BY GROUPING SETS ((stage, nxt), (stage, nxt, segment))
''').fetchall()
unmapped = con.execute(f'''
SELECT l.stage, count(*) FROM {src} AS l ANTI JOIN steps AS s ON l.stage = s.event
GROUP BY l.stage''').fetchall()
import json
print(json.dumps({r[0]: [r[2], r[4]] for r in stages if r[1] is None}))
"""

PM4PY = """
import sys, warnings
warnings.filterwarnings("ignore")
import pandas as pd, pm4py
path, fmt = sys.argv[1:3]
df = pd.read_csv(path) if fmt == "csv" else pd.read_parquet(path)
df = pm4py.format_dataframe(
    df, case_id="customer_id", activity_key="stage", timestamp_key="timestamp"
)
dfg, start, end = pm4py.discover_dfg(df)
print(len(dfg))
"""


def ensure_log(size: int, fmt: str) -> tuple[Path, int]:
    """Generate in a child process: Linux children inherit the parent's peak RSS, so the
    parent must stay small for wait4's figures to be the measured process's own."""
    gen = ROOT / "benchmarks" / "gen_logs.py"
    args = ["--events", str(size), "--shape", "loop", "--format", fmt]
    subprocess.run([sys.executable, str(gen), *args], check=True, stdout=subprocess.DEVNULL)
    path = log_path(size, "loop", fmt)
    return path, int(path.with_suffix(path.suffix + ".count").read_text())


def warm(path: Path) -> None:
    """Read the file once so that every contender finds it in the page cache."""
    with path.open("rb") as fh:
        while fh.read(1 << 24):
            pass


def _steps() -> list[tuple[str, str, int, bool]]:
    order = list(TOUCHPOINTS)
    rows = []
    for i, stage in enumerate(order):
        for name in (stage, *TOUCHPOINTS[stage]):
            rows.append((name, stage, i, stage == "loyalty"))
    return rows


def measure(cmd: list[str], timeout: float) -> tuple[float | None, float | None, str]:
    """(seconds, peak RSS in MB, note) of one process; None when it failed or timed out."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return None, None, f"timed out after {timeout:.0f} s"
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0,):
        return None, usage.ru_maxrss / 1024, "failed: " + err.strip().splitlines()[-1][:200]
    return elapsed, usage.ru_maxrss / 1024, ""


def same_figures(path: Path, fmt: str, reference: str) -> bool:
    """cjm and the reference agree on customers reached and dropped per stage."""
    import json

    cjm_out = subprocess.run(cjm_cmd(path, MEMORY_LIMIT), capture_output=True, check=True)
    ref_out = subprocess.run(
        [sys.executable, "-c", reference, str(path), fmt, MEMORY_LIMIT],
        capture_output=True,
        check=True,
    )
    ours = {s["id"]: [s["reached"], s["dropped"]] for s in json.loads(cjm_out.stdout)["stages"]}
    return ours == json.loads(ref_out.stdout.decode().strip().splitlines()[-1])


def cjm_cmd(path: Path, limit: str) -> list[str]:
    return [CJM, "score", str(JOURNEY), "--data", str(path), "--format", "json",
            "--memory-limit", limit]  # fmt: skip


def fmt_s(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description="Benchmark cjm score against references.")
    ap.add_argument("--sizes", default="1000000,10000000")
    ap.add_argument("--formats", default="csv,parquet")
    ap.add_argument("--pm4py-timeout", type=float, default=900)
    ap.add_argument("--pm4py-max", type=int, default=10_000_000, help="skip pm4py above this")
    ap.add_argument("--repeat", type=int, default=2, help="best of N for cjm and reference")
    args = ap.parse_args()
    reference = REFERENCE % {"steps": _steps()}
    rows = []
    ok = True
    print(f"cjm score vs hand-written DuckDB vs pm4py (memory limit {MEMORY_LIMIT}, "
          f"{os.cpu_count()} cores)", flush=True)  # fmt: skip
    for size in map(int, args.sizes.split(",")):
        for fmt in args.formats.split(","):
            path, events = ensure_log(size, fmt)
            warm(path)
            if size <= 1_000_000 and not same_figures(path, fmt, reference):
                print("  cjm and the reference DISAGREE on reached/dropped", flush=True)
                ok = False
            runs = [measure(cjm_cmd(path, MEMORY_LIMIT), 1800) for _ in range(args.repeat)]
            c_t, c_rss, c_note = min(runs, key=lambda r: r[0] or 1e9)
            refs = [
                measure([sys.executable, "-c", reference, str(path), fmt, MEMORY_LIMIT], 1800)
                for _ in range(args.repeat)
            ]
            r_t, r_rss, r_note = min(refs, key=lambda r: r[0] or 1e9)
            p_t = p_rss = None
            p_note = "skipped (--pm4py-max)"
            if size <= args.pm4py_max:
                p_t, p_rss, p_note = measure(
                    [sys.executable, "-c", PM4PY, str(path), fmt], args.pm4py_timeout
                )
            l_t, l_rss, l_note = measure(cjm_cmd(path, "512MB"), 1800)
            ratio = c_t / r_t if c_t and r_t else None
            speedup = p_t / c_t if c_t and p_t else None
            row = (size, fmt, events, c_t, c_rss, r_t, r_rss, ratio, p_t, p_rss, speedup, l_t,
                   l_rss)  # fmt: skip
            rows.append(row)
            print(
                f"\n{events:,} events, {fmt} ({path.stat().st_size / 1e6:.0f} MB)\n"
                f"  cjm score            {fmt_s(c_t):>10}  peak RSS {c_rss or 0:7.0f} MB {c_note}\n"
                f"  hand-written DuckDB  {fmt_s(r_t):>10}  peak RSS {r_rss or 0:7.0f} MB {r_note}\n"
                f"  pm4py DFG            {fmt_s(p_t):>10}  peak RSS {p_rss or 0:7.0f} MB {p_note}\n"
                f"  cjm --memory-limit 512MB {fmt_s(l_t):>6}  peak RSS {l_rss or 0:7.0f} MB "
                f"{l_note}\n"
                + (f"  cjm / reference = {ratio:.2f}×" if ratio else "  cjm / reference: –")
                + (f"; pm4py / cjm = {speedup:.1f}×" if speedup else "; pm4py / cjm: –"),
                flush=True,
            )
            ok &= bool(ratio and ratio <= 1.3) and bool(c_rss and c_rss <= 1024)
            ok &= bool(l_t) and (speedup is None or speedup >= 15)
    print("\nsize  format   cjm s   ref s  ratio  pm4py s  speedup  RSS MB  512MB: s / RSS MB")
    for size, fmt, _, c_t, c_rss, r_t, _, ratio, p_t, _, sp, l_t, l_rss in rows:
        print(
            f"{size // 1_000_000:>3}M  {fmt:<7} {c_t or 0:6.2f}  {r_t or 0:6.2f}  "
            f"{ratio or 0:5.2f}  {p_t or 0:7.1f}  {sp or 0:7.1f}  {c_rss or 0:6.0f}  "
            f"{l_t or 0:6.2f} / {l_rss or 0:.0f}"
        )
    print("targets met" if ok else "targets NOT all met (see above)")


if __name__ == "__main__":
    main()
