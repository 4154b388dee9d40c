"""Synthetic event logs with known per-stage drop-off, for the benchmarks.

    .venv/bin/python benchmarks/gen_logs.py --events 1000000 --shape loop --format csv

Logs follow journeys/online-store.yaml (events are its touchpoint ids) and land in
benchmarks/data/ (git-ignored). ``linear`` walks the six stages once; ``loop`` sends 30 %
of loyal customers back to evaluation. The true per-visit drop-off is printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cjm.data.synth import SynthJourney, SynthStage, write_log  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
JOURNEY = ROOT / "journeys" / "online-store.yaml"
DROPOFF = {
    "awareness": 0.30,
    "interest": 0.20,
    "evaluation": 0.15,
    "purchase": 0.10,
    "delivery": 0.05,
    "loyalty": 0.0,
}
TOUCHPOINTS = {
    "awareness": ("social-ad", "friend-recommendation"),
    "interest": ("landing-page", "search"),
    "evaluation": ("product-page", "chat"),
    "purchase": ("checkout", "confirmation-email"),
    "delivery": ("tracking", "courier"),
    "loyalty": ("follow-up", "support-call"),
}
# Events per customer, measured on these shapes; used to hit an event count.
EVENTS_PER_CUSTOMER = {"linear": 4.2, "loop": 5.3}


def shape(name: str) -> SynthJourney:
    return SynthJourney(
        stages=tuple(SynthStage(s, p, TOUCHPOINTS[s]) for s, p in DROPOFF.items()),
        loop_to=2 if name == "loop" else None,
        loop_prob=0.3 if name == "loop" else 0.0,
        segments=("new", "returning"),
        unmapped_share=0.02,
    )


def log_path(events: int, shape_name: str, fmt: str) -> Path:
    return DATA / f"{shape_name}-{events // 1_000_000}m.{fmt}"


def ensure_log(events: int, shape_name: str, fmt: str) -> tuple[Path, int]:
    """The log's path and its event count; generated unless it already exists."""
    path = log_path(events, shape_name, fmt)
    stamp = path.with_suffix(path.suffix + ".count")
    if not path.exists() or not stamp.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        customers = int(events / EVENTS_PER_CUSTOMER[shape_name])
        n = write_log(shape(shape_name), customers, str(path), fmt)
        stamp.write_text(str(n))
    return path, int(stamp.read_text())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--shape", choices=("linear", "loop"), default="loop")
    ap.add_argument("--format", choices=("csv", "parquet", "jsonl"), default="csv")
    args = ap.parse_args()
    path, n = ensure_log(args.events, args.shape, args.format)
    print(f"{path}: {n} events; true drop-off per visit: {DROPOFF}")


if __name__ == "__main__":
    main()
