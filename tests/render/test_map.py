"""The map view: structure of the DOT, and the SVG/PNG/PDF dot actually draws."""

from __future__ import annotations

import re

import pytest

from cjm.journey import load_journey
from cjm.render import theme
from cjm.render.mapview import map_dot
from cjm.render.pipeline import render
from tests.conftest import JOURNEYS
from tests.render.helpers import SVG, all_text, groups, names, online_store_score, parse_svg

ONLINE = JOURNEYS / "online-store.yaml"


@pytest.fixture(scope="module")
def online():
    return load_journey(ONLINE)


@pytest.fixture(scope="module")
def plain_svg(online):
    return parse_svg(render(online, "svg"))


@pytest.fixture(scope="module")
def scored_svg(online):
    return parse_svg(render(online, "svg", score=online_store_score()))


def test_dot_uses_internal_names_only(online):
    dot = map_dot(online)
    statements = re.findall(r"^(\w+) \[", dot, flags=re.M)
    assert set(statements) <= {"graph", "node", "edge", "legend"} | {
        f"t{i}" for i in range(len(online.touchpoints))
    }
    assert len(re.findall(r"^subgraph cluster_s\d+ \{", dot, flags=re.M)) == len(online.stages)
    for tp in online.touchpoints:  # ids of the file never name a DOT node
        assert not re.search(rf"^{re.escape(tp.id)}\b", dot, flags=re.M)


def test_dot_loop_back_is_dashed_and_does_not_bend_the_layout(online):
    edges = [ln for ln in map_dot(online).splitlines() if "lhead=" in ln]
    assert len(edges) == sum(len(s.next) for s in online.stages)
    loops = [e for e in edges if 'constraint="false"' in e]
    assert len(loops) == 1 and 'style="dashed"' in loops[0]
    assert 'lhead="cluster_s2"' in loops[0] and 'ltail="cluster_s5"' in loops[0]


def test_svg_has_every_card_stage_and_curve_point(online, plain_svg):
    nodes = groups(plain_svg, "node")
    n_tp = len(online.touchpoints)
    assert len(names("t", nodes)) == n_tp
    assert len(names("c", nodes)) == n_tp  # one emotion-curve point per touchpoint
    clusters = groups(plain_svg, "cluster")
    assert len(names("cluster_s", clusters)) == len(online.stages)
    curve = [e for e in groups(plain_svg, "edge") if re.fullmatch(r"c\d+->c\d+", e)]
    assert len(curve) == n_tp - 1
    for i, tp in enumerate(online.touchpoints):
        card = all_text(nodes[f"t{i}"])
        assert tp.title.split()[0] in card and tp.channel in card
        assert theme.EMOTION_FACES[tp.emotion] in card
    text = all_text(plain_svg)
    assert online.title in text and "Doubtful buyer" in text and "Emotion curve" in text
    for stage in online.stages:
        assert stage.title in all_text(clusters[f"cluster_s{online.stages.index(stage)}"])


def test_high_friction_cards_are_outlined_in_their_severity_colour(online, plain_svg):
    nodes = groups(plain_svg, "node")
    for i, tp in enumerate(online.touchpoints):
        sev = max((f.severity for f in tp.friction), default=0)
        strokes = {p.get("stroke") for p in nodes[f"t{i}"].iter() if p.get("stroke")}
        if sev >= 3:
            assert theme.SEVERITY_COLOURS[sev] in strokes, tp.id
        else:
            assert (
                theme.SEVERITY_COLOURS[4] not in strokes
                and theme.SEVERITY_COLOURS[5] not in strokes
            )


def test_curve_points_sit_at_their_emotion_level(online, plain_svg):
    nodes = groups(plain_svg, "node")
    ys = {}
    for i, tp in enumerate(online.touchpoints):
        ellipse = nodes[f"c{i}"].find(f"{SVG}ellipse")
        ys.setdefault(tp.emotion, set()).add(round(float(ellipse.get("cy")), 1))
        assert ellipse.get("fill") == theme.EMOTION_COLOURS[tp.emotion]
    assert all(len(v) == 1 for v in ys.values())  # one height per level
    order = [next(iter(ys[e])) for e in sorted(ys)]
    assert order == sorted(order, reverse=True)  # SVG y grows downwards: happier is higher


def test_scored_map_shows_dropoff_on_arrows_and_risk_badges(scored_svg):
    edges = groups(scored_svg, "edge")
    labelled = {n: all_text(g) for n, g in edges.items() if "drop-off" in all_text(g)}
    assert len(labelled) == 5  # every forward transition; the loop back carries flow only
    assert any("drop-off 40%" in t for t in labelled.values())  # evaluation: 196 of 490
    assert "70% (700)" in all_text(scored_svg)
    clusters = groups(scored_svg, "cluster")
    evaluation = clusters["cluster_s2"]
    assert "risk 0.90" in all_text(evaluation) and "very high" in all_text(evaluation)
    strokes = {p.get("stroke") for p in evaluation.iter() if p.get("stroke")}
    assert theme.risk_colours(0.9)[0] in strokes
    legend = all_text(groups(scored_svg, "node")["legend"])
    assert "very high" in legend and "risk 0.8–1.0" in legend


def test_unscored_map_has_no_risk_anywhere(plain_svg):
    text = all_text(plain_svg)
    assert "risk" not in text and "drop-off" not in text


@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")])
def test_png_and_pdf_are_real_files(online, fmt, magic):
    data = render(online, fmt)
    assert data.startswith(magic) and len(data) > 20_000


def test_text_faces_replace_emoji(online):
    svg = render(online, "svg", emoji=False).decode()
    assert not any(face in svg for face in theme.EMOTION_FACES.values())
    assert ":(" in svg and ":D" in svg and "&gt;:(" in svg


def test_cyrillic_journey_renders_as_text(tmp_path):
    bank = load_journey(JOURNEYS / "bank-debit-card.yaml")
    root = parse_svg(render(bank, "svg"))
    text = all_text(root)
    assert bank.title in text
    for tp in bank.touchpoints:
        assert tp.title.split()[0] in text
    pdf = render(bank, "pdf")
    assert pdf.startswith(b"%PDF-") and b"DejaVu" in pdf  # vector text with an embedded font


def test_branching_journey_gives_each_stage_its_own_curve_column():
    saas = load_journey(JOURNEYS / "saas-trial.yaml")
    nodes = groups(parse_svg(render(saas, "svg")), "node")
    xs = [
        float(nodes[f"c{i}"].find(f"{SVG}ellipse").get("cx")) for i in range(len(saas.touchpoints))
    ]
    assert len({round(x) for x in xs}) == len(xs)  # no two points stacked
