"""Property tests for cjm check: generated journeys never crash the rules, every finding
points inside the file, and fingerprints survive lines inserted above."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm.check.config import Config
from cjm.check.engine import check_text

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
words = st.text(alphabet="abcdefgh xyz", min_size=1, max_size=12).filter(str.strip)


@st.composite
def journeys(draw) -> dict:
    n = draw(st.integers(1, 5))
    names = draw(st.lists(ids, min_size=n * 4, max_size=n * 4, unique=True))
    stages = []
    for i in range(n):
        tps = []
        for j in range(draw(st.integers(0, 3))):
            tp = {
                "id": names[n + i * 3 + j],
                "title": draw(words),
                "channel": draw(st.sampled_from(["web", "chat", "word of mouth"])),
                "emotion": draw(st.integers(-2, 2)),
            }
            if draw(st.booleans()):
                tp["owner"] = draw(words)
            tp["friction"] = [
                {"issue": draw(words), "severity": draw(st.integers(1, 5))}
                for _ in range(draw(st.integers(0, 3)))
            ]
            if draw(st.booleans()):
                tp["opportunities"] = [{"idea": draw(words)}]
            if draw(st.booleans()):
                tp["metrics"] = {"csat": draw(st.floats(0, 1)), "nps": draw(st.integers(-100, 100))}
            tps.append(tp)
        stage = {"id": names[i], "title": draw(words), "touchpoints": tps}
        stage["phase"] = draw(st.sampled_from(["interest", "evaluation", "purchase", "loyalty"]))
        if i + 1 < n and draw(st.booleans()):
            stage["next"] = sorted({names[i + 1], names[draw(st.integers(i + 1, n - 1))]})
        stages.append(stage)
    return {"cjm": 1, "journey": {"id": names[0], "title": "gen"}, "stages": stages}


@SETTINGS
@given(journeys(), st.integers(1, 5))
def test_rules_are_total_positioned_and_stable(data: dict, inserted: int):
    text = yaml.safe_dump(data, sort_keys=False)
    report = check_text(text, "gen.yaml", Config())
    assert report.journey is not None
    lines = text.splitlines()
    for f in report.findings:
        assert 1 <= f.problem.line <= len(lines)
        assert lines[f.problem.line - 1][f.problem.column - 1 :].strip()
    shifted = check_text("# note\n" * inserted + text, "gen.yaml", Config())
    assert sorted(f.fingerprint for f in shifted.findings) == sorted(
        f.fingerprint for f in report.findings
    )
    assert [f.problem.line for f in shifted.findings] == [
        f.problem.line + inserted for f in report.findings
    ]
