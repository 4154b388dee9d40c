"""Property tests: any text survives each escaper as inert text."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm.render.dotrun import run_graphviz
from cjm.render.dotsrc import Html
from cjm.render.escape import clean, html_label, mermaid_label, mermaid_plain
from tests.render.helpers import groups, parse_svg, texts

SPECIAL = [*"<>&\"'\\/:;#%{}[]|`=-NGLlrTHE ", "\n", "\x00", "\u202e", "я", "😀"]
nasty = st.text(alphabet=st.sampled_from(SPECIAL), max_size=60)
anything = st.one_of(nasty, st.text(max_size=80))


@given(anything)
def test_html_label_leaves_only_our_markup_and_paired_backslashes(text):
    label = html_label(text, 12)
    body = label.replace("<BR/>", "\n")
    assert "<" not in body and ">" not in body and '"' not in body
    assert re.fullmatch(r"(?:[^&]|&(?:amp|lt|gt|quot|#x27|#93);)*", body)
    assert all(len(run) % 2 == 0 for run in re.findall(r"\\+", body))


@given(anything)
def test_mermaid_text_cannot_form_syntax(text):
    for out in (mermaid_label(text), mermaid_plain(text)):
        assert "\n" not in out and "%%" not in out and '"' not in out and "<" not in out
    plain = mermaid_plain(text)
    assert not set(plain) & set(":;#%{}<>`\\")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(anything, min_size=1, max_size=8))
def test_dot_shows_any_text_as_text(strings):
    nodes = [
        f"n{i} [shape=plain label=<{Html(html_label(s, None) or ' ')}>];"
        for i, s in enumerate(strings)
    ]
    root = parse_svg(run_graphviz("digraph g {\n" + "\n".join(nodes) + "\n}", "svg"))
    found = groups(root, "node")
    assert len(found) == len(strings)
    for i, s in enumerate(strings):
        shown = "".join(texts(found[f"n{i}"])).replace("\xa0", " ")
        assert re.sub(r"\s+", "", shown) == re.sub(r"\s+", "", clean(s))
