"""The CI gate commands: ``check`` (rules over journeys) and ``diff`` (what changed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from cjm.cli.app import cli
from cjm.cli.common import (
    EXIT_FINDINGS,
    EXIT_INVALID,
    guard_output,
    iter_journey_files,
    safe,
    score_on_data,
    wants_data,
)
from cjm.problems import JourneyError

if TYPE_CHECKING:
    from cjm.check.config import Config
    from cjm.check.engine import FileReport
    from cjm.journey.model import Journey
    from cjm.score.result import JourneyScore

CHECK_FORMATS = ("text", "json", "github", "junit", "sarif")


def _fail_input(err: JourneyError) -> NoReturn:
    for p in err.problems:
        click.echo(safe(p.format()), err=True)
    sys.exit(EXIT_INVALID)


def _render(fmt: str, reports: list[FileReport], fail_on: str) -> str:
    import importlib

    return importlib.import_module(f"cjm.report.check_{fmt}").render(reports, fail_on)


@cli.command(epilog="Example: cjm check journeys/ --format sarif -o cjm.sarif")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--data",
    type=click.Path(exists=True, dir_okay=False),
    help="Lifecycle data (event log, or funnel CSV with a customers column) for the drop-off "
    "rule; needs exactly one journey. Default: each journey's own data: block.",
)
@click.option(
    "--no-data",
    is_flag=True,
    help="Skip the drop-off rule even for journeys that name their data in a data: block "
    "(by default each journey's own data is used).",
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False),
    help="Use this config instead of the .cjm.yaml found upward from each file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHECK_FORMATS),
    help="Output format [default: github when GITHUB_ACTIONS is set, else text].",
)
@click.option(
    "--fail-on",
    type=click.Choice(["warning", "error"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    help="Report only findings that are not in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record the current findings in this file and exit 0.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the report to a file instead of standard output.",
)
def check(
    paths: tuple[str, ...],
    data: str | None,
    no_data: bool,
    config: str | None,
    fmt: str | None,
    fail_on: str,
    baseline: str | None,
    write_baseline: str | None,
    output: str | None,
) -> None:
    """Check journeys against the rules (see docs/rules.md); fail CI where they break them.

    Exit 0 when clean, 1 when a finding is at or above --fail-on, 2 when a file is not a
    valid journey (schema errors are reported like findings) or the usage is wrong.
    """
    from cjm.check.config import ConfigFinder
    from cjm.check.engine import at_or_above

    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    try:
        finder = ConfigFinder(config)
        found = list(iter_journey_files(paths))
        files = [p for p in found if not finder.for_file(p).ignores_file(p)]
    except JourneyError as err:
        _fail_input(err)
    if not found:
        raise click.UsageError("no journey files (*.yaml, *.yml) to check in the given paths")
    if not files:
        # pre-commit passes just the changed files; an ignored draft must not fail the hook,
        # and CI's upload step still needs a (clean) report.
        click.echo("nothing to check: every journey given is ignored by the config", err=True)
    if data and len(files) != 1:
        raise click.UsageError("--data belongs to one journey; give exactly one journey file")
    if data and no_data:
        raise click.UsageError("give --data FILE or --no-data, not both")
    guard_output(output, [*found, data, config, baseline])
    guard_output(write_baseline, [*found, data, config], "--write-baseline")
    reports = [_check_one(p, finder.for_file(p), data, no_data) for p in files]
    from cjm.rules import INPUT_RULES

    invalid = any(f.problem.rule in INPUT_RULES for r in reports for f in r.findings)
    if write_baseline:
        _write_baseline(write_baseline, reports, invalid)
        return
    if baseline:
        from cjm.check.baseline import BaselineError, filter_new

        try:
            reports = filter_new(baseline, reports, keep=INPUT_RULES)
        except BaselineError as exc:
            click.echo(safe(str(exc)), err=True)
            sys.exit(EXIT_INVALID)
    _emit(_render(fmt, reports, fail_on), output)
    if invalid:
        sys.exit(EXIT_INVALID)
    if any(at_or_above(f.problem.severity, fail_on) for r in reports for f in r.findings):
        sys.exit(EXIT_FINDINGS)


def _write_baseline(path: str, reports: list[FileReport], invalid: bool) -> None:
    from cjm.check.baseline import write

    if invalid:
        click.echo(_render("text", reports, "error"), err=True, nl=False)
        click.echo("not writing a baseline while some files are not valid journeys", err=True)
        sys.exit(EXIT_INVALID)
    try:
        write(path, reports)
    except OSError as err:
        _cannot_write(path, err)
    n = sum(len(r.findings) for r in reports)
    click.echo(f"wrote {n} finding(s) to {safe(path)}", err=True)


def _cannot_write(path: str, err: OSError) -> NoReturn:
    click.echo(f"{safe(path)}: cannot write: {err.strerror or err}", err=True)
    sys.exit(EXIT_INVALID)


def _emit(text: str, output: str | None) -> None:
    """To the terminal (colours kept only on a TTY) or atomically to a plain file."""
    if output:
        from cjm.fileio import write_atomic

        try:
            write_atomic(output, click.unstyle(text).encode())
        except OSError as err:
            _cannot_write(output, err)
    else:
        # https://no-color.org: any non-empty NO_COLOR turns colours off, even on a terminal
        click.echo(text, nl=False, color=False if os.environ.get("NO_COLOR") else None)


def _check_one(path: Path, config: Config, data: str | None, no_data: bool) -> FileReport:
    from cjm.check.engine import check_file

    # Check first, without data: it loads the journey once, which is all most files need.
    report = check_file(path, config)
    if no_data or report.journey is None:  # invalid: reported as schema findings, exit 2
        return report
    if not wants_data(report.journey, data, no_data):
        return report  # no data anywhere: the data rule does not run
    try:
        score = score_on_data(report.journey, data)
    except JourneyError as err:  # DataError is one: reported like schema errors, exit 2
        return _with_data_problems(report, err)
    return check_file(path, config, score)


def _with_data_problems(report: FileReport, err: JourneyError) -> FileReport:
    """The declared findings plus the data's problems, so that every format still carries a
    full report (a SARIF upload after a failed data read is not left without its file)."""
    from dataclasses import replace

    from cjm.check.finding import Finding, with_fingerprints
    from cjm.problems import ERROR

    problems = [replace(p, severity=ERROR, rule="data") for p in err.problems]
    found = [*report.findings, *(Finding(p, f"message={p.message}") for p in problems)]
    return replace(report, findings=tuple(with_fingerprints(found)))


def _score_or_exit(journey: Journey, data: str | None) -> JourneyScore:
    try:
        return score_on_data(journey, data)
    except JourneyError as err:  # DataError is one
        _fail_input(err)


# --- diff -----------------------------------------------------------------------------------


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise click.UsageError("--git needs the git command, which is not installed") from None


def _at_revision(path: Path, ref: str) -> tuple[str | None, str]:
    """The text of ``path`` at git revision ``ref`` (``None``: not in that revision)."""
    folder = path.resolve().parent
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode:
        raise click.UsageError(f"--git: {path} is not inside a git working copy")
    if _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], folder).returncode:
        raise click.UsageError(f"--git: unknown revision {ref!r}")
    root = Path(top.stdout.decode().strip())
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    shown = _git(["show", f"{ref}:{rel}"], root)
    label = f"{path} ({ref})"
    if shown.returncode:
        return None, label
    from cjm.journey.yamlpos import decode

    try:
        return decode(shown.stdout, label), label
    except JourneyError as err:
        _fail_input(err)


def _load_text(text: str, label: str) -> Journey:
    from cjm.journey import loads_journey

    try:
        return loads_journey(text, label)
    except JourneyError as err:
        _fail_input(err)


@cli.command(
    epilog="Example: cjm diff --git main journeys/ --format markdown (or: cjm diff OLD NEW)"
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--git",
    "ref",
    metavar="REF",
    help="Compare the working copy of each PATH with git revision REF (a branch, tag or commit).",
)
@click.option(
    "--data",
    type=click.Path(exists=True, dir_okay=False),
    help="Lifecycle data: also show each stage's risk before and after.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file.")
def diff(
    paths: tuple[str, ...], ref: str | None, data: str | None, fmt: str, output: str | None
) -> None:
    """Show what changed between two journeys: OLD NEW, or PATH... against --git REF.

    Lists stages and touchpoints added, removed or changed, and each stage's friction load
    and mean emotion before and after (and risk, with --data). Markdown suits a PR comment.
    """
    from cjm.cli.common import load_or_exit
    from cjm.diff import diff_journeys
    from cjm.report.diff import RENDERERS

    pairs = []
    if ref:
        files = list(iter_journey_files(paths))
        if not files:
            raise click.UsageError("no journey files (*.yaml, *.yml) in the given paths")
        for f in files:
            old_text, label = _at_revision(f, ref)
            old = _load_text(old_text, label) if old_text is not None else None
            pairs.append((old, load_or_exit(f), label if old else f"{f} (not in {ref})", str(f)))
    else:
        if len(paths) != 2 or not all(Path(p).is_file() for p in paths):
            raise click.UsageError("give two journey files, OLD and NEW, or use --git REF")
        pairs.append((load_or_exit(paths[0]), load_or_exit(paths[1]), paths[0], paths[1]))
    guard_output(output, [*(p[3] for p in pairs), paths[0], data])
    diffs = []
    for old, new, old_label, new_label in pairs:
        old_score = _score_or_exit(old, data) if data and old else None
        new_score = _score_or_exit(new, data) if data else None
        diffs.append(diff_journeys(old, new, old_label, new_label, old_score, new_score))
    _emit(RENDERERS[fmt](diffs), output)
