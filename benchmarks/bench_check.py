"""Speed of the CI gate: `cjm check` over 200 journeys (target ≤ 3 s) and CLI start-up
(target ≤ 0.3 s), each beside a named reference measured in the same run.

References: `cjm validate` over the same 200 files (loading alone, so the figure shows what
the rules add) and a bare `python -c pass` (the interpreter's own start-up).
Run: .venv/bin/python benchmarks/bench_check.py
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
N_JOURNEYS = 200
REPEAT = 5
CHECK_TARGET_S = 3.0
STARTUP_TARGET_S = 0.3


def make_journeys(folder: Path) -> None:
    examples = sorted((ROOT / "journeys").glob("*.yaml"))
    for i in range(N_JOURNEYS):
        src = examples[i % len(examples)].read_text(encoding="utf-8")
        text = re.sub(r"(?m)^(journey:\n  id: )(\S+)", rf"\g<1>\g<2>-{i}", src, count=1)
        (folder / f"journey-{i:03d}.yaml").write_text(text, encoding="utf-8")


def best_of(cmd: list[str], ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if proc.returncode not in ok:
            sys.exit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return min(times), statistics.median(times)


def row(label: str, figures: tuple[float, float], target: float | None = None) -> str:
    best, median = figures
    verdict = "" if target is None else ("  ok" if best <= target else "  OVER TARGET")
    limit = "" if target is None else f" (target ≤ {target:g} s)"
    return f"  {label:<44} best {best:6.3f} s  median {median:6.3f} s{limit}{verdict}"


def main() -> None:
    cjm = [sys.executable, "-m", "cjm"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_journeys(folder)
        check = best_of([*cjm, "check", str(folder), "--format", "json"], ok=(0, 1))
        validate = best_of([*cjm, "validate", "--quiet", str(folder)])
    startup = best_of([*cjm, "--help"])
    python = best_of([sys.executable, "-c", "pass"])
    print(f"cjm check benchmark ({N_JOURNEYS} journeys, best and median of {REPEAT} runs)")
    print(row(f"cjm check over {N_JOURNEYS} journeys", check, CHECK_TARGET_S))
    print(row("reference: cjm validate over the same files", validate))
    print(f"  rules add {check[0] - validate[0]:+.3f} s over loading alone")
    print(row("cjm --help (CLI start-up)", startup, STARTUP_TARGET_S))
    print(row("reference: python -c pass", python))
    print(f"  cjm start-up costs {startup[0] - python[0]:+.3f} s over the bare interpreter")


if __name__ == "__main__":
    main()
