"""The journey file format, version 1, written once as data.

The loader checks files against these tables and ``cjm schema`` prints them as JSON Schema.
Vocabulary and metric targets come from the domain notes (lifecycle phases, quality
dimensions, customer types, service metrics) and are defaults a journey can override.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cjm.journey import model as m
from cjm.journey.kinds import (
    AnyMetric,
    Bool,
    Const,
    Duration,
    Enum,
    F,
    Id,
    ListOf,
    MapOf,
    Number,
    Obj,
    Ratio,
    Scale,
    Text,
)

VERSION = 1

PHASES = ("acquisition", "interest", "evaluation", "purchase", "loyalty")
EMOTIONS = {"angry": -2, "unhappy": -1, "neutral": 0, "happy": 1, "delighted": 2}
SEVERITIES = {"low": 2, "medium": 3, "high": 4, "critical": 5}
EFFORTS = ("low", "medium", "high")
CATEGORIES = (
    "response-time",
    "competence",
    "empathy",
    "accessibility",
    "feedback",
    "personalisation",
    "transparency",
    "reliability",
)
PERSONA_TYPES = ("loyal", "control-freak", "demanding", "doubtful", "know-it-all")
CHANNELS = (
    "web",
    "app",
    "social",
    "email",
    "phone",
    "chat",
    "messenger",
    "store",
    "delivery",
    "support",
)


@dataclass(frozen=True)
class MetricDef:
    key: str
    label: str
    unit: str  # ratio | seconds | number
    direction: str  # "min": higher is better, at least bound; "max": lower is better
    bound: float | None
    doc: str


# Targets as the domain notes state them; a journey's `targets:` overrides any of them.
METRICS: dict[str, MetricDef] = {
    d.key: d
    for d in (
        MetricDef("csat", "CSAT", "ratio", "min", 0.90, "satisfaction after an interaction"),
        MetricDef("nps", "NPS", "number", "min", 50, "willingness to recommend, -100..100"),
        MetricDef("ces", "CES", "number", "max", None, "effort the customer had to make"),
        MetricDef("first_response", "First response", "seconds", "max", 300, "request to answer"),
        MetricDef("resolution_time", "Resolution", "seconds", "max", 86400, "request to solved"),
        MetricDef("fcr", "FCR", "ratio", "min", 0.85, "share solved at first contact"),
        MetricDef("retention", "Retention", "ratio", "min", 0.70, "customers who come back"),
        MetricDef("complaint_rate", "Complaints", "ratio", "max", 0.05, "negative feedback"),
        MetricDef("churn_rate", "Churn", "ratio", "max", None, "customers lost in a period"),
    )
}

_METRIC_KINDS = {"ratio": Ratio(), "seconds": Duration()}
_KNOWN_METRIC_KIND = {
    k: _METRIC_KINDS.get(d.unit) or (Number(-100, 100) if k == "nps" else Number(0))
    for k, d in METRICS.items()
}


def _metric(key: str, value: Any, pos: m.Pos) -> m.MetricValue:
    if key in METRICS:
        return m.MetricValue(key, value, str(value), METRICS[key].unit, pos)
    number, unit = value
    return m.MetricValue(key, number, str(number), unit, pos)


def default_targets() -> dict[str, m.Target]:
    return {k: m.Target(k, d.bound, d.direction, d.unit) for k, d in METRICS.items()}


METRIC_KEY = Text(max_len=64)
METRICS_MAP = MapOf(METRIC_KEY, AnyMetric(), pair=_metric, per_key=_KNOWN_METRIC_KIND, max_items=50)

TARGET_BOUND = Obj(
    "target",
    [
        F("min", AnyMetric(), doc="at least this value (higher is better)"),
        F("max", AnyMetric(), doc="at most this value (lower is better)"),
    ],
    doc="A bound for a custom metric: exactly one of min or max.",
    expect="a bound such as {min: 3} or {max: 5m} (not a built-in metric: "
    + ", ".join(METRICS)
    + ")",
)


def _build(cls: type, **fixed: Any):
    def build(values: dict[str, Any], pos: m.Pos, positions: dict[str, m.Pos]) -> Any:
        return cls(**fixed, **values, pos=pos, positions=positions)

    return build


FRICTION = Obj(
    "friction item",
    [
        F("issue", Text(300), True, "what gets in the customer's way"),
        F("severity", Scale(1, 5, SEVERITIES), True, "1..5, or low|medium|high|critical"),
        F("category", Enum(CATEGORIES), doc="the quality dimension it belongs to"),
    ],
    build=_build(m.Friction),
)

OPPORTUNITY = Obj(
    "opportunity",
    [
        F("idea", Text(300), True, "what could be done"),
        F("effort", Enum(EFFORTS), doc="low | medium | high"),
        F("impact", Ratio(), doc='expected relative cut of the stage\'s drop-off, e.g. "20%"'),
        F("owner", Text(100), doc="who would do it"),
    ],
    build=_build(m.Opportunity),
)

TOUCHPOINT = Obj(
    "touchpoint",
    [
        F("id", Id(), True, "unique within the whole journey (stage ids too)"),
        F("title", Text(120), True, "the card's heading on the map"),
        F("channel", Text(40), True, f"free text; well-known: {', '.join(CHANNELS)}"),
        F("emotion", Scale(-2, 2, EMOTIONS), True, "-2..2, or " + " | ".join(EMOTIONS)),
        F("owner", Text(100), doc="team responsible for this touchpoint"),
        F("thoughts", Text(500), doc="the customer's own words"),
        F("friction", ListOf(FRICTION, max_items=50), doc="obstacles and pain points"),
        F("opportunities", ListOf(OPPORTUNITY, max_items=50), doc="ideas to remove friction"),
        F("metrics", METRICS_MAP, doc="known: " + ", ".join(METRICS) + "; others allowed"),
        F("backstage", ListOf(Text(300), max_items=50), doc="the service-blueprint lane"),
    ],
    build=_build(m.Touchpoint),
)

STAGE = Obj(
    "stage",
    [
        F("id", Id(), True, "unique within the whole journey (touchpoint ids too)"),
        F("title", Text(120), True, "the stage's column heading"),
        F("phase", Enum(PHASES), doc="lifecycle phase: " + " | ".join(PHASES)),
        F("goal", Text(300), doc="what the customer wants here"),
        F("description", Text(2000), doc="notes for the team"),
        F("next", ListOf(Id(), max_items=50), doc="default: the following stage; [] = may end"),
        F("end", Bool(), doc="the journey may end here even though `next` leads on"),
        F(
            "touchpoints",
            ListOf(TOUCHPOINT, max_items=200),
            doc="in the order the customer meets them",
        ),
        F("metrics", METRICS_MAP, doc="stage-level metrics"),
    ],
    build=_build(m.Stage),
)

PERSONA = Obj(
    "persona",
    [
        F("name", Text(120), True, "shown on maps"),
        F("description", Text(1000), doc="who they are and what they want"),
        F("type", Enum(PERSONA_TYPES), doc="customer type: " + " | ".join(PERSONA_TYPES)),
    ],
)

JOURNEY_HEADER = Obj(
    "journey",
    [
        F("id", Id(), True, "names the journey in reports and file names"),
        F("title", Text(200), True, "shown on maps and reports"),
        F("description", Text(2000), doc="what the journey covers"),
        F("owner", Text(100), doc="team responsible for the journey"),
        F("persona", Id(), doc="whose journey this is: a key of personas"),
    ],
)

DATA = Obj(
    "data",
    [
        F("events", Text(1000), doc="event log: CSV, Parquet or JSON Lines, relative to this file"),
        F("funnel", Text(1000), doc="funnel counts CSV (stage,customers), relative to this file"),
        F(
            "columns",
            Obj(
                "columns",
                [
                    F("customer_id", Text(100)),
                    F("stage", Text(100)),
                    F("timestamp", Text(100)),
                    F("segment", Text(100)),
                ],
                build=lambda v, p, ps: m.DataColumns(**v),
            ),
            doc="the data's own column names",
        ),
        F(
            "steps",
            MapOf(Text(200), Id(), max_items=10_000),
            doc="the data's event names mapped to stage or touchpoint ids",
        ),
    ],
)

FILE = Obj(
    "journey file",
    [
        F("$schema", Text(1000), doc="JSON Schema URL, for editors"),
        F(
            "cjm",
            Const(VERSION, "unsupported format version {}; this cjm reads version 1"),
            True,
            "format version: 1",
        ),
        F("journey", JOURNEY_HEADER, True, "what the journey is"),
        F(
            "personas",
            MapOf(Id(), PERSONA, pair=lambda k, v, p: (k, v), max_items=50),
            doc="customer personas by id",
        ),
        F("stages", ListOf(STAGE, min_items=1, max_items=100), True, "ordered stages"),
        F(
            "thresholds",
            MapOf(Text(64), Number(), max_items=100),
            doc="per-journey thresholds for `cjm check`, e.g. stage_risk: 0.5",
        ),
        F(
            "targets",
            MapOf(METRIC_KEY, TARGET_BOUND, per_key=_KNOWN_METRIC_KIND, max_items=100),
            doc="metric targets overriding the defaults; {min: …} or {max: …} for others",
        ),
        F("data", DATA, doc="where this journey's lifecycle data lives"),
    ],
    doc="A customer journey map (cjm format version 1).",
)
