"""The grid poster: one table, lanes in order, stages as columns, A3/A1-ready PDF."""

from __future__ import annotations

import re

import pytest

from cjm.journey import load_journey
from cjm.render import theme
from cjm.render.grid import grid_dot
from cjm.render.pipeline import render
from tests.conftest import JOURNEYS
from tests.render.helpers import all_text, groups, online_store_score, parse_svg

LANES = [
    "Customer goal",
    "Touchpoints",
    "Thoughts",
    "Emotion",
    "Friction",
    "Opportunities",
    "Metrics vs targets",
    "Backstage",
]


@pytest.fixture(scope="module")
def online():
    return load_journey(JOURNEYS / "online-store.yaml")


@pytest.fixture(scope="module")
def scored_grid(online):
    return parse_svg(render(online, "svg", "grid", online_store_score()))


def test_dot_lists_lanes_in_order_and_one_column_per_stage(online):
    dot = grid_dot(online)
    positions = [dot.index(f"<B>{lane}</B>") for lane in LANES]
    assert positions == sorted(positions)
    for i, stage in enumerate(online.stages, 1):
        assert f"<B>{i}. {stage.title}</B>" in dot
    assert "Drop-off and risk" not in dot


def test_scored_poster_shows_every_stage_lane_and_risk(online, scored_grid):
    poster = groups(scored_grid, "node")["poster"]
    text = all_text(poster)
    for lane in [*LANES, "Drop-off and risk"]:
        assert lane in text
    for tp in online.touchpoints:
        assert tp.title.split()[0] in text
        for f in tp.friction:
            assert f.issue.split()[0] in text
    assert "✗ CSAT 71% (target ≥ 90%)" in text and "✓ CSAT 93% (target ≥ 90%)" in text
    assert "risk 0.90" in text and "drop-off 40%" in text


def test_pdf_has_vector_text_in_cyrillic():
    bank = load_journey(JOURNEYS / "bank-debit-card.yaml")
    pdf = render(bank, "pdf", "grid")
    assert pdf.startswith(b"%PDF-") and b"/FontFile" in pdf and b"DejaVu" in pdf
    text = all_text(parse_svg(render(bank, "svg", "grid")))
    assert bank.title in text and bank.stages[0].goal.split()[0] in text


def test_png_poster_and_text_faces(online):
    assert render(online, "png", "grid").startswith(b"\x89PNG")
    svg = render(online, "svg", "grid", emoji=False).decode()
    assert theme.EMOTION_FACES[-2] not in svg and "&gt;:(" in svg


def test_paper_option_scales_the_poster_to_fill_the_sheet(online):
    pdf = render(online, "pdf", "grid", paper="a1")
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", pdf)
    width, height = float(box.group(1)), float(box.group(2))
    assert 2200 <= width <= 2384 and height <= 1684  # A1 landscape is 2384 x 1684 pt


def test_stage_headers_name_branches_and_loops():
    saas = load_journey(JOURNEYS / "saas-trial.yaml")
    dot = grid_dot(saas)
    order = {s.id: i + 1 for i, s in enumerate(saas.stages)}
    for i, stage in enumerate(saas.stages):
        for target in stage.next:
            k = order[target]
            if k != i + 2:
                assert ("↺ " if k <= i + 1 else "→ ") + str(k) in dot
