"""Every command reads the journey's own data: block by default; missing exports are a
warning for render and check (the declared map and gate still work), an error for score."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjm.cli import cli

ROOT = Path(__file__).resolve().parent.parent
ONLINE = ROOT / "journeys" / "online-store.yaml"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """The online-store journey without its data files beside it."""
    target = tmp_path / "online-store.yaml"
    shutil.copy(ONLINE, target)
    return target


def svg_text(path: Path) -> str:
    return " ".join(t.strip() for t in ET.parse(path).getroot().itertext() if t.strip())


def test_render_scores_on_the_data_block_unless_no_data(tmp_path: Path):
    scored, declared = tmp_path / "scored.svg", tmp_path / "declared.svg"
    assert run("render", str(ONLINE), "-o", str(scored)).exit_code == 0
    assert run("render", str(ONLINE), "--no-data", "-o", str(declared)).exit_code == 0
    assert "drop-off" in svg_text(scored) and "1500 reached" in svg_text(scored)
    assert "drop-off" not in svg_text(declared)


def test_render_without_the_exports_warns_and_draws_the_declared_map(bare: Path):
    out = bare.with_suffix(".svg")
    result = run("render", str(bare), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"{bare}:238:11: warning: data: events: no such file" in result.stderr
    assert "drop-off" not in svg_text(out)


def test_check_uses_the_data_block_and_warns_when_it_is_missing(bare: Path):
    with_data = run("check", str(ONLINE), "--format", "junit")
    skipped = [
        c.get("name")
        for c in ET.fromstring(with_data.stdout).iter("testcase")
        if c.find("skipped") is not None
    ]
    assert "dropoff-risk" not in skipped
    without = run("check", str(bare), "--format", "json")
    assert "warning: data: events: no such file" in without.stderr
    assert json.loads(without.stdout)  # the declared rules still report


def test_score_without_the_exports_is_an_error(bare: Path):
    result = run("score", str(bare))
    assert result.exit_code == 2
    assert f"{bare}:238:11: error: data: events: no such file" in result.stderr


def test_check_reports_unusable_data_as_findings_and_still_writes_the_report(tmp_path: Path):
    bad = tmp_path / "events.csv"
    bad.write_text("who,when\n1,yesterday\n")
    sarif = tmp_path / "cjm.sarif"
    result = run("check", str(ONLINE), "--data", str(bad), "--format", "sarif", "-o", str(sarif))
    assert result.exit_code == 2
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    data = [r for r in results if r["ruleId"] == "data"]
    assert data and all(r["level"] == "error" for r in data)
    uri = data[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("events.csv")
    assert any(r["ruleId"] == "critical-friction" for r in results)  # declared findings kept
