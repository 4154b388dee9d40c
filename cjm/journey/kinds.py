"""A tiny declarative vocabulary for the journey format.

Each kind knows how to check a positioned YAML node, convert it, and describe itself as
JSON Schema. The format (``format.py``) is written once in these kinds, so the loader and
``cjm schema`` cannot drift apart.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cjm.journey.model import Pos
from cjm.journey.yamlpos import YMap, YNode, YScalar, YSeq
from cjm.problems import Problem


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


class Ctx:
    """Collects problems while a file is checked."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, node: YNode | Pos, message: str) -> None:
        line, col = (node.line, node.column)
        self.problems.append(Problem(self.path, line, col, message, rule="schema"))


def pos_of(node: YNode) -> Pos:
    return Pos(node.line, node.column)


def found(node: YNode) -> str:
    """How a user would name what they wrote."""
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    v = node.value
    if v is None:
        return "nothing" if node.raw in ("", "~") else f"null ({node.raw})"
    if isinstance(v, bool):
        return f"the boolean {node.raw!r} (quote it if you meant text)"
    if isinstance(v, (int, float)):
        return f"the number {node.raw}"
    if not node.plain and _quoted_number(node.raw):
        return f"the text {node.raw!r} (a number in quotes: remove the quotes)"
    return repr(_clip(node.raw))


def _quoted_number(raw: str) -> bool:
    try:
        float(raw)
    except ValueError:
        return False
    return True


def _clip(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.7)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; expected one of: {', '.join(choices)}"


class Kind:
    expect = "a value"

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def check(self, node: YNode, ctx: Ctx, key: str) -> Any:
        raise NotImplementedError

    def bad(self, node: YNode, ctx: Ctx, key: str, why: str = "") -> Any:
        ctx.error(node, f"{key}: expected {self.expect}, got {found(node)}{why}")
        return INVALID


class Text(Kind):
    def __init__(self, max_len: int = 500, doc: str = "") -> None:
        self.max_len = max_len
        self.expect = "text"

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": self.max_len}

    def check(self, node: YNode, ctx: Ctx, key: str) -> Any:
        if isinstance(node, YScalar) and _is_num(node.value):
            return self.bad(node, ctx, key, f"; put it in quotes: '{node.raw}'")
        if not isinstance(node, YScalar) or not isinstance(node.value, str):
            return self.bad(node, ctx, key)
        if not node.value.strip():
            ctx.error(node, f"{key}: must not be empty")
            return INVALID
        if len(node.value) > self.max_len:
            ctx.error(
                node,
                f"{key}: {len(node.value)} characters, over the limit of {self.max_len}; "
                "shorten it",
            )
            return INVALID
        return node.value


ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
_ID_RE = re.compile(ID_PATTERN)


class Id(Text):
    def __init__(self) -> None:
        super().__init__(max_len=64)
        self.expect = "an id (lowercase letters, digits, '-' and '_')"

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN, "maxLength": self.max_len}

    def check(self, node: YNode, ctx: Ctx, key: str) -> Any:
        if isinstance(node, YScalar) and _is_num(node.value) and _ID_RE.match(node.raw):
            ctx.error(node, f"{key}: ids are text; write it in quotes: '{node.raw}'")
            return INVALID
        value = super().check(node, ctx, key)
        if value is INVALID:
            return INVALID
        if not _ID_RE.match(value):
            hint = re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-_") or "stage-1"
            ctx.error(
                node,
                f"{key}: {_clip(value)!r} is not a valid id; use lowercase letters, digits, "
                f"'-' and '_', starting with a letter or digit (e.g. {hint!r})",
            )
            return INVALID
        return value


class Enum(Kind):
    def __init__(self, values: tuple[str, ...]) -> None:
        self.values = values
        self.expect = f"one of {', '.join(values)}"

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}

    def check(self, node: YNode, ctx: Ctx, key: str) -> Any:
        if isinstance(node, YScalar) and isinstance(node.value, str):
            if node.value in self.values:
                return node.value
            ctx.error(
                node, f"{key}: unknown value {node.value!r}{suggest(node.value, self.values)}"
            )
            return INVALID
        return self.bad(node, ctx, key)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_num(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


class Scale(Kind):
    """An integer on a small scale, or one of its words (``high`` = 4)."""

    def __init__(self, lo: int, hi: int, words: Mapping[str, int]) -> None:
        self.lo, self.hi, self.words = lo, hi, dict(words)
        self.expect = f"{lo}..{hi} or one of {', '.join(self.words)}"

    def schema(self) -> dict[str, Any]:
        return {
            "oneOf": [
                {"type": "integer", "minimum": self.lo, "maximum": self.hi},
                {"type": "string", "enum": list(self.words)},
            ]
        }

    def check(self, node: YNode, ctx: Ctx, key: str) -> Any:
        if isinstance(node, YScalar):
            v = node.value
            if _is_int(v) and self.lo <= v <= self.hi:
                return v
            if isinstance(v, str) and v in self.words:
                return self.words[v]
            if isinstance(v, str) and v.strip() and _quoted_number(v):
                return self.bad(node, ctx, key)
            if isinstance(v, str) and v.strip():
                ctx.error(
                    node,
                    f"{key}: unknown value {v!r}{suggest(v, tuple(self.words))} "
                    f"(or a whole number {self.lo}..{self.hi})",
                )
                return INVALID
        return self.bad(node, ctx, key)


class Number(Kind):
    def __init__(self, lo: float | None = None, hi: float | None = None) -> None:
        self.lo, self.hi = lo, hi
        if lo is not None and hi is not None:
            self.expect = f"a number from {lo} to {hi}"
        elif lo is not None:
            self.expect = f"a number ≥ {lo}"
        else:
            self.expect = "a number"

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "number"}
        if self.lo is not None:
            s["minimum"] = self.lo
        if self.hi is not None:
            s["maximum"] = self.hi
        return s

    def check(self, node: YNode, ctx: Ctx, key: str) -> Any:
        if isinstance(node, YScalar) and _is_num(node.value):
            v = float(node.value)
            if (self.lo is None or v >= self.lo) and (self.hi is None or v <= self.hi):
                return v
        return self.bad(node, ctx, key)


class Bool(Kind):
    expect = "true or false"

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def check(self, node: YNode, ctx: Ctx, key: str) -> Any:
        if isinstance(node, YScalar) and isinstance(node.value, bool):
            return node.value
        return self.bad(node, ctx, key)


class Const(Kind):
    def __init__(self, value: int, message: str) -> None:
        self.value, self.message = value, message
        self.expect = str(value)

    def schema(self) -> dict[str, Any]:
        return {"const": self.value}

    def check(self, node: YNode, ctx: Ctx, key: str) -> Any:
        if isinstance(node, YScalar) and _is_int(node.value) and node.value == self.value:
            return node.value
        if isinstance(node, YScalar) and _is_num(node.value):
            ctx.error(node, f"{key}: {self.message.format(node.raw)}")
            return INVALID
        return self.bad(node, ctx, key)


_PERCENT = r"^(100(\.0+)?|[0-9]{1,2}(\.[0-9]+)?) ?%$"
_DURATION = r"^[0-9]+(\.[0-9]+)? ?(s|m|min|h|d)$"
_UNIT_SECONDS = {"s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


def parse_percent(text: str) -> float | None:
    return float(text.rstrip("% ")) / 100 if re.match(_PERCENT, text.strip()) else None


def parse_duration(text: str) -> float | None:
    m = re.match(r"^([0-9]+(?:\.[0-9]+)?) ?(s|m|min|h|d)$", text.strip())
    return float(m.group(1)) * _UNIT_SECONDS[m.group(2)] if m else None


class Ratio(Kind):
    """A share: 0..1 or a percentage string such as "82%"."""

    expect = 'a ratio 0..1 or a percentage such as "82%"'
    unit = "ratio"

    def schema(self) -> dict[str, Any]:
        return {
            "oneOf": [
                {"type": "number", "minimum": 0, "maximum": 1},
                {"type": "string", "pattern": _PERCENT},
            ]
        }

    def check(self, node: YNode, ctx: Ctx, key: str) -> Any:
        if isinstance(node, YScalar):
            v = node.value
            if _is_num(v) and 0 <= v <= 1:
                return float(v)
            if _is_num(v) and 1 < v <= 100:
                return self.bad(node, ctx, key, f'; write "{node.raw}%" for a percentage')
            if isinstance(v, str) and (p := parse_percent(v)) is not None:
                return p
        return self.bad(node, ctx, key)


class Duration(Kind):
    expect = "a duration such as 30s, 4m, 2h or 1d"
    unit = "seconds"

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": _DURATION}

    def check(self, node: YNode, ctx: Ctx, key: str) -> Any:
        if isinstance(node, YScalar) and isinstance(node.value, str):
            d = parse_duration(node.value)
            if d is not None:
                return d
        if isinstance(node, YScalar) and _is_num(node.value):
            return self.bad(node, ctx, key, f"; add a unit, e.g. {node.raw}m")
        return self.bad(node, ctx, key)


class AnyMetric(Kind):
    """A custom metric: a number, a percentage or a duration. Returns (value, unit)."""

    expect = 'a number, a percentage ("82%") or a duration (4m)'

    def schema(self) -> dict[str, Any]:
        return {
            "oneOf": [
                {"type": "number"},
                {"type": "string", "pattern": _PERCENT},
                {"type": "string", "pattern": _DURATION},
            ]
        }

    def check(self, node: YNode, ctx: Ctx, key: str) -> Any:
        if isinstance(node, YScalar):
            v = node.value
            if _is_num(v):
                return float(v), "number"
            if isinstance(v, str):
                if (p := parse_percent(v)) is not None:
                    return p, "ratio"
                if (d := parse_duration(v)) is not None:
                    return d, "seconds"
        return self.bad(node, ctx, key)


class ListOf(Kind):
    def __init__(self, item: Kind, min_items: int = 0, max_items: int = 1000) -> None:
        self.item, self.min_items, self.max_items = item, min_items, max_items
        self.expect = "a list"

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            s["minItems"] = self.min_items
        s["maxItems"] = self.max_items
        return s

    def check(self, node: YNode, ctx: Ctx, key: str) -> Any:
        if not isinstance(node, YSeq):
            why = "; start each item on its own line with '- '" if isinstance(node, YScalar) else ""
            return self.bad(node, ctx, key, why)
        if len(node.items) < self.min_items:
            ctx.error(node, f"{key}: needs at least {self.min_items} item")
            return INVALID
        if len(node.items) > self.max_items:
            ctx.error(
                node,
                f"{key}: {len(node.items)} items, over the limit of {self.max_items}; "
                "split them across stages or journeys",
            )
            return INVALID
        out = [self.item.check(n, ctx, key) for n in node.items]
        return INVALID if any(v is INVALID for v in out) else tuple(out)


@dataclass(frozen=True)
class F:
    """A field of a mapping: its YAML key, kind, whether required, and its documentation."""

    name: str
    kind: Kind
    required: bool = False
    doc: str = ""

    @property
    def attr(self) -> str:
        return self.name.lstrip("$")


Build = Callable[[dict[str, Any], Pos, dict[str, Pos]], Any]


def _as_dict(values: dict[str, Any], pos: Pos, positions: dict[str, Pos]) -> dict[str, Any]:
    return {**values, "pos": pos, "positions": positions}


class Obj(Kind):
    """A mapping with known keys. ``build`` turns the checked values into a model object."""

    def __init__(
        self, name: str, fields: list[F], build: Build = _as_dict, doc: str = "", expect: str = ""
    ) -> None:
        self.name, self.fields, self.build, self.doc = name, fields, build, doc
        self.by_name = {f.name: f for f in fields}
        self.expect = expect or f"a mapping ({name})"

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {
            "type": "object",
            "properties": {f.name: {**f.kind.schema(), **_doc(f.doc)} for f in self.fields},
            "additionalProperties": False,
        }
        required = [f.name for f in self.fields if f.required]
        if required:
            s["required"] = required
        return {**s, **_doc(self.doc)}

    def check(self, node: YNode, ctx: Ctx, key: str) -> Any:
        if not isinstance(node, YMap):
            return self.bad(node, ctx, key)
        values: dict[str, Any] = {}
        positions: dict[str, Pos] = {}
        ok = True
        for k, v in node.items:
            f = self.by_name.get(k.raw)
            if f is None:
                ctx.error(
                    k, f"unknown key {k.raw!r} in {self.name}{suggest(k.raw, list(self.by_name))}"
                )
                ok = False
                continue
            value = f.kind.check(v, ctx, f.name)
            if value is INVALID:
                ok = False
                continue
            values[f.attr] = value
            positions[f.attr] = pos_of(v)
        for f in self.fields:
            if f.required and node.key(f.name) is None:
                ctx.error(node, f"{self.name} is missing the required key {f.name!r}")
                ok = False
        return self.build(values, pos_of(node), positions) if ok else INVALID


def _doc(doc: str) -> dict[str, str]:
    return {"description": doc} if doc else {}


class MapOf(Kind):
    """A mapping from user-chosen keys to values of one kind (``per_key`` overrides)."""

    def __init__(
        self,
        key: Kind,
        value: Kind,
        pair: Callable[[str, Any, Pos], Any] = lambda k, v, p: (k, v),
        per_key: Mapping[str, Kind] | None = None,
        max_items: int = 1000,
        key_doc: str = "",
    ) -> None:
        self.key, self.value, self.pair = key, value, pair
        self.per_key = dict(per_key or {})
        self.max_items = max_items
        self.expect = "a mapping"

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {
            "type": "object",
            "additionalProperties": self.value.schema(),
            "maxProperties": self.max_items,
        }
        key_schema = self.key.schema()
        if "pattern" in key_schema:
            s["propertyNames"] = {"pattern": key_schema["pattern"]}
        if self.per_key:
            s["properties"] = {k: kind.schema() for k, kind in self.per_key.items()}
        return s

    def check(self, node: YNode, ctx: Ctx, key: str) -> Any:
        if not isinstance(node, YMap):
            return self.bad(node, ctx, key)
        if len(node.items) > self.max_items:
            ctx.error(
                node,
                f"{key}: {len(node.items)} entries, over the limit of {self.max_items}; "
                "keep the ones that matter",
            )
            return INVALID
        out = []
        ok = True
        for k, v in node.items:
            name = self.key.check(k, ctx, f"{key} key")
            value = self.per_key.get(k.raw, self.value).check(v, ctx, k.raw)
            if name is INVALID or value is INVALID:
                ok = False
                continue
            out.append(self.pair(name, value, pos_of(v)))
        return tuple(out) if ok else INVALID
