"""Hostile journey text stays text in every output (tests/render/data/hostile.yaml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cjm.journey import load_journey
from cjm.render.dotrun import run_graphviz
from cjm.render.escape import dot_string, html_label, mermaid_label, mermaid_plain
from cjm.render.mapview import map_dot
from cjm.render.pipeline import render
from tests.render.helpers import SVG, groups, names, parse_svg, texts

HOSTILE = Path(__file__).parent / "data" / "hostile.yaml"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def hostile():
    return load_journey(HOSTILE)


@pytest.fixture(scope="module", params=["map", "grid"])
def svg(request, hostile):
    return render(hostile, "svg", request.param), request.param


def test_svg_holds_no_image_script_or_link(svg):
    data, _ = svg
    root = parse_svg(data)  # well-formed XML: nothing closed the label early
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert not tags & {"image", "script", "foreignObject", "a", "use", "iframe"}
    lowered = data.lower()
    assert b"<image" not in lowered and b"<script" not in lowered
    for el in root.iter():
        assert not any(k.startswith("on") or k.endswith("href") for k in el.attrib), el.attrib


def test_svg_has_exactly_the_expected_nodes(svg, hostile):
    data, view = svg
    nodes = groups(parse_svg(data), "node")
    if view == "map":
        assert len(names("t", nodes)) == len(hostile.touchpoints)
        assert set(nodes) <= (
            {"legend", "ctitle"}
            | {f"{p}{i}" for p in ("t", "c", "ct") for i in range(len(hostile.touchpoints))}
            | {f"cl{i}" for i in range(5)}
            | {f"g{s}{i}" for s in "ab" for i in range(5)}
        )
    else:
        assert set(nodes) == {"poster"}


def test_svg_shows_the_hostile_text_as_text(svg, hostile):
    data, _view = svg
    shown = squash("".join(texts(parse_svg(data))))
    tp = hostile.touchpoints
    expected = [hostile.title, tp[0].title, tp[1].title, tp[0].channel, hostile.stages[0].goal]
    for text in expected:
        assert squash(text) in shown, text


def test_dot_text_has_no_attribute_smuggled_in(hostile):
    dot = map_dot(hostile)
    assert "image=" not in re.sub(r"<[^\n]*>", "", dot)  # only inside (escaped) labels
    assert not re.search(r"^(x|y|evil)\b", dot, flags=re.M)
    assert "<IMG" not in dot and "&lt;IMG SRC=&quot;/etc/passwd&quot;/&gt;" in dot


def test_dot_cannot_read_files_even_if_asked(tmp_path):
    picture = tmp_path / "secret.png"
    picture.write_bytes(render(load_journey(HOSTILE), "png"))
    src = f'digraph {{ a [image="{picture}" label=""]; b [shapefile="{picture}"]; }}'
    out = run_graphviz(src, "svg")
    assert b"<image" not in out and str(tmp_path).encode() not in out


@pytest.mark.parametrize(
    "text",
    ["\\N", "trailing\\", "</TD><IMG SRC='x'/>", "a\x00b\x1b[31mc\u202ed", "&amp;", "x" * 1000],
)
def test_escapers_keep_text_inert(text):
    label = html_label(text, 10)
    assert "<" not in label.replace("<BR/>", "") and "\x1b" not in label and len(label) < 1700
    quoted = dot_string(text)
    assert quoted.startswith('"') and quoted.endswith('"')
    assert not re.search(r'(?<!\\)"', quoted[1:-1]) and not quoted[1:-1].endswith("\\\\\\")
    for mermaid in (mermaid_label(text), mermaid_plain(text)):
        assert "%%" not in mermaid and '"' not in mermaid and "\n" not in mermaid
