"""Shared by the scoring tests: a small linear journey and synthetic logs for it."""

from __future__ import annotations

from pathlib import Path

from cjm.data.synth import SynthJourney, SynthStage, write_log
from cjm.journey import load_journey
from cjm.journey.model import Journey

TRUTH = {"visit": 0.30, "browse": 0.20, "compare": 0.15, "pay": 0.10, "done": 0.0}


def journey_yaml(loop: bool = False, extra: str = "") -> str:
    stages = []
    for i, sid in enumerate(TRUTH):
        lines = [f"  - id: {sid}", f"    title: {sid.title()}"]
        if sid == "browse":
            lines += [
                "    touchpoints:",
                "      - {id: browse-web, title: Web, channel: web, emotion: 0}",
                "      - {id: browse-app, title: App, channel: app, emotion: -1}",
            ]
        if sid == "done":
            lines += ["    next: [compare]", "    end: true"] if loop else ["    next: []"]
        stages.append("\n".join(lines))
        del i
    return (
        "cjm: 1\njourney: {id: synth, title: Synthetic}\nstages:\n"
        + "\n".join(stages)
        + "\n"
        + extra
    )


def make_journey(tmp: Path, loop: bool = False, extra: str = "") -> Journey:
    path = tmp / "synth.yaml"
    path.write_text(journey_yaml(loop, extra), encoding="utf-8")
    return load_journey(path)


def synth(loop: bool = False, seed: int = 0, segments: tuple[str, ...] = ()) -> SynthJourney:
    return SynthJourney(
        stages=tuple(
            SynthStage(sid, p, ("browse-web", "browse-app") if sid == "browse" else ())
            for sid, p in TRUTH.items()
        ),
        loop_to=2 if loop else None,
        loop_prob=0.3 if loop else 0.0,
        segments=segments,
        seed=seed,
    )


def make_log(tmp: Path, customers: int, fmt: str = "csv", **kw) -> Path:
    path = tmp / f"events-{kw.get('seed', 0)}-{customers}.{fmt}"
    write_log(synth(**kw), customers, str(path), fmt)
    return path
