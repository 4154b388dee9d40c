"""Labels follow the journey's language: a Russian journey reads Russian throughout."""

from __future__ import annotations

import pytest

from cjm.journey import load_journey
from cjm.render import theme
from cjm.render.grid import grid_dot
from cjm.render.mapview import map_dot
from cjm.render.pipeline import render
from cjm.render.words import EN, LANGUAGES, RU, detect
from tests.conftest import JOURNEYS
from tests.render.helpers import all_text, parse_svg


@pytest.fixture(scope="module")
def bank():
    return load_journey(JOURNEYS / "bank-debit-card.yaml")


def test_every_language_has_every_word():
    for words in LANGUAGES.values():
        assert set(words.lanes) == set(EN.lanes) and set(words.html) == set(EN.html)
        assert set(words.severity) == set(theme.SEVERITY_COLOURS)
        assert set(words.emotion) == set(theme.EMOTION_FACES)
        assert len(words.risk_bins) == len(theme.RISK_BINS)
        assert set(words.units) == {"d", "h", "min", "s"}


def test_language_is_detected_from_the_titles(bank):
    assert detect(bank) == "ru"
    assert detect(load_journey(JOURNEYS / "online-store.yaml")) == "en"


def test_russian_map_and_poster_carry_russian_labels(bank):
    text = all_text(parse_svg(render(bank, "svg")))
    for word in ("Легенда", "Кривая эмоций", "Цель:", "Персона:", "ПРИВЛЕЧЕНИЕ", "барьер:"):
        assert word in text
    assert "Goal:" not in text and "Legend" not in text and "friction" not in text
    poster = grid_dot(bank)
    for lane in RU.lanes.values():
        if lane != RU.lanes["risk"]:
            assert f"<B>{lane}</B>" in poster
    assert "Первый ответ" in poster and "мин" in poster


def test_lang_option_overrides_detection(bank):
    assert "Goal:" in map_dot(bank, words=EN)
    data = render(bank, "html", lang="en")
    assert b'<html lang="en">' in data and b"<h2>Friction</h2>" in data
    ru = render(bank, "html")
    assert b'<html lang="ru">' in ru and "<h2>Барьеры</h2>".encode() in ru
