"""Run the rules over one journey file: load, check, apply suppressions, fingerprint."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cjm.check.config import Config
from cjm.check.finding import Finding, with_fingerprints
from cjm.check.suppress import parse_suppressions
from cjm.journey.loader import loads_journey
from cjm.journey.model import Journey
from cjm.journey.yamlpos import decode
from cjm.problems import ERROR, WARNING, JourneyError, Problem
from cjm.rules import RuleInput, all_rules

# thresholds: keys read by other parts of cjm (the scorer), so not typos of a rule's key
OTHER_THRESHOLDS = frozenset({"min_sample", "prior_strength"})

if TYPE_CHECKING:
    from cjm.score.result import JourneyScore


@dataclass(frozen=True)
class FileReport:
    path: str
    journey: Journey | None  # None: the file is not a valid journey
    findings: tuple[Finding, ...]
    rules_run: tuple[str, ...]
    suppressed: int = 0
    wanting_data: tuple[str, ...] = ()  # enabled rules that did not run for lack of data

    @property
    def name(self) -> str:
        return self.journey.id if self.journey else Path(self.path).stem


def _schema_findings(err: JourneyError) -> list[Finding]:
    # Schema errors have no object key; the message (line-free) identifies them.
    return [Finding(p, f"message={p.message}") for p in err.problems]


def check_text(
    text: str, path: str, config: Config, score: JourneyScore | None = None
) -> FileReport:
    """Every finding for journey ``text`` (named ``path``) under ``config``."""
    try:
        journey = loads_journey(text, path)
    except JourneyError as err:
        return FileReport(path, None, tuple(with_fingerprints(_schema_findings(err))), ())
    rules = [r for r in all_rules() if config.active(r, path)]
    known = [r.id for r in all_rules()]
    sup = parse_suppressions(text, path, known)
    found: list[Finding] = [Finding(p, f"line-comment={p.message}") for p in sup.problems]
    found += _threshold_typos(journey, text, path)
    run, wanting, suppressed = [], [], 0
    data = RuleInput(journey, score)
    for rule in rules:
        if rule.needs_data and score is None:
            wanting.append(rule.id)
            continue
        run.append(rule.id)
        severity, opts = config.severity(rule), config.options(rule, journey)
        for hit in rule.check(data, opts):
            if sup.covers(hit.pos.line, rule.id):
                suppressed += 1
                continue
            problem = Problem(path, hit.pos.line, hit.pos.column, hit.message, severity, rule.id)
            found.append(Finding(problem, hit.key))
    found.sort(key=lambda f: (f.problem.line, f.problem.column, f.problem.rule))
    findings = tuple(with_fingerprints(found))
    return FileReport(path, journey, findings, tuple(run), suppressed, tuple(wanting))


def _threshold_typos(journey: Journey, text: str, path: str) -> list[Finding]:
    """A ``thresholds:`` key that nothing reads but is close to a rule's key is a typo that
    would silently leave the default in force."""
    known = {o.threshold for r in all_rules() for o in r.options.values() if o.threshold}
    anchor = journey.positions.get("thresholds")
    out = []
    for key in journey.thresholds:
        if key in known or key in OTHER_THRESHOLDS:
            continue
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
        if not close or anchor is None:
            continue
        line, col = _key_position(text, key, anchor.line)
        message = f"thresholds: {key!r} is read by no rule; did you mean {close[0]!r}?"
        out.append(Finding(Problem(path, line, col, message, WARNING, "thresholds"), key))
    return out


def _key_position(text: str, key: str, start: int) -> tuple[int, int]:
    pattern = re.compile(rf"^(\s*){re.escape(key)}\s*:")
    for n, line in enumerate(text.splitlines()[start - 1 :], start):
        if m := pattern.match(line):
            return n, len(m[1]) + 1
    return start, 1


def check_file(
    path: str | os.PathLike[str], config: Config, score: JourneyScore | None = None
) -> FileReport:
    name = str(path)
    try:
        text = decode(Path(path).read_bytes(), name)
    except OSError as exc:
        p = Problem(name, 1, 1, f"cannot read file: {exc.strerror}", ERROR, "syntax")
        return FileReport(name, None, (Finding(p, "unreadable", "unreadable"),), ())
    except JourneyError as err:
        return FileReport(name, None, tuple(with_fingerprints(_schema_findings(err))), ())
    return check_text(text, name, config, score)


def at_or_above(severity: str, fail_on: str) -> bool:
    return fail_on == "warning" or severity == ERROR
