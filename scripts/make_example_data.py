"""Make the example lifecycle data of journeys/online-store.yaml (deterministic).

    .venv/bin/python scripts/make_example_data.py

Writes journeys/online-store-events.csv (an event log in the store's own event names, which
the journey's `data: steps:` maps to touchpoints) and journeys/online-store-funnel.csv (the
same customers as funnel counts per segment).
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cjm.data import read_lifecycle  # noqa: E402
from cjm.data.synth import SynthJourney, SynthStage, write_log  # noqa: E402
from cjm.fileio import write_atomic  # noqa: E402
from cjm.journey import load_journey  # noqa: E402

CUSTOMERS = 1500
STORE = SynthJourney(
    stages=(
        SynthStage("awareness", 0.35, ("ad_click", "referral_visit"), 3 * 3600),
        SynthStage("interest", 0.25, ("landing_view", "site_search"), 1800),
        SynthStage("evaluation", 0.30, ("product_view", "chat_message"), 2 * 86400),
        SynthStage("purchase", 0.12, ("checkout_started", "order_confirmed"), 600),
        SynthStage("delivery", 0.04, ("parcel_tracked", "parcel_delivered"), 3 * 86400),
        SynthStage("loyalty", 0.0, ("review_request_opened", "support_call"), 14 * 86400),
    ),
    loop_to=2,
    loop_prob=0.25,
    segments=("new", "returning"),
    unmapped_share=0.03,
)


def main() -> None:
    journey_path = ROOT / "journeys" / "online-store.yaml"
    events = ROOT / "journeys" / "online-store-events.csv"
    funnel = ROOT / "journeys" / "online-store-funnel.csv"
    n = write_log(STORE, CUSTOMERS, str(events))
    data = read_lifecycle(load_journey(journey_path), events=str(events))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["stage", "customers", "segment"])
    for segment, stages in data.segments.items():
        for stage, counts in stages.items():
            w.writerow([stage, counts.reached, segment])
    write_atomic(funnel, out.getvalue().encode())
    print(f"wrote {events.name} ({n} events, {CUSTOMERS} customers) and {funnel.name}")


if __name__ == "__main__":
    main()
