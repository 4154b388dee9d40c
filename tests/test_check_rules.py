"""Every rule passes and fails on the examples in its own docstring."""

from __future__ import annotations

import pytest
import yaml

from cjm.check.config import Config, parse_config
from cjm.check.engine import check_text
from cjm.journey import loads_journey
from cjm.rules import all_rules
from cjm.rules.docs import examples
from cjm.score.result import JourneyScore, StageScore

RULES = all_rules()


def score_from_yaml(journey_id: str, text: str) -> JourneyScore:
    """A hand-built JourneyScore: stage → {reached, dropped, interval}."""
    stages = []
    for stage, v in yaml.safe_load(text).items():
        rate = v["dropped"] / v["reached"]
        stages.append(
            StageScore(
                stage=stage,
                risk=rate,
                reached=v["reached"],
                dropped=v["dropped"],
                dropoff_rate=rate,
                dropoff_interval=tuple(v["interval"]),
                low_sample=v["reached"] < 30,
                basis="data+declared",
            )
        )
    return JourneyScore(journey=journey_id, stages=tuple(stages), data_source="test")


def test_registry_has_the_rules_the_gate_promises():
    ids = {r.id for r in RULES}
    assert len(ids) == len(RULES) >= 8
    assert {"stage-friction", "critical-friction", "emotional-low", "dropoff-risk"} <= ids
    assert {"metric-target", "touchpoint-owner", "unaddressed-friction", "dead-end"} <= ids
    for r in RULES:
        assert r.severity in ("warning", "error")
        assert r.summary.endswith(".")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_docstring_examples(rule):
    exs = examples(rule)
    assert {e.passes for e in exs} == {True, False}, "needs a passing and a failing example"
    for ex in exs:
        journey = loads_journey(ex.yaml, "example.yaml")
        score = score_from_yaml(journey.id, ex.score) if ex.score else None
        report = check_text(ex.yaml, "example.yaml", Config(), score)
        assert report.journey is not None
        lines = {f.problem.line for f in report.findings if f.problem.rule == rule.id}
        if ex.passes:
            assert not lines, [f.problem.format() for f in report.findings]
        else:
            assert ex.marked_lines, "mark the expected finding lines with '# <-'"
            assert lines == ex.marked_lines


def test_data_rule_is_quiet_without_data():
    rule = next(r for r in RULES if r.needs_data)
    fail = next(e for e in examples(rule) if not e.passes)
    report = check_text(fail.yaml, "x.yaml", Config())
    assert rule.id not in report.rules_run
    assert not [f for f in report.findings if f.problem.rule == rule.id]


def test_journey_thresholds_override_config_options():
    rule = next(r for r in RULES if r.id == "stage-friction")
    fail = next(e for e in examples(rule) if not e.passes)

    def flagged(text: str, cfg: Config) -> bool:
        report = check_text(text, "x.yaml", cfg)
        return any(f.problem.rule == rule.id for f in report.findings)

    assert flagged(fail.yaml, Config())
    assert not flagged(fail.yaml + "thresholds:\n  stage_friction: 11\n", Config())
    cfg = parse_config("rules:\n  stage-friction: {max_load: 12}\n", "c.yaml")
    assert not flagged(fail.yaml, cfg)
    assert flagged(fail.yaml + "thresholds:\n  stage_friction: 5\n", cfg)


def test_findings_point_at_the_object(examples):
    from cjm.check.engine import check_file

    path = next(p for p in examples if p.name == "online-store.yaml")
    journey = loads_journey(path.read_text(), str(path))
    report = check_file(path, Config())
    lines = path.read_text().splitlines()
    for f in report.findings:
        assert lines[f.problem.line - 1][f.problem.column - 1 :].strip(), f.problem
    crit = [f for f in report.findings if f.problem.rule == "critical-friction"]
    assert [lines[f.problem.line - 1].strip() for f in crit] == [
        "- issue: Bot without an exit to a person"
    ]
    assert journey.stage_of("chat").id == "evaluation"
