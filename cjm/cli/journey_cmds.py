"""Commands about journey files themselves: validate, schema, init, summary."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cjm.cli.app import cli
from cjm.cli.common import (
    EXIT_INVALID,
    iter_journey_files,
    load_or_exit,
    report_problems,
    safe,
    write_or_exit,
)
from cjm.problems import JourneyError


@cli.command(epilog="Example: cjm validate journeys/ my-journey.yaml")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def validate(paths: tuple[str, ...], quiet: bool) -> None:
    """Check journey files (or folders, recursively) against the format.

    Prints every problem as FILE:LINE:COL: error: message; exits 2 if any file is invalid.
    """
    from cjm.journey import load_journey

    failed = 0
    files = list(iter_journey_files(paths))
    if not files:
        raise click.UsageError("no *.yaml or *.yml files found in the given paths")
    for path in files:
        try:
            journey = load_journey(path)
        except JourneyError as err:
            report_problems(err)
            failed += 1
            continue
        if not quiet:
            n_tp = len(journey.touchpoints)
            click.echo(f"ok {safe(str(path))} ({len(journey.stages)} stages, {n_tp} touchpoints)")
    if failed:
        click.echo(f"{failed} of {len(files)} file(s) invalid", err=True)
        sys.exit(EXIT_INVALID)


@cli.command(epilog="Example: cjm schema > cjm.schema.json")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file.")
def schema(output: str | None) -> None:
    """Print the JSON Schema of the journey format (for editors and other tools)."""
    from cjm.journey.schema import schema_text

    if output:
        write_or_exit(output, schema_text().encode())
    else:
        click.echo(schema_text(), nl=False)


@cli.command(epilog="Example: cjm init my-journeys --id onboarding --title 'Onboarding'")
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option(
    "--template", type=click.Choice(["lifecycle"]), default="lifecycle", show_default=True
)
@click.option("--id", "journey_id", default="my-journey", show_default=True, help="Journey id.")
@click.option("--title", default="My customer journey", show_default=True)
@click.option("--name", default="journey.yaml", show_default=True, help="File name to write.")
def init(directory: str, template: str, journey_id: str, title: str, name: str) -> None:
    """Write a starter journey with the five lifecycle phases (never overwrites).

    Also writes cjm.schema.json beside it (unless present), which the journey's modeline
    points at, so editors complete and check the file straight away.
    """
    import json
    import re

    from cjm.journey.schema import schema_text
    from cjm.journey.template import LIFECYCLE

    if not re.match(r"^[a-z0-9][a-z0-9_-]*$", journey_id):
        raise click.BadParameter("use lowercase letters, digits, '-' and '_'", param_hint="--id")
    target = Path(directory) / name
    if target.exists():
        click.echo(f"{target}: already exists; not overwriting it", err=True)
        sys.exit(EXIT_INVALID)
    try:
        Path(directory).mkdir(parents=True, exist_ok=True)
    except OSError as err:
        click.echo(safe(f"{directory}: error: cannot create: {err.strerror or err}"), err=True)
        sys.exit(EXIT_INVALID)
    schema_file = Path(directory) / "cjm.schema.json"
    if not schema_file.exists():
        write_or_exit(schema_file, schema_text().encode())
    text = LIFECYCLE.format(
        schema="./cjm.schema.json",
        name=name,
        id=journey_id,
        title=json.dumps(title, ensure_ascii=False),
    )
    write_or_exit(target, text.encode())
    click.echo(f"wrote {target}; next: cjm validate {target}")


@cli.command(epilog="Example: cjm summary journeys/online-store.yaml")
@click.argument("journey", type=click.Path(exists=True, dir_okay=False))
def summary(journey: str) -> None:
    """Print the declared figures of every stage: emotion, friction and missed targets."""
    from cjm.graph import summarize
    from cjm.report.summary import summary_table

    j = load_or_exit(journey)
    click.echo(summary_table(j, summarize(j)))
