"""Ground truth: synthetic logs with known drop-off, and the chain against the data."""

from __future__ import annotations

import csv

import pytest

from cjm.data import read_lifecycle
from cjm.score import score_journey, what_if
from cjm.score.beta import beta_ppf, credible_interval
from tests.scoring_helpers import TRUTH, make_journey, make_log


@pytest.fixture(scope="module")
def linear(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("truth")
    journey = make_journey(tmp)
    # A fixed seed: four 90 % intervals all cover the truth only about two times in three,
    # so the frequency claim itself is tested by the calibration test below.
    data = read_lifecycle(journey, events=str(make_log(tmp, 100_000, seed=2)))
    return journey, data


def test_observed_dropoff_matches_truth_within_one_point(linear) -> None:
    journey, data = linear
    score = score_journey(journey, data)
    assert data.customers == 100_000
    for sid, truth in TRUTH.items():
        s = score.stage(sid)
        assert abs(s.dropoff_rate - truth) < 0.01, (sid, s.dropoff_rate)
        lo, hi = s.dropoff_interval
        assert lo <= truth <= hi, (sid, s.dropoff_interval)
        assert not s.low_sample


def test_intervals_are_calibrated_over_many_logs(tmp_path) -> None:
    journey = make_journey(tmp_path)
    covered = total = 0
    for seed in range(1, 21):
        data = read_lifecycle(journey, events=str(make_log(tmp_path, 1500, seed=seed)))
        for sid, truth in TRUTH.items():
            if truth == 0.0:
                continue
            lo, hi = score_journey(journey, data).stage(sid).dropoff_interval
            covered += lo <= truth <= hi
            total += 1
    # 80 intervals at 90 %: fewer than 62 or more than 79 would be very unlikely (< 0.1 %).
    assert 62 <= covered <= 79, covered / total


def test_touchpoint_events_count_for_their_stage(linear) -> None:
    _, data = linear
    assert data.stages["browse"].reached == data.stages["visit"].flows["browse"]
    assert data.unmapped == {}


def test_markov_conversion_equals_observed_conversion(tmp_path) -> None:
    journey = make_journey(tmp_path, loop=True)
    data = read_lifecycle(journey, events=str(make_log(tmp_path, 5000, loop=True)))
    score = score_journey(journey, data)
    assert score.conversion == pytest.approx(data.converted / data.customers, abs=1e-6)
    first = score.stages[0]
    assert first.p_convert == pytest.approx(score.conversion, abs=1e-6)
    assert data.stages["done"].visits > data.stages["done"].reached  # the loop is seen
    assert data.stages["done"].flows["compare"] > 0
    lost = sum(s.expected_lost for s in score.stages)
    assert lost == pytest.approx(data.customers - data.converted, abs=1e-3)


def test_funnel_and_event_log_of_the_same_customers_agree(tmp_path, linear) -> None:
    journey, events = linear
    funnel = tmp_path / "funnel.csv"
    with funnel.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["stage", "customers"])
        for sid, c in events.stages.items():
            w.writerow([sid, c.reached])
    counts = read_lifecycle(journey, funnel=str(funnel))
    assert {k: v.reached for k, v in counts.stages.items()} == {
        k: v.reached for k, v in events.stages.items()
    }
    assert counts.conversion == pytest.approx(events.conversion)
    assert {k: v.dropped for k, v in counts.stages.items()} == {
        k: v.dropped for k, v in events.stages.items()
    }


def test_segments_add_up(tmp_path) -> None:
    journey = make_journey(tmp_path)
    data = read_lifecycle(
        journey, events=str(make_log(tmp_path, 3000, segments=("new", "returning")))
    )
    assert set(data.segments) == {"new", "returning"}
    for sid, total in data.stages.items():
        assert sum(seg[sid].reached for seg in data.segments.values()) == total.reached
    score = score_journey(journey, data)
    seg_scores = score.stage("visit").segments
    assert set(seg_scores) == {"new", "returning"}
    assert sum(s.customers for s in score.segments.values()) == score.customers
    assert sum(s.converted for s in score.segments.values()) == score.converted
    for name, summary in score.segments.items():
        # each segment's own chain reproduces its own conversion
        assert seg_scores[name].p_convert == pytest.approx(summary.conversion, abs=1e-6)


def test_whatif_zero_reproduces_baseline(linear) -> None:
    journey, data = linear
    for sid in TRUTH:
        w = what_if(journey, data, sid, 0.0, relative=True)
        assert w.projected_conversion == pytest.approx(w.baseline_conversion, abs=1e-9)
        assert w.customers_saved == pytest.approx(0.0, abs=1e-6)
        assert w.baseline_conversion == pytest.approx(data.conversion, abs=1e-6)


def test_removing_all_dropoff_never_lowers_conversion(tmp_path) -> None:
    journey = make_journey(tmp_path, loop=True)
    data = read_lifecycle(journey, events=str(make_log(tmp_path, 3000, loop=True)))
    for sid in TRUTH:
        for change, relative in ((-1.0, True), (-1.0, False), (-0.5, True)):
            w = what_if(journey, data, sid, change, relative)
            assert w.projected_conversion >= w.baseline_conversion - 1e-12
            assert w.customers_saved >= -1e-9
    worse = what_if(journey, data, "pay", 0.5, relative=True)
    assert worse.projected_conversion < worse.baseline_conversion


def test_removing_all_dropoff_at_the_only_leak_converts_everyone(linear) -> None:
    journey, data = linear
    w = what_if(journey, data, "visit", -1.0, relative=True)
    assert w.projected_dropoff == 0.0
    assert w.projected_conversion > w.baseline_conversion


def test_beta_quantiles() -> None:
    assert beta_ppf(0.3, 1, 1) == pytest.approx(0.3, abs=1e-9)
    assert beta_ppf(0.5, 3, 1) == pytest.approx(0.5 ** (1 / 3), abs=1e-9)
    assert beta_ppf(0.7, 1, 4) == pytest.approx(1 - 0.3 ** (1 / 4), abs=1e-9)
    lo, hi = credible_interval(30_000, 100_000)
    # The normal approximation is excellent this far from 0 and 1.
    sd = (0.3 * 0.7 / 100_000) ** 0.5
    assert lo == pytest.approx(0.3 - 1.6449 * sd, abs=2e-5)
    assert hi == pytest.approx(0.3 + 1.6449 * sd, abs=2e-5)
    assert credible_interval(0, 10)[0] == 0.0
    assert credible_interval(10, 10)[1] == 1.0
