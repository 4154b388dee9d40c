"""Mermaid exports and the self-contained HTML report."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from cjm.journey import load_journey
from cjm.render.mermaid import flowchart, journey_diagram
from cjm.render.pipeline import render
from tests.conftest import JOURNEYS
from tests.render.helpers import online_store_score
from tests.render.test_safety import HOSTILE


@pytest.fixture(scope="module")
def online():
    return load_journey(JOURNEYS / "online-store.yaml")


@pytest.fixture(scope="module")
def saas():
    return load_journey(JOURNEYS / "saas-trial.yaml")


def test_journey_diagram_maps_stages_to_sections_and_emotions_to_1_5(online):
    text = journey_diagram(online)
    lines = text.splitlines()
    assert lines[0] == "journey" and lines[1] == "    title Online store꞉ first purchase"
    sections = [ln.strip().removeprefix("section ") for ln in lines if ln.startswith("    section")]
    assert sections == [s.title for s in online.stages]
    tasks = [ln.strip() for ln in lines if ln.startswith("      ")]
    assert len(tasks) == len(online.touchpoints)
    for task, tp in zip(tasks, online.touchpoints, strict=True):
        name, score, actor = task.split(": ")
        assert name == tp.title and int(score) == tp.emotion + 3 and actor == tp.channel


def test_flowchart_shows_branches_and_dashed_loops(saas):
    text = flowchart(saas)
    order = {s.id: i for i, s in enumerate(saas.stages)}
    edges = re.findall(r"^  s(\d+) (-->|-\.->)(?:\|[^|]*\|)? s(\d+)$", text, flags=re.M)
    assert len(edges) == sum(len(s.next) for s in saas.stages)
    for a, arrow, b in edges:
        assert (arrow == "-.->") == (int(b) <= int(a))
    assert any(len(s.next) > 1 for s in saas.stages) and order
    assert len(re.findall(r"^  subgraph s\d+ \[", text, flags=re.M)) == len(saas.stages)
    assert len(re.findall(r'^    t\d+\["', text, flags=re.M)) == len(saas.touchpoints)


def test_scored_flowchart_labels_edges_with_flow_and_dropoff(online):
    text = flowchart(online, online_store_score())
    assert 's2 -->|"60#37; (294) · drop-off 40#37;"| s3' in text
    assert "(risk 0.90)" in text


def test_hostile_mermaid_has_no_directive_comment_or_raw_markup():
    hostile = load_journey(HOSTILE)
    for text in (journey_diagram(hostile), flowchart(hostile)):
        assert "%%" not in text and "<" not in text and "\nclick" not in text
        for line in text.splitlines():  # every line is one of ours, one statement each
            assert re.match(
                r"^(journey|flowchart LR|    title |    section |      [^:]+: [1-5]: |"
                r'  subgraph s\d+ \["|    direction TB|    [te]\d+\["|  end$|  s\d+ |  class)',
                line,
            ), line
    text = journey_diagram(hostile)
    assert "javascript:" not in text  # ':' would split a task; it gets a lookalike
    assert len(re.findall(r": [1-5]: ", text)) == len(hostile.touchpoints)


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse_html(data: bytes) -> Collector:
    c = Collector()
    c.feed(data.decode("utf-8"))
    return c


def assert_self_contained(data: bytes) -> Collector:
    page = parse_html(data)
    assert not {"script", "link", "iframe", "img", "image", "object", "embed"} & set(page.tags)
    for name, value in page.attrs:
        assert not name.startswith("on") and name not in ("src", "href", "xlink:href")
        assert "://" not in (value or "") and "javascript:" not in (value or "").lower()
    assert not re.search(rb"https?://", data.replace(b'http-equiv="', b""))
    assert b"Content-Security-Policy" in data and b"default-src 'none'" in data
    return page


def test_html_report_is_self_contained_with_map_and_tables(online):
    data = render(online, "html", score=online_store_score())
    page = assert_self_contained(data)
    assert "svg" in page.tags and page.tags.count("table") >= 3
    text = " ".join(page.text)
    for needle in ("Scores", "Friction", "Opportunities", "Bot without an exit to a person"):
        assert needle in text
    assert "0.90 very high" in text and "friction 0.45" in text  # risk and its components
    assert "Guest checkout with 5 fields" in text


def test_html_report_without_data_shows_declared_figures(online):
    page = assert_self_contained(render(online, "html"))
    assert "Declared figures only" in " ".join(page.text)


def test_hostile_html_report_keeps_text_as_text():
    hostile = load_journey(HOSTILE)
    data = render(hostile, "html")
    page = assert_self_contained(data)
    assert hostile.title in "".join(page.text)
    assert b"&lt;script&gt;alert(" in data and b"<svg onload" not in data


def test_cyrillic_in_mermaid_and_html():
    bank = load_journey(JOURNEYS / "bank-debit-card.yaml")
    text = journey_diagram(bank) + flowchart(bank)
    for stage in bank.stages:
        assert stage.title in text
    data = render(bank, "html")
    assert b'<meta charset="utf-8">' in data
    page = assert_self_contained(data)
    shown = " ".join(page.text)
    assert bank.title in shown and bank.touchpoints[0].title in shown
