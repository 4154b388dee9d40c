"""``cjm check --format junit``: a test suite per journey, a test case per rule.

Findings at or above ``--fail-on`` make the case fail (one ``<failure>`` listing them all,
which Jenkins and GitLab both read); lower ones go to ``<system-out>``; a rule that did not
run (the data rule without ``--data``) is ``<skipped>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from cjm.check.engine import FileReport, at_or_above
from cjm.check.finding import Finding
from cjm.escape import xml_text
from cjm.rules import INPUT_RULES, all_rules

_INPUT = INPUT_RULES


def _case(suite: ET.Element, report: FileReport, rule: str, found: list[Finding], fail_on: str):
    case = ET.SubElement(
        suite, "testcase", classname=xml_text(report.name), name=rule, file=xml_text(report.path)
    )
    failing = [f for f in found if at_or_above(f.problem.severity, fail_on)]
    if failing:
        el = ET.SubElement(
            case,
            "failure",
            message=xml_text(f"{len(failing)} finding(s): {failing[0].problem.message}"),
            type=failing[0].problem.severity,
        )
        el.text = xml_text("\n".join(f.problem.format() for f in failing))
    rest = [f for f in found if f not in failing]
    if rest:
        ET.SubElement(case, "system-out").text = xml_text(
            "\n".join(f.problem.format() for f in rest)
        )
    return case, bool(failing)


def render(reports: Sequence[FileReport], fail_on: str = "error") -> str:
    root = ET.Element("testsuites", name="cjm check")
    total = failed_total = 0
    for r in reports:
        suite = ET.SubElement(root, "testsuite", name=xml_text(r.name), file=xml_text(r.path))
        by_rule: dict[str, list[Finding]] = {}
        for f in r.findings:
            by_rule.setdefault(f.problem.rule, []).append(f)
        names = (
            ["schema"] + [x.id for x in all_rules()] if r.journey else list(by_rule) or ["schema"]
        )
        names += [n for n in by_rule if n not in names]
        failed = skipped = 0
        for name in names:
            case, bad = _case(suite, r, name, by_rule.get(name, []), fail_on)
            failed += bad
            if r.journey and name not in r.rules_run and name not in by_rule and name != "schema":
                why = "needs --data" if name in r.wanting_data else "disabled or ignored"
                ET.SubElement(case, "skipped", message=f"not run: {why}")
                skipped += 1
        suite.set("tests", str(len(names)))
        suite.set("failures", str(failed))
        suite.set("errors", "0")
        suite.set("skipped", str(skipped))
        total += len(names)
        failed_total += failed
    root.set("tests", str(total))
    root.set("failures", str(failed_total))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
