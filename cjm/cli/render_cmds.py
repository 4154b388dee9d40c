"""Commands that draw journeys: render (map, grid poster, Mermaid, HTML) and watch."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cjm.cli.app import cli
from cjm.cli.common import EXIT_INVALID, load_or_exit, safe

if TYPE_CHECKING:
    from cjm.journey.model import Journey
    from cjm.score.result import JourneyScore

FORMAT_CHOICES = ("svg", "png", "pdf", "dot", "mermaid", "html")
VIEW_CHOICES = ("map", "grid", "journey", "flowchart")


def output_plan(journey_path: str, output: str | None, fmt: str | None, view: str | None):
    """(path, format, view): -o's extension picks the format unless --format says otherwise;
    without -o the output lands beside the journey, named after it and the view."""
    from cjm.render.pipeline import EXTENSIONS, SUFFIX

    if fmt is None:
        fmt = EXTENSIONS.get(Path(output).suffix.lower(), "svg") if output else "svg"
    if view is None:
        view = "journey" if fmt == "mermaid" else "map"
    if view in ("journey", "flowchart") and fmt != "mermaid":
        view = {"journey": "grid", "flowchart": "map"}[view]
    if output:
        return Path(output), fmt, view
    src = Path(journey_path)
    return src.with_name(f"{src.stem}.{view}{SUFFIX[fmt]}"), fmt, view


def score_from_data(journey: Journey, data: str) -> JourneyScore:
    """Score ``journey`` on the lifecycle data in ``data`` (events or funnel CSV)."""
    try:
        from cjm.data import read_lifecycle
        from cjm.score import score_journey
    except ImportError as err:
        click.echo(
            f"--data needs the scoring modules (cjm.data, cjm.score), which this install "
            f"lacks ({safe(str(err))}); render without --data, or update cjm",
            err=True,
        )
        sys.exit(EXIT_INVALID)
    from cjm.problems import JourneyError

    kind = _data_kind(data)
    try:
        lifecycle = read_lifecycle(journey, **{kind: data})
        return score_journey(journey, lifecycle)
    except JourneyError as err:
        from cjm.cli.common import report_problems

        report_problems(err)
        sys.exit(EXIT_INVALID)


def _data_kind(path: str) -> str:
    """events (one row per customer and stage, with a timestamp) or funnel (counts)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            header = fh.readline().lower()
    except OSError as err:
        click.echo(f"{safe(path)}: cannot read: {safe(err.strerror or str(err))}", err=True)
        sys.exit(EXIT_INVALID)
    return "events" if "timestamp" in header or "customer" in header else "funnel"


def render_once(
    journey_path: str,
    data: str | None,
    out: Path,
    fmt: str,
    view: str,
    emoji: bool,
    timeout: float,
) -> None:
    """Load, score when asked, render and write atomically; errors exit 2 with a message."""
    from cjm.fileio import write_atomic
    from cjm.render.dotrun import RenderError
    from cjm.render.pipeline import render

    journey = load_or_exit(journey_path)
    score = score_from_data(journey, data) if data else None
    try:
        payload = render(journey, fmt, view, score, emoji, timeout)
    except RenderError as err:
        for line in str(err).splitlines():
            click.echo(safe(line), err=True)
        sys.exit(EXIT_INVALID)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out, payload)
    except OSError as err:
        click.echo(f"{safe(str(out))}: cannot write: {safe(err.strerror or str(err))}", err=True)
        sys.exit(EXIT_INVALID)


_COMMON = [
    click.option(
        "--data",
        type=click.Path(exists=True, dir_okay=False),
        help="Lifecycle data (events or funnel CSV): adds drop-off and risk.",
    ),
    click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False),
        help="Output file; its extension picks the format.",
    ),
    click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(FORMAT_CHOICES),
        help="Output format (default: from -o, else svg).",
    ),
    click.option(
        "--view",
        type=click.Choice(VIEW_CHOICES),
        help="map (default) or grid poster; for Mermaid: journey (default) or flowchart.",
    ),
    click.option(
        "--faces",
        type=click.Choice(["emoji", "text"]),
        default="emoji",
        show_default=True,
        help="Emotion faces as emoji or plain text (:) :| :( ...).",
    ),
    click.option(
        "--timeout", type=float, default=60.0, show_default=True, help="Seconds Graphviz may take."
    ),
]


def _common(f):
    for option in reversed(_COMMON):
        f = option(f)
    return f


@cli.command(epilog="Example: cjm render journeys/online-store.yaml -o out/map.png")
@click.argument("journey", type=click.Path(exists=True, dir_okay=False))
@_common
def render(journey: str, data, output, fmt, view, faces, timeout) -> None:
    """Draw a journey: the map (with its emotion curve), the grid poster, Mermaid or HTML.

    Without -o the output lands beside the journey (e.g. online-store.map.svg).
    """
    out, fmt, view = output_plan(journey, output, fmt, view)
    render_once(journey, data, out, fmt, view, faces == "emoji", timeout)
    click.echo(f"wrote {safe(str(out))}")
