"""The shipped example journeys: they load, keep their shape, and exercise the format."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjm.cli import cli
from cjm.graph import build_graph, stage_graph, summarize
from cjm.journey import load_journey

JOURNEYS = Path(__file__).resolve().parent.parent / "journeys"
BANK = JOURNEYS / "bank-debit-card.yaml"
SAAS = JOURNEYS / "saas-trial.yaml"
MODELINE = "# yaml-language-server: $schema=../docs/cjm.schema.json\n"


@pytest.mark.parametrize(
    ("path", "stages", "touchpoints"),
    [(BANK, 7, 16), (SAAS, 10, 22)],
    ids=["bank", "saas"],
)
def test_example_shape(path, stages, touchpoints):
    journey = load_journey(path)
    assert len(journey.stages) == stages
    assert len(journey.touchpoints) == touchpoints
    assert path.read_text(encoding="utf-8").startswith(MODELINE)
    # Every lifecycle phase appears, so the map covers the whole path.
    assert {s.phase for s in journey.stages} == {
        "acquisition",
        "interest",
        "evaluation",
        "purchase",
        "loyalty",
    }


@pytest.mark.parametrize("path", [BANK, SAAS], ids=["bank", "saas"])
def test_example_richness(path):
    journey = load_journey(path)
    tps = journey.touchpoints
    assert len(journey.personas) >= 2
    assert journey.persona_obj is not None
    assert all(f.category for tp in tps for f in tp.friction)
    assert any(o.effort and o.impact for tp in tps for o in tp.opportunities)
    assert sum(1 for tp in tps if tp.backstage) >= len(tps) // 2
    unowned = [tp.id for tp in tps if tp.owner is None]
    assert 1 <= len(unowned) <= 2, unowned
    gaps = [g for s in summarize(journey).values() for g in s.metric_gaps]
    assert any(g.met for g in gaps) and any(not g.met for g in gaps)


def test_bank_keeps_cyrillic_exactly():
    journey = load_journey(BANK)
    assert journey.title == "Банк: первая дебетовая карта"
    assert journey.persona_obj.name == "Сомневающийся клиент"
    sms = next(tp for tp in journey.touchpoints if tp.id == "sms-code")
    assert sms.title == "Подтверждение кодом из SMS"
    assert sms.thoughts == "Код из SMS истекает раньше, чем приходит"
    call = next(tp for tp in journey.touchpoints if tp.id == "call-centre")
    assert call.friction[0].issue == "20 минут ожидания на линии в часы пик"
    first_response = next(mv for mv in call.metrics if mv.key == "first_response")
    assert first_response.value == 18 * 60
    assert journey.stage("everyday").is_end


def test_saas_has_branches_and_loops():
    journey = load_journey(SAAS)
    g = stage_graph(build_graph(journey))
    branches = [n for n in g if g.out_degree(n) >= 2]
    assert "evaluation" in branches and "renewal" in branches
    loops = {(u, v) for u, v, d in g.edges(data=True) if d["loop"]}
    assert ("evaluation", "interest") in loops
    assert ("renewal", "evaluation") in loops
    assert ("evaluation", "self-serve") not in loops
    # Both purchase routes converge on adoption; advocacy is a churn-free dead end.
    assert set(g.predecessors("adoption")) == {"self-serve", "contract"}
    assert journey.stage("advocacy").next == ()
    assert journey.stage("renewal").is_end


def test_summary_cli_on_russian_example():
    result = subprocess.run(
        [sys.executable, "-m", "cjm", "summary", str(BANK)],
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Банк: первая дебетовая карта" in result.stdout
    assert "questions" in result.stdout


def test_validate_cli_reports_counts():
    result = CliRunner().invoke(cli, ["validate", str(BANK), str(SAAS)])
    assert result.exit_code == 0, result.output
    assert "(7 stages, 16 touchpoints)" in result.output
    assert "(10 stages, 22 touchpoints)" in result.output
