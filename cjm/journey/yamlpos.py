"""Safe YAML reading that keeps the source position of every key and value.

PyYAML's composer gives nodes with marks; we turn them into a small tree of our own
(``YMap``/``YSeq``/``YScalar``) and never run a constructor on anything but plain scalars,
so no tag can instantiate an object. Size, depth and alias expansion are bounded, because
journey files come from many hands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from cjm.problems import JourneyError, Problem

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 64

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_ALLOWED_TAGS = _SCALAR_TAGS | {f"{_CORE}seq", f"{_CORE}map"}


@dataclass
class YScalar:
    value: Any
    raw: str
    line: int
    column: int
    plain: bool = True


@dataclass
class YSeq:
    items: list[YNode]
    line: int
    column: int


@dataclass
class YMap:
    items: list[tuple[YScalar, YNode]] = field(default_factory=list)
    line: int = 1
    column: int = 1

    def get(self, key: str) -> YNode | None:
        for k, v in self.items:
            if k.raw == key:
                return v
        return None

    def key(self, key: str) -> YScalar | None:
        for k, _ in self.items:
            if k.raw == key:
                return k
        return None


YNode = YScalar | YSeq | YMap

_constructor = yaml.constructor.SafeConstructor()
# libyaml composes ~10x faster with the same marks; `cjm check` over hundreds of journeys
# needs it (benchmarks/bench_check.py). Its error messages are terser, so a file it rejects
# is composed again by the pure-Python parser, whose messages the hints are written for.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _too_deep_at(text: str) -> tuple[int, int]:
    """Where ``text`` first nests deeper than ``MAX_DEPTH``, found from the event stream,
    which (unlike composing) needs no recursion however deep the nesting goes. The
    pure-Python parser, because libyaml's scanner stops at its own depth limit first."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return 1, 1


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of ``data`` or a positioned error; a UTF-8 BOM is accepted."""
    if len(data) > MAX_BYTES:
        raise JourneyError(
            [
                Problem(
                    path,
                    1,
                    1,
                    f"file is over the {MAX_BYTES:,}-byte limit for a journey; "
                    "split it into several journeys",
                )
            ]
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(good, len(good))
        raise JourneyError(
            [
                Problem(
                    path,
                    line,
                    col,
                    f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
                    "save it as UTF-8 in your editor",
                )
            ]
        ) from None


# PyYAML's wording names the symptom; these say what a person usually did wrong.
_HINTS = {
    "mapping values are not allowed here": "a ':' inside an unquoted value, or a line "
    "indented too far? quote the value or fix the indentation",
    "found character '\\t' that cannot start any token": "tabs cannot indent YAML; use spaces",
    "could not find expected ':'": "a key needs ': ' after it (or a quote is not closed)",
    "found undefined alias": "every *alias needs an &anchor earlier in the file",
    "but found another document": "a journey file holds one document; remove the '---' line",
    "found duplicate anchor": "give each &anchor its own name",
    "expected <block end>": "this line's indentation does not match the lines above it",
    "while parsing a flow": "a [ or { is not closed",
}


def _hint(what: str) -> str:
    for symptom, hint in _HINTS.items():
        if what.startswith(symptom):
            return f" ({hint})"
    return ""


def _opened_at(exc: yaml.MarkedYAMLError) -> str:
    """For an unclosed [ or {, where it was opened: the error itself points further on."""
    context, mark = exc.context or "", exc.context_mark
    if not context.startswith("while parsing a flow") or mark is None:
        return ""
    bracket = "[" if "sequence" in context else "{"
    return (
        f"; the {bracket} opened at line {mark.line + 1}, column {mark.column + 1} "
        "is not closed (close it, or quote the value)"
    )


def parse(text: str, path: str) -> YNode | None:
    """Compose ``text`` into a positioned tree; ``None`` for an empty document."""
    try:
        node = _compose(text)
    except RecursionError:
        line, col = _too_deep_at(text)
        message = f"nesting deeper than {MAX_DEPTH} levels; a journey needs far fewer"
        raise JourneyError([Problem(path, line, col, message)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        message = f"invalid YAML: {what}{_hint(what)}{_opened_at(exc)}"
        raise JourneyError([Problem(path, line, col, message)]) from None
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        raise JourneyError(
            [
                Problem(
                    path,
                    line,
                    col,
                    f"invalid YAML: control character #x{exc.character:04x} is not allowed; "
                    "remove it",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise JourneyError([Problem(path, 1, 1, f"invalid YAML: {exc}")]) from None
    if node is None:
        return None
    converter = _Converter(path)
    tree = converter.convert(node, 0)
    if converter.problems:
        raise JourneyError(converter.problems)
    return tree


class _Converter:
    def __init__(self, path: str) -> None:
        self.path = path
        self.budget = MAX_NODES
        self.problems: list[Problem] = []

    def fail(self, node: yaml.Node, message: str) -> JourneyError:
        m = node.start_mark
        return JourneyError([Problem(self.path, m.line + 1, m.column + 1, message)])

    def convert(self, node: yaml.Node, depth: int) -> YNode:
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(
                node,
                f"document expands to more than {MAX_NODES:,} YAML values: an alias bomb "
                "(remove the repeated *aliases) or a journey far too big for one map "
                "(split it into several journeys)",
            )
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nesting deeper than {MAX_DEPTH} levels (a recursive alias?)")
        if node.tag not in _ALLOWED_TAGS:
            tag = node.tag.replace(_CORE, "!!")
            raise self.fail(node, f"YAML tag {tag!r} is not allowed in a journey; remove the tag")
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return YSeq([self.convert(n, depth + 1) for n in node.value], line, col)
        return self.mapping(node, depth, line, col)

    def scalar(self, node: yaml.ScalarNode) -> YScalar:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if node.tag == f"{_CORE}timestamp":
            value: Any = node.value
        else:
            try:
                value = _constructor.construct_object(node)
            except (yaml.YAMLError, ValueError) as exc:
                raise self.fail(node, f"invalid value {node.value!r}: {exc}") from None
        return YScalar(value, node.value, line, col, plain=node.style is None)

    def mapping(self, node: yaml.MappingNode, depth: int, line: int, col: int) -> YMap:
        out = YMap(line=line, column=col)
        seen: dict[str, int] = {}
        for knode, vnode in node.value:
            if knode.tag == f"{_CORE}merge":
                raise self.fail(knode, "merge keys (<<) are not supported; write the keys out")
            if not isinstance(knode, yaml.ScalarNode):
                raise self.fail(knode, "a key must be a plain name, not a list or mapping")
            key = self.scalar(knode)
            if key.raw in seen:
                self.problems.append(
                    Problem(
                        self.path,
                        key.line,
                        key.column,
                        f"duplicate key {key.raw!r} (first at line {seen[key.raw]}); "
                        "remove one of them",
                    )
                )
                continue
            seen[key.raw] = key.line
            out.items.append((key, self.convert(vnode, depth + 1)))
        return out
