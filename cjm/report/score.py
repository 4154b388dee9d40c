"""Writers for a ``JourneyScore``: a terminal table, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from cjm.escape import csv_cell, terminal
from cjm.journey.model import Journey
from cjm.score.result import JourneyScore, StageScore, WhatIf

COMPONENT_LABELS = {
    "friction": "friction",
    "emotion": "emotion",
    "metric_gaps": "targets",
}


def _stage_dict(s: StageScore) -> dict[str, Any]:
    d = {"id": s.stage, **asdict(s)}
    d.pop("stage")
    d["dropoff_interval"] = list(s.dropoff_interval) if s.dropoff_interval else None
    d["segments"] = {k: _stage_dict(v) for k, v in s.segments.items()}
    for seg in d["segments"].values():
        seg.pop("segments", None)
    return d


def score_dict(score: JourneyScore) -> dict[str, Any]:
    return {
        "journey": score.journey,
        "conversion": score.conversion,
        "customers": score.customers,
        "converted": score.converted,
        "data_source": score.data_source,
        "unmapped_events": score.unmapped_events,
        "segments": {k: asdict(v) for k, v in score.segments.items()},
        "stages": [_stage_dict(s) for s in score.stages],
        "opportunities": [asdict(o) for o in score.opportunities],
        "warnings": list(score.warnings),
    }


def score_json(score: JourneyScore) -> str:
    return json.dumps(score_dict(score), indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = (
    "journey",
    "stage",
    "segment",
    "risk",
    "basis",
    "reached",
    "dropped",
    "dropoff_rate",
    "dropoff_lo",
    "dropoff_hi",
    "low_sample",
    "p_convert",
    "expected_lost",
    "median_to_next_s",
    "p90_to_next_s",
    "friction",
    "emotion",
    "metric_gaps",
    "declared",
    "observed",
    "data_weight",
)


def _csv_row(journey: str, s: StageScore, segment: str) -> list[Any]:
    lo, hi = s.dropoff_interval or (None, None)
    c = s.components
    values = [
        journey,
        s.stage,
        csv_cell(segment),
        s.risk,
        s.basis,
        s.reached,
        s.dropped,
        s.dropoff_rate,
        lo,
        hi,
        s.low_sample,
        s.p_convert,
        s.expected_lost,
        s.median_to_next_s,
        s.p90_to_next_s,
        *(c.get(k) for k in ("friction", "emotion", "metric_gaps", "declared", "observed")),
        c.get("data_weight"),
    ]
    return ["" if v is None else v for v in values]


def score_csv(score: JourneyScore) -> str:
    """One row per stage (segment empty), then one per stage and segment."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for s in score.stages:
        w.writerow(_csv_row(score.journey, s, ""))
    for s in score.stages:
        for seg, ss in s.segments.items():
            w.writerow(_csv_row(score.journey, ss, seg))
    return out.getvalue()


def _pct(x: float | None, digits: int = 1) -> str:
    return "–" if x is None else f"{100 * x:.{digits}f}%"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f} {unit}"
    return f"{seconds:.0f} s"


def _bar(risk: float, width: int = 10) -> str:
    full = round(risk * width)
    return "█" * full + "·" * (width - full)


def _why(s: StageScore) -> str:
    """The formula with this stage's numbers: observed × w + declared × (1 − w) (signals)."""
    c = s.components
    declared = sorted(
        ((c.get(k) or 0.0, label) for k, label in COMPONENT_LABELS.items()), reverse=True
    )
    signals = ", ".join(f"{label} {v:.2f}" for v, label in declared if v > 0) or "none"
    d = f"declared {c.get('declared', 0):.2f} ({signals})"
    if c.get("observed") is None:
        return d
    w = c.get("data_weight", 0.0)
    return f"observed {_pct(c['observed'])} ×{w:.2f} + {d} ×{1 - w:.2f}"


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for i, r in enumerate(rows):
        cells = [
            c.rjust(w) if 1 < j < len(r) - 1 else c.ljust(w)
            for j, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def score_table(journey: Journey, score: JourneyScore, segments: bool = False) -> str:
    lines = [f"{terminal(journey.title)} ({journey.id})"]
    if score.customers is None:
        lines.append(
            "No lifecycle data: risk rests on the declared friction, emotions and targets."
        )
    else:
        source = terminal(Path(score.data_source or "").name)
        lines.append(
            f"{score.customers} customers from {source}; {_pct(score.conversion)} reached an "
            f"end stage ({score.converted} customers)"
        )
    lines.append("")
    header = ("stage", "risk", "", "reached", "dropped", "drop-off [90% interval]")
    with_data = score.customers is not None
    if with_data:
        header += ("converts", "lost", "to next: median / p90", "why")
    else:
        header = ("stage", "risk", "", "why")
    rows = [header]
    for s in score.stages:
        rows.extend(_stage_rows(s, with_data, ""))
        if segments:
            for seg, ss in s.segments.items():
                rows.extend(_stage_rows(ss, with_data, f"  · {terminal(seg)}"))
    lines.extend(_table(rows))
    lines.extend(_opportunity_lines(score))
    lines.append("")
    lines.append(
        "risk = w × observed drop-off + (1 − w) × declared signals; "
        "w = reached / (reached + n0), n0 = 30 unless thresholds: prior_strength"
    )
    if with_data:
        lines.append(
            "dropped: left there; lost: left there without ever reaching an end stage; "
            "converts: chance to reach an end stage from there"
        )
    lines.append("* fewer customers than the minimum sample: read the drop-off with care")
    return "\n".join(lines)


def _stage_rows(s: StageScore, with_data: bool, label: str) -> list[tuple[str, ...]]:
    name = label or terminal(s.stage)
    if not with_data:
        return [(name, f"{s.risk:.2f}", _bar(s.risk), _why(s))]
    interval = (
        f"{_pct(s.dropoff_rate)} [{_pct(s.dropoff_interval[0])}–{_pct(s.dropoff_interval[1])}]"
        if s.dropoff_interval
        else "–"
    )
    return [
        (
            name + (" *" if s.low_sample else ""),
            f"{s.risk:.2f}",
            _bar(s.risk),
            str(s.reached),
            str(s.dropped),
            interval,
            # nobody observed there: the chain knows nothing, so "0%" would be made up
            "–" if not s.visits and not s.p_convert else _pct(s.p_convert, 0),
            "–" if s.expected_lost is None else f"{s.expected_lost:.0f}",
            f"{duration(s.median_to_next_s)} / {duration(s.p90_to_next_s)}",
            "" if label else _why(s),
        )
    ]


def _opportunity_lines(score: JourneyScore, top: int = 5) -> list[str]:
    if not score.opportunities:
        return []
    with_data = score.customers is not None
    title = "customers each could save" if with_data else "risk × impact, no data"
    lines = ["", f"Opportunities ({title}):"]
    for i, o in enumerate(score.opportunities[:top], 1):
        value = (
            f"{o.customers_saved:+.0f} customers"
            if o.customers_saved is not None
            else f"{o.impact:.0%} impact"
        )
        assumed = " (impact assumed)" if o.impact_assumed else ""
        lines.append(
            f"  {i}. {terminal(o.idea)} [{o.stage}/{o.touchpoint}]: {value}, "
            f"-{o.impact:.0%} drop-off{assumed}"
        )
    return lines


def whatif_dict(w: WhatIf) -> dict[str, Any]:
    return asdict(w)


def whatif_text(w: WhatIf) -> str:
    change = f"{w.change:+.0%}" if w.relative else f"{w.change:+.4g} (absolute)"
    return "\n".join(
        [
            f"What if drop-off at {w.stage!r} changes by {change}:",
            f"  drop-off per visit   {_pct(w.baseline_dropoff)} → {_pct(w.projected_dropoff)}",
            f"  conversion           {_pct(w.baseline_conversion, 2)} → "
            f"{_pct(w.projected_conversion, 2)}",
            f"  customers {'saved ' if w.customers_saved >= 0 else 'lost  '}     "
            f"{abs(w.customers_saved):.1f} of {w.customers}",
        ]
    )
