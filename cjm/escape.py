"""Untrusted text made safe for the place it is shown in."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal(text: str) -> str:
    """Text for a terminal: control characters (escape sequences, bidi overrides) removed."""
    return _CONTROL.sub("", text.replace("\t", " ").replace("\n", " "))


def csv_cell(text: str) -> str:
    """A CSV cell that spreadsheets will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
