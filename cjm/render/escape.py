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
# Joiners (U+200C ZWNJ, U+200D ZWJ) stay: Persian and Indic words and emoji sequences such
# as man-ZWJ-woman-ZWJ-girl are spelled with them, and they can neither reorder nor hide text.
_CONTROL = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
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
    """``text`` cleaned and broken into lines of at most ``width`` chars; a word longer than
    a line breaks after one of its own hyphens if it can, else with a hyphen added."""
    lines = []
    for para in clean(text, max_len).split("\n"):
        if width is None or not para:
            lines.append(para)
            continue
        wrapped = textwrap.wrap(para, width, break_on_hyphens=False, break_long_words=False)
        for line in wrapped or [""]:
            lines.extend(split_word(line, width) if len(line) > width else [line])
    return lines


def split_word(word: str, width: int) -> list[str]:
    """``word`` in pieces of at most ``width`` chars."""
    if width < 3:
        return [word]
    parts = []
    while len(word) > width:
        cut = word.rfind("-", 1, width) + 1
        if cut > 0:
            parts.append(word[:cut])
        elif _hyphenates(word[width - 2], word[width - 1]):
            cut = width - 1
            parts.append(word[:cut] + "-")
        else:
            cut = width
            parts.append(word[:cut])
        word = word[cut:]
    return [*parts, word]


def _hyphenates(before: str, after: str) -> bool:
    # Latin, Greek and Cyrillic words take a hyphen where they break; CJK and others do not.
    return all(ch.isalpha() and ord(ch) < 0x0590 for ch in (before, after))


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
