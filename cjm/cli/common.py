"""What every command shares: finding journey files, loading them, reporting problems."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cjm.problems import JourneyError

if TYPE_CHECKING:
    from cjm.journey.model import Journey

EXIT_FINDINGS = 1
EXIT_INVALID = 2
JOURNEY_SUFFIXES = (".yaml", ".yml")


def iter_journey_files(paths: tuple[str, ...]) -> Iterator[Path]:
    """The given files, and every *.yaml/*.yml below the given folders (hidden ones skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.endswith(JOURNEY_SUFFIXES) and not name.startswith("."):
                        yield Path(root) / name
        else:
            yield p


def safe(text: str) -> str:
    from cjm.escape import terminal

    return terminal(text)


def report_problems(err: JourneyError) -> None:
    for problem in err.problems:
        click.echo(safe(problem.format()), err=True)


def load_or_exit(path: str | os.PathLike[str]) -> Journey:
    """The journey at ``path``, or every problem printed and exit 2."""
    from cjm.journey import load_journey

    try:
        return load_journey(path)
    except JourneyError as err:
        report_problems(err)
        sys.exit(EXIT_INVALID)
