"""``cjm check --format json``: a list of {file, line, column, rule, severity, message}."""

from __future__ import annotations

import json
from collections.abc import Sequence

from cjm.check.engine import FileReport


def render(reports: Sequence[FileReport], fail_on: str = "error") -> str:
    items = [
        {
            "file": f.problem.file,
            "line": f.problem.line,
            "column": f.problem.column,
            "rule": f.problem.rule,
            "severity": f.problem.severity,
            "message": f.problem.message,
        }
        for r in reports
        for f in r.findings
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
