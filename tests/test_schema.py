"""The guide format made from the models: `dnadeck schema`'s JSON Schema accepts every shipped guide
and says what each key is, and docs/guide-format.md's tables of keys and of slide kinds are the models'."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from dnadeck.catalogue import content_dir
from dnadeck.cli import main
from dnadeck.model import SLIDE_KINDS, DefaultMinutes, GuideFile
from dnadeck.schema import (
    KEYS_END,
    KEYS_START,
    KINDS_END,
    KINDS_START,
    guide_schema,
    keys_text,
    kinds_text,
    schema_text,
    with_kinds,
    with_tables,
)

GUIDE_FORMAT = Path(__file__).resolve().parent.parent / "docs" / "guide-format.md"

PACKS = sorted((content_dir() / "packs").glob("*.yaml"))


def _json_ready(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def _guides(examples: list[Path]) -> list[Path]:
    return [*PACKS, *examples]


def test_schema_accepts_every_pack_and_example(schema: dict[str, Any], examples: list[Path]) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    for path in _guides(examples):
        data = _json_ready(yaml.safe_load(path.read_text(encoding="utf-8")))
        problems = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
        assert not problems, f"{path.name}: {problems}"


def test_schema_rejects_a_typo(schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors({"title": "T", "slides": [{"kind": "story", "stroy": "stay"}]}))
    assert list(validator.iter_errors({"title": "T", "slides": [{"kind": "nope"}]}))


def test_new_points_editors_to_the_schema(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    result = CliRunner().invoke(main, ["new", "resilience", "-o", str(target)])
    assert result.exit_code == 0, result.output
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=dnadeck.schema.json"
    assert json.loads((tmp_path / "dnadeck.schema.json").read_text(encoding="utf-8"))["title"] == "dnadeck guide"


def test_the_command_prints_the_librarys_schema_the_same_every_time(schema: dict[str, Any]) -> None:
    assert schema == guide_schema() == json.loads(schema_text())
    assert schema_text() == schema_text() and schema_text().endswith("}\n")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_table_of_kinds_is_made_from_the_models() -> None:
    """Every kind in the models' order with what it takes and shows, and each kind's default minutes."""
    table = kinds_text()
    assert table.startswith(KINDS_START) and table.endswith(KINDS_END + "\n")
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(SLIDE_KINDS)
    assert "| `quote` | `text`, `by`; optional `role`" in table
    said = re.search(r"take their kind's: ([^.]+)\.", table)
    assert said, "the table no longer says each kind's default minutes"
    documented = dict(m.groups() for m in re.finditer(r"([a-z]+) ([0-9.]+)", said.group(1)))
    assert documented == {k: f"{getattr(DefaultMinutes(), k):g}" for k in SLIDE_KINDS}
    assert documented["story"] == "12"


def test_the_table_of_kinds_is_made_again_in_its_place_and_nothing_else_changes() -> None:
    document = f"# Guide format\n\nBefore.\n\n{KINDS_START}\n| `old` | gone | gone |\n{KINDS_END}\n\nAfter.\n"
    made = with_kinds(document)
    assert made == f"# Guide format\n\nBefore.\n\n{kinds_text()}\nAfter.\n"
    assert "`old`" not in made and with_kinds(made) == made


def test_a_document_without_the_kinds_part_is_refused() -> None:
    with pytest.raises(ValueError, match="no"):
        with_kinds("# Guide format\n\nNo table here.\n")


def test_the_schema_says_what_each_key_is_in_one_line(schema: dict[str, Any]) -> None:
    """What an editor shows as a key is typed or pointed at."""
    said = {key: spec["description"] for key, spec in schema["properties"].items()}
    assert sorted(said) == sorted(GuideFile.model_fields)
    for key, what in said.items():
        assert what and "\n" not in what and "  " not in what, key
    assert said["date"].startswith("`YYYY-MM-DD`") and "custom deck" in said["stories"]


def test_the_table_of_keys_is_made_from_the_model_and_the_document_has_it() -> None:
    table = keys_text()
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(GuideFile.model_fields)
    required = {row.split("`")[1] for row in rows if "| yes (unless `extends`) |" in row}
    assert required == {"title", "slides"}
    assert "| `questions` | no | in a custom deck, the questions to keep" in table
    document = GUIDE_FORMAT.read_text(encoding="utf-8")
    assert table in document
    assert with_tables(document) == document, "docs/guide-format.md is out of date: python tools/write_docs.py"


def test_both_tables_are_made_again_in_their_places() -> None:
    document = (
        f"# Guide format\n\n{KEYS_START}\n| `old` | no | gone |\n{KEYS_END}\n\nBetween.\n\n"
        f"{KINDS_START}\n| `old` | gone | gone |\n{KINDS_END}\n\nAfter.\n"
    )
    made = with_tables(document)
    assert made == f"# Guide format\n\n{keys_text()}\nBetween.\n\n{kinds_text()}\nAfter.\n"
    with pytest.raises(ValueError, match="keys"):
        with_tables(f"# Guide format\n\n{KINDS_START}\n{KINDS_END}\n")
