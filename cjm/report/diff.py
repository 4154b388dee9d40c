"""``cjm diff`` output: text for a terminal, markdown for a PR comment, json for tools."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from cjm.diff import Change, JourneyDiff, StageDelta
from cjm.escape import markdown, terminal

_SIGN = {"added": "+", "removed": "-", "changed": "~"}


def _value(v: Any) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(map(str, v)) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {x:g}" for k, x in v.items()) + "}"
    return "–" if v is None else str(v)


def _fields(c: Change, esc: Callable[[str], str]) -> str:
    return "; ".join(f"{f.field}: {esc(_value(f.old))} → {esc(_value(f.new))}" for f in c.fields)


def _num(old: float | None, new: float | None, fmt: str) -> str:
    if old is None and new is None:
        return "–"
    if old is None or new is None:
        before = "–" if old is None else format(old, fmt)
        return f"{before} → {'–' if new is None else format(new, fmt)}"
    delta = new - old
    if delta == 0:
        return format(new, fmt)
    return f"{old:{fmt}} → {new:{fmt}} ({delta:+{fmt}})"


def _delta_cells(d: StageDelta) -> list[str]:
    cells = [_num(d.friction_old, d.friction_new, "g"), _num(d.emotion_old, d.emotion_new, ".2f")]
    if d.risk_old is not None or d.risk_new is not None:
        cells.append(_num(d.risk_old, d.risk_new, ".2f"))
    return cells


def text(diffs: Sequence[JourneyDiff]) -> str:
    out = []
    for d in diffs:
        out.append(f"{terminal(d.journey)}: {terminal(d.old_label)} → {terminal(d.new_label)}")
        if d.empty:
            out.append("  no changes")
            continue
        for kind in ("stage", "touchpoint"):
            changes = [c for c in d.changes if c.kind == kind]
            if changes:
                out.append(f"  {kind}s:")
            for c in changes:
                where = f" (in {terminal(c.stage)})" if kind == "touchpoint" else ""
                detail = f": {_fields(c, terminal)}" if c.fields else ""
                out.append(f"    {_SIGN[c.status]} {terminal(c.id)}{where} {c.status}{detail}")
        moved = [x for x in d.deltas if x.changed]
        if moved:
            risk = any(x.risk_old is not None or x.risk_new is not None for x in moved)
            out.append("  stage deltas (friction load, mean emotion" + (", risk)" if risk else ")"))
            for x in moved:
                out.append(f"    {terminal(x.stage)}: " + " | ".join(_delta_cells(x)))
    return "\n".join(out) + "\n"


def markdown_report(diffs: Sequence[JourneyDiff]) -> str:
    out = []
    for d in diffs:
        out.append(f"### Journey `{d.journey}`: {markdown(d.old_label)} → {markdown(d.new_label)}")
        out.append("")
        if d.empty:
            out += ["No changes.", ""]
            continue
        if d.changes:
            out += ["| | kind | id | stage | what changed |", "|---|---|---|---|---|"]
            for c in d.changes:
                out.append(
                    f"| {_SIGN[c.status]} | {c.kind} | {markdown(c.id)} | {markdown(c.stage)} | "
                    f"{c.status}{': ' + _fields(c, markdown) if c.fields else ''} |"
                )
            out.append("")
        moved = [x for x in d.deltas if x.changed]
        if moved:
            risk = any(x.risk_old is not None or x.risk_new is not None for x in moved)
            head = "| stage | friction load | mean emotion |" + (" risk |" if risk else "")
            out += [head, "|---" * (4 if risk else 3) + "|"]
            for x in moved:
                cells = _delta_cells(x)
                if risk and len(cells) == 2:
                    cells.append("–")
                out.append(f"| {markdown(x.stage)} | " + " | ".join(cells) + " |")
            out.append("")
    return "\n".join(out)


def json_report(diffs: Sequence[JourneyDiff]) -> str:
    return json.dumps([asdict(d) for d in diffs], ensure_ascii=False, indent=2) + "\n"


RENDERERS: dict[str, Callable[[Sequence[JourneyDiff]], str]] = {
    "text": text,
    "markdown": markdown_report,
    "json": json_report,
}
