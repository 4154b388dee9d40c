"""The look of every view, as data: fonts, sizes, colour scales and Graphviz attributes.

Nothing here ever comes from a journey file: attributes that can read files or change the
canvas (fontname, image, dpi, size...) are set only from these tables.
"""

from __future__ import annotations

FONT = "DejaVu Sans"

# Emotion -2..2: an emoji face, its plain-text fallback and a diverging colour (words: words.py).
EMOTION_FACES = {-2: "😠", -1: "🙁", 0: "😐", 1: "🙂", 2: "😀"}
EMOTION_TEXT = {-2: ">:(", -1: ":(", 0: ":|", 1: ":)", 2: ":D"}
EMOTION_COLOURS = {-2: "#d73027", -1: "#fc8d59", 0: "#bdbdbd", 1: "#91cf60", 2: "#1a9850"}

# Friction severity 0 (none) .. 5 (critical), light to dark.
SEVERITY_COLOURS = {
    0: "#e0e0e0",
    1: "#fee391",
    2: "#fec44f",
    3: "#fe9929",
    4: "#d95f0e",
    5: "#8c2d04",
}
SEVERITY_INK = {0: "#616161", 1: "#333333", 2: "#333333", 3: "#333333", 4: "white", 5: "white"}

# Risk 0..1 in five bins; the legend shows exactly these bins.
RISK_BINS = (
    (0.2, "#1a9850", "white", "very low"),
    (0.4, "#91cf60", "#1b1b1b", "low"),
    (0.6, "#fee08b", "#1b1b1b", "medium"),
    (0.8, "#fc8d59", "#1b1b1b", "high"),
    (1.01, "#d73027", "white", "very high"),
)

# Soft background per lifecycle phase, so the columns read as phases from afar.
PHASE_FILLS = {
    "acquisition": "#eef4fb",
    "interest": "#eef8f3",
    "evaluation": "#fbf6e9",
    "purchase": "#f7eefa",
    "loyalty": "#fdeeee",
    None: "#f4f4f4",
}

INK = "#1b1b1b"
MUTED = "#5f5f5f"
LINE = "#4a4a4a"
LOOP = "#7b5ea7"
CURVE = "#23395d"
GRIDLINE = "#c8c8c8"

# Point sizes: the map is read from across a room, the poster from arm's length.
SIZE = {"title": 30, "stage": 22, "card_title": 16, "card": 13, "face": 26, "small": 12}

# Wrapping widths (characters) and hard caps on what a journey may put on the canvas.
WRAP = {"card_title": 22, "goal": 30, "cell": 32, "curve": 14, "title": 60}
MAX_CHARS = {"title": 120, "text": 300, "short": 60}

GRAPH_ATTRS = {
    "rankdir": "LR",
    "compound": "true",
    "newrank": "true",
    "nodesep": "0.35",
    "ranksep": "1.1",
    "pad": "0.4",
    "fontname": FONT,
    "bgcolor": "white",
    "labelloc": "t",
    "labeljust": "l",
}
NODE_ATTRS = {"shape": "plain", "fontname": FONT, "fontsize": "13", "fontcolor": INK}
EDGE_ATTRS = {
    "fontname": FONT,
    "fontsize": "14",
    "color": LINE,
    "fontcolor": INK,
    "penwidth": "2.2",
    "arrowsize": "1.1",
}
CLUSTER_ATTRS = {
    "style": "rounded,filled",
    "color": "#9e9e9e",
    "penwidth": "1.5",
    "margin": "14",
    "labeljust": "c",  # the graph's title is left-aligned; stage headers sit centred
}
LOOP_EDGE_ATTRS = {"style": "dashed", "color": LOOP, "fontcolor": LOOP, "constraint": "false"}

# The emotion curve panel under the map (points).
CURVE_PANEL = {"level_gap": 42.0, "top_gap": 70.0, "bottom_gap": 40.0, "point": 0.34}


def risk_index(risk: float) -> int:
    """Which of ``RISK_BINS`` a risk in 0..1 falls in."""
    return next((i for i, b in enumerate(RISK_BINS) if risk < b[0]), len(RISK_BINS) - 1)


def risk_colours(risk: float) -> tuple[str, str, str]:
    """(fill, ink, English word) for a risk in 0..1."""
    _, fill, ink, word = RISK_BINS[risk_index(risk)]
    return fill, ink, word


def face(emotion: int, emoji: bool = True) -> str:
    return (EMOTION_FACES if emoji else EMOTION_TEXT)[emotion]
