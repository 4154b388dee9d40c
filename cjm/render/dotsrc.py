"""Writing DOT text: attribute lists whose values are quoted or passed as HTML-like labels.

Only ``Html`` values go out unquoted between ``<`` and ``>``; build them from
``escape.html_label`` output and theme markup, never from raw journey text.
"""

from __future__ import annotations

from collections.abc import Mapping


class Html(str):
    """A finished HTML-like label body (already escaped)."""


def quote(value: object) -> str:
    if isinstance(value, Html):
        return f"<{value}>"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def attrs(values: Mapping[str, object]) -> str:
    return "[" + " ".join(f"{k}={quote(v)}" for k, v in values.items() if v is not None) + "]"


def stmt(name: str, values: Mapping[str, object]) -> str:
    return f"{name} {attrs(values)};"
