"""docs/rules.md is generated from the rule modules; escapers keep user text inert."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cjm.escape import github_data, github_property, markdown, xml_text
from cjm.rules.docs import rules_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_rules_doc_is_in_sync():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "run: python scripts/gen_rules_doc.py"


def test_pre_commit_hooks_run_real_commands():
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"cjm-validate", "cjm-check"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["entry"].startswith("cjm ")
        cmd = [*hook["entry"].split(), "journeys/online-store.yaml"]
        proc = subprocess.run(
            [sys.executable, "-m", "cjm", *cmd[1:]], cwd=ROOT, capture_output=True, text=True
        )
        assert proc.returncode in (0, 1), proc.stderr
        assert "Traceback" not in proc.stderr


@given(st.text())
def test_github_escapes_leave_one_line(text):
    for esc in (github_data, github_property):
        out = esc(text)
        assert "\n" not in out and "\r" not in out
    assert ":" not in github_property(text) and "," not in github_property(text)


@given(st.text())
def test_markdown_escape_keeps_tables_and_html_inert(text):
    out = markdown(text)
    assert "<" not in out and "\n" not in out
    assert "|" not in out.replace("\\|", "")


@given(st.text())
def test_xml_text_is_always_serialisable(text):
    import xml.etree.ElementTree as ET

    el = ET.Element("x", a=xml_text(text))
    el.text = xml_text(text)
    ET.fromstring(ET.tostring(el))
