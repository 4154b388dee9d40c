"""Write docs/format.md, the field reference, from the format tables in cjm/journey/format.py.

Run: .venv/bin/python scripts/gen_format_doc.py   (a test fails when the file is stale)
"""

from __future__ import annotations

import sys
from pathlib import Path

from cjm.journey import format as fmt
from cjm.journey.kinds import Kind, ListOf, MapOf, Obj

OUT = Path(__file__).resolve().parent.parent / "docs" / "format.md"


def _type(kind: Kind) -> str:
    if isinstance(kind, ListOf):
        return f"list of {_type(kind.item)}"
    if isinstance(kind, MapOf):
        return f"mapping: key → {_type(kind.value)}"
    if isinstance(kind, Obj):
        return kind.name
    return kind.expect


def _objects(root: Obj) -> list[Obj]:
    found: list[Obj] = []

    def walk(kind: Kind) -> None:
        if isinstance(kind, Obj) and kind not in found:
            found.append(kind)
            for f in kind.fields:
                walk(f.kind)
        elif isinstance(kind, ListOf):
            walk(kind.item)
        elif isinstance(kind, MapOf):
            walk(kind.value)

    walk(root)
    return found


def render() -> str:
    out = [
        "# Journey format reference (version 1)",
        "",
        "Generated from `cjm/journey/format.py` by `scripts/gen_format_doc.py`; do not edit.",
        "",
    ]
    for obj in _objects(fmt.FILE):
        out += [f"## {obj.name}", ""]
        if obj.doc:
            out += [obj.doc, ""]
        out += ["| key | required | value | meaning |", "| --- | --- | --- | --- |"]
        for f in obj.fields:
            req = "yes" if f.required else ""
            value = _type(f.kind).replace("|", "\\|")
            out.append(f"| `{f.name}` | {req} | {value} | {f.doc.replace('|', '/')} |")
        out.append("")
    out += ["## Metrics and their default targets", ""]
    out += ["| key | metric | unit | target | meaning |", "| --- | --- | --- | --- | --- |"]
    for d in fmt.METRICS.values():
        bound = "lower is better" if d.bound is None else f"{'≥' if d.direction == 'min' else '≤'} "
        if d.bound is not None:
            bound += _show(d.bound, d.unit)
        out.append(f"| `{d.key}` | {d.label} | {d.unit} | {bound} | {d.doc} |")
    return "\n".join(out) + "\n"


def _show(value: float, unit: str) -> str:
    if unit == "ratio":
        return f"{value:.0%}"
    if unit == "seconds":
        return f"{value / 3600:g} h" if value >= 3600 else f"{value / 60:g} min"
    return f"{value:g}"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")
