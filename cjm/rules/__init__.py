"""The rule registry: one module per rule, each with ``ID``, ``SEVERITY``, ``OPTIONS``,
``check(input, options)`` and a docstring holding a passing and a failing example.

Rules read the model (and a ``JourneyScore`` when data is given); none imports the scorer
or duckdb, so a check without data stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from cjm.rules.base import Hit, Option, RuleInput

MODULES = (
    "stage_friction",
    "critical_friction",
    "emotional_low",
    "dropoff_risk",
    "metric_target",
    "touchpoint_owner",
    "unaddressed_friction",
    "dead_end",
)

# Problems that do not come from a rule module but share the channel (and the docs).
SCHEMA_RULES = {
    "schema": "the file breaks the journey format (fields, types, references, flow)",
    "syntax": "the file is not valid YAML or cannot be read",
    "data": "the journey's lifecycle data cannot be used (missing file, columns or bad rows)",
    "suppression": "an inline `# cjm: disable=` comment is malformed or names no rule",
    "thresholds": "a journey `thresholds:` key no rule reads looks like a typo of one that does",
}


# Findings that mean the input itself is unusable: `cjm check` exits 2 on them.
INPUT_RULES = ("schema", "syntax", "data")


def schema_severity(rule_id: str) -> str:
    """Invalid input is an error; comments on the file's own housekeeping are warnings."""
    return "error" if rule_id in INPUT_RULES else "warning"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    options: Mapping[str, Option]
    needs_data: bool
    doc: str
    check: Callable[[RuleInput, Mapping[str, Any]], Iterator[Hit]]

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]

    def defaults(self) -> dict[str, Any]:
        return {k: o.default for k, o in self.options.items()}


def _from_module(mod: ModuleType) -> Rule:
    return Rule(
        id=mod.ID,
        severity=mod.SEVERITY,
        options=mod.OPTIONS,
        needs_data=getattr(mod, "NEEDS_DATA", False),
        doc=mod.__doc__ or "",
        check=mod.check,
    )


@cache
def all_rules() -> tuple[Rule, ...]:
    return tuple(_from_module(importlib.import_module(f"cjm.rules.{m}")) for m in MODULES)


def rules_by_id() -> dict[str, Rule]:
    return {r.id: r for r in all_rules()}


__all__ = [
    "INPUT_RULES",
    "SCHEMA_RULES",
    "Hit",
    "Option",
    "Rule",
    "RuleInput",
    "all_rules",
    "rules_by_id",
    "schema_severity",
]
