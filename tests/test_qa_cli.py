"""Regressions found by exercising the CLI as its users would (QA pass): outputs, inputs,
and hostile files, through click's runner on real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjm.cli import cli
from tests.conftest import JOURNEYS

ONLINE = JOURNEYS / "online-store.yaml"


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def starter(tmp_path) -> Path:
    assert run("init", tmp_path).exit_code == 0
    return tmp_path / "journey.yaml"


def test_render_refuses_to_overwrite_its_journey(starter):
    before = starter.read_bytes()
    for target in (starter, starter.parent / ".." / starter.parent.name / starter.name):
        result = run("render", starter, "-o", target, "-f", "svg")
        assert result.exit_code == 2
        assert "inputs are never overwritten" in result.output
        assert "Traceback" not in result.output
    assert starter.read_bytes() == before


def test_render_refuses_to_overwrite_its_data(tmp_path, starter):
    data = tmp_path / "funnel.csv"
    shutil.copy(JOURNEYS / "online-store-funnel.csv", data)
    before = data.read_bytes()
    result = run("render", starter, "--data", data, "-o", data, "-f", "dot")
    assert result.exit_code == 2
    assert data.read_bytes() == before


def test_score_refuses_to_overwrite_its_journey(starter):
    before = starter.read_bytes()
    result = run("score", starter, "-o", starter)
    assert result.exit_code == 2
    assert "inputs are never overwritten" in result.output
    assert starter.read_bytes() == before


@pytest.mark.parametrize("name", ["map.jpg", "map", "map.svgz"])
def test_render_unknown_extension_is_a_usage_error(tmp_path, starter, name):
    out = tmp_path / name
    result = run("render", starter, "-o", out)
    assert result.exit_code == 2
    assert "--format" in result.output
    assert not out.exists()


def test_render_explicit_format_accepts_any_name(tmp_path, starter):
    out = tmp_path / "map.image"
    assert run("render", starter, "-o", out, "-f", "dot").exit_code == 0
    assert out.read_text(encoding="utf-8").lstrip().startswith(("digraph", "strict"))


def test_schema_to_a_missing_folder_is_an_error_not_a_traceback(tmp_path):
    result = run("schema", "-o", tmp_path / "no" / "such" / "s.json")
    assert result.exit_code == 2
    assert "cannot write" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_score_to_a_missing_folder_is_an_error_not_a_traceback(tmp_path, starter):
    result = run("score", starter, "-o", tmp_path / "no" / "such" / "s.json")
    assert result.exit_code == 2
    assert "cannot write" in result.output
    assert isinstance(result.exception, SystemExit)


def test_init_where_a_folder_cannot_be_made_is_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("init", blocker / "sub")
    assert result.exit_code == 2
    assert "cannot create" in result.output
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_folder_that_cannot_be_listed_is_reported(tmp_path, monkeypatch, starter, command):
    import os

    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(starter, locked / "hidden-from-us.yaml")
    real_scandir, real_stat = os.scandir, os.stat

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def stat(path, *args, **kwargs):  # as for a user without search (x) permission on it
        if Path(path).parent == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)
    result = run(command, tmp_path)
    assert result.exit_code == 2
    assert f"{locked}:1:1: error: cannot read file" in result.output
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("cjm: 1\njourney: " + "[" * 5000 + "]" * 5000 + "\n", "2:73"),
        ("cjm: 1\njourney: " + "{a: " * 1500 + "1" + "}" * 1500 + "\n", "2:262"),
    ],
)
def test_deep_nesting_is_a_positioned_error(tmp_path, text, where):
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 2
    assert f"{path}:{where}: error: nesting deeper than 64 levels" in result.output


def test_unclosed_bracket_says_where_it_was_opened(tmp_path):
    path = tmp_path / "flow.yaml"
    path.write_bytes(b"cjm: 1\r\njourney:\r\n  id: a\r\n  title: [Shop\r\n  owner: me\r\n")
    result = run("validate", path)
    assert result.exit_code == 2
    assert f"{path}:5:8: error: invalid YAML:" in result.output
    assert "the [ opened at line 4, column 10 is not closed" in result.output


def test_schema_is_draft_07_for_editors():
    import json

    import jsonschema

    doc = json.loads(run("schema").output)
    assert doc["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(doc)
    newer = {"$defs", "prefixItems", "unevaluatedProperties", "dependentRequired", "$anchor"}
    newer |= {"dependentSchemas", "unevaluatedItems", "$dynamicRef", "minContains"}

    def keys(node):
        if isinstance(node, dict):
            for k, v in node.items():
                yield k
                if k not in ("properties", "patternProperties"):
                    yield from keys(v)
                else:
                    for sub in v.values():
                        yield from keys(sub)
        elif isinstance(node, list):
            for item in node:
                yield from keys(item)

    assert not newer & set(keys(doc))


@pytest.mark.parametrize(
    "args",
    [
        ("check", "{j}", "--format", "junit", "-o", "{j}"),
        ("check", "{j}", "--write-baseline", "{j}"),
        ("diff", "{j}", "{j}", "-o", "{j}"),
    ],
)
def test_check_and_diff_never_overwrite_a_journey(starter, args):
    before = starter.read_bytes()
    result = run(*(a.format(j=starter) for a in args))
    assert result.exit_code == 2
    assert "overwrit" in result.output
    assert starter.read_bytes() == before


def test_a_number_in_quotes_is_named_as_such(tmp_path, starter):
    text = starter.read_text(encoding="utf-8")
    bad = tmp_path / "quoted.yaml"
    bad.write_text(text.replace("emotion: neutral", 'emotion: "1"', 1), encoding="utf-8")
    result = run("validate", bad)
    assert result.exit_code == 2
    assert "got the text '1' (a number in quotes: remove the quotes)" in result.output


def test_validate_follows_linked_folders_once_even_in_a_loop(tmp_path, starter):
    tree, other = tmp_path / "tree", tmp_path / "other"
    (tree / "a").mkdir(parents=True)
    other.mkdir()
    shutil.copy(starter, tree / "a" / "own.yaml")
    shutil.copy(starter, other / "linked.yaml")
    (tree / "a" / "shared").symlink_to(other, target_is_directory=True)
    (tree / "a" / "up").symlink_to(tree, target_is_directory=True)  # a loop
    (tree / "again").symlink_to(other, target_is_directory=True)  # the same folder twice
    result = run("validate", tree)
    assert result.exit_code == 0, result.output
    assert result.output.count("ok ") == 2
    assert "linked.yaml" in result.output
