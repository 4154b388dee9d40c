"""The journey format as JSON Schema, for editors (VS Code's YAML extension) and other tools."""

from __future__ import annotations

import json
from typing import Any

from cjm.journey.format import FILE, VERSION

SCHEMA_ID = f"https://cjm.dev/schema/journey-v{VERSION}.json"


def journey_schema() -> dict[str, Any]:
    # Draft-07: the dialect VS Code's YAML extension implements (a 2020-12 schema gets a
    # "not yet fully supported" warning there); the format needs no newer keyword.
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "cjm journey",
        **FILE.schema(),
    }


def schema_text() -> str:
    return json.dumps(journey_schema(), indent=2, ensure_ascii=False) + "\n"
