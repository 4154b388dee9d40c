"""What every command shares: finding journey files, loading them, reporting problems."""

from __future__ import annotations

import os
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
    """The given files, and every *.yaml/*.yml below the given folders (hidden ones skipped).

    A folder that cannot be listed is yielded too, so that loading it reports why instead of
    its journeys silently going unchecked."""
    for p in map(Path, paths):
        if not p.is_dir():
            yield p
            continue
        unreadable: list[OSError] = []
        seen = {os.path.realpath(p)}  # linked folders are followed, each real one once
        for root, dirs, files in os.walk(p, onerror=unreadable.append, followlinks=True):
            yield from _drain(unreadable)
            dirs[:] = [d for d in sorted(dirs) if not d.startswith(".") and _first(root, d, seen)]
            for name in sorted(files):
                if name.endswith(JOURNEY_SUFFIXES) and not name.startswith("."):
                    yield Path(root) / name
        yield from _drain(unreadable)


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


def input_clash(output: str | os.PathLike[str], inputs: Iterable[str | None]) -> str | None:
    """The input that writing ``output`` would overwrite, if any (inputs are never modified)."""
    out = Path(output)
    for given in inputs:
        if not given:
            continue
        src = Path(given)
        try:
            if out.exists() and src.exists() and os.path.samefile(out, src):
                return given
        except OSError:
            continue
        if out.resolve() == src.resolve():
            return given
    return None


def exit_if_input(output: str | os.PathLike[str], inputs: Iterable[str | None]) -> None:
    """Exit 2 with a message when ``output`` is one of ``inputs``."""
    clash = input_clash(output, inputs)
    if clash:
        click.echo(
            f"{safe(str(output))}: is the input {safe(clash)}; cjm never overwrites its "
            "inputs: choose another output file (-o)",
            err=True,
        )
        sys.exit(EXIT_INVALID)


def write_or_exit(
    output: str | os.PathLike[str], data: bytes, inputs: Iterable[str | None] = ()
) -> None:
    """Write ``data`` to ``output`` atomically, or say why not and exit 2."""
    from cjm.fileio import write_atomic

    exit_if_input(output, inputs)
    try:
        write_atomic(output, data)
    except OSError as err:
        click.echo(f"{safe(str(output))}: cannot write: {err.strerror or err}", err=True)
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
