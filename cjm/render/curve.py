"""The emotion curve: a line through the touchpoints' emotions, drawn under the laid-out map.

dot lays the map out (``-Tdot`` gives every node and cluster its position); this module reads
the stage columns' extents from that text and appends a panel of pinned nodes and edges:
stage bands, one gridline per emotion level, the curve and its points. ``neato -n2`` then
draws the whole thing without moving anything.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from cjm.journey.model import Journey
from cjm.render import theme as t
from cjm.render.cards import font
from cjm.render.dotsrc import Html, stmt
from cjm.render.escape import html_label, xml
from cjm.render.words import EN, Words

# Positioned DOT from dot writes attributes sorted, so bb comes first in a graph's block.
# User text only ever sits in HTML labels with quotes escaped, so it cannot fake these.
_GRAPH_BB = re.compile(r'^digraph \w+ \{\s*graph \[bb="([^"]+)"')
_CLUSTER_BB = re.compile(r'subgraph cluster_s(\d+) \{\s*graph \[bb="([^"]+)"')


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float


def _box(text: str) -> Box:
    x0, y0, x1, y1 = (float(v) for v in text.split(","))
    return Box(x0, y0, x1, y1)


def layout_boxes(positioned: str) -> tuple[Box, dict[int, Box]]:
    """The graph's bounding box and each stage cluster's, from dot's ``-Tdot`` output."""
    graph = _GRAPH_BB.search(positioned)
    if graph is None:
        raise ValueError("dot output without a bounding box")
    clusters = {int(i): _box(bb) for i, bb in _CLUSTER_BB.findall(positioned)}
    return _box(graph.group(1)), clusters


def curve_columns(journey: Journey, clusters: dict[int, Box]) -> dict[int, tuple[float, float]]:
    """An x-range per stage for the curve: stages laid out in the same column (branches)
    share it side by side, in journey order, so points never stack on one another."""
    groups: list[list[int]] = []
    span: list[tuple[float, float]] = []
    for i in sorted(clusters, key=lambda k: (clusters[k].x0, k)):
        box = clusters[i]
        if span and box.x0 < span[-1][1] - 1:
            groups[-1].append(i)
            span[-1] = (span[-1][0], max(span[-1][1], box.x1))
        else:
            groups.append([i])
            span.append((box.x0, box.x1))
    out = {}
    for members, (x0, x1) in zip(groups, span, strict=True):
        members.sort()
        weights = [max(1, len(journey.stages[i].touchpoints)) for i in members]
        total, at = sum(weights), x0
        for i, w in zip(members, weights, strict=True):
            width = (x1 - x0) * w / total
            out[i] = (at, at + width)
            at += width
    return out


def _line(name: str, a: tuple[float, float], b: tuple[float, float], **extra: object) -> str:
    pos = f"{a[0]:.1f},{a[1]:.1f} {a[0]:.1f},{a[1]:.1f} {b[0]:.1f},{b[1]:.1f} {b[0]:.1f},{b[1]:.1f}"
    attrs = " ".join(f'{k}="{v}"' for k, v in extra.items())
    return f'{name} [dir=none pos="{pos}" {attrs}];'


def _pin(x: float, y: float) -> str:
    return f"{x:.1f},{y:.1f}"


def curve_statements(
    journey: Journey, graph: Box, clusters: dict[int, Box], emoji: bool, w: Words = EN
) -> list[str]:
    """Pinned nodes and edges for the curve panel, below the map (negative y)."""
    cp = t.CURVE_PANEL
    gap = cp["level_gap"]
    level_y = {e: -cp["top_gap"] - (2 - e) * gap for e in range(-2, 3)}
    first = clusters.get(0, graph)
    left = graph.x0 + 8
    right = max(b.x1 for b in clusters.values()) if clusters else graph.x1
    label_x = (left + first.x0) / 2
    title_y = level_y[-2] - 34
    bottom = title_y - 26 - cp["bottom_gap"]
    out = [
        f'graph [bb="{graph.x0:.1f},{bottom:.1f},{graph.x1:.1f},{graph.y1:.1f}" '
        'outputorder="edgesfirst"];'
    ]
    out.append(
        stmt(
            "ctitle",
            {
                "label": Html(font(f"<B>{w.emotion_curve}</B>", 16)),
                "pos": _pin(label_x, level_y[2] + 30),
            },
        )
    )
    for e, y in level_y.items():
        out.append(
            stmt(
                f"cl{e + 2}",
                {
                    "label": Html(font(f"{xml(t.face(e, emoji))} {e:+d}", 16, t.MUTED)),
                    "pos": _pin(label_x, y),
                },
            )
        )
        out.append(f'ga{e + 2} [shape=point width=0 style=invis pos="{_pin(first.x0, y)}"];')
        out.append(f'gb{e + 2} [shape=point width=0 style=invis pos="{_pin(right, y)}"];')
        style = "solid" if e == 0 else "dotted"
        out.append(
            _line(
                f"ga{e + 2} -> gb{e + 2}",
                (first.x0, y),
                (right, y),
                color=t.GRIDLINE,
                style=style,
                penwidth="1.2",
            )
        )
    columns = curve_columns(journey, clusters)
    points: list[tuple[str, float, float]] = []
    band_nodes: dict[int, list[str]] = {}
    n = 0
    for i, stage in enumerate(journey.stages):
        box = columns.get(i)
        count = len(stage.touchpoints)
        for k, tp in enumerate(stage.touchpoints):
            name = f"c{n}"
            n += 1
            if box is None:
                continue
            x = box[0] + (k + 0.5) * (box[1] - box[0]) / count
            y = level_y[tp.emotion]
            points.append((name, x, y))
            point = {
                "shape": "circle",
                "style": "filled",
                "fixedsize": "true",
                "width": str(cp["point"]),
                "color": "white",
                "penwidth": "2",
                "fillcolor": t.EMOTION_COLOURS[tp.emotion],
                "label": Html(font(xml(t.face(tp.emotion, emoji)), 18 if emoji else 10)),
                "pos": _pin(x, y),
            }
            out.append(stmt(name, point))
            # About 6.5 pt per character at 11 pt: captions wrap to their share of the column.
            # Too narrow for words (a crowded column): the card above says what the point is.
            # A column with room widens to the caption's longest word rather than split it.
            share = (box[1] - box[0]) / count
            longest = max(map(len, tp.title.split()), default=0)
            chars = min(max(t.WRAP["curve"], min(longest, t.WRAP["card_title"])), int(share / 6.5))
            caption = Html(font(html_label(tp.title, chars, 40), 11, t.MUTED)) if chars >= 7 else ""
            band_nodes.setdefault(i, []).append(
                stmt(f"ct{n - 1}", {"label": caption, "pos": _pin(x, title_y)})
            )
    for (a, ax, ay), (b, bx, by) in itertools.pairwise(points):
        out.append(_line(f"{a} -> {b}", (ax, ay), (bx, by), color=t.CURVE, penwidth="3.5"))
    band = Box(0, title_y - 24, 0, level_y[2] + 24)
    return _bands(journey, columns, band, band_nodes) + out


def _bands(
    journey: Journey,
    columns: dict[int, tuple[float, float]],
    band: Box,
    nodes: dict[int, list[str]],
) -> list[str]:
    """One tinted band per stage column; clusters, so they are drawn under lines and points."""
    out = []
    for i, stage in enumerate(journey.stages):
        col = columns.get(i)
        if col is None or not nodes.get(i):
            continue
        fill = t.PHASE_FILLS.get(stage.phase, t.PHASE_FILLS[None])
        bb = f"{col[0] + 2:.1f},{band.y0:.1f},{col[1] - 2:.1f},{band.y1:.1f}"
        out.append(
            f'subgraph cluster_band{i} {{ graph [bb="{bb}" style="rounded,filled" '
            f'color="#e0e0e0" fillcolor="{fill}" label=""];'
        )
        out.extend(nodes[i])
        out.append("}")
    return out


def add_curve(positioned: str, journey: Journey, emoji: bool = True, w: Words = EN) -> str:
    """dot's positioned output with the curve panel appended, ready for ``neato -n2``."""
    graph, clusters = layout_boxes(positioned)
    body = positioned.rstrip()
    if not body.endswith("}"):
        raise ValueError("unexpected end of dot output")
    extra = curve_statements(journey, graph, clusters, emoji, w)
    return body[:-1] + "\n" + "\n".join(extra) + "\n}\n"
