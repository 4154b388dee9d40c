"""cjm check through the CLI: exit codes, text and json output, config and suppression."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjm.cli import cli

CLEAN = """\
cjm: 1
journey: {id: clean, title: Clean}
stages:
  - id: visit
    title: Visit the site
    touchpoints:
      - {id: landing, title: Landing page, channel: web, owner: web-team, emotion: happy}
"""

WARNS = """\
cjm: 1
journey: {id: warns, title: Warns}
stages:
  - id: visit
    title: Visit the site
    touchpoints:
      - {id: landing, title: Landing page, channel: web, emotion: happy}
"""

CRITICAL = """\
cjm: 1
journey: {id: critical, title: Critical}
stages:
  - id: ask
    title: Ask
    touchpoints:
      - id: chat
        title: Chat
        channel: chat
        owner: support
        emotion: neutral
        friction:
          - issue: Bot without an exit
            severity: critical
        opportunities:
          - idea: Hand over to a person
"""


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env=env or {"GITHUB_ACTIONS": ""})


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_exit_codes(tmp_path):
    clean = write(tmp_path, "clean.yaml", CLEAN)
    warns = write(tmp_path, "warns.yaml", WARNS)
    crit = write(tmp_path, "critical.yaml", CRITICAL)
    bad = write(tmp_path, "bad/bad.yaml", "cjm: 1\njourney: {id: Bad}\nstages: []\n")
    assert run("check", str(clean)).exit_code == 0
    assert run("check", str(warns)).exit_code == 0
    assert run("check", str(warns), "--fail-on", "warning").exit_code == 1
    assert run("check", str(crit)).exit_code == 1
    r = run("check", str(bad))
    assert r.exit_code == 2
    assert "bad.yaml:2:" in r.output and "[schema]" in r.output
    assert run("check", str(clean), "--format", "nope").exit_code == 2
    assert run("check", str(tmp_path / "missing.yaml")).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("check", str(empty)).exit_code == 2


def test_json_parses_back(tmp_path):
    write(tmp_path, "critical.yaml", CRITICAL)
    write(tmp_path, "warns.yaml", WARNS)
    r = run("check", str(tmp_path), "--format", "json")
    items = json.loads(r.stdout)
    assert r.exit_code == 1
    assert {tuple(sorted(i)) for i in items} == {
        ("column", "file", "line", "message", "rule", "severity")
    }
    crit = [i for i in items if i["rule"] == "critical-friction"]
    assert crit == [
        {
            "file": str(tmp_path / "critical.yaml"),
            "line": 13,
            "column": 13,
            "rule": "critical-friction",
            "severity": "error",
            "message": "critical friction at touchpoint 'chat': Bot without an exit (fix it "
            "and update the map, or suppress it: # cjm: disable=critical-friction REASON)",
        }
    ]
    assert any(i["rule"] == "touchpoint-owner" and i["line"] == 7 for i in items)


def test_text_has_no_escape_codes_when_piped_and_strips_control_chars(tmp_path):
    nasty = CRITICAL.replace("Bot without an exit", '"Bot \\e[31m without\\u202e exit"')
    path = write(tmp_path, "nasty.yaml", nasty)
    proc = subprocess.run(
        [sys.executable, "-m", "cjm", "check", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_ACTIONS": ""},
    )
    assert proc.returncode == 1, proc.stderr
    assert "\x1b" not in proc.stdout and "\u202e" not in proc.stdout
    assert "critical friction at touchpoint 'chat': Bot [31m without exit" in proc.stdout


def test_config_discovered_upward_and_extends(tmp_path):
    crit = write(tmp_path, "team/journeys/critical.yaml", CRITICAL)
    assert run("check", str(crit)).exit_code == 1
    write(tmp_path, "team/.cjm.yaml", "extends: relaxed\n")
    assert run("check", str(crit)).exit_code == 0
    write(tmp_path, "team/journeys/.cjm.yaml", "rules:\n  critical-friction: disable\n")
    r = run("check", str(crit), "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout) == []
    other = write(tmp_path, "other.yaml", "extends: strict\n")
    warns = write(tmp_path, "team/journeys/warns.yaml", WARNS)
    assert run("check", str(warns)).exit_code == 0
    assert run("check", str(warns), "--config", str(other)).exit_code == 1


def test_config_severity_options_and_ignores(tmp_path):
    warns = write(tmp_path, "j/warns.yaml", WARNS)
    write(tmp_path, "j/legacy/old.yaml", CRITICAL.replace("id: critical", "id: old"))
    cfg = write(
        tmp_path,
        "j/.cjm.yaml",
        "rules:\n"
        "  touchpoint-owner:\n    severity: error\n    ignore: ['legacy/*']\n"
        "  critical-friction: {ignore: ['legacy/*']}\n",
    )
    r = run("check", str(tmp_path / "j"), "--format", "json")
    assert r.exit_code == 1
    rules = [(Path(i["file"]).name, i["rule"], i["severity"]) for i in json.loads(r.stdout)]
    assert rules == [("warns.yaml", "touchpoint-owner", "error")]
    cfg.write_text("ignore: ['legacy/*', 'warns.yaml']\n")
    r = run("check", str(tmp_path / "j"))
    # every file ignored: a clean run (pre-commit passes only the changed files)
    assert r.exit_code == 0 and "ignored by the config" in r.output
    assert warns.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("extends: lenient\n", "1:10: error: extends: expected one of default, strict, relaxed"),
        ("rules:\n  stage-fiction: disable\n", "did you mean 'stage-friction'?"),
        (
            "rules:\n  stage-friction: {max_load: lots}\n",
            "2:30: error: rules: stage-friction: max_load",
        ),
        ("rules:\n  dead-end: {severity: fatal}\n", "severity: expected warning or error"),
        ("rulez: {}\n", "unknown key 'rulez'; did you mean 'rules'?"),
        ("rules:\n  dead-end: {goal_phases: [purchse]}\n", "'purchse'; did you mean 'purchase'?"),
        ("rules: [\n", "invalid YAML"),
    ],
)
def test_bad_config_is_a_positioned_error(tmp_path, text, message):
    journey = write(tmp_path, "clean.yaml", CLEAN)
    write(tmp_path, ".cjm.yaml", text)
    r = run("check", str(journey))
    assert r.exit_code == 2
    assert ".cjm.yaml:" in r.output and message in r.output
    assert "Traceback" not in r.output


def test_inline_suppression_needs_a_reason(tmp_path):
    line = "          - issue: Bot without an exit"
    ok = CRITICAL.replace(line, line + "  # cjm: disable=critical-friction bot hand-over in Q3")
    r = run("check", str(write(tmp_path, "ok.yaml", ok)))
    assert r.exit_code == 0, r.output
    assert "1 suppressed" in r.output
    bare = CRITICAL.replace(line, line + "  # cjm: disable=critical-friction")
    r = run("check", str(write(tmp_path, "bare.yaml", bare)), "--format", "json")
    assert r.exit_code == 1
    assert sorted(i["rule"] for i in json.loads(r.stdout)) == ["critical-friction", "suppression"]
    typo = CRITICAL.replace(line, line + "  # cjm: disable=critical-fiction because")
    r = run("check", str(write(tmp_path, "typo.yaml", typo)), "--format", "json")
    assert "unknown rule(s) critical-fiction" in r.output
    other = CRITICAL.replace(line, line + "  # cjm: disable=dead-end wrong rule")
    assert run("check", str(write(tmp_path, "other.yaml", other))).exit_code == 1


def test_examples_fail_only_on_critical_friction(examples):
    r = run("check", "journeys", "--format", "json")
    items = json.loads(r.stdout)
    errors = {(Path(i["file"]).name, i["rule"]) for i in items if i["severity"] == "error"}
    assert r.exit_code == 1
    assert {rule for _, rule in errors} == {"critical-friction"}
    assert {i["rule"] for i in items} <= {
        "critical-friction",
        "stage-friction",
        "emotional-low",
        "metric-target",
        "touchpoint-owner",
        "unaddressed-friction",
        "dead-end",
    }


def test_data_needs_one_journey_and_reports_cleanly(tmp_path):
    funnel = write(tmp_path, "funnel.csv", "stage,customers\nvisit,100\n")
    a = write(tmp_path, "a.yaml", CLEAN)
    write(tmp_path, "b.yaml", WARNS.replace("id: warns", "id: b"))
    r = run("check", str(tmp_path), "--data", str(funnel))
    assert r.exit_code == 2 and "exactly one journey" in r.output
    r = run("check", str(a), "--data", str(funnel))
    assert "Traceback" not in r.output
    assert r.exit_code in (0, 1, 2)


def test_text_is_coloured_only_on_a_terminal(tmp_path):
    crit = write(tmp_path, "critical.yaml", CRITICAL)
    coloured = CliRunner().invoke(cli, ["check", str(crit)], color=True, env={"GITHUB_ACTIONS": ""})
    assert "\x1b[31m" in coloured.output
    plain = run("check", str(crit))
    assert "\x1b" not in plain.output
    out = tmp_path / "report.txt"
    CliRunner().invoke(cli, ["check", str(crit), "-o", str(out)], color=True)
    assert "\x1b" not in out.read_text() and "critical-friction" in out.read_text()


def test_every_example_finding_points_at_its_object(examples):
    from cjm.check.config import Config
    from cjm.check.engine import check_file

    for path in examples:
        lines = path.read_text(encoding="utf-8").splitlines()
        report = check_file(path, Config())
        assert report.journey is not None and report.findings
        for f in report.findings:
            p = f.problem
            at = lines[p.line - 1][p.column - 1 :]
            first = f.key.split(";")[0]
            kind, _, ident = first.partition("=")
            if "metric=" in f.key:
                before = lines[p.line - 1][: p.column - 1].rstrip()
                assert before.endswith(f.key.rsplit("metric=", 1)[1] + ":"), (p, at)
            elif "friction=" in f.key:
                assert at.startswith(("issue:", "{issue:")), (p, at)
            elif kind in ("stage", "touchpoint"):
                assert at.startswith((f"id: {ident}", f"{{id: {ident}")), (p, at)
            else:
                raise AssertionError(f"unexpected key {f.key}")


def test_threshold_typo_is_pointed_out(tmp_path):
    text = CLEAN + "thresholds:\n  stage_risk: 0.4\n  min_sample: 50\n  stage_frcition: 8\n"
    r = run("check", str(write(tmp_path, "t.yaml", text)), "--format", "json")
    assert r.exit_code == 0
    items = json.loads(r.stdout)
    assert [(i["rule"], i["line"], i["column"]) for i in items] == [("thresholds", 11, 3)]
    assert "did you mean 'stage_friction'?" in items[0]["message"]


def test_unwritable_outputs_are_clear_errors(tmp_path):
    clean = write(tmp_path, "clean.yaml", CLEAN)
    missing = tmp_path / "no" / "such" / "dir"
    for args in (
        ["check", str(clean), "-o", str(missing / "r.txt")],
        ["check", str(clean), "--write-baseline", str(missing / "b.json")],
        ["diff", str(clean), str(clean), "-o", str(missing / "d.md")],
    ):
        r = run(*args)
        assert r.exit_code == 2, args
        assert "cannot write" in r.output and "Traceback" not in r.output
