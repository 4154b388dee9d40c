"""Baselines: record today's findings, later report only the new ones.

Entries are matched by file (relative to the baseline's folder) and fingerprint, which is
built from the rule and the object a finding concerns, never its line: inserting lines
above a finding does not make it new.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from collections.abc import Collection, Sequence
from pathlib import Path

from cjm.check.engine import FileReport

VERSION = 1
MAX_BYTES = 64 * 1024 * 1024


class BaselineError(Exception):
    pass


def _rel(file: str, baseline: str | os.PathLike[str]) -> str:
    base = Path(baseline).resolve().parent
    return Path(os.path.relpath(Path(file).resolve(), base)).as_posix()


def build(path: str | os.PathLike[str], reports: Sequence[FileReport]) -> dict:
    entries = sorted(
        (
            {
                "file": _rel(f.problem.file, path),
                "rule": f.problem.rule,
                "fingerprint": f.fingerprint,
                "message": f.problem.message,
            }
            for r in reports
            for f in r.findings
        ),
        key=lambda e: (e["file"], e["rule"], e["fingerprint"]),
    )
    return {"cjm_baseline": VERSION, "findings": entries}


def write(path: str | os.PathLike[str], reports: Sequence[FileReport]) -> None:
    from cjm.fileio import write_atomic

    text = json.dumps(build(path, reports), ensure_ascii=False, indent=1) + "\n"
    write_atomic(path, text.encode())


def read(path: str | os.PathLike[str]) -> Counter[tuple[str, str]]:
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise BaselineError(f"{path}: over {MAX_BYTES:,} bytes; not a cjm baseline")
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(
            f"{path}: not a cjm baseline ({exc}); write one with --write-baseline"
        ) from None
    if not isinstance(doc, dict) or doc.get("cjm_baseline") != VERSION:
        raise BaselineError(f"{path}: not a cjm baseline version {VERSION}; rewrite it")
    try:
        return Counter((e["file"], e["fingerprint"]) for e in doc["findings"])
    except (KeyError, TypeError):
        raise BaselineError(f"{path}: baseline entries need file and fingerprint") from None


def filter_new(
    path: str | os.PathLike[str], reports: Sequence[FileReport], keep: Collection[str] = ()
) -> list[FileReport]:
    """``reports`` without the findings recorded in the baseline (rules in ``keep`` stay)."""
    known = read(path)
    out = []
    for r in reports:
        fresh = []
        for f in r.findings:
            k = (_rel(f.problem.file, path), f.fingerprint)
            if f.problem.rule not in keep and known[k] > 0:
                known[k] -= 1
                continue
            fresh.append(f)
        out.append(dataclasses.replace(r, findings=tuple(fresh)))
    return out
