"""A style sheet for dot's SVG as browsers show it (PNG and PDF come from cairo, unaffected).

dot places each text run itself, from its own font metrics, so two things go wrong in a
browser without help: a run's leading space (``<B>risk</B> (low)``) is dropped by SVG's
whitespace rules, and an emoji face falls back to a monochrome DejaVu glyph instead of the
colour emoji font cairo used. The style keeps spaces and sends only emoji code points to a
colour emoji font installed locally (``local()`` fetches nothing).
"""

from __future__ import annotations

import re

STYLE = (
    "<style>"
    '@font-face{font-family:"cjm-emoji";unicode-range:U+2600-27BF,U+1F300-1FAFF;'
    'src:local("Noto Color Emoji"),local("Apple Color Emoji"),local("Segoe UI Emoji")}'
    'svg text{white-space:pre;font-family:"cjm-emoji","DejaVu Sans",Verdana,sans-serif}'
    "</style>"
)
_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


def styled_svg(svg: bytes) -> bytes:
    """``svg`` with the style sheet as the first child of its root element."""
    match = _SVG_OPEN.search(svg)
    if match is None:
        return svg
    return svg[: match.end()] + b"\n" + STYLE.encode() + svg[match.end() :]
