"""``cjm check --format sarif``: SARIF 2.1.0 for GitHub code scanning and other viewers.

Each rule is described once in the tool's metadata; each result carries a physical
location (file, line, column) and ``partialFingerprints`` built from the rule and the object
it concerns, so code scanning recognises the same finding after lines move.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from cjm import __version__
from cjm.check.engine import FileReport
from cjm.rules import SCHEMA_RULES, all_rules, schema_severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "cjmFinding/v1"
_LEVEL = {"error": "error", "warning": "warning"}


def _name(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("-"))


def _full_description(paragraphs: list[str]) -> str:
    """The first paragraph after the summary, plus the list it introduces when it ends in ':'."""
    taken: list[str] = []
    for para in paragraphs:
        if para.lstrip().startswith(("Passes", "Fails")):
            break
        taken.append(" ".join(para.split()))
        if not para.rstrip().endswith(":"):
            break
    return " ".join(taken)


def _descriptors() -> list[dict]:
    out = []
    for r in all_rules():
        body = r.doc.strip().split("\n\n")
        out.append(
            {
                "id": r.id,
                "name": _name(r.id),
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": _full_description(body[1:])},
                "help": {"text": f"See docs/rules.md#{r.id} for examples and options."},
                "defaultConfiguration": {"level": _LEVEL[r.severity]},
                "properties": {"tags": ["customer-journey"]},
            }
        )
    for rid, text in SCHEMA_RULES.items():
        level = schema_severity(rid)
        out.append(
            {
                "id": rid,
                "name": _name(rid),
                "shortDescription": {"text": text[0].upper() + text[1:] + "."},
                "defaultConfiguration": {"level": level},
            }
        )
    return out


def _uri(file: str) -> tuple[str, bool]:
    """A repository-relative URI when the file is under the working folder."""
    path = Path(file).resolve()
    try:
        rel = path.relative_to(Path(os.getcwd()).resolve())
    except ValueError:
        return path.as_uri(), False
    return quote(rel.as_posix()), True


def render(reports: Sequence[FileReport], fail_on: str = "error") -> str:
    rules = _descriptors()
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for report in reports:
        for f in report.findings:
            p = f.problem
            uri, relative = _uri(p.file)
            artifact = {"uri": uri, **({"uriBaseId": "%SRCROOT%"} if relative else {})}
            results.append(
                {
                    "ruleId": p.rule,
                    **({"ruleIndex": index[p.rule]} if p.rule in index else {}),
                    "level": _LEVEL.get(p.severity, "note"),
                    "message": {"text": p.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": artifact,
                                "region": {"startLine": p.line, "startColumn": p.column},
                            }
                        }
                    ],
                    "partialFingerprints": {FINGERPRINT: f.fingerprint},
                }
            )
    doc = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cjm",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {
                    "%SRCROOT%": {"uri": Path(os.getcwd()).resolve().as_uri() + "/"}
                },
                "results": results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
