"""The risk formula: bounds, monotonicity (hypothesis) and who dominates when."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.journey import loads_journey
from cjm.score import score_journey
from cjm.score.risk import Declared, emotion_signal, friction_signal, fuse, gap_signal

unit = st.floats(0, 1)
severities = st.lists(st.integers(1, 5), max_size=12)
emotions = st.lists(st.integers(-2, 2), min_size=1, max_size=8)


def _emotion(values: list[int]) -> float:
    return emotion_signal(min(values), sum(values) / len(values))


@given(severities, st.integers(1, 5))
def test_more_friction_never_lowers_the_signal(items, extra) -> None:
    assert friction_signal([*items, extra]) >= friction_signal(items)
    assert 0 <= friction_signal(items) <= 1


@given(severities, st.data())
def test_higher_severity_never_lowers_the_signal(items, data) -> None:
    if not items:
        return
    i = data.draw(st.integers(0, len(items) - 1))
    worse = [*items]
    worse[i] = min(5, worse[i] + 1)
    assert friction_signal(worse) >= friction_signal(items)


@given(emotions, st.data())
def test_lower_emotion_never_lowers_the_signal(values, data) -> None:
    i = data.draw(st.integers(0, len(values) - 1))
    lower = [*values]
    lower[i] = max(-2, lower[i] - 1)
    assert _emotion(lower) >= _emotion(values)
    assert 0 <= _emotion(values) <= 1


@given(st.lists(st.floats(0, 10), max_size=6), st.floats(0, 10))
def test_bigger_gaps_never_lower_the_signal(gaps, extra) -> None:
    assert gap_signal([*gaps, extra]) >= gap_signal(gaps)
    assert 0 <= gap_signal(gaps) <= 1


@given(unit, unit, unit, unit, unit, unit)
def test_declared_score_is_monotone_and_bounded(f, e, g, df, de, dg) -> None:
    base = Declared(f, e, g).score
    worse = Declared(max(f, df), max(e, de), max(g, dg)).score
    assert 0 <= base <= worse <= 1


@given(unit, unit, st.integers(1, 10**6), st.data())
def test_risk_is_monotone_in_declared_and_observed(d, d2, reached, data) -> None:
    dropped = data.draw(st.integers(0, reached))
    more = data.draw(st.integers(dropped, reached))
    risk, weight, observed = fuse(d, reached, dropped)
    assert 0 <= risk <= 1 and 0 < weight < 1 and observed == dropped / reached
    assert fuse(d, reached, more)[0] >= risk - 1e-12
    assert fuse(max(d, d2), reached, dropped)[0] >= risk - 1e-12


def test_data_dominates_with_many_customers_declarations_with_few() -> None:
    many, _, _ = fuse(0.9, 100_000, 10_000)
    assert abs(many - 0.1) < 0.001
    few, weight, _ = fuse(0.9, 3, 0)
    assert weight < 0.1 and few > 0.8
    assert fuse(0.4, None, None) == (0.4, 0.0, None)


JOURNEY = """
cjm: 1
journey: {{id: j, title: J}}
stages:
  - id: a
    title: A
    touchpoints:
      - id: t
        title: T
        channel: web
        emotion: {emotion}
        friction: {friction}
        metrics: {{csat: {csat}}}
  - id: b
    title: B
"""


@settings(max_examples=40, deadline=None)
@given(
    st.integers(-1, 2),
    st.lists(st.integers(1, 5), max_size=4),
    st.integers(1, 5),
    st.floats(0.3, 0.99),
    st.floats(0.01, 0.2),
)
def test_journey_risk_is_monotone_end_to_end(emotion, sevs, extra, csat, drop) -> None:
    def risk(emotion: int, sevs: list[int], csat: float) -> float:
        friction = "[" + ", ".join(f"{{issue: x, severity: {s}}}" for s in sevs) + "]"
        text = JOURNEY.format(emotion=emotion, friction=friction, csat=round(csat, 3))
        return score_journey(loads_journey(text, "j.yaml")).stage("a").risk

    base = risk(emotion, sevs, csat)
    assert 0 <= base <= 1
    assert risk(emotion - 1, sevs, csat) >= base
    assert risk(emotion, [*sevs, extra], csat) >= base
    assert risk(emotion, sevs, csat - drop) >= base


def test_without_data_risk_rests_on_declarations(examples) -> None:
    from cjm.journey import load_journey

    score = score_journey(load_journey(examples[0]))
    assert score.conversion is None and score.customers is None
    for s in score.stages:
        assert s.basis == "declared" and s.reached is None and s.dropoff_interval is None
        assert s.risk == s.components["declared"]
        assert {"friction", "emotion", "metric_gaps"} <= set(s.components)
