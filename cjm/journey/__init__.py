"""Journey files: the format, the loader and the typed model."""

from cjm.journey.loader import load_journey, loads_journey
from cjm.journey.model import (
    Friction,
    Journey,
    MetricValue,
    Opportunity,
    Persona,
    Pos,
    Stage,
    Target,
    Touchpoint,
)

__all__ = [
    "Friction",
    "Journey",
    "MetricValue",
    "Opportunity",
    "Persona",
    "Pos",
    "Stage",
    "Target",
    "Touchpoint",
    "load_journey",
    "loads_journey",
]
