"""The journey format as JSON Schema, for editors (VS Code's YAML extension) and other tools."""

from __future__ import annotations

import json
from typing import Any

from cjm.journey.format import FILE, VERSION

SCHEMA_ID = f"https://cjm.dev/schema/journey-v{VERSION}.json"


def journey_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "cjm journey",
        **FILE.schema(),
    }


def schema_text() -> str:
    return json.dumps(journey_schema(), indent=2, ensure_ascii=False) + "\n"
