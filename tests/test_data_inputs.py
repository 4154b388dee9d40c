"""Event-log inputs a QA pass found mishandled: timestamp units and forms, broken CSV rows,
customers whose segment changes. Each case goes through `cjm score --data FILE`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import duckdb
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.cli import cli
from cjm.data.events import timestamp_sql
from tests.conftest import JOURNEYS

STORE = str(JOURNEYS / "online-store.yaml")
HEADER = "customer_id,stage,timestamp\n"
T0 = 1704070800  # 2024-01-01T01:00:00Z


def score(path, *extra: str):
    args = ["score", STORE, "--data", str(path), "--format", "json", *extra]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def awareness(result) -> dict:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["stages"][0]


def rows(stamp) -> str:
    """Two customers: awareness, then interest 100.5 s later; stamp(seconds) → the text."""
    return "".join(
        f"c{i},ad_click,{stamp(T0 + i)}\nc{i},landing_view,{stamp(T0 + i + 100.5)}\n"
        for i in range(2)
    )


@pytest.mark.parametrize(
    "unit",
    [1, 1_000, 1_000_000, 1_000_000_000],
    ids=["seconds", "milliseconds", "microseconds", "nanoseconds"],
)
def test_csv_epoch_numbers_in_any_unit_are_read_as_the_same_instant(tmp_path, unit) -> None:
    path = write(tmp_path, "epoch.csv", HEADER + rows(lambda t: f"{t * unit:.0f}"))
    if unit == 1:  # whole seconds cannot hold the half second
        path = write(tmp_path, "epoch.csv", HEADER + rows(lambda t: f"{t:.1f}"))
    stage = awareness(score(path))
    assert stage["median_to_next_s"] == pytest.approx(100.5)
    assert stage["flows"] == {"interest": 2}


def test_parquet_epoch_milliseconds_and_a_mix_of_units(tmp_path) -> None:
    path = tmp_path / "ms.parquet"
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT * FROM (VALUES ('c1', 'ad_click', 1704070800123::BIGINT), "
        "('c1', 'landing_view', 1704070900123), ('c2', 'ad_click', 1704070800), "
        "('c2', 'landing_view', 1704070900000)) AS t(customer_id, stage, timestamp)) "
        f"TO '{path}' (FORMAT parquet)"
    )
    con.close()
    stage = awareness(score(path))
    assert stage["median_to_next_s"] == pytest.approx(100.0)
    assert stage["flows"] == {"interest": 2}


def test_an_epoch_number_beyond_every_unit_names_its_row(tmp_path) -> None:
    path = write(tmp_path, "huge.csv", HEADER + rows(lambda t: f"{t:.0f}") + "c9,ad_click,1e21\n")
    result = score(path)
    assert result.exit_code == 2
    assert "huge.csv:6:3: error: column 'timestamp' has '1e21', not a timestamp" in result.stderr
    assert "ms, µs or ns" in result.stderr


def test_json_lines_mixing_text_and_epoch_timestamps_reads_like_csv(tmp_path) -> None:
    events = [
        ("c1", "ad_click", "2024-01-01T01:00:00Z"),
        ("c1", "landing_view", T0 + 100),
        ("c2", "ad_click", (T0 + 5) * 1000),
        ("c2", "landing_view", "2024-01-01T01:01:45Z"),
    ]
    text = "".join(
        json.dumps({"customer_id": c, "stage": s, "timestamp": t}) + "\n" for c, s, t in events
    )
    stage = awareness(score(write(tmp_path, "mixed.jsonl", text)))
    assert stage["median_to_next_s"] == pytest.approx(100.0)
    bad = write(tmp_path, "bad.jsonl", text + '{"customer_id": "c3", "stage": "ad_click", '
                '"timestamp": true}\n')  # fmt: skip
    result = score(bad)
    assert result.exit_code == 2
    assert "bad.jsonl:5:" in result.stderr and "True" in result.stderr
    assert "type JSON" not in result.stderr


@pytest.mark.parametrize(
    "first,second",
    [
        ("2024-01-01T01:00:00.123456z", "2024-01-01t01:01:40.123456z"),
        ("20240101T010000Z", "20240101T010140Z"),
        ("20240101T020000+0100", "20240101T010140.000Z"),
    ],
)
def test_lower_case_z_and_iso_basic_format_are_timestamps(tmp_path, first, second) -> None:
    text = HEADER + f"c1,ad_click,{first}\nc1,landing_view,{second}\n"
    stage = awareness(score(write(tmp_path, "forms.csv", text)))
    assert stage["median_to_next_s"] == pytest.approx(100.0)


GOOD = "c1,ad_click,2024-01-01T01:00:00Z\nc1,landing_view,2024-01-01T01:01:40Z\n"


@pytest.mark.parametrize(
    "bad,where,what",
    [
        (
            "c2,ad_click,2024-01-01T02:00:00Z,extra",
            "4:4",
            "this row has 4 fields but the header has 3",
        ),
        ("c2,ad_click", "4:3", "this row has 2 field(s) but the header has 3"),
        ('c2,"ad_click,2024-01-01T02:00:00Z', "4:4", 'a quote (") opened here never closes'),
        ('c2,ad_click,"2024-01-01T02:00:00Z', "4:13", 'a quote (") opened here never closes'),
        ('c2,"ad"click,2024-01-01T02:00:00Z', "4:1", "this row cannot be split into fields"),
    ],
    ids=["too-many", "too-few", "unclosed-stage", "unclosed-timestamp", "text-after-quote"],
)
def test_a_broken_csv_row_is_named_with_its_line_and_fix(tmp_path, bad, where, what) -> None:
    path = write(tmp_path, "broken.csv", HEADER + GOOD + bad + "\n" + GOOD)
    result = score(path)
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:{where}: error: {what}"), result.stderr
    assert "is missing" not in result.stderr and "unparseable" not in result.stderr
    assert "Traceback" not in result.output


def test_a_broken_row_past_the_sniffed_sample_is_named_too(tmp_path) -> None:
    good = "".join(f"c{i},ad_click,2024-01-01T10:00:00Z\n" for i in range(30_000))
    path = write(tmp_path, "late.csv", HEADER + good + "c9,landing_view,2024-01-01,x\n" + good)
    result = score(path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:30002:4: error: this row has 4 fields")


def test_a_quoted_value_over_two_lines_is_still_one_good_row(tmp_path) -> None:
    path = write(tmp_path, "multiline.csv", HEADER + GOOD + 'c2,"ad\nclick",soon\n')
    result = score(path)
    assert result.exit_code == 2  # the timestamp is none, but the row itself is well formed
    assert f"{path}:4:3: error: column 'timestamp' has 'soon'" in result.stderr
    assert "a quote (" not in result.stderr


def test_a_customer_counts_for_the_segment_of_their_first_event(tmp_path) -> None:
    text = (
        "customer_id,stage,timestamp,segment\n"
        # c1 upgrades on the way; c2 has no segment on its first event; c3 stays put
        "c1,ad_click,2024-01-01T01:00:00Z,new\nc1,landing_view,2024-01-01T02:00:00Z,returning\n"
        "c1,product_view,2024-01-01T03:00:00Z,returning\n"
        "c2,ad_click,2024-01-01T01:00:00Z,\nc2,landing_view,2024-01-01T02:00:00Z,returning\n"
        "c3,ad_click,2024-01-01T01:00:00Z,returning\nc3,landing_view,2024-01-01T02:00:00Z,new\n"
        "c4,ad_click,2024-01-01T01:00:00Z,new\n"
    )
    path = write(tmp_path, "moves.csv", text)
    result = score(path, "--segments")
    assert result.exit_code == 0, result.output
    assert f"{path}:1:1: warning: 2 customer(s) have events in more than one 'segment'" in (
        result.stderr
    )
    assert "customer 'c1': 'new', then 'returning'" in result.stderr
    doc = json.loads(result.stdout)
    assert {k: v["customers"] for k, v in doc["segments"].items()} == {"new": 2, "returning": 2}
    for stage in doc["stages"]:
        by_segment = stage["segments"]
        assert sum(s["reached"] for s in by_segment.values()) == stage["reached"], stage["id"]
        assert sum(s["dropped"] for s in by_segment.values()) == stage["dropped"], stage["id"]
    interest = doc["stages"][1]["segments"]
    assert interest["new"]["reached"] == 1 and interest["returning"]["reached"] == 2


def _forms(instant: datetime) -> list[str]:
    """The same instant written in every form the reader takes."""
    t = instant.timestamp()
    ms = int(instant.strftime("%f")) // 1000
    return [
        instant.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        instant.strftime("%Y-%m-%dt%H:%M:%S.%fz"),
        instant.strftime("%Y%m%dT%H%M%S.%fZ"),
        instant.astimezone(timezone(timedelta(hours=-5))).strftime("%Y%m%dT%H%M%S.%f%z"),
        f"{t:.6f}",
        f"{int(t) * 1000 + ms}",
        f"{round(t * 1e6)}",
        f"{round(t * 1e6)}000",
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.datetimes(
        min_value=datetime(1973, 3, 4), max_value=datetime(5000, 1, 1), timezones=st.just(UTC)
    )
)
def test_every_form_and_unit_of_an_instant_reads_as_that_instant(instant: datetime) -> None:
    forms = _forms(instant)
    sql = timestamp_sql("v", "VARCHAR")
    with duckdb.connect() as con:
        got = con.execute(f"SELECT {sql} FROM (SELECT unnest(?::VARCHAR[]) AS v)", [forms])
        values = [v for (v,) in got.fetchall()]
    expected = instant.timestamp()
    for form, value in zip(forms, values, strict=True):
        tolerance = 2e-3 if form.isdigit() and len(form) < 15 else 2e-6  # ms forms drop µs
        # seconds travel as DOUBLE: far dates keep fewer fractional digits
        assert value == pytest.approx(expected, rel=1e-15, abs=tolerance), form
