"""From a journey (and optionally its score) to the bytes of one view in one format."""

from __future__ import annotations

from cjm.journey.model import Journey
from cjm.render.dotrun import DEFAULT_TIMEOUT_S, run_graphviz
from cjm.render.words import Words, words_for
from cjm.score.result import JourneyScore

GRAPHIC_FORMATS = ("svg", "png", "pdf")
FORMATS = (*GRAPHIC_FORMATS, "dot", "mermaid", "html")
VIEWS = ("map", "grid", "journey", "flowchart")
EXTENSIONS = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".md": "mermaid",
    ".html": "html",
    ".htm": "html",
}
# Landscape ISO sheets in inches, less 1.2 in for the graph's pad (0.5 in a side at most)
# and a margin: -Gsize with "!" scales the drawing up or down until it just fits, so a
# poster fills the sheet it is printed on.
PAPER = {"a3": (15.3, 10.5), "a2": (22.2, 15.3), "a1": (31.9, 22.2), "a0": (45.6, 31.9)}
# A PNG for a sheet is printed: at the screen's 96 dpi an A3 poster came out 1469 px wide.
PRINT_DPI = 150
SUFFIX = {
    "svg": ".svg",
    "png": ".png",
    "pdf": ".pdf",
    "dot": ".dot",
    "mermaid": ".mmd",
    "html": ".html",
}


def view_source(
    journey: Journey, view: str, score: JourneyScore | None, emoji: bool, words: Words
) -> str:
    """The DOT source of a Graphviz view (map or grid)."""
    if view == "grid":
        from cjm.render.grid import grid_dot

        return grid_dot(journey, score, emoji, words)
    from cjm.render.mapview import map_dot

    return map_dot(journey, score, emoji, words)


def render_graphic(
    journey: Journey,
    view: str,
    fmt: str,
    score: JourneyScore | None = None,
    emoji: bool = True,
    timeout: float = DEFAULT_TIMEOUT_S,
    paper: str | None = None,
    words: Words | None = None,
) -> bytes:
    """SVG, PNG or PDF bytes of the map (with its emotion curve) or the grid poster."""
    words = words or words_for(journey)
    source = view_source(journey, view, score, emoji, words)
    sizing = (f"-Gsize={PAPER[paper][0]},{PAPER[paper][1]}!",) if paper else ()
    if paper and fmt == "png":
        sizing += (f"-Gdpi={PRINT_DPI}",)
    if view == "grid":
        drawn = run_graphviz(source, fmt, extra_args=sizing, timeout=timeout)
    else:
        from cjm.render.curve import add_curve

        positioned = run_graphviz(source, "dot", timeout=timeout).decode("utf-8")
        final = add_curve(positioned, journey, emoji, words)
        drawn = run_graphviz(final, fmt, "neato", ("-n2", *sizing), timeout)
    if fmt == "svg":
        from cjm.render.svgstyle import styled_svg

        return styled_svg(drawn)
    return drawn


def render(
    journey: Journey,
    fmt: str,
    view: str = "map",
    score: JourneyScore | None = None,
    emoji: bool = True,
    timeout: float = DEFAULT_TIMEOUT_S,
    paper: str | None = None,
    lang: str = "auto",
) -> bytes:
    """One view of ``journey`` as ``fmt`` bytes.

    ``view`` is map or grid; for Mermaid, map means the flowchart and grid the ``journey``
    diagram (``flowchart`` and ``journey`` name them directly). ``paper`` (a3..a0) scales
    SVG/PNG/PDF to fill that sheet. ``lang`` (auto, en, ru) picks the labels' language;
    auto follows the journey's titles.
    """
    words = words_for(journey, lang)
    if fmt == "mermaid":
        from cjm.render.mermaid import flowchart, journey_diagram

        kind = {"map": "flowchart", "grid": "journey"}.get(view, view)
        if kind == "flowchart":
            return flowchart(journey, score, emoji, words).encode("utf-8")
        return journey_diagram(journey).encode("utf-8")
    graphic_view = {"flowchart": "map", "journey": "grid"}.get(view, view)
    if fmt == "dot":
        return view_source(journey, graphic_view, score, emoji, words).encode("utf-8")
    if fmt == "html":
        from cjm.render.htmlreport import html_report

        svg = render_graphic(journey, graphic_view, "svg", score, emoji, timeout, None, words)
        return html_report(journey, svg, score, words).encode("utf-8")
    return render_graphic(journey, graphic_view, fmt, score, emoji, timeout, paper, words)
