"""Shared pieces of the render tests: a hand-built score, SVG parsing."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from cjm.score.result import JourneyScore, StageScore

SVG = "{http://www.w3.org/2000/svg}"


def online_store_score() -> JourneyScore:
    """What scoring would say about journeys/online-store.yaml, written by hand."""
    rows = [
        ("awareness", 0.15, 1000, 300, {"interest": 700}),
        ("interest", 0.45, 700, 210, {"evaluation": 490}),
        ("evaluation", 0.9, 490, 196, {"purchase": 294}),
        ("purchase", 0.65, 294, 44, {"delivery": 250}),
        ("delivery", 0.3, 250, 10, {"loyalty": 240}),
        ("loyalty", 0.5, 240, 0, {"evaluation": 132}),
    ]
    stages = tuple(
        StageScore(
            stage=sid,
            risk=risk,
            components={"friction": risk / 2, "emotion": risk / 3},
            reached=reached,
            dropped=dropped,
            dropoff_rate=dropped / reached,
            dropoff_interval=(max(0, dropped / reached - 0.04), dropped / reached + 0.04),
            low_sample=reached < 250,
            flows=flows,
            basis="data+declared",
        )
        for sid, risk, reached, dropped, flows in rows
    )
    return JourneyScore("online-store", stages, 0.24, 1000, "events.csv")


def parse_svg(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def groups(root: ET.Element, cls: str) -> dict[str, ET.Element]:
    """SVG groups of one class (node, edge, cluster) by their <title> (the DOT name)."""
    out = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == cls:
            title = g.find(f"{SVG}title")
            out[title.text if title is not None else ""] = g
    return out


def texts(element: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in element.iter(f"{SVG}text")]


def all_text(element: ET.Element) -> str:
    return " ".join(texts(element))


def names(prefix: str, found: dict[str, ET.Element]) -> list[str]:
    return sorted(n for n in found if re.fullmatch(rf"{prefix}\d+", n))
