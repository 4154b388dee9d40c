"""A plain-text per-stage table of what the journey declares."""

from __future__ import annotations

from cjm.escape import terminal
from cjm.graph import StageSummary
from cjm.journey.model import Journey


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:+.1f}"


def summary_table(journey: Journey, summaries: dict[str, StageSummary]) -> str:
    header = (
        "stage",
        "phase",
        "touchpoints",
        "emotion",
        "min",
        "friction",
        "max",
        "missed targets",
    )
    rows = [header]
    for s in journey.stages:
        x = summaries[s.id]
        missed = ", ".join(dict.fromkeys(g.key for g in x.missed_targets)) or "–"
        rows.append(
            (
                terminal(s.id),
                s.phase or "–",
                str(x.touchpoints),
                _fmt(x.emotion_mean),
                "–" if x.emotion_min is None else f"{x.emotion_min:+d}",
                f"{x.friction_count} ({x.friction_sum})",
                str(x.friction_max or "–"),
                missed,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [f"{terminal(journey.title)} ({journey.id})", ""]
    for i, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
