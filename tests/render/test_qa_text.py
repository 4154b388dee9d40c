"""Text on the map as a designer sees it (QA pass): words wrap, joiners survive."""

from __future__ import annotations

import json

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cjm.cli import cli
from cjm.render.escape import wrap
from tests.render.helpers import all_text, groups, parse_svg, texts


@given(st.text(min_size=1, max_size=80), st.integers(min_value=3, max_value=40))
def test_wrapped_lines_fit_and_lose_no_character(text, width):
    lines = wrap(text, width)
    assert all(len(line) <= width for line in lines)
    joined = "".join(lines)
    original = "".join(wrap(text, None)).replace(" ", "").replace("\n", "")
    assert joined.replace(" ", "").replace("-", "") == original.replace("-", "")


def test_long_words_break_at_their_hyphen_or_take_one():
    assert wrap("Customer-success kick-off", 14) == ["Customer-", "success", "kick-off"]
    assert wrap("Pneumonoultramicroscopic", 12) == ["Pneumonoult-", "ramicroscop-", "ic"]
    assert wrap("客户旅程客户旅程", 4) == ["客户旅程", "客户旅程"]  # CJK breaks without one


def _journey(tmp_path, titles):
    doc = {
        "cjm": 1,
        "journey": {"id": "j", "title": "Joiners"},
        "stages": [
            {
                "id": "s",
                "title": "Wide stage with plenty of room for captions",
                "goal": "A goal long enough to make this stage column wide, really wide",
                "touchpoints": [
                    {"id": f"t{i}", "title": t, "channel": "web", "emotion": 0}
                    for i, t in enumerate(titles)
                ],
            }
        ],
    }
    path = tmp_path / "j.yaml"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _svg(tmp_path, path):
    out = tmp_path / "map.svg"
    result = CliRunner().invoke(cli, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return parse_svg(out.read_bytes())


def test_emoji_and_persian_joiners_reach_the_map(tmp_path):
    family = "Family \U0001f468\u200d\U0001f469\u200d\U0001f467"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # mi-khaham, with a ZWNJ
    text = all_text(_svg(tmp_path, _journey(tmp_path, [family, persian])))
    assert "\U0001f468\u200d\U0001f469\u200d\U0001f467" in text
    assert persian in text


def test_curve_caption_keeps_a_word_whole_when_its_column_has_room(tmp_path):
    svg = _svg(tmp_path, _journey(tmp_path, ["Customer-success kick-off"]))
    assert texts(groups(svg, "node")["ct0"]) == ["Customer-success", "kick-off"]


def test_svg_keeps_spaces_and_colour_faces_in_browsers(tmp_path):
    path = _journey(tmp_path, ["Social ad"])
    for name in ("map.svg", "grid.svg", "report.html"):
        out = tmp_path / name
        view = "grid" if name.startswith("grid") else "map"
        result = CliRunner().invoke(cli, ["render", str(path), "-o", str(out), "--view", view])
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        assert "white-space:pre" in text  # else " (low)" after a bold run loses its space
        assert 'local("Noto Color Emoji")' in text
        assert "url(" not in text and "@import" not in text  # nothing to fetch
    root = parse_svg((tmp_path / "map.svg").read_bytes())
    assert root.find("{http://www.w3.org/2000/svg}style") is not None


def test_a_long_owner_wraps_instead_of_stretching_its_card(tmp_path):
    path = tmp_path / "j.yaml"
    owner = "customer-success-and-onboarding-operations-team-emea-north-x"[:60]
    doc = {
        "cjm": 1,
        "journey": {"id": "j", "title": "Owners"},
        "stages": [
            {
                "id": "s",
                "title": "S",
                "touchpoints": [
                    {"id": "t", "title": "T", "channel": "web", "owner": owner, "emotion": 0},
                    {"id": "u", "title": "U", "channel": "web", "owner": "crm", "emotion": 0},
                ],
            }
        ],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "map.dot"
    assert CliRunner().invoke(cli, ["render", str(path), "-o", str(out)]).exit_code == 0
    dot = out.read_text(encoding="utf-8")
    assert owner not in dot
    assert "web<BR/>customer-success-" in dot
    assert "web · crm" in dot  # a short pair stays on one line


def test_stage_headers_are_centred_whatever_their_width(tmp_path):
    path = _journey(tmp_path, ["A"])
    out = tmp_path / "map.dot"
    assert CliRunner().invoke(cli, ["render", str(path), "-o", str(out)]).exit_code == 0
    dot = out.read_text(encoding="utf-8")
    header = dot[dot.index("subgraph cluster_s0") :].splitlines()[1]
    assert 'labeljust="c"' in header


def test_scored_map_names_its_data_file_not_a_full_path(tmp_path):
    import shutil

    from tests.conftest import JOURNEYS

    deep = tmp_path / ("a-folder-with-a-long-name-" * 3) / "exports"
    deep.mkdir(parents=True)
    data = deep / "events-2024.csv"
    shutil.copy(JOURNEYS / "online-store-events.csv", data)
    for name in ("map.svg", "report.html"):
        out = tmp_path / name
        args = ["render", str(JOURNEYS / "online-store.yaml"), "--data", str(data), "-o", str(out)]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8").replace("&#45;", "-")
        assert "(events-2024.csv)" in text or ": events-2024.csv" in text
        assert str(tmp_path) not in text


def test_watch_says_when_the_journey_is_gone_and_renders_when_it_is_back(tmp_path):
    import shutil
    import subprocess
    import sys
    import time

    from tests.conftest import JOURNEYS

    journey = tmp_path / "j.yaml"
    shutil.copy(JOURNEYS / "online-store.yaml", journey)
    out = tmp_path / "live.dot"
    args = ["watch", str(journey), "-o", str(out), "--no-data", "--debounce", "0.1"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "cjm", *args, "--max-renders", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while not out.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        text = journey.read_text(encoding="utf-8")
        journey.unlink()
        time.sleep(1.6)
        journey.write_text(text.replace("first purchase", "back again"), encoding="utf-8")
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, stderr
    assert f"{journey} is gone; waiting for it to come back" in stderr
    assert stdout.count("rendered") == 2
    assert "back again" in out.read_text(encoding="utf-8")


def test_html_report_prints_the_whole_map(tmp_path):
    path = _journey(tmp_path, ["A"])
    out = tmp_path / "report.html"
    assert CliRunner().invoke(cli, ["render", str(path), "-o", str(out)]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    printed = html[html.index("@media print{") :]  # no print style: the scroll box cuts it
    printed = printed[: printed.index("}}")]
    assert ".map{overflow:visible" in printed
    assert ".map svg{max-width:100%" in printed


def test_a_png_for_a_sheet_has_print_resolution(tmp_path):
    import struct

    from tests.conftest import JOURNEYS

    out = tmp_path / "poster.png"
    args = ["render", str(JOURNEYS / "saas-trial.yaml"), "--view", "grid", "--paper", "a3"]
    assert CliRunner().invoke(cli, [*args, "-o", str(out)]).exit_code == 0
    width, _ = struct.unpack(">II", out.read_bytes()[16:24])
    assert width >= 15 * 140  # about 15 in across at print resolution, not the screen's 96 dpi
