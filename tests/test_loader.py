"""The loader: every example loads, every invalid case gives its exact positioned problems,
and the JSON Schema agrees with the loader on all of them."""

from __future__ import annotations

import json
import time
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from cjm.cli import cli
from cjm.journey import load_journey, loads_journey
from cjm.journey.schema import journey_schema, schema_text
from cjm.problems import JourneyError

ROOT = Path(__file__).resolve().parent.parent
INVALID = sorted((ROOT / "tests" / "corpus" / "invalid").glob("*.yaml"))
VALIDATOR = jsonschema.Draft7Validator(journey_schema())


def expectations(path: Path) -> tuple[list[str], bool]:
    lines = path.read_text(encoding="utf-8").splitlines()
    expected = [line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: ")]
    schema_blind = any(line.startswith("# schema: accepts") for line in lines)
    return expected, schema_blind


def schema_rejects(text: str) -> bool:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return True
    return any(True for _ in VALIDATOR.iter_errors(data))


def test_corpus_is_large_enough():
    assert len(INVALID) >= 30


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_case_gives_exact_problems(path: Path):
    expected, _ = expectations(path)
    assert expected, f"{path.name} states no expected problem"
    with pytest.raises(JourneyError) as err:
        load_journey(path)
    got = [f"{p.line}:{p.column}: {p.message}" for p in err.value.problems]
    assert got == expected
    assert all(p.file == str(path) and p.severity == "error" for p in err.value.problems)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_schema_agrees_on_invalid_case(path: Path):
    _, schema_blind = expectations(path)
    assert schema_rejects(path.read_text(encoding="utf-8")) is not schema_blind


def test_examples_pass_loader_and_schema(examples):
    assert len(examples) >= 1
    for path in examples:
        journey = load_journey(path)
        assert journey.stages
        assert not schema_rejects(path.read_text(encoding="utf-8")), path.name


def test_committed_schema_matches_cjm_schema():
    committed = (ROOT / "docs" / "cjm.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: cjm schema -o docs/cjm.schema.json"
    jsonschema.Draft7Validator.check_schema(json.loads(committed))


def test_positions_are_kept():
    journey = load_journey(ROOT / "journeys" / "online-store.yaml")
    text = (ROOT / "journeys" / "online-store.yaml").read_text(encoding="utf-8").splitlines()
    for stage in journey.stages:
        assert text[stage.pos.line - 1][stage.pos.column - 1 :].startswith(f"id: {stage.id}")
        for tp in stage.touchpoints:
            line = text[tp.positions["emotion"].line - 1]
            assert "emotion:" in line
            for friction in tp.friction:
                assert friction.issue in text[friction.positions["issue"].line - 1]


def test_defaults_and_normalisation():
    journey = load_journey(ROOT / "journeys" / "online-store.yaml")
    first, last = journey.stages[0], journey.stages[-1]
    assert first.next == (journey.stages[1].id,)
    assert last.next == ("evaluation",) and last.end and last.is_end
    chat = next(tp for tp in journey.touchpoints if tp.id == "chat")
    metrics = {m.key: m.value for m in chat.metrics}
    assert metrics == {"csat": pytest.approx(0.71), "first_response": 660.0, "fcr": 0.62}
    assert journey.targets["csat"].bound == 0.90
    assert max(f.severity for f in chat.friction) == 5  # "critical"


def test_targets_override_defaults():
    text = (ROOT / "tests" / "corpus" / "invalid" / "title-empty.yaml").read_text()
    text = text.replace('title: ""', "title: Site") + "targets:\n  csat: 80%\n  wait: {max: 5m}\n"
    journey = loads_journey(text, "t.yaml")
    assert journey.targets["csat"].bound == pytest.approx(0.8)
    assert (journey.targets["wait"].bound, journey.targets["wait"].direction) == (300.0, "max")
    assert journey.targets["fcr"].bound == 0.85


# --- hostile and broken files: refused fast, with a message, never modified ------------------

LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [
        f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ]
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (LAUGHS.encode(), "alias bomb"),
        (b"a: &a [*a]\n", "recursive alias"),
        (b"cjm: 1\n" + b"#" * 3_000_000, "over the 2,097,152-byte limit"),
        (b"cjm: 1\ntitle: caf\xe9\n", "not valid UTF-8 (byte 0xe9)"),
        (b"", "file is empty"),
        (b"cjm: 1\x00\n", "control character #x0000"),
        (b"!!python/object/apply:os.system [ls]\n", "is not allowed"),
    ],
    ids=["billion-laughs", "recursive", "too-big", "latin-1", "empty", "nul", "python-tag"],
)
def test_hostile_files_are_refused_quickly(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["validate", str(path)])
    elapsed = time.perf_counter() - started
    assert result.exit_code == 2
    assert message in result.output
    assert f"{path}:" in result.output
    assert elapsed < 1.0
    assert path.read_bytes() == content


def test_bom_is_accepted(tmp_path: Path):
    text = (ROOT / "journeys" / "online-store.yaml").read_bytes()
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text)
    assert load_journey(path).id == "online-store"


def test_format_reference_is_in_sync():
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "gen_format_doc.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    committed = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert committed == gen.render(), "run: python scripts/gen_format_doc.py"
