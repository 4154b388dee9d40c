"""``cjm check --format text``: one line per finding, coloured when shown on a terminal."""

from __future__ import annotations

from collections.abc import Sequence

import click

from cjm.check.engine import FileReport
from cjm.escape import terminal
from cjm.problems import ERROR

_COLOURS = {ERROR: "red", "warning": "yellow"}


def render(reports: Sequence[FileReport], fail_on: str = "error") -> str:
    """Styled text; ``click.echo`` drops the colours when the output is not a terminal."""
    lines = []
    errors = warnings = suppressed = 0
    for report in reports:
        suppressed += report.suppressed
        for f in report.findings:
            p = f.problem
            errors += p.severity == ERROR
            warnings += p.severity != ERROR
            where = click.style(f"{terminal(p.file)}:{p.line}:{p.column}:", bold=True)
            sev = click.style(f"{p.severity}:", fg=_COLOURS.get(p.severity))
            lines.append(
                f"{where} {sev} {terminal(p.message)} {click.style(f'[{p.rule}]', dim=True)}"
            )
    files = len(reports)
    if errors or warnings:
        tail = f"{errors} error(s), {warnings} warning(s) in {files} file(s)"
    else:
        tail = f"no findings in {files} file(s)"
    if suppressed:
        tail += f"; {suppressed} suppressed inline"
    lines.append(tail)
    declared = [r for r in reports if r.wanting_data and r.journey and r.journey.data]
    if declared:
        rules = sorted({rule for r in declared for rule in r.wanting_data})
        lines.append(
            f"note: {', '.join(rules)} did not run for {len(declared)} journey(s) that "
            "declare data: it was skipped (--no-data) or its files are missing"
        )
    return "\n".join(lines) + "\n"
