"""Property tests: generated journeys load; mutants load or fail with positions, never crash."""

from __future__ import annotations

import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm.graph import build_graph
from cjm.journey import loads_journey
from cjm.journey.format import CATEGORIES, EMOTIONS, PHASES, SEVERITIES
from cjm.problems import JourneyError

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ids = st.from_regex(r"[a-z][a-z0-9_-]{0,10}", fullmatch=True)
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(str.strip)


@st.composite
def journeys(draw) -> dict:
    n_stages = draw(st.integers(1, 6))
    names = draw(st.lists(ids, min_size=n_stages * 4, max_size=n_stages * 4, unique=True))
    stages = []
    for i in range(n_stages):
        tps = []
        for j in range(draw(st.integers(0, 3))):
            tp = {
                "id": names[n_stages + i * 3 + j],
                "title": draw(texts),
                "channel": draw(st.sampled_from(["web", "chat", "phone", "store"])),
                "emotion": draw(st.integers(-2, 2) | st.sampled_from(list(EMOTIONS))),
            }
            if draw(st.booleans()):
                tp["friction"] = [
                    {
                        "issue": draw(texts),
                        "severity": draw(st.integers(1, 5) | st.sampled_from(list(SEVERITIES))),
                        "category": draw(st.sampled_from(CATEGORIES)),
                    }
                ]
            if draw(st.booleans()):
                tp["metrics"] = {"csat": draw(st.floats(0, 1)), "first_response": "4m"}
            tps.append(tp)
        stage = {"id": names[i], "title": draw(texts), "touchpoints": tps}
        if draw(st.booleans()):
            stage["phase"] = draw(st.sampled_from(PHASES))
        if i > 0 and draw(st.booleans()):  # a loop back, which must not trap the journey
            stage["next"] = [names[draw(st.integers(0, i))]] + (
                [names[i + 1]] if i + 1 < n_stages else []
            )
            stage["end"] = i + 1 >= n_stages
        stages.append(stage)
    return {"cjm": 1, "journey": {"id": names[0], "title": draw(texts)}, "stages": stages}


@SETTINGS
@given(journeys())
def test_generated_journeys_load(data: dict):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    journey = loads_journey(text, "gen.yaml")
    assert [s.id for s in journey.stages] == [s["id"] for s in data["stages"]]
    g = build_graph(journey)
    assert g.number_of_nodes() == len(journey.stages) + len(journey.touchpoints)


BASE = (ROOT / "journeys" / "online-store.yaml").read_text(encoding="utf-8")
TOKENS = [":", "- ", "[", "]", "{", "&a ", "*a", "!!str ", "!x ", "\t", '"', "'", "#", "\n", "  "]


@st.composite
def mutations(draw) -> str:
    lines = BASE.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "swap"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        else:
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            token = draw(st.sampled_from(TOKENS) | st.text(string.printable, max_size=3))
            cut = at + (1 if op == "replace" else 0)
            lines[i] = line[:at] + token + line[cut:]
        if not lines:
            lines = ["\n"]
    return "".join(lines)


@SETTINGS
@given(mutations())
def test_mutations_load_or_fail_with_positions(text: str):
    n_lines = text.count("\n") + 1
    try:
        loads_journey(text, "mutant.yaml")
    except JourneyError as err:
        assert err.problems
        for p in err.problems:
            assert p.file == "mutant.yaml"
            assert 1 <= p.line <= n_lines + 1 and p.column >= 1
            assert p.message
