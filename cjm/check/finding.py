"""A rule finding: the shared ``Problem`` plus a line-free key for fingerprints."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from cjm.problems import Problem


@dataclass(frozen=True, order=True)
class Finding:
    problem: Problem
    key: str  # names the object, never its line: "stage=checkout", "touchpoint=chat;metric=csat"
    fingerprint: str = ""


def fingerprint(rule: str, key: str, occurrence: int) -> str:
    """Stable across edits elsewhere in the file: built from what, not where."""
    raw = f"{rule}\0{key}\0{occurrence}".encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def with_fingerprints(findings: Iterable[Finding]) -> list[Finding]:
    """Fingerprint each finding; identical rule+key pairs are told apart by their order."""
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in findings:
        n = seen[(f.problem.rule, f.key)]
        seen[(f.problem.rule, f.key)] += 1
        out.append(Finding(f.problem, f.key, fingerprint(f.problem.rule, f.key, n)))
    return out
