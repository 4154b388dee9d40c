"""`cjm score` and `cjm whatif` through the CLI, on the example journey and on bad data."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cjm.cli import cli
from tests.conftest import JOURNEYS
from tests.scoring_helpers import make_journey

STORE = str(JOURNEYS / "online-store.yaml")
HEADER = "customer_id,stage,timestamp\n"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_score_json_has_the_contract_fields() -> None:
    result = run("score", STORE, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["journey"] == "online-store"
    assert 0 < doc["conversion"] < 1
    assert doc["customers"] == 1500
    ids = [s["id"] for s in doc["stages"]]
    assert ids == ["awareness", "interest", "evaluation", "purchase", "delivery", "loyalty"]
    for s in doc["stages"]:
        for key in ("risk", "reached", "dropped", "dropoff_rate", "components", "low_sample"):
            assert key in s
        lo, hi = s["dropoff_interval"]
        assert lo <= s["dropoff_rate"] <= hi
        assert 0 <= s["risk"] <= 1
        assert set(s["segments"]) == {"new", "returning"}
    assert doc["stages"][0]["flows"] == {"interest": doc["stages"][1]["reached"]}
    assert doc["stages"][-1]["flows"]["evaluation"] > 0  # the loyalty loop
    assert doc["unmapped_events"] > 0
    saved = [o["customers_saved"] for o in doc["opportunities"]]
    assert saved == sorted(saved, reverse=True) and saved[0] > 0


def test_score_table_and_csv() -> None:
    table = run("score", STORE, "--segments")
    assert table.exit_code == 0
    assert "reached an end stage" in table.stdout and "Opportunities" in table.stdout
    assert "· returning" in table.stdout
    assert "newsletter_signup" in table.stderr  # unmapped events are reported
    csv_out = run("score", STORE, "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("journey,stage,segment,risk")
    assert len(csv_out) == 1 + 6 + 12


def test_score_without_data_is_declared(tmp_path) -> None:
    result = run("score", STORE, "--no-data", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["conversion"] is None
    assert all(s["basis"] == "declared" and s["reached"] is None for s in doc["stages"])


def test_funnel_gives_the_same_reached_counts_as_the_events() -> None:
    events = json.loads(run("score", STORE, "--format", "json").stdout)
    funnel_file = str(JOURNEYS / "online-store-funnel.csv")
    funnel = json.loads(run("score", STORE, "--data", funnel_file, "--format", "json").stdout)
    assert [s["reached"] for s in funnel["stages"]] == [s["reached"] for s in events["stages"]]
    assert funnel["conversion"] == pytest.approx(events["conversion"])


def test_whatif_json_and_text() -> None:
    result = run("whatif", STORE, "--stage", "purchase", "--dropoff", "-20%", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["projected_conversion"] > doc["baseline_conversion"]
    assert doc["customers_saved"] > 0
    zero = json.loads(
        run("whatif", STORE, "--stage", "purchase", "--dropoff", "0%", "--format", "json").stdout
    )
    assert zero["projected_conversion"] == zero["baseline_conversion"]
    absolute = run("whatif", STORE, "--stage", "evaluation", "--dropoff", "-0.05")
    assert "absolute" in absolute.stdout and "customers saved" in absolute.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--stage", "nowhere", "--dropoff", "-20%"], "unknown stage 'nowhere'"),
        (["--stage", "purchase", "--dropoff", "lots"], "expected a change like"),
    ],
)
def test_whatif_bad_options(args, message) -> None:
    result = run("whatif", STORE, *args)
    assert result.exit_code == 2
    assert message in result.output


def _score(tmp_path, name: str, text: str | bytes, *extra: str):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return run("score", STORE, "--data", str(path), "--format", "json", *extra), path


BAD_CASES = [
    ("empty.csv", "", ["empty.csv:1:1: error: the file is empty"]),
    ("header.csv", HEADER, ["no events"]),
    (
        "columns.csv",
        "customer,stage,time\nc1,ad_click,2024-01-01T10:00:00Z\n",
        ["column 'customer_id' (customer_id) is missing", "'customer', 'stage', 'time'"],
    ),
    (
        "timestamps.csv",
        HEADER + "c1,ad_click,2024-01-01T10:00:00Z\nc1,landing_view,yesterday\nc2,ad_click,\n",
        [
            "timestamps.csv:3:3: error: column 'timestamp' has 'yesterday', not a timestamp",
            "timestamps.csv:4:3: error: column 'timestamp' is empty",
        ],
    ),
    (
        "customers.csv",
        HEADER + "c1,ad_click,2024-01-01T10:00:00Z\n,ad_click,2024-01-01T11:00:00Z\n",
        ["customers.csv:3:1: error: column 'customer_id' is empty"],
    ),
    (
        "lines.jsonl",
        '{"customer_id": "c1", "stage": "ad_click", "timestamp": "2024-01-01T10:00:00Z"}\n'
        '{"customer_id": "c1", "stage": "ad_click", "timestamp": "soon"}\n',
        ["lines.jsonl:2:3: error: column 'timestamp' has 'soon'"],
    ),
    (
        "broken.jsonl",
        '{"customer_id": "c1", "stage": "ad_click", "timestamp": 1704103200}\n{"customer_id\n',
        ["broken.jsonl:2:", "not valid JSON"],
    ),
    (
        "unmapped.csv",
        HEADER + "c1,mystery,2024-01-01T10:00:00Z\n",
        ["map to no stage or touchpoint", "'mystery' (1)"],
    ),
    (
        "funnel.csv",
        "stage,customers\nawareness,100\ninterest,abc\nnowhere,5\nawareness,3\n",
        [
            "funnel.csv:3:2: error: column 'customers': 'abc' is not a whole number",
            "funnel.csv:4:1: error: column 'stage': unknown stage or touchpoint 'nowhere'",
            "funnel.csv:5:1: error: duplicate row for 'awareness'; the first is on line 2",
        ],
    ),
    ("funnel-empty.csv", "stage,customers\n", ["header but no rows"]),
    (
        "packed.csv.gz",
        gzip.compress((HEADER + "c1,ad_click,2024-01-01T10:00:00Z\nc1,search,oops\n").encode()),
        ["packed.csv.gz:3:3: error: column 'timestamp' has 'oops'"],
    ),
]


@pytest.mark.parametrize(("name", "text", "messages"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_data_is_an_error_naming_file_row_and_column(tmp_path, name, text, messages) -> None:
    result, path = _score(tmp_path, name, text)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    for m in messages:
        assert m in result.stderr
    assert "Traceback" not in result.output
    assert path.read_bytes() == (text.encode() if isinstance(text, str) else text)


def test_parquet_rows_are_named(tmp_path) -> None:
    import duckdb

    path = tmp_path / "events.parquet"
    duckdb.sql(
        "COPY (SELECT * FROM (VALUES ('c1', 'ad_click', '2024-01-01T10:00:00Z'), "
        "('c1', 'landing_view', 'later')) t(customer_id, stage, timestamp)) "
        f"TO '{path}' (FORMAT parquet)"
    )
    result = run("score", STORE, "--data", str(path))
    assert result.exit_code == 2
    assert "events.parquet:2:3: error: row 2: column 'timestamp' has 'later'" in result.stderr


def test_duplicates_and_out_of_order_events_are_warnings(tmp_path) -> None:
    text = HEADER + (
        "c1,ad_click,2024-01-01T10:00:00Z\n"
        "c1,ad_click,2024-01-01T10:00:00Z\n"
        "c1,checkout_started,2024-01-01T11:00:00Z\n"
        "c2,order_confirmed,2024-01-01T11:00:00Z\n"
        "c3,ad_click,1704103200\n"
    )
    result, _ = _score(tmp_path, "messy.csv", text)
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert "1 duplicate event(s)" in err and "customer 'c1', event 'ad_click'" in err
    assert "went from 'awareness' to 'purchase', which the journey does not declare" in err
    assert "start at 'purchase', not at the first stage 'awareness'" in err
    doc = json.loads(result.stdout)
    assert doc["customers"] == 3
    assert doc["stages"][0]["reached"] == 2  # the duplicate counted once
    assert all(s["low_sample"] for s in doc["stages"])


def test_columns_and_steps_from_options(tmp_path) -> None:
    text = "who,what,when,tier\nc1,seen_ad,1704103200,gold\nc1,clicked,1704106800,gold\n"
    args = ["--column", "customer_id=who", "--column", "stage=what", "--column", "timestamp=when"]
    args += ["--column", "segment=tier", "--step", "seen_ad=social-ad", "--step", "clicked=search"]
    result, _ = _score(tmp_path, "own.csv", text, *args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [s["reached"] for s in doc["stages"][:3]] == [1, 1, 0]
    bad = run("score", STORE, "--step", "x=nowhere", "--format", "json")
    assert bad.exit_code == 2 and "unknown stage or touchpoint 'nowhere'" in bad.stderr


def test_journey_data_block_paths_and_missing_file(tmp_path) -> None:
    make_journey(tmp_path, extra="data:\n  events: missing.csv\n")
    result = run("score", str(tmp_path / "synth.yaml"))
    assert result.exit_code == 2
    assert "synth.yaml:19:11: error: data: events: no such file" in result.stderr
    assert "missing.csv; fix the path" in result.stderr


def test_subprocess_exit_code_and_no_traceback(tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "c1,ad_click,not-a-time\n")
    proc = subprocess.run(
        [sys.executable, "-m", "cjm", "score", STORE, "--data", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "bad.csv:2:3: error" in proc.stderr and "Traceback" not in proc.stderr
    assert "reading" not in proc.stderr  # no progress indicator without a terminal


def test_a_bad_timestamp_past_the_sniffed_sample_is_found(tmp_path) -> None:
    rows = "".join(f"c{i},ad_click,2024-01-01T10:00:00Z\n" for i in range(30_000))
    result, _ = _score(tmp_path, "late.csv", HEADER + rows + "c9,landing_view,31/12/2024\n")
    assert result.exit_code == 2
    assert "late.csv:30002:3: error: column 'timestamp' has '31/12/2024'" in result.stderr


def test_epoch_seconds_and_options(tmp_path) -> None:
    rows = "".join(
        f"{i},ad_click,{1704103200 + i}\n{i},landing_view,{1704103300 + i}\n" for i in range(40)
    )
    result, _ = _score(tmp_path, "epoch.csv", HEADER + rows, "--threads", "1")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["stages"][0]["median_to_next_s"] == 100.0
    assert doc["stages"][1]["dropped"] == 40 and not doc["stages"][1]["low_sample"]
    bad = run("score", STORE, "--memory-limit", "lots")
    assert bad.exit_code == 2 and "--memory-limit" in bad.stderr


def test_funnel_segments_periods_and_touchpoints(tmp_path) -> None:
    text = (
        "stage,customers,segment,period\n"
        "awareness,100,new,2024-05\nsocial-ad,90,new,2024-05\ninterest,60,new,2024-05\n"
        "awareness,50,old,2024-05\ninterest,40,old,2024-05\n"
        "awareness,80,new,2024-06\nsearch,30,new,2024-06\nlanding-page,45,new,2024-06\n"
    )
    result, path = _score(tmp_path, "funnel.csv", text, "--min-sample", "10")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    awareness, interest = doc["stages"][:2]
    assert awareness["reached"] == 230 and interest["reached"] == 145  # best touchpoint: 45
    assert awareness["dropped"] == 85
    assert set(awareness["segments"]) == {"new", "old"}
    june = run("score", STORE, "--data", str(path), "--period", "2024-06", "--format", "json")
    assert [s["reached"] for s in json.loads(june.stdout)["stages"][:2]] == [80, 45]
    none = run("score", STORE, "--data", str(path), "--period", "1999")
    assert none.exit_code == 2 and "no rows for period '1999'" in none.stderr


def test_progress_indicator_only_on_a_terminal(tmp_path) -> None:
    import os
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "cjm", "score", STORE, "--format", "json"],
            stdout=subprocess.PIPE,
            stderr=slave,
            timeout=60,
        )
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(master)
    assert proc.returncode == 0
    assert b"\r\x1b[K" in seen  # the indicator's line is cleared once reading is done
    assert json.loads(proc.stdout)["customers"] == 1500  # stdout stays clean JSON
