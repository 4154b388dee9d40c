"""The journey commands through click's runner and a real subprocess."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjm import __version__
from cjm.cli import cli
from cjm.journey import load_journey

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "corpus" / "invalid" / "several-problems.yaml"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_validate_folder_prints_ok_lines(examples):
    result = run("validate", str(ROOT / "journeys"))
    assert result.exit_code == 0
    assert result.output.count("ok ") == len(examples)


def test_validate_reports_every_problem_and_exits_2():
    result = run("validate", str(BROKEN))
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert [line.split(": error:")[0] for line in lines] == [
        f"{BROKEN}:12:18",
        f"{BROKEN}:13:9",
        f"{BROKEN}:22:23",
    ]


def test_validate_mixed_paths_still_checks_all(tmp_path: Path):
    good = ROOT / "journeys" / "online-store.yaml"
    result = run("validate", str(good), str(BROKEN))
    assert result.exit_code == 2
    assert f"ok {good}" in result.output and "1 of 2 file(s) invalid" in result.output


def test_validate_empty_folder_is_a_usage_error(tmp_path: Path):
    assert run("validate", str(tmp_path)).exit_code == 2


def test_schema_is_json_and_validates_examples(examples):
    import jsonschema
    import yaml

    schema = json.loads(run("schema").output)
    for path in examples:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_init_writes_a_valid_lifecycle_journey_and_never_overwrites(tmp_path: Path):
    result = run("init", str(tmp_path / "new"), "--id", "onboarding", "--title", "Онбординг")
    assert result.exit_code == 0, result.output
    journey = load_journey(tmp_path / "new" / "journey.yaml")
    assert (tmp_path / "new" / "cjm.schema.json").read_text() == run("schema").output
    assert journey.id == "onboarding" and journey.title == "Онбординг"
    assert [s.phase for s in journey.stages] == [
        "acquisition",
        "interest",
        "evaluation",
        "purchase",
        "loyalty",
    ]
    before = (tmp_path / "new" / "journey.yaml").read_bytes()
    again = run("init", str(tmp_path / "new"))
    assert again.exit_code == 2 and "already exists" in again.output
    assert (tmp_path / "new" / "journey.yaml").read_bytes() == before


def test_init_rejects_bad_id(tmp_path: Path):
    assert run("init", str(tmp_path), "--id", "Bad Id").exit_code == 2


def test_summary_table():
    result = run("summary", str(ROOT / "journeys" / "online-store.yaml"))
    assert result.exit_code == 0
    row = next(line for line in result.output.splitlines() if line.startswith("evaluation"))
    assert "-1.0" in row and "3 (12)" in row and "csat, first_response, fcr" in row


def test_every_command_has_an_example_in_help():
    for name in cli.commands:
        result = run(name, "--help")
        assert result.exit_code == 0
        assert re.search(rf"Examples?: cjm {name}\b", result.output), name


def test_version_and_module_entry_point():
    assert run("--version").output.strip() == f"cjm, version {__version__}"
    proc = subprocess.run(
        [sys.executable, "-m", "cjm", "validate", str(BROKEN)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"{BROKEN}:12:18: error: emotion:" in proc.stderr


def test_terminal_escapes_are_stripped(tmp_path: Path):
    path = tmp_path / "esc.yaml"
    path.write_text('cjm: 1\njourney: {id: "x\\e[31m", title: t}\nstages: []\n')
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert "\x1b" not in result.output


@pytest.mark.parametrize("args", [["validate"], ["nope"], ["summary", "missing.yaml"]])
def test_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


def test_folder_walk_passes_over_yaml_that_is_not_a_journey(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text("site_name: docs\nnav: [index.md]\n")
    (tmp_path / "compose.yaml").write_text("services:\n  web: {image: nginx}\n")
    broken = tmp_path / "draft.yaml"  # a journey that forgot `cjm: 1` is still checked
    broken.write_text("journey: {id: d, title: Draft}\nstages: [{id: a, title: A}]\n")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 2
    assert f"{broken}:1:1: error: journey file is missing the required key 'cjm'" in result.output
    assert "mkdocs" not in result.output and "compose" not in result.output
    named = run("validate", str(tmp_path / "mkdocs.yml"))  # named files are always checked
    assert named.exit_code == 2
