"""The absorbing chain on random journeys: what-ifs behave whatever the rates."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.journey import loads_journey
from cjm.score.markov import Chain, StageRates, change_dropoff, solve

JOURNEY = loads_journey(
    "cjm: 1\njourney: {id: r, title: R}\nstages:\n"
    + "".join(f"  - {{id: s{i}, title: S{i}}}\n" for i in range(5)),
    "r.yaml",
)
IDS = tuple(s.id for s in JOURNEY.stages)


@st.composite
def chains(draw) -> Chain:
    rates = {}
    for i, sid in enumerate(IDS[:-1]):
        targets = [t for t in IDS if t != sid]
        weights = [draw(st.floats(0, 1)) for _ in targets]
        lost, converted = draw(st.floats(0, 1)), draw(st.floats(0, 1)) if i else 0.0
        total = sum(weights) + lost + converted or 1.0
        moves = {t: w / total for t, w in zip(targets, weights, strict=True) if w}
        rates[sid] = StageRates(moves, lost / total, converted / total)
    rates[IDS[-1]] = StageRates({}, 0.0, 1.0)
    start = {sid: 1.0 if sid == IDS[0] else 0.0 for sid in IDS}
    return Chain(IDS, rates, start, draw(st.integers(1, 10**6)))


@settings(max_examples=60, deadline=None)
@given(chains(), st.sampled_from(IDS[:-1]), st.floats(0.01, 1.0))
def test_less_dropoff_never_lowers_conversion(chain, stage, cut) -> None:
    base = solve(chain)
    assert -1e-9 <= base.conversion <= 1 + 1e-9
    same = solve(change_dropoff(chain, JOURNEY, stage, 0.0, relative=True))
    assert abs(same.conversion - base.conversion) < 1e-9
    for relative in (True, False):
        better = solve(change_dropoff(chain, JOURNEY, stage, -cut, relative))
        assert better.conversion >= base.conversion - 1e-9
    none = solve(change_dropoff(chain, JOURNEY, stage, -1.0, relative=True))
    assert none.conversion >= base.conversion - 1e-9
