"""Regressions found by exercising the CLI as a CX lead and a CI engineer would."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cjm.cli import cli
from tests.conftest import JOURNEYS

STORE = str(JOURNEYS / "online-store.yaml")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("change", ["nan", "inf", "-inf", "1e400", "-150%", "5", "-1.5"])
def test_whatif_rejects_changes_that_mean_nothing(change: str) -> None:
    result = run("whatif", STORE, "--stage", "purchase", f"--dropoff={change}")
    assert result.exit_code == 2
    assert "--dropoff" in result.output
    assert "NaN" not in result.output and "Infinity" not in result.output


@pytest.mark.parametrize("change", ["-100%", "150%", "-1", "+0.05", "0"])
def test_whatif_accepts_the_edges(change: str) -> None:
    result = run("whatif", STORE, "--stage", "purchase", f"--dropoff={change}", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert 0 <= doc["projected_conversion"] <= 1


def test_check_of_only_ignored_files_is_clean_not_a_usage_error(tmp_path, monkeypatch) -> None:
    """pre-commit passes just the changed files: an ignored draft must not fail the hook."""
    (tmp_path / ".cjm.yaml").write_text('ignore: ["drafts/*"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "wip.yaml").write_text("cjm: 1\nbroken: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "drafts/wip.yaml", "--format", "sarif", "-o", "out.sarif")
    assert result.exit_code == 0, result.output
    assert "ignored" in result.stderr
    assert json.loads((tmp_path / "out.sarif").read_text())["runs"][0]["results"] == []
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("check", str(empty)).exit_code == 2


def test_sarif_rule_descriptions_are_whole_sentences() -> None:
    result = run("check", STORE, "--no-data", "--format", "sarif")
    rules = json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]
    for rule in rules:
        text = rule.get("fullDescription", {}).get("text", "")
        assert not text.endswith(":"), (rule["id"], text)
    dead_end = next(r for r in rules if r["id"] == "dead-end")
    assert "no touchpoints" in dead_end["fullDescription"]["text"]
