"""The same findings come out in all five formats, and each parses back."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from cjm.cli import cli

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": "", **(env or {})})


@pytest.fixture(scope="module")
def expected() -> set[tuple[str, int, int, str, str]]:
    items = json.loads(run("check", "journeys", "--format", "json").stdout)
    assert items
    return {(Path(i["file"]).name, i["line"], i["column"], i["rule"], i["severity"]) for i in items}


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_text(expected):
    r = run("check", "journeys")
    pat = re.compile(r"^(.+?):(\d+):(\d+): (error|warning): .* \[([a-z-]+)\]$")
    got = set()
    lines = r.stdout.splitlines()
    assert "error(s)" in lines[-1]
    for line in lines[:-1]:
        m = pat.match(line)
        assert m, line
        got.add((Path(m[1]).name, int(m[2]), int(m[3]), m[5], m[4]))
    assert got == expected


def test_github_chosen_when_github_actions_is_set(expected):
    r = run("check", "journeys", env={"GITHUB_ACTIONS": "true"})
    assert r.exit_code == 1
    pat = re.compile(r"^::(error|warning) file=(.+?),line=(\d+),col=(\d+),title=cjm ([a-z-]+)::.+$")
    lines = r.stdout.splitlines()
    got = set()
    for line in lines[:-1]:
        m = pat.match(line)
        assert m, line
        got.add((Path(m[2]).name, int(m[3]), int(m[4]), m[5], m[1]))
    assert got == expected
    assert not lines[-1].startswith("::")


def test_github_escapes_user_text(tmp_path):
    journey = (ROOT / "journeys" / "online-store.yaml").read_text(encoding="utf-8")
    evil = journey.replace(
        "Bot without an exit to a person", '"Bot 100%\\n::error file=x::pwned, really"'
    )
    path = tmp_path / "evil,name.yaml"
    path.write_text(evil, encoding="utf-8")
    out = run("check", str(path), "--format", "github").output
    assert not [ln for ln in out.splitlines() if ln.startswith("::error file=x")]
    assert "Bot 100%25%0A::error file=x::pwned, really" in out
    assert "evil%2Cname.yaml" in out


def test_junit_parses_with_a_testcase_per_journey_and_rule(expected):
    r = run("check", "journeys", "--format", "junit")
    root = ET.fromstring(r.stdout)
    suites = root.findall("testsuite")
    assert len(suites) == len({e[0] for e in expected})
    from cjm.rules import all_rules

    for suite in suites:
        names = [c.get("name") for c in suite.findall("testcase")]
        assert names == ["schema"] + [x.id for x in all_rules()]
        assert int(suite.get("tests")) == len(names)
    failed = {
        (c.get("classname"), c.get("name"))
        for c in root.iter("testcase")
        if c.find("failure") is not None
    }
    errors = {e[3] for e in expected if e[4] == "error"}
    assert {name for _, name in failed} == errors
    text = "\n".join(
        (c.find("failure").text if c.find("failure") is not None else "")
        + (c.find("system-out").text if c.find("system-out") is not None else "")
        for c in root.iter("testcase")
    )
    assert len([ln for ln in text.splitlines() if ln.strip()]) == len(expected)
    warn = ET.fromstring(
        run("check", "journeys", "--format", "junit", "--fail-on", "warning").stdout
    )
    assert int(warn.get("failures")) > int(root.get("failures"))


def test_sarif_is_valid_and_complete(expected):
    r = run("check", "journeys", "--format", "sarif")
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, SARIF_SCHEMA, cls=jsonschema.Draft4Validator)
    run_ = doc["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    got = set()
    for res in run_["results"]:
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].startswith("journeys/")
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["partialFingerprints"]["cjmFinding/v1"]
        got.add(
            (
                Path(loc["artifactLocation"]["uri"]).name,
                loc["region"]["startLine"],
                loc["region"]["startColumn"],
                res["ruleId"],
                res["level"],
            )
        )
    assert got == expected
    broken = json.loads(r.stdout)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SARIF_SCHEMA, cls=jsonschema.Draft4Validator)


def test_output_file_is_written(tmp_path):
    out = tmp_path / "cjm.sarif"
    r = run("check", "journeys", "--format", "sarif", "-o", str(out))
    assert r.exit_code == 1 and r.stdout == ""
    assert json.loads(out.read_text())["version"] == "2.1.0"
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_invalid_file_in_junit_and_sarif(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("cjm: 1\njourney: {id: bad}\nstages: []\n", encoding="utf-8")
    r = run("check", str(bad), "--format", "junit")
    assert r.exit_code == 2
    root = ET.fromstring(r.stdout)
    cases = root.findall("testsuite/testcase")
    assert [c.get("name") for c in cases] == ["schema"]
    assert "bad.yaml:2:" in cases[0].find("failure").text
    r = run("check", str(bad), "--format", "sarif")
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, SARIF_SCHEMA, cls=jsonschema.Draft4Validator)
    assert {res["ruleId"] for res in doc["runs"][0]["results"]} == {"schema"}
    assert doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"
    ].startswith("file://")
