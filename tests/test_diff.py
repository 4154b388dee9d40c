"""cjm diff: two files, or the working copy against a git revision."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjm.cli import cli
from cjm.diff import diff_journeys
from cjm.journey import loads_journey
from cjm.score.result import JourneyScore, StageScore

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "journeys" / "online-store.yaml").read_text(encoding="utf-8")
NEW_STAGE = (
    "  - id: returns\n    title: Return an item\n    phase: loyalty\n    touchpoints:\n"
    "      - {id: return-form, title: Return form, channel: web, owner: web-team, emotion: -1,"
    " friction: [{issue: Label printing, severity: high}]}\n"
)


def edited() -> str:
    text = EXAMPLE.replace("            severity: critical", "            severity: high")
    text = text.replace("        emotion: angry", "        emotion: unhappy")
    text = text.replace("  - id: loyalty\n", NEW_STAGE + "  - id: loyalty\n")
    # remove the friend's recommendation touchpoint
    start = text.index("      - id: friend-recommendation")
    end = text.index("  - id: interest")
    text = text[:start] + text[end:]
    # a data: steps mapping may name it too
    return "".join(
        ln for ln in text.splitlines(True) if not ln.rstrip().endswith(": friend-recommendation")
    )


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_diff_model():
    old = loads_journey(EXAMPLE, "old.yaml")
    new = loads_journey(edited(), "new.yaml")
    d = diff_journeys(old, new)
    got = {(c.kind, c.id, c.status) for c in d.changes}
    assert ("stage", "returns", "added") in got
    assert ("touchpoint", "return-form", "added") in got
    assert ("touchpoint", "friend-recommendation", "removed") in got
    assert ("touchpoint", "chat", "changed") in got
    chat = next(c for c in d.changes if c.id == "chat")
    assert {f.field for f in chat.fields} == {"emotion", "friction"}
    ev = next(x for x in d.deltas if x.stage == "evaluation")
    assert (ev.friction_old, ev.friction_new) == (12, 11)
    assert (ev.emotion_old, ev.emotion_new) == (-1, -0.5)
    ret = next(x for x in d.deltas if x.stage == "returns")
    assert ret.friction_old is None and ret.friction_new == 4
    assert diff_journeys(old, old).empty


def test_diff_risk_deltas_from_scores():
    old = loads_journey(EXAMPLE, "old.yaml")
    s_old = JourneyScore("online-store", (StageScore("evaluation", 0.4),))
    s_new = JourneyScore("online-store", (StageScore("evaluation", 0.3),))
    d = diff_journeys(old, old, old_score=s_old, new_score=s_new)
    ev = next(x for x in d.deltas if x.stage == "evaluation")
    assert (ev.risk_old, ev.risk_new) == (0.4, 0.3) and not d.empty
    from cjm.report.diff import RENDERERS

    assert "| evaluation | 12 | -1.00 | 0.40 → 0.30 (-0.10) |" in RENDERERS["markdown"]([d])


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_diff_cli_formats(tmp_path, fmt):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(EXAMPLE, encoding="utf-8")
    new.write_text(edited(), encoding="utf-8")
    r = run("diff", str(old), str(new), "--format", fmt)
    assert r.exit_code == 0, r.output
    if fmt == "json":
        doc = json.loads(r.output)
        assert doc[0]["journey"] == "online-store"
        assert {c["id"] for c in doc[0]["changes"]} >= {"returns", "chat", "friend-recommendation"}
    else:
        assert "returns" in r.output and "friend-recommendation" in r.output
        assert "12 → 11 (-1)" in r.output
    assert old.read_text(encoding="utf-8") == EXAMPLE


def test_diff_usage_and_invalid_input(tmp_path):
    assert run("diff", str(ROOT / "journeys" / "online-store.yaml")).exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("cjm: 1\nstages: 3\n", encoding="utf-8")
    r = run("diff", str(ROOT / "journeys" / "online-store.yaml"), str(bad))
    assert r.exit_code == 2 and "bad.yaml:" in r.output and "Traceback" not in r.output


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_diff_against_git_revision(tmp_path):
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    j = tmp_path / "journeys" / "store.yaml"
    j.parent.mkdir()
    j.write_text(EXAMPLE, encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "first")
    j.write_text(edited(), encoding="utf-8")
    (tmp_path / "journeys" / "fresh.yaml").write_text(
        EXAMPLE.replace("id: online-store", "id: fresh"), encoding="utf-8"
    )
    r = run("diff", "--git", "HEAD", str(tmp_path / "journeys"), "--format", "json")
    assert r.exit_code == 0, r.output
    by_id = {d["journey"]: d for d in json.loads(r.output)}
    assert "(not in HEAD)" in by_id["fresh"]["old_label"]
    assert all(c["status"] == "added" for c in by_id["fresh"]["changes"])
    assert any(c["id"] == "returns" for c in by_id["online-store"]["changes"])
    r = run("diff", "--git", "no-such-ref", str(j))
    assert r.exit_code == 2 and "unknown revision" in r.output
