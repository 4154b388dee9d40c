"""cjm render and cjm watch through the CLI, on real files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjm.cli import cli
from cjm.journey import load_journey
from cjm.render.dotrun import RenderError, run_graphviz
from cjm.render.mapview import map_dot
from tests.conftest import JOURNEYS
from tests.render.helpers import all_text, parse_svg

ONLINE = JOURNEYS / "online-store.yaml"
CJM = (sys.executable, "-m", "cjm")


@pytest.fixture
def journey(tmp_path) -> Path:
    target = tmp_path / "online-store.yaml"
    shutil.copy(ONLINE, target)
    for data in ONLINE.parent.glob("online-store-*.csv"):  # its data: block names them
        shutil.copy(data, tmp_path)
    return target


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("m.svg", b"<?xml"),
        ("m.dot", b"digraph cjm_map"),
        ("m.gv", b"digraph cjm_map"),
        ("m.mmd", b"journey\n"),
        ("m.html", b"<!DOCTYPE html>"),
    ],
)
def test_output_format_follows_the_extension(tmp_path, name, start):
    out = tmp_path / "sub" / name
    result = run("render", str(ONLINE), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(start)
    assert [p.name for p in out.parent.iterdir()] == [name]  # no temporary file left


def test_format_option_beats_the_extension(tmp_path):
    out = tmp_path / "chart.txt"
    assert (
        run("render", str(ONLINE), "-o", str(out), "-f", "mermaid", "--view", "flowchart").exit_code
        == 0
    )
    assert out.read_text().startswith("flowchart LR")


def test_without_o_the_output_lands_beside_the_journey(journey):
    before = journey.read_bytes()
    result = run("render", str(journey), "--view", "grid", "-f", "pdf")
    assert result.exit_code == 0, result.output
    out = journey.with_name("online-store.grid.pdf")
    assert out.read_bytes().startswith(b"%PDF-") and str(out) in result.output
    assert journey.read_bytes() == before


def test_invalid_journey_exits_2_with_position_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(ONLINE.read_text().replace("emotion: angry", "emotion: furious"))
    result = CliRunner().invoke(cli, ["render", str(bad), "-o", str(tmp_path / "m.svg")])
    assert result.exit_code == 2
    assert f"{bad}:" in result.output and "emotion" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "m.svg").exists()


def test_missing_dot_says_how_to_install_it(tmp_path):
    env = dict(os.environ, PATH=str(tmp_path))
    proc = subprocess.run(
        [*CJM, "render", str(ONLINE), "-o", str(tmp_path / "m.svg")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    for hint in ("apt-get install graphviz", "brew install graphviz", "winget", "conda"):
        assert hint in proc.stderr
    assert "Traceback" not in proc.stderr
    # Formats that need no Graphviz still work without it.
    mmd = tmp_path / "m.mmd"
    proc = subprocess.run(
        [*CJM, "render", str(ONLINE), "-o", str(mmd)],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0 and mmd.read_text().startswith("journey")


def test_dot_runs_with_a_timeout():
    big = map_dot(load_journey(ONLINE))
    with pytest.raises(RenderError, match="took longer than"):
        run_graphviz(big, "svg", timeout=0.0001)


def test_data_without_duckdb_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "duckdb", None)  # as if DuckDB were not installed
    csv = tmp_path / "events.csv"
    csv.write_text("customer_id,stage,timestamp\n1,awareness,2024-01-01T00:00:00\n")
    result = run("render", str(ONLINE), "--data", str(csv), "-o", str(tmp_path / "m.svg"))
    assert result.exit_code == 2 and "pip install duckdb" in result.output
    assert not (tmp_path / "m.svg").exists()


def test_bad_data_exits_2_with_the_file_and_keeps_no_output(tmp_path):
    csv = tmp_path / "events.csv"
    csv.write_text("who,when\n1,yesterday\n")
    out = tmp_path / "m.svg"
    result = CliRunner().invoke(cli, ["render", str(ONLINE), "--data", str(csv), "-o", str(out)])
    assert result.exit_code == 2 and f"{csv}:" in result.output
    assert "Traceback" not in result.output and not out.exists()


def wait_for(predicate, timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_watch_rerenders_on_save_and_keeps_the_last_good_output(journey, tmp_path):
    out = tmp_path / "live.svg"
    proc = subprocess.Popen(
        [*CJM, "watch", str(journey), "-o", str(out), "--debounce", "0.1", "--max-renders", "3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(lambda: out.exists() and b"first purchase" in out.read_bytes())
        time.sleep(0.05)  # a distinct mtime for the next save
        journey.write_text(journey.read_text().replace("first purchase", "second purchase"))
        assert wait_for(lambda: b"second purchase" in out.read_bytes())
        good = out.read_bytes()
        journey.write_text(journey.read_text().replace("emotion: angry", "emotion: [1"))
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0
    assert f"output: {out}" in stdout and stdout.count("rendered") == 2
    assert f"{journey}:" in stderr and "kept the last good output" in stderr
    assert out.read_bytes() == good


@pytest.mark.parametrize("data", ["online-store-events.csv", "online-store-funnel.csv"])
def test_data_end_to_end_adds_dropoff_and_risk(tmp_path, data):
    out = tmp_path / "scored.svg"
    result = run("render", str(ONLINE), "--data", str(JOURNEYS / data), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = all_text(parse_svg(out.read_bytes()))  # dot writes '-' as &#45;
    assert "drop-off" in text and "risk 0." in text and "reached" in text
    html = tmp_path / "scored.html"
    assert (
        run("render", str(ONLINE), "--data", str(JOURNEYS / data), "-o", str(html)).exit_code == 0
    )
    assert "Drop-off (90% CI)" in html.read_text()
