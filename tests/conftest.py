from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JOURNEYS = ROOT / "journeys"


@pytest.fixture
def examples() -> list[Path]:
    return sorted(JOURNEYS.glob("*.yaml"))
