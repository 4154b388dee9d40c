"""``cjm check --format github``: GitHub Actions workflow commands, one per finding.

GitHub turns ``::error file=F,line=L,col=C,title=T::MESSAGE`` lines into annotations on the
pull request. Messages are escaped the way the runner expects, so user text cannot start a
command of its own.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from cjm.check.engine import FileReport
from cjm.escape import github_data, github_property

_LEVEL = {"error": "error", "warning": "warning"}


def _repo_path(file: str) -> str:
    """The path relative to the workspace (GitHub places annotations by repository path);
    unchanged when the file lies outside it."""
    root = Path(os.environ.get("GITHUB_WORKSPACE") or os.getcwd()).resolve()
    try:
        return Path(file).resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return file


def render(reports: Sequence[FileReport], fail_on: str = "error") -> str:
    lines = []
    for r in reports:
        for f in r.findings:
            p = f.problem
            props = ",".join(
                (
                    f"file={github_property(_repo_path(p.file))}",
                    f"line={p.line}",
                    f"col={p.column}",
                    f"title={github_property('cjm ' + p.rule)}",
                )
            )
            lines.append(f"::{_LEVEL.get(p.severity, 'notice')} {props}::{github_data(p.message)}")
    n = len(lines)
    lines.append(f"cjm check: {n} finding(s) in {len(reports)} file(s)")
    return "".join(line + "\n" for line in lines)
