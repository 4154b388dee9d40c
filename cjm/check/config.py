"""``.cjm.yaml``: which rules run, how severe they are, their options and ignored paths.

Found upward from each checked file (the nearest wins) unless ``--config`` names one.
Layers, later wins: rule defaults → the ``extends`` preset → the file's ``rules:`` → the
journey's own ``thresholds:`` (they are specific to that journey).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjm.journey.kinds import suggest
from cjm.journey.model import Journey
from cjm.journey.yamlpos import YMap, YNode, YScalar, YSeq, decode, parse
from cjm.problems import ERROR, SEVERITIES, JourneyError, Problem
from cjm.rules import Rule, all_rules, rules_by_id

CONFIG_NAME = ".cjm.yaml"
PRESETS = ("default", "strict", "relaxed")


@dataclass(frozen=True)
class RuleConfig:
    enabled: bool | None = None  # None: as the preset says
    severity: str | None = None  # None: the rule's default
    options: Mapping[str, Any] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    extends: str = "default"
    rules: Mapping[str, RuleConfig] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    base: str = "."  # folder the ignore globs are relative to
    source: str | None = None  # the file it came from; None = built-in

    def rule(self, rule_id: str) -> RuleConfig:
        return self.rules.get(rule_id, RuleConfig())

    def _matches(self, path: str | os.PathLike[str], globs: tuple[str, ...]) -> bool:
        if not globs:  # the common case; resolving paths is the costly part
            return False
        rel = Path(os.path.relpath(Path(path).resolve(), Path(self.base).resolve())).as_posix()
        return any(fnmatch.fnmatch(rel, g) for g in globs)

    def ignores_file(self, path: str | os.PathLike[str]) -> bool:
        return self._matches(path, self.ignore)

    def active(self, rule: Rule, path: str | os.PathLike[str]) -> bool:
        rc = self.rule(rule.id)
        preset = _preset(self.extends).get(rule.id, {})
        enabled = preset.get("enabled", True) if rc.enabled is None else rc.enabled
        return enabled and not self._matches(path, rc.ignore)

    def severity(self, rule: Rule) -> str:
        preset = _preset(self.extends).get(rule.id, {})
        return self.rule(rule.id).severity or preset.get("severity") or rule.severity

    def options(self, rule: Rule, journey: Journey | None = None) -> dict[str, Any]:
        opts = rule.defaults()
        opts.update(_preset(self.extends).get(rule.id, {}).get("options", {}))
        opts.update(self.rule(rule.id).options)
        if journey is not None:
            for name, opt in rule.options.items():
                if opt.threshold and opt.threshold in journey.thresholds:
                    opts[name] = journey.thresholds[opt.threshold]
        return opts


def _preset(name: str) -> dict[str, dict[str, Any]]:
    ids = [r.id for r in all_rules()]
    if name == "strict":
        out: dict[str, dict[str, Any]] = {i: {"severity": ERROR} for i in ids}
        out["stage-friction"]["options"] = {"max_load": 8}
        out["unaddressed-friction"]["options"] = {"min_severity": 3}
        out["emotional-low"]["options"] = {"max_mean": -0.5}
        return out
    if name == "relaxed":
        out = {i: {"severity": "warning"} for i in ids}
        out["metric-target"]["options"] = {"min_gap": 0.2}
        out["touchpoint-owner"]["enabled"] = False
        return out
    return {}


# --- reading a config file ------------------------------------------------------------------


class _Errors:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, node: YNode, message: str) -> None:
        self.problems.append(Problem(self.path, node.line, node.column, message, rule="config"))


def _scalar(node: YNode | None) -> Any:
    return node.value if isinstance(node, YScalar) else None


def _globs(node: YNode, err: _Errors, what: str) -> tuple[str, ...]:
    items = node.items if isinstance(node, YSeq) else [node]
    out = []
    for item in items:
        value = _scalar(item)
        if not isinstance(value, str) or not value:
            err.add(item, f"{what}: expected a path glob like 'drafts/*.yaml'")
        else:
            out.append(value)
    return tuple(out)


def _option(rule: Rule, name: str, node: YNode, err: _Errors) -> tuple[bool, Any]:
    opt = rule.options[name]
    want = opt.default
    if isinstance(want, list):
        items = node.items if isinstance(node, YSeq) else None
        values = [_scalar(i) for i in items or []]
        if items is None or not all(isinstance(v, str) for v in values):
            err.add(node, f"rules: {rule.id}: {name}: expected a list of text")
            return False, None
        wrong = [v for v in values if opt.choices and v not in opt.choices]
        if wrong:
            err.add(node, f"rules: {rule.id}: {name}: {wrong[0]!r}{suggest(wrong[0], opt.choices)}")
            return False, None
        return True, values
    value = _scalar(node)
    if isinstance(want, str):
        if opt.choices and value not in opt.choices:
            err.add(node, f"rules: {rule.id}: {name}: expected one of {', '.join(opt.choices)}")
            return False, None
        return True, value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        err.add(node, f"rules: {rule.id}: {name}: expected a number, e.g. {want}")
        return False, None
    return True, value


def _rule_config(rule: Rule, node: YNode, err: _Errors) -> RuleConfig | None:
    word = _scalar(node)
    if word in ("disable", "enable") or isinstance(word, bool):
        return RuleConfig(enabled=word in ("enable", True))
    if not isinstance(node, YMap):
        err.add(node, f"rules: {rule.id}: expected enable, disable or a mapping of settings")
        return None
    enabled, severity, options, ignore = None, None, {}, ()
    for k, v in node.items:
        if k.raw == "enabled":
            if not isinstance(_scalar(v), bool):
                err.add(v, f"rules: {rule.id}: enabled: expected true or false")
            enabled = _scalar(v) is not False
        elif k.raw == "severity":
            if _scalar(v) not in SEVERITIES:
                err.add(v, f"rules: {rule.id}: severity: expected warning or error")
            severity = _scalar(v)
        elif k.raw == "ignore":
            ignore = _globs(v, err, f"rules: {rule.id}: ignore")
        elif k.raw in rule.options:
            ok, value = _option(rule, k.raw, v, err)
            if ok:
                options[k.raw] = value
        else:
            known = ["enabled", "severity", "ignore", *rule.options]
            err.add(k, f"rules: {rule.id}: unknown setting {k.raw!r}{suggest(k.raw, known)}")
    return RuleConfig(enabled, severity, options, ignore)


def parse_config(text: str, path: str) -> Config:
    """The config in ``text``; raise ``JourneyError`` with positioned problems if it is bad."""
    tree = parse(text, path)
    err = _Errors(path)
    base = str(Path(path).resolve().parent)
    if tree is None:
        return Config(base=base, source=path)
    if not isinstance(tree, YMap):
        err.add(tree, "a .cjm.yaml must be a mapping with extends, rules and ignore")
        raise JourneyError(err.problems)
    extends, rules, ignore = "default", {}, ()
    known = rules_by_id()
    for k, v in tree.items:
        if k.raw == "extends":
            extends = _scalar(v)
            if extends not in PRESETS:
                err.add(v, f"extends: expected one of {', '.join(PRESETS)}")
        elif k.raw == "ignore":
            ignore = _globs(v, err, "ignore")
        elif k.raw == "rules" and isinstance(v, YMap):
            for rk, rv in v.items:
                if rk.raw not in known:
                    err.add(rk, f"rules: unknown rule {rk.raw!r}{suggest(rk.raw, list(known))}")
                elif (rc := _rule_config(known[rk.raw], rv, err)) is not None:
                    rules[rk.raw] = rc
        elif k.raw == "rules":
            err.add(v, "rules: expected a mapping of rule id → settings")
        else:
            err.add(k, f"unknown key {k.raw!r}{suggest(k.raw, ['extends', 'rules', 'ignore'])}")
    if err.problems:
        raise JourneyError(err.problems)
    return Config(extends, rules, ignore, base, path)


def load_config(path: str | os.PathLike[str]) -> Config:
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise JourneyError([Problem(name, 1, 1, f"cannot read config: {exc.strerror}")]) from None
    return parse_config(decode(data, name), name)


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The nearest ``.cjm.yaml`` in the folder of ``start`` or any folder above it."""
    here = Path(start).resolve()
    folder = here if here.is_dir() else here.parent
    for d in (folder, *folder.parents):
        candidate = d / CONFIG_NAME
        try:
            if candidate.is_file():
                return candidate
        except OSError:  # a folder we may not search holds no config we could read
            continue
    return None


class ConfigFinder:
    """Config per checked file, each file read once; ``explicit`` wins for all files."""

    def __init__(self, explicit: str | None = None) -> None:
        self._explicit = load_config(explicit) if explicit else None
        self._by_path: dict[Path | None, Config] = {}

    def for_file(self, path: str | os.PathLike[str]) -> Config:
        if self._explicit is not None:
            return self._explicit
        found = find_config(path)
        if found not in self._by_path:
            self._by_path[found] = load_config(found) if found else Config(base=os.getcwd())
        return self._by_path[found]
