"""Untrusted text made safe for the place it is shown in."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal(text: str) -> str:
    """Text for a terminal: control characters (escape sequences, bidi overrides) removed."""
    return _CONTROL.sub("", text.replace("\t", " ").replace("\n", " "))


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold at all (the serializer escapes <, & and quotes itself)."""
    return _XML_INVALID.sub("\ufffd", text)


def github_data(text: str) -> str:
    """The message part of a GitHub Actions workflow command (``::error …::MESSAGE``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a workflow command (``file=…,title=…``)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+#>=]|\d+(?=\.))")


def markdown(text: str) -> str:
    """Inline Markdown (a PR comment, a table cell): no markup, HTML or line breaks leak."""
    text = terminal(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text).replace("@", "@\u200b")
    return _MD_LINE_START.sub(
        lambda m: m[1] + (m[2] + "\\" if m[2].isdigit() else "\\" + m[2]), text
    )


def csv_cell(text: str) -> str:
    """A CSV cell that spreadsheets will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
