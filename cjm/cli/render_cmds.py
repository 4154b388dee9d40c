"""Commands that draw journeys: render (map, grid poster, Mermaid, HTML) and watch."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cjm.cli.app import cli
from cjm.cli.common import EXIT_INVALID, guard_output, safe, score_on_data, wants_data

if TYPE_CHECKING:
    pass

FORMAT_CHOICES = ("svg", "png", "pdf", "dot", "mermaid", "html")
VIEW_CHOICES = ("map", "grid", "journey", "flowchart")
GONE_AFTER_S = 1.0


def output_plan(
    journey_path: str, output: str | None, fmt: str | None, view: str | None
) -> tuple[Path, str, str]:
    """(path, format, view): -o's extension picks the format unless --format says otherwise;
    without -o the output lands beside the journey, named after it and the view."""
    from cjm.render.pipeline import EXTENSIONS, SUFFIX

    if fmt is None and output:
        suffix = Path(output).suffix.lower()
        if suffix not in EXTENSIONS:
            known = " ".join(sorted(EXTENSIONS))
            what = f"the extension {suffix!r}" if suffix else "a name without an extension"
            raise click.BadParameter(
                f"{output!r}: cannot tell the format from {what}; end the name with one "
                f"of {known}, or pass --format",
                param_hint="-o/--output",
            )
        fmt = EXTENSIONS[suffix]
    fmt = fmt or "svg"
    if view is None:
        view = "journey" if fmt == "mermaid" else "map"
    if view in ("journey", "flowchart") and fmt != "mermaid":
        view = {"journey": "grid", "flowchart": "map"}[view]
    if output:
        return Path(output), fmt, view
    src = Path(journey_path)
    return src.with_name(f"{src.stem}.{view}{SUFFIX[fmt]}"), fmt, view


class Failure(Exception):
    """A render that cannot be done; ``lines`` say why (file:line:col where known)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def produce(
    journey_path: str,
    data: str | None,
    no_data: bool,
    fmt: str,
    view: str,
    options: Mapping[str, Any],
) -> bytes:
    """The rendered bytes; raises ``Failure`` for a bad journey, bad data or a Graphviz problem."""
    from cjm.journey import load_journey
    from cjm.problems import JourneyError
    from cjm.render.dotrun import RenderError
    from cjm.render.pipeline import render

    try:
        journey = load_journey(journey_path)
        use_data = wants_data(journey, data, no_data)
        score = score_on_data(journey, data) if use_data else None
    except JourneyError as err:  # the journey's problems, or the data's (DataError is one)
        raise Failure([p.format() for p in err.problems]) from None
    try:
        return render(journey, fmt, view, score, **options)
    except RenderError as err:
        raise Failure(str(err).splitlines()) from None


def write_output(out: Path, payload: bytes) -> None:
    from cjm.fileio import write_atomic

    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out, payload)
    except OSError as err:
        raise Failure([f"{out}: cannot write: {err.strerror or err}"]) from None


def echo_failure(failure: Failure) -> None:
    for line in failure.lines:
        click.echo(safe(line), err=True)


_COMMON = [
    click.option(
        "--data",
        type=click.Path(exists=True, dir_okay=False),
        help="Lifecycle data: event log (CSV, Parquet, JSON Lines) or funnel CSV; adds "
        "drop-off and risk. Default: the journey's own data: block, if it has one.",
    ),
    click.option(
        "--no-data",
        is_flag=True,
        help="Draw only what the journey declares, even if it names its data.",
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
        "--paper",
        type=click.Choice(["a3", "a2", "a1", "a0"]),
        help="Scale SVG/PNG/PDF to fill this sheet (landscape), e.g. the grid poster for A1.",
    ),
    click.option(
        "--lang",
        type=click.Choice(["auto", "en", "ru"]),
        default="auto",
        show_default=True,
        help="Language of the labels (Goal, Friction, legend...); auto follows the journey.",
    ),
    click.option(
        "--timeout",
        type=click.FloatRange(min=1),
        default=60.0,
        show_default=True,
        help="Seconds Graphviz may take.",
    ),
]


def _options(faces: str, timeout: float, paper: str | None, lang: str) -> dict[str, Any]:
    """What the renderer takes from the options render and watch share."""
    return {"emoji": faces == "emoji", "timeout": timeout, "paper": paper, "lang": lang}


def _common(f: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_COMMON):
        f = option(f)
    return f


@cli.command(epilog="Example: cjm render journeys/online-store.yaml -o out/map.png")
@click.argument("journey", type=click.Path(exists=True, dir_okay=False))
@_common
def render(
    journey: str,
    data: str | None,
    no_data: bool,
    output: str | None,
    fmt: str | None,
    view: str | None,
    faces: str,
    paper: str | None,
    lang: str,
    timeout: float,
) -> None:
    """Draw a journey: the map (with its emotion curve), the grid poster, Mermaid or HTML.

    Without -o the output lands beside the journey (e.g. online-store.map.svg). Exit 2 when
    the journey or data is invalid or Graphviz is missing.
    """
    out, fmt, view = output_plan(journey, output, fmt, view)
    guard_output(out, [journey, data])
    try:
        options = _options(faces, timeout, paper, lang)
        write_output(out, produce(journey, data, no_data, fmt, view, options))
    except Failure as failure:
        echo_failure(failure)
        sys.exit(EXIT_INVALID)
    click.echo(f"wrote {safe(str(out))}")


def _signature(paths: list[str]) -> tuple | None:
    try:
        return tuple((os.stat(p).st_mtime_ns, os.stat(p).st_size) for p in paths)
    except OSError:  # mid-save (editors often write a new file and rename it)
        return None


@cli.command(epilog="Example: cjm watch journeys/online-store.yaml -o out/map.svg")
@click.argument("journey", type=click.Path(exists=True, dir_okay=False))
@_common
@click.option(
    "--debounce",
    type=float,
    default=0.3,
    show_default=True,
    help="Quiet seconds before re-rendering.",
)
@click.option(
    "--max-renders", type=int, hidden=True, help="Stop after this many renders (for tests)."
)
def watch(
    journey: str,
    data: str | None,
    no_data: bool,
    output: str | None,
    fmt: str | None,
    view: str | None,
    faces: str,
    paper: str | None,
    lang: str,
    timeout: float,
    debounce: float,
    max_renders: int | None,
) -> None:
    """Re-render a journey every time it is saved (Ctrl+C to stop).

    A broken save prints the positioned error and keeps the last good output.
    """
    out, fmt, view = output_plan(journey, output, fmt, view)
    guard_output(out, [journey, data])
    watched = [journey] + ([data] if data else [])
    options = _options(faces, timeout, paper, lang)
    click.echo(f"watching {safe(journey)}; output: {safe(str(out))} (Ctrl+C to stop)")
    last, renders, missing_since, told = None, 0, None, False
    try:
        while max_renders is None or renders < max_renders:
            sig = _signature(watched)
            if sig is None:
                # Editors save by rename, so a file may vanish for a moment; longer is news.
                missing_since = missing_since or time.monotonic()
                if not told and time.monotonic() - missing_since > GONE_AFTER_S:
                    gone = next((p for p in watched if not os.path.exists(p)), journey)
                    click.echo(f"{safe(gone)} is gone; waiting for it to come back", err=True)
                    told = True
            else:
                missing_since, told = None, False
            if sig is None or sig == last:
                time.sleep(min(debounce, 0.2) or 0.05)
                continue
            time.sleep(debounce)
            if _signature(watched) != sig:
                continue  # still being written
            last, renders = sig, renders + 1
            stamp = time.strftime("%H:%M:%S")
            try:
                write_output(out, produce(journey, data, no_data, fmt, view, options))
                click.echo(f"[{stamp}] rendered {safe(str(out))}")
            except Failure as failure:
                echo_failure(failure)
                kept = "kept the last good output" if out.exists() else "no output yet"
                click.echo(f"[{stamp}] not rendered; {kept}: {safe(str(out))}", err=True)
    except KeyboardInterrupt:
        click.echo("stopped")
