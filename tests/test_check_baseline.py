"""Baselines: known findings stay quiet even when lines move; new ones are reported."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cjm.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "journeys" / "online-store.yaml").read_text(encoding="utf-8")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": ""})


def test_baseline_survives_inserted_lines_and_reports_new_findings(tmp_path):
    journey = tmp_path / "j.yaml"
    journey.write_text(EXAMPLE, encoding="utf-8")
    base = tmp_path / "baseline.json"
    r = run("check", str(journey), "--write-baseline", str(base))
    assert r.exit_code == 0
    recorded = json.loads(base.read_text())["findings"]
    assert len(recorded) == 14 and all(e["file"] == "j.yaml" for e in recorded)

    shifted = EXAMPLE.replace(
        "stages:\n",
        "# a comment\n# and another\nstages:\n"
        "  - id: search-ad\n    title: Search ad\n    touchpoints:\n"
        "      - {id: ad, title: Ad, channel: search, owner: marketing, emotion: neutral}\n",
        1,
    )
    journey.write_text(shifted, encoding="utf-8")
    before = json.loads(run("check", str(journey), "--format", "json").stdout)
    assert {i["line"] for i in before}.isdisjoint({110, 82})  # the lines did move
    r = run("check", str(journey), "--baseline", str(base), "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == []

    worse = shifted.replace(
        "          - issue: Long waits on the phone line\n            severity: high",
        "          - issue: Long waits on the phone line\n            severity: critical",
    )
    journey.write_text(worse, encoding="utf-8")
    r = run("check", str(journey), "--baseline", str(base), "--format", "json")
    assert r.exit_code == 1
    new = json.loads(r.stdout)
    assert [(i["rule"], "phone line" in i["message"]) for i in new] == [("critical-friction", True)]


def test_baseline_never_hides_an_invalid_file(tmp_path):
    journey = tmp_path / "j.yaml"
    journey.write_text("cjm: 2\n", encoding="utf-8")
    base = tmp_path / "b.json"
    r = run("check", str(journey), "--write-baseline", str(base))
    assert r.exit_code == 2 and not base.exists()
    assert "not writing a baseline" in r.output
    journey.write_text(EXAMPLE, encoding="utf-8")
    assert run("check", str(journey), "--write-baseline", str(base)).exit_code == 0
    journey.write_text(EXAMPLE.replace("cjm: 1", "cjm: 2"), encoding="utf-8")
    r = run("check", str(journey), "--baseline", str(base))
    assert r.exit_code == 2 and "[schema]" in r.output


def test_bad_baseline_is_a_clear_error(tmp_path):
    base = tmp_path / "b.json"
    base.write_text("{not json", encoding="utf-8")
    r = run("check", str(ROOT / "journeys"), "--baseline", str(base))
    assert r.exit_code == 2 and "not a cjm baseline" in r.output
    assert (
        run("check", str(ROOT / "journeys"), "--baseline", str(tmp_path / "no.json")).exit_code == 2
    )
