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


TINY = """cjm: 1
journey: {id: tiny, title: Tiny}
stages:
  - id: a
    title: A
    touchpoints:
      - {id: a1, title: A one, channel: web, owner: x, emotion: 0}
  - id: b
    title: B
    next: []
    touchpoints:
      - {id: b1, title: B one, channel: web, owner: x, emotion: 0}
"""
EVENTS = "customer_id,stage,timestamp\n1,a,2024-01-01T00:00:00Z\n1,b,2024-01-01T01:00:00Z\n"


def test_one_column_for_two_roles_is_refused(tmp_path) -> None:
    (tmp_path / "ev.csv").write_text(EVENTS, encoding="utf-8")
    journey = tmp_path / "j.yaml"
    journey.write_text(
        TINY + "data:\n  events: ev.csv\n  columns: {customer_id: stage}\n", encoding="utf-8"
    )
    result = run("score", str(journey))
    assert result.exit_code == 2
    assert f"{journey}:15:12: error: data: columns: column 'stage' is named for both" in (
        result.stderr
    )
    plain = tmp_path / "plain.yaml"
    plain.write_text(TINY, encoding="utf-8")
    args = ("score", str(plain), "--data", str(tmp_path / "ev.csv"))
    clash = run(*args, "--column", "timestamp=customer_id")
    assert clash.exit_code == 2 and "named for both customer_id and timestamp" in clash.output
    assert run(*args, "--column", "segment=stage").exit_code == 2
    assert run(*args, "--column", "stage=stage").exit_code == 0


def test_check_note_on_missing_data_does_not_blame_no_data(tmp_path) -> None:
    journey = tmp_path / "j.yaml"
    journey.write_text(TINY + "data:\n  events: missing.csv\n", encoding="utf-8")
    result = run("check", str(journey))
    assert result.exit_code == 0
    assert "files are missing" in result.stdout


def _readme_workflow() -> dict:
    import re
    from pathlib import Path

    import yaml

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"\*\*GitHub Actions\*\*.*?```yaml\n(.*?)```", readme, re.S)
    assert block, "the README's GitHub Actions example is gone"
    return yaml.safe_load(block.group(1))


def test_readme_workflow_is_runnable_as_written() -> None:
    steps = _readme_workflow()["jobs"]["cjm"]["steps"]
    runs = [s.get("run", "") for s in steps]
    install = next(r for r in runs if "apt-get install" in r)
    # a fresh runner's package lists are stale: install without update fails at random
    assert install.index("apt-get update") < install.index("apt-get install")
    check = next(r for r in runs if r.startswith("cjm check"))
    sarif_out = check.split("-o ")[1].split()[0]
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == sarif_out
    assert upload["if"] == "always()"


@pytest.mark.parametrize(
    "args",
    [
        ("check", "{j}", "-o", "{j}"),
        ("check", "{j}", "--write-baseline", "{j}"),
        ("score", "{j}", "--data", "{ev}", "-o", "{ev}"),
        ("score", "{j}", "-o", "{j}"),
        ("render", "{j}", "-f", "dot", "-o", "{j}"),
        ("render", "{j}", "--data", "{ev}", "-f", "dot", "-o", "{ev}"),
        ("diff", "{j}", "{old}", "-o", "{old}"),
    ],
)
def test_an_output_never_overwrites_an_input(tmp_path, args) -> None:
    files = {"j": tmp_path / "j.yaml", "ev": tmp_path / "ev.csv", "old": tmp_path / "old.yaml"}
    files["j"].write_text(TINY + "data:\n  events: ev.csv\n", encoding="utf-8")
    files["ev"].write_text(EVENTS, encoding="utf-8")
    files["old"].write_text(TINY, encoding="utf-8")
    before = {k: p.read_bytes() for k, p in files.items()}
    result = run(*(a.format(**files) for a in args))
    assert result.exit_code == 2, result.output
    assert "inputs are never overwritten" in result.stderr
    assert {k: p.read_bytes() for k, p in files.items()} == before


def test_every_finding_on_the_examples_says_what_to_do() -> None:
    result = run("check", str(JOURNEYS), "--no-data", "--format", "json")
    hints = ("fix", "add", "remove", "ease", "smooth", "improve", "cjm score")
    for item in json.loads(result.stdout):
        assert any(h in item["message"] for h in hints), item


def test_period_on_an_event_log_is_not_silently_ignored(tmp_path) -> None:
    (tmp_path / "ev.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "j.yaml").write_text(TINY, encoding="utf-8")
    args = ("score", str(tmp_path / "j.yaml"), "--data", str(tmp_path / "ev.csv"))
    result = run(*args, "--period", "2024-01")
    assert result.exit_code == 0
    assert "warning: --period selects rows of a funnel CSV" in result.stderr
    assert "--period" not in run(*args).stderr


def test_whatif_on_a_stage_nobody_reached_says_so(tmp_path) -> None:
    (tmp_path / "ev.csv").write_text(EVENTS.splitlines(True)[0] + EVENTS.splitlines(True)[1])
    (tmp_path / "j.yaml").write_text(TINY, encoding="utf-8")
    result = run(
        "whatif", str(tmp_path / "j.yaml"), "--data", str(tmp_path / "ev.csv"),
        "--stage", "b", "--dropoff", "-20%", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0
    assert "no customer in the data reached 'b'" in result.stderr
    doc = json.loads(result.stdout)
    assert doc["projected_conversion"] == doc["baseline_conversion"]


def test_whatif_on_a_funnel_by_hand(tmp_path) -> None:
    (tmp_path / "f.csv").write_text("stage,customers\na,100\nb,60\n", encoding="utf-8")
    (tmp_path / "j.yaml").write_text(TINY, encoding="utf-8")
    result = run(
        "whatif", str(tmp_path / "j.yaml"), "--data", str(tmp_path / "f.csv"),
        "--stage", "a", "--dropoff", "-0.1", "--format", "json",
    )  # fmt: skip
    doc = json.loads(result.stdout)
    # a loses 40 of 100; ten points less means 70 reach the end stage b
    assert doc["baseline_conversion"] == pytest.approx(0.6)
    assert doc["projected_conversion"] == pytest.approx(0.7)
    assert doc["customers_saved"] == pytest.approx(10)


def test_check_honours_no_color_on_a_terminal() -> None:
    import os
    import shutil
    import subprocess
    import sys

    script = shutil.which("script")
    if script is None:
        pytest.skip("needs script(1) for a pseudo-terminal")
    cmd = f"{sys.executable} -m cjm check {STORE} --no-data"
    env = {**os.environ, "GITHUB_ACTIONS": ""}
    tty = subprocess.run([script, "-qc", cmd, "/dev/null"], capture_output=True, env=env)
    assert b"\x1b[" in tty.stdout  # colours on a terminal...
    env["NO_COLOR"] = "1"
    plain = subprocess.run([script, "-qc", cmd, "/dev/null"], capture_output=True, env=env)
    assert b"\x1b[" not in plain.stdout and b"critical-friction" in plain.stdout


def test_whatif_text_says_lost_when_the_change_loses_customers() -> None:
    worse = run("whatif", STORE, "--stage", "purchase", "--dropoff", "+50%")
    assert "customers lost" in worse.stdout and "saved" not in worse.stdout
    better = run("whatif", STORE, "--stage", "purchase", "--dropoff", "-50%")
    assert "customers saved" in better.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("score", STORE, "--no-data", "-o", "{bad}/score.json"),
        ("schema", "-o", "{bad}/schema.json"),
        ("init", "{bad}/sub"),
    ],
)
def test_an_unwritable_output_is_an_error_not_a_traceback(tmp_path, args) -> None:
    import subprocess
    import sys

    bad = tmp_path / "a-file"  # a file where a folder is needed: fails even for root
    bad.write_text("x", encoding="utf-8")
    argv = [a.format(bad=bad) for a in args]
    proc = subprocess.run([sys.executable, "-m", "cjm", *argv], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"{bad}" in proc.stderr and "error: cannot" in proc.stderr


def test_a_file_named_twice_is_checked_once(tmp_path) -> None:
    once = json.loads(run("check", STORE, "--no-data", "--format", "json").stdout)
    again = str(JOURNEYS / ".." / "journeys" / "online-store.yaml")
    twice = run("check", str(JOURNEYS), STORE, again, "--no-data", "--format", "json")
    store = [i for i in json.loads(twice.stdout) if i["file"].endswith("online-store.yaml")]
    assert len(store) == len(once)
    base = tmp_path / "base.json"
    run("check", STORE, STORE, "--no-data", "--write-baseline", str(base))
    assert len(json.loads(base.read_text())["findings"]) == len(once)


def test_table_shows_no_conversion_chance_for_a_stage_nobody_visited(tmp_path) -> None:
    (tmp_path / "ev.csv").write_text("customer_id,stage,timestamp\n1,a,2024-01-01T00:00:00Z\n")
    (tmp_path / "j.yaml").write_text(TINY.replace("next: []", "next: [c]") + C_STAGE)
    out = run("score", str(tmp_path / "j.yaml"), "--data", str(tmp_path / "ev.csv")).stdout
    row_b = next(line for line in out.splitlines() if line.startswith("b "))
    assert " 0% " not in row_b and "–" in row_b
    row_c = next(line for line in out.splitlines() if line.startswith("c "))
    assert "100%" in row_c  # an end stage converts by definition


C_STAGE = """  - id: c
    title: C
    next: []
    touchpoints:
      - {id: c1, title: C one, channel: web, owner: x, emotion: 0}
"""


def test_check_parses_a_journey_without_data_once(monkeypatch) -> None:
    """Loading twice made `cjm check` over 200 journeys miss its 3 s target (bench_check)."""
    import cjm.check.engine as engine
    import cjm.journey as journey_pkg

    calls: list[str] = []
    real = engine.loads_journey

    def counting(text: str, path: str = "<journey>"):
        calls.append(path)
        return real(text, path)

    monkeypatch.setattr(engine, "loads_journey", counting)
    monkeypatch.setattr(journey_pkg, "load_journey", lambda p: pytest.fail("loaded again"))
    result = run("check", str(JOURNEYS / "saas-trial.yaml"))  # it has no data: block
    assert result.exit_code in (0, 1)
    assert len(calls) == 1


def test_github_annotations_name_the_file_by_its_repository_path(tmp_path, monkeypatch) -> None:
    repo = tmp_path / "repo"
    (repo / "journeys").mkdir(parents=True)
    journey = repo / "journeys" / "tiny.yaml"
    journey.write_text(TINY.replace("owner: x, ", ""), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # CI steps may run anywhere; GitHub places by repo path
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    out = run("check", str(journey)).stdout
    assert out.startswith("::warning file=journeys/tiny.yaml,line=7,"), out
