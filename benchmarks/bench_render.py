"""Render speed: a 200-touchpoint journey to SVG must take at most 2 s (issue 4).

Prints the median of a few runs for the map (layout + emotion curve + drawing) and the grid
poster, next to a named reference measured in the same run: plain `dot -Tsvg` on a graph of
the same shape (20 clusters of 10 one-line boxes), i.e. what Graphviz alone costs.

    .venv/bin/python benchmarks/bench_render.py [--stages 20] [--per-stage 10] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cjm.journey import load_journey
from cjm.render.dotrun import graphviz_version, run_graphviz
from cjm.render.pipeline import render

TARGET_S = 2.0
EMOTIONS = ["angry", "unhappy", "neutral", "happy", "delighted"]
SEVERITIES = ["low", "medium", "high", "critical"]


def journey_yaml(stages: int, per_stage: int) -> str:
    lines = [
        "cjm: 1",
        "journey:",
        "  id: bench",
        f'  title: "Benchmark: {stages * per_stage} touchpoints"',
        "  persona: p",
        "personas:",
        "  p:",
        "    name: Demanding customer",
        "stages:",
    ]
    for s in range(stages):
        lines += [
            f"  - id: s{s}",
            f'    title: "Stage {s + 1} with a fairly long title to wrap"',
            "    goal: Get this step done without calling anyone",
            "    touchpoints:",
        ]
        if s == stages - 1:
            lines[-1:-1] = ["    next: [s1]", "    end: true"]
        for k in range(per_stage):
            n = s * per_stage + k
            lines += [
                f"      - id: t{n}",
                f'        title: "Touchpoint {n}: a card title long enough to wrap"',
                "        channel: web",
                "        owner: team",
                f"        emotion: {EMOTIONS[n % 5]}",
                "        thoughts: Where do I find this?",
                "        friction:",
                "          - issue: Something gets in the way here",
                f"            severity: {SEVERITIES[n % 4]}",
                "        opportunities:",
                "          - idea: Make it simpler",
                "            effort: low",
                "        backstage: [A system]",
            ]
    return "\n".join(lines) + "\n"


def reference_dot(stages: int, per_stage: int) -> str:
    out = ["digraph ref { rankdir=LR; compound=true; node [shape=box];"]
    for s in range(stages):
        names = [f"n{s}_{k}" for k in range(per_stage)]
        out.append(
            f'subgraph cluster_{s} {{ label="Stage {s}"; {{rank=same; {"; ".join(names)}}} }}'
        )
        if s:
            out.append(f"n{s - 1}_0 -> n{s}_0 [ltail=cluster_{s - 1} lhead=cluster_{s}];")
    out.append("}")
    return "\n".join(out)


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stages", type=int, default=20)
    ap.add_argument("--per-stage", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        path.write_text(journey_yaml(args.stages, args.per_stage), encoding="utf-8")
        journey = load_journey(path)
        cli = [sys.executable, "-m", "cjm", "render", str(path), "-o", str(Path(tmp) / "m.svg")]
        ref_dot = reference_dot(args.stages, args.per_stage)
        ref = median_time(lambda: run_graphviz(ref_dot, "svg"), args.runs)
        svg_map = median_time(lambda: render(journey, "svg", "map"), args.runs)
        svg_grid = median_time(lambda: render(journey, "svg", "grid"), args.runs)
        cli_map = median_time(
            lambda: subprocess.run(cli, check=True, capture_output=True), args.runs
        )
    n, stages = len(journey.touchpoints), len(journey.stages)
    version = ".".join(map(str, graphviz_version()))
    print(f"render: {n} touchpoints, {stages} stages, Graphviz {version}, median of {args.runs}")
    print(f"  reference  plain dot -Tsvg, same shape     {ref:6.3f} s")
    rows = (
        ("map    svg (layout + curve + draw)", svg_map),
        ("grid   svg", svg_grid),
        ("render CLI: start, load, map, write", cli_map),
    )
    for name, took in rows:
        print(f"  cjm {name:36} {took:6.3f} s  ({took / ref:4.1f}x reference)")
    ok = max(svg_map, cli_map) <= TARGET_S
    print(f"  target     {n} touchpoints to svg <= {TARGET_S:.1f} s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
