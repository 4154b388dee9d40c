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


def _yaml_blocks(text: str) -> list[str]:
    import re

    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def test_documented_config_and_workflow_are_valid(tmp_path):
    import yaml

    from cjm.check.config import parse_config

    doc = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    configs = [b for b in _yaml_blocks(doc) if b.startswith("extends:")]
    assert configs
    for block in configs:
        parse_config(block, "docs.cjm.yaml")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## CI gate: `cjm check`") :]
    blocks = [yaml.safe_load(b) for b in _yaml_blocks(section)]
    workflow = next(b for b in blocks if "jobs" in b)
    steps = workflow["jobs"]["cjm"]["steps"]
    assert any("--format sarif" in s.get("run", "") for s in steps)
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in steps)
    hooks = next(b for b in blocks if "repos" in b)["repos"][0]["hooks"]
    assert {h["id"] for h in hooks} == {"cjm-validate", "cjm-check"}


def test_documented_suppression_works(tmp_path):
    from click.testing import CliRunner

    from cjm.cli import cli

    doc = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    line = next(ln for ln in doc.splitlines() if "# cjm: disable=critical-friction" in ln)
    example = (ROOT / "journeys" / "online-store.yaml").read_text(encoding="utf-8")
    target = "          - issue: Bot without an exit to a person"
    path = tmp_path / "j.yaml"
    path.write_text(example.replace(target, line), encoding="utf-8")
    r = CliRunner().invoke(cli, ["check", str(path)], env={"GITHUB_ACTIONS": ""})
    assert r.exit_code == 0 and "1 suppressed" in r.output
