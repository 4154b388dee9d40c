"""What every command shares: finding journey files, loading them, reporting problems."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cjm.problems import JourneyError

if TYPE_CHECKING:
    from cjm.journey.model import Journey
    from cjm.score.result import JourneyScore

EXIT_FINDINGS = 1
EXIT_INVALID = 2
JOURNEY_SUFFIXES = (".yaml", ".yml")


def iter_journey_files(paths: tuple[str, ...]) -> Iterator[Path]:
    """The given files, and every journey *.yaml/*.yml below the given folders (hidden ones
    and YAML that is not a journey skipped);
    each file once, however often it is named (a folder and a file in it), so no finding
    is reported or baselined twice."""
    seen: set[Path] = set()
    for path in _walk(paths):
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            yield path


def _walk(paths: tuple[str, ...]) -> Iterator[Path]:
    """Linked folders are followed, each real folder once (so link loops end); a folder that
    cannot be listed is yielded too, so that loading it reports why instead of its journeys
    silently going unchecked."""
    for p in map(Path, paths):
        if not p.is_dir():
            yield p
            continue
        unreadable: list[OSError] = []
        seen = {os.path.realpath(p)}
        for root, dirs, files in os.walk(p, onerror=unreadable.append, followlinks=True):
            yield from _drain(unreadable)
            dirs[:] = [d for d in sorted(dirs) if not d.startswith(".") and _first(root, d, seen)]
            for name in sorted(files):
                path = Path(root) / name
                if _is_candidate(name) and looks_like_journey(path):
                    yield path
        yield from _drain(unreadable)


def _is_candidate(name: str) -> bool:
    return name.endswith(JOURNEY_SUFFIXES) and not name.startswith(".")


_JOURNEY_KEY = re.compile(rb"^(cjm|journey|stages)[ \t]*:", re.MULTILINE)


def looks_like_journey(path: Path) -> bool:
    """Whether a YAML file found in a folder walk is meant as a journey: it has one of the
    top-level keys cjm, journey or stages. Other YAML (mkdocs.yml, CI files, compose files)
    is passed over; a file named on the command line is always checked, and a journey that
    merely lacks `cjm: 1` still has `journey:` or `stages:`, so its problems are reported."""
    try:
        with path.open("rb") as fh:
            return _JOURNEY_KEY.search(fh.read(256 * 1024)) is not None
    except OSError:
        return True  # loading it reports why it cannot be read


def _first(root: str, name: str, seen: set[str]) -> bool:
    real = os.path.realpath(os.path.join(root, name))
    if real in seen:
        return False
    seen.add(real)
    return True


def _drain(errors: list[OSError]) -> Iterator[Path]:
    while errors:
        err = errors.pop(0)
        if err.filename is not None:
            yield Path(os.fsdecode(err.filename))


def guard_output(
    output: str | os.PathLike[str] | None,
    inputs: Iterable[str | os.PathLike[str] | None],
    option: str = "-o",
) -> None:
    """Exit 2 when ``output`` is one of the ``inputs``: inputs are never overwritten."""
    if not output:
        return
    for given in inputs:
        if given and _same_file(Path(output), Path(given)):
            click.echo(
                safe(
                    f"{output}: error: {option} names an input of this command ({given}); "
                    "inputs are never overwritten, so write the output to another file"
                ),
                err=True,
            )
            sys.exit(EXIT_INVALID)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def data_inputs(journey: Journey) -> list[str | None]:
    """The files a journey's ``data:`` block names (they are inputs too)."""
    return [journey.data.events, journey.data.funnel] if journey.data else []


def write_or_exit(path: str | os.PathLike[str], payload: bytes) -> None:
    """Write ``payload`` atomically, or say why it cannot be written and exit 2."""
    from cjm.fileio import write_atomic

    try:
        write_atomic(path, payload)
    except OSError as err:
        click.echo(safe(f"{path}: error: cannot write: {err.strerror or err}"), err=True)
        sys.exit(EXIT_INVALID)


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


def score_on_data(journey: Journey, data: str | None, **options: Any) -> JourneyScore:
    """Score ``journey`` on ``data`` (an event log or funnel CSV; ``None``: the journey's own
    ``data:`` block). Warnings go to stderr; unusable data raises ``JourneyError``."""
    from cjm.problems import Problem

    where = data or journey.path
    try:
        from cjm.data import read_lifecycle
        from cjm.score import score_journey

        lifecycle = read_lifecycle(journey, data=data, **options)
    except ImportError as err:
        need = err.name or "duckdb"
        message = f"reading lifecycle data needs {need}, which is not installed: pip install {need}"
        raise JourneyError([Problem(where, 1, 1, message)]) from None
    except ValueError as err:  # a resource setting DuckDB refuses, e.g. --memory-limit
        raise JourneyError([Problem(where, 1, 1, str(err))]) from None
    for warning in lifecycle.warnings:
        click.echo(safe(warning.format()), err=True)
    return score_journey(journey, lifecycle)


def wants_data(journey: Journey, data: str | None, no_data: bool) -> bool:
    """Whether a drawing or a check uses lifecycle data: ``--data FILE``, else the journey's
    own ``data:`` block when its files are there. Declared files that are missing (data
    exports are often kept out of the repository) are a warning here, not an error: the
    declared signals still make a map and a gate."""
    if no_data:
        return False
    if data is not None:
        return True
    spec = journey.data
    if spec is None:
        return False
    declared = [(k, p) for k, p in (("events", spec.events), ("funnel", spec.funnel)) if p]
    if any(Path(p).is_file() for _, p in declared):
        return True
    for key, path in declared:
        at = spec.positions.get(key, spec.pos)
        click.echo(
            safe(
                f"{journey.path}:{at.line}:{at.column}: warning: data: {key}: no such file "
                f"{path}; going on without data (pass --data FILE, or --no-data to silence)"
            ),
            err=True,
        )
    return False
