"""Commands that score a journey against lifecycle data: score and whatif."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from cjm.cli.app import cli
from cjm.cli.common import (
    EXIT_INVALID,
    data_inputs,
    guard_output,
    load_or_exit,
    report_problems,
    safe,
    write_or_exit,
)

if TYPE_CHECKING:
    from cjm.data.types import LifecycleData
    from cjm.journey.model import Journey

ROLES = ("customer_id", "stage", "timestamp", "segment")


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    out = {}
    for v in values:
        key, sep, value = v.partition("=")
        if not sep or not key or not value:
            raise click.BadParameter(f"{v!r}: expected NAME=VALUE", param_hint=option)
        out[key.strip()] = value.strip()
    return out


def data_options(f: Callable) -> Callable:
    options = [
        click.option(
            "--data",
            "data_file",
            type=click.Path(dir_okay=False),
            help="Event log (CSV, Parquet, JSON Lines) or funnel CSV; default: the journey's "
            "data: block.",
        ),
        click.option(
            "--column",
            "column",
            multiple=True,
            metavar="ROLE=NAME",
            help="The data's column for a role (customer_id, stage, timestamp, segment).",
        ),
        click.option(
            "--step",
            multiple=True,
            metavar="EVENT=ID",
            help="Map an event name to a stage or touchpoint id (adds to data: steps:).",
        ),
        click.option("--period", help="Funnel: only the rows of this period."),
        click.option(
            "--memory-limit",
            default="768MB",  # cjm.data.DEFAULT_MEMORY_LIMIT, not imported: start-up stays fast
            show_default=True,
            help="Memory DuckDB may use; beyond it, it spills to disk.",
        ),
        click.option("--threads", type=click.IntRange(1, 256), help="DuckDB threads."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _progress(label: str) -> Callable[[float], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(share: float) -> None:
        if share >= 1.0:
            click.echo("\r\033[K", nl=False, err=True)
        else:
            click.echo(f"\rreading {label}: {share:4.0%}", nl=False, err=True)

    return show


def load_data(journey: Journey, opts: dict[str, Any]) -> LifecycleData:
    """The lifecycle data, or every problem printed and exit 2; warnings go to stderr."""
    from dataclasses import replace
    from pathlib import Path

    from cjm.data import DataError, read_lifecycle
    from cjm.journey.model import DataColumns

    base = journey.data.columns if journey.data else DataColumns()
    roles = _pairs(opts["column"], "--column")
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise click.BadParameter(
            f"unknown role {unknown[0]!r}; roles: {', '.join(ROLES)}", param_hint="--column"
        )
    columns = replace(base, **roles)
    if columns.clash():
        raise click.BadParameter(str(columns.clash()), param_hint="--column")
    path = opts["data_file"]
    label = Path(path or (journey.data.events if journey.data else "") or "").name
    try:
        data = read_lifecycle(
            journey,
            data=path,  # an event log or a funnel CSV, told apart by its header
            columns=columns,
            steps=_pairs(opts["step"], "--step"),
            period=opts["period"],
            memory_limit=opts["memory_limit"],
            threads=opts["threads"],
            progress=_progress(label),
        )
    except DataError as err:
        report_problems(err)
        sys.exit(EXIT_INVALID)
    except ValueError as err:
        click.echo(f"error: {safe(str(err))}", err=True)
        sys.exit(EXIT_INVALID)
    for w in data.warnings:
        click.echo(safe(w.format()), err=True)
    if opts["period"] and data.kind != "funnel":
        click.echo(
            safe(
                f"{data.source}:1:1: warning: --period selects rows of a funnel CSV; "
                "an event log has no periods, so all its events were used"
            ),
            err=True,
        )
    return data


def _emit(text: str, output: str | None) -> None:
    if output:
        write_or_exit(output, text.encode())
    else:
        click.echo(text, nl=not text.endswith("\n"))


@cli.command(
    epilog="Examples: cjm score journeys/online-store.yaml\n\n"
    "cjm score journeys/online-store.yaml --data events.parquet --format json"
)
@click.argument("journey", type=click.Path(exists=True, dir_okay=False))
@data_options
@click.option("--no-data", is_flag=True, help="Ignore the data: block; score declarations only.")
@click.option("--min-sample", type=click.IntRange(1), help="Fewer customers flag a stage [30].")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@click.option("--segments", is_flag=True, help="Table: show every segment under its stage.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file.")
def score(
    journey: str,
    no_data: bool,
    min_sample: int | None,
    fmt: str,
    segments: bool,
    output: str | None,
    **opts: Any,
) -> None:
    """Score every stage's drop-off risk from lifecycle data and the declared signals.

    Risk (0..1) blends the observed drop-off with the declared friction, emotion dips and
    missed metric targets; the more customers a stage saw, the more the data counts.
    """
    from dataclasses import replace

    from cjm.report.score import score_csv, score_json, score_table
    from cjm.score import score_journey

    j = load_or_exit(journey)
    guard_output(output, [journey, opts["data_file"], *data_inputs(j)])
    if min_sample is not None:
        j = replace(j, thresholds={**j.thresholds, "min_sample": min_sample})
    has_data = opts["data_file"] or (j.data and (j.data.events or j.data.funnel))
    data = load_data(j, opts) if has_data and not no_data else None
    result = score_journey(j, data)
    if fmt == "json":
        _emit(score_json(result), output)
    elif fmt == "csv":
        _emit(score_csv(result), output)
    else:
        _emit(score_table(j, result, segments=segments) + "\n", output)


def parse_change(text: str) -> tuple[float, bool]:
    """Parse a change: "-20%" is (-0.2, relative), "-0.05" is (-0.05, absolute)."""
    raw = text.strip()
    relative = raw.endswith("%")
    try:
        value = float(raw.rstrip("%").strip())
    except ValueError:
        value = math.nan
    # float() also takes "nan" and "inf", which would reach the JSON as NaN/Infinity.
    if not math.isfinite(value):
        raise click.BadParameter(
            f"{text!r}: expected a change like -20% (relative) or -0.05 (absolute)",
            param_hint="--dropoff",
        )
    if relative and value < -100:
        raise click.BadParameter(
            f"{text!r}: drop-off cannot fall by more than 100%; -100% removes it all",
            param_hint="--dropoff",
        )
    if not relative and abs(value) > 1:
        raise click.BadParameter(
            f"{text!r}: an absolute change is a share between -1 and 1 (e.g. -0.05 for five "
            f"points less); for a relative change write {raw}%",
            param_hint="--dropoff",
        )
    return (value / 100, True) if relative else (value, False)


@cli.command(
    epilog="Example: cjm whatif journeys/online-store.yaml --stage purchase --dropoff -20%"
)
@click.argument("journey", type=click.Path(exists=True, dir_okay=False))
@data_options
@click.option("--stage", "stage_id", required=True, help="The stage whose drop-off changes.")
@click.option(
    "--dropoff",
    required=True,
    metavar="CHANGE",
    help="-20% = a fifth less drop-off (relative); -0.05 = five points less (absolute).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def whatif(journey: str, stage_id: str, dropoff: str, fmt: str, **opts: Any) -> None:
    """Project end-to-end conversion if one stage's drop-off changed."""
    import json

    from cjm.report.score import whatif_dict, whatif_text
    from cjm.score import what_if

    change, relative = parse_change(dropoff)
    j = load_or_exit(journey)
    ids = [s.id for s in j.stages]
    if stage_id not in ids:
        raise click.BadParameter(
            f"unknown stage {stage_id!r}; stages: {', '.join(ids)}", param_hint="--stage"
        )
    if not opts["data_file"] and not (j.data and (j.data.events or j.data.funnel)):
        click.echo("error: whatif needs lifecycle data: give --data FILE", err=True)
        sys.exit(EXIT_INVALID)
    if j.stage(stage_id).is_end:
        click.echo(
            f"note: {stage_id!r} is an end stage; reaching it is converting, so nobody drops "
            "off there and the projection equals the baseline",
            err=True,
        )
    data = load_data(j, opts)
    if not data.stages[stage_id].reached:
        click.echo(
            f"note: no customer in the data reached {stage_id!r}; with nothing to change "
            "there, the projection equals the baseline",
            err=True,
        )
    result = what_if(j, data, stage_id, change, relative)
    if fmt == "json":
        click.echo(json.dumps(whatif_dict(result), indent=2))
    else:
        click.echo(whatif_text(result))
