"""Inline suppression: ``# cjm: disable=RULE[,RULE…] reason`` on the offending line.

A reason is required: a suppression without one does not apply and is itself reported,
so nobody silences the gate without saying why.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from cjm.problems import WARNING, Problem

_COMMENT = re.compile(r"(?:^|\s)#\s*cjm:\s*(?P<verb>[a-z-]+)(?:=(?P<rules>[^\s]*))?(?P<rest>.*)$")


@dataclass(frozen=True)
class Suppressions:
    by_line: dict[int, frozenset[str]]
    problems: tuple[Problem, ...]

    def covers(self, line: int, rule: str) -> bool:
        return rule in self.by_line.get(line, ())


def parse_suppressions(text: str, path: str, known: Collection[str]) -> Suppressions:
    by_line: dict[int, frozenset[str]] = {}
    problems = []
    for n, line in enumerate(text.splitlines(), 1):
        if "cjm:" not in line:
            continue
        m = _COMMENT.search(line)
        if not m:
            continue
        col = m.start() + (1 if line[m.start()] != "#" else 0) + 1

        def report(message: str, n: int = n, col: int = col) -> None:
            problems.append(Problem(path, n, col, message, WARNING, "suppression"))

        if m["verb"] != "disable" or not m["rules"]:
            report("write a suppression as `# cjm: disable=RULE reason`")
            continue
        rules = [r for r in m["rules"].split(",") if r]
        unknown = [r for r in rules if r not in known]
        if unknown:
            report(f"cannot disable unknown rule(s) {', '.join(unknown)}; see docs/rules.md")
            continue
        if not m["rest"].strip():
            report(
                f"suppression of {', '.join(rules)} needs a reason after the rule id, "
                f"e.g. `# cjm: disable={rules[0]} fix planned in Q3`; it is ignored until then"
            )
            continue
        by_line[n] = frozenset(rules)
    return Suppressions(by_line, tuple(problems))
