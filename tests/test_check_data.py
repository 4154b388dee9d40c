"""cjm check --data end to end: the measured drop-off rule on real funnel files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjm.cli import cli

pytest.importorskip("cjm.data", reason="scoring (cjm.data, cjm.score) not in this build")
pytest.importorskip("duckdb")

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("awareness", "interest", "evaluation", "purchase", "delivery", "loyalty")


def funnel(folder: Path, name: str, counts: tuple[int, ...]) -> Path:
    path = folder / name
    rows = "".join(f"{s},{n}\n" for s, n in zip(STAGES, counts, strict=True))
    path.write_text("stage,customers\n" + rows, encoding="utf-8")
    return path


@pytest.fixture
def journey(tmp_path) -> Path:
    target = tmp_path / "online-store.yaml"
    shutil.copy(ROOT / "journeys" / "online-store.yaml", target)
    return target


def dropoff(*args: str) -> tuple[int, list[dict]]:
    r = CliRunner().invoke(cli, ["check", *args, "--format", "json"], env={"GITHUB_ACTIONS": ""})
    items = json.loads(r.stdout) if r.exit_code in (0, 1) else []
    return r.exit_code, [i for i in items if i["rule"] == "dropoff-risk"]


def test_big_sample_bleeding_stage_is_flagged_at_its_line(journey, tmp_path):
    data = funnel(tmp_path, "big.csv", (2000, 300, 250, 200, 190, 150))
    code, found = dropoff(str(journey), "--data", str(data))
    assert code == 1
    assert [(f["line"], f["severity"]) for f in found] == [(21, "error")]
    assert "1700 of 2000" in found[0]["message"]


def test_same_rate_on_a_small_sample_does_not_cry_wolf(journey, tmp_path):
    data = funnel(tmp_path, "small.csv", (10, 3, 3, 2, 2, 2))
    assert dropoff(str(journey), "--data", str(data))[1] == []


def test_journey_threshold_and_bad_data(journey, tmp_path):
    data = funnel(tmp_path, "mid.csv", (2000, 1100, 1000, 900, 850, 800))  # 45 % at awareness
    assert dropoff(str(journey), "--data", str(data))[1] == []
    text = journey.read_text(encoding="utf-8").replace("stage_risk: 0.5", "stage_risk: 0.3")
    journey.write_text(text, encoding="utf-8")
    assert [f["line"] for f in dropoff(str(journey), "--data", str(data))[1]] == [21]
    bad = tmp_path / "bad.csv"
    bad.write_text("stage,customers\nawareness,lots\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["check", str(journey), "--data", str(bad)])
    assert r.exit_code == 2 and "bad.csv:2:" in r.output and "Traceback" not in r.output


def test_diff_shows_risk_deltas_with_data(journey, tmp_path):
    data = funnel(tmp_path, "big.csv", (2000, 300, 250, 200, 190, 150))
    new = tmp_path / "new.yaml"
    text = journey.read_text(encoding="utf-8")
    new.write_text(text.replace("            severity: critical", "            severity: low"))
    r = CliRunner().invoke(
        cli, ["diff", str(journey), str(new), "--data", str(data), "--format", "json"]
    )
    assert r.exit_code == 0, r.output
    deltas = {d["stage"]: d for d in json.loads(r.stdout)[0]["deltas"]}
    ev = deltas["evaluation"]
    assert ev["risk_old"] is not None and ev["risk_new"] is not None
    assert ev["friction_new"] < ev["friction_old"]
    md = (
        CliRunner()
        .invoke(cli, ["diff", str(journey), str(new), "--data", str(data), "--format", "markdown"])
        .output
    )
    assert "| stage | friction load | mean emotion | risk |" in md


def test_journey_data_uses_each_journeys_own_data_block(journey, tmp_path):
    funnel(tmp_path, "big.csv", (2000, 300, 250, 200, 190, 150))
    text = re.sub(r"(?m)^data:\n(?:(?:  .*)?\n)*", "", journey.read_text(encoding="utf-8"))
    journey.write_text(text + "data:\n  funnel: big.csv\n", encoding="utf-8")
    other = tmp_path / "sub" / "plain.yaml"
    other.parent.mkdir()
    shutil.copy(ROOT / "journeys" / "saas-trial.yaml", other)
    code, found = dropoff(str(tmp_path))
    assert code == 1
    assert [(Path(f["file"]).name, f["line"]) for f in found] == [("online-store.yaml", 21)]
    assert dropoff(str(tmp_path), "--no-data")[1] == []
    r = CliRunner().invoke(cli, ["check", str(journey), "--no-data", "--data", str(journey)])
    assert r.exit_code == 2 and "not both" in r.output
