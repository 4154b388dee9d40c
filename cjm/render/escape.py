"""Journey text made safe for each place a renderer puts it.

Every function here takes untrusted text and returns text that the target language shows
as text: it can neither close the construct it sits in nor trigger anything (an attribute,
a port, an image, a directive, a script).
"""

from __future__ import annotations

import html
import re
import textwrap

# C0/C1 controls (not \n), bidi overrides and isolates, BOM and other invisible format chars.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[ \t]+")
ELLIPSIS = "…"


def clean(text: str, max_len: int = 300) -> str:
    """Control characters removed, runs of spaces collapsed, capped at ``max_len`` chars."""
    text = _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    text = _SPACES.sub(" ", text).strip()
    if len(text) > max_len:
        text = text[: max_len - 1].rstrip() + ELLIPSIS
    return text


def wrap(text: str, width: int | None, max_len: int = 300) -> list[str]:
    """``text`` cleaned and broken into lines of at most ``width`` chars (long words split)."""
    lines = []
    for para in clean(text, max_len).split("\n"):
        if width is None or not para:
            lines.append(para)
        else:
            lines.extend(textwrap.wrap(para, width, break_on_hyphens=False) or [""])
    return lines


def xml(text: str) -> str:
    """XML/HTML character data and attribute values: & < > " ' become entities."""
    return html.escape(text, quote=True)


def html_label(text: str, width: int | None = None, max_len: int = 300) -> str:
    r"""Text for inside a Graphviz HTML-like label: escaped, lines joined by ``<BR/>``.

    The graphviz package and dot treat anything between ``<`` and ``>`` as markup, so the
    text is XML-escaped line by line; ``<BR/>`` is the only markup added. dot still expands
    ``\N``, ``\G``... in HTML-like text (even when written ``&#92;N``); a doubled
    backslash is its escape for a literal one.
    """
    return "<BR/>".join(_html_line(line) for line in wrap(text, width, max_len))


def _html_line(line: str) -> str:
    # dot wraps the label in its own markup, where a ']' before the end tag is a syntax
    # error; as a character reference it is plain text.
    return xml(line.replace("\\", "\\\\")).replace("]", "&#93;")


def dot_string(text: str, max_len: int = 300) -> str:
    r"""A double-quoted DOT string shown literally (a label, a tooltip).

    Backslashes are doubled so dot's escapes (``\N``, ``\G``, ``\l``...) stay text and a
    trailing backslash cannot swallow the closing quote; quotes are escaped; newlines become
    ``\n`` (a centred line break, never a user-chosen justification).
    """
    body = clean(text, max_len).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{body}"'


# Mermaid: text inside a ["..."] node label uses #code; entities; the journey diagram's task
# and section names cannot hold ':' '#' ';' and are read raw, so those get lookalikes.
_MERMAID_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    "%": "#37;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "{": "#123;",
    "}": "#125;",
    "|": "#124;",
    "[": "#91;",
    "]": "#93;",
    ";": "#59;",
    "\\": "#92;",
}
_MERMAID_PLAIN = str.maketrans(
    {
        ":": "꞉",
        "#": "№",
        ";": ",",
        "%": "％",
        "{": "(",
        "}": ")",
        "<": "‹",
        ">": "›",
        "`": "'",
        "\\": "/",
        "&": "+",
        '"': "'",
    }
)


def mermaid_label(text: str, max_len: int = 120) -> str:
    """Text for a Mermaid flowchart ``["..."]`` label or ``|"..."|`` edge label."""
    flat = " ".join(clean(text, max_len).split())
    return "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in flat)


def mermaid_plain(text: str, max_len: int = 120) -> str:
    """Text for a Mermaid ``journey`` title, section or task: one line, no syntax characters.

    ``%`` never appears, so no ``%%{init}%%`` directive or ``%%`` comment can be formed.
    """
    flat = " ".join(clean(text, max_len).split()).translate(_MERMAID_PLAIN)
    return flat or "-"
