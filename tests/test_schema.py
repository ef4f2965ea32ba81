"""The guide format made from the models: `dnadeck schema`'s JSON Schema accepts every shipped guide,
and docs/guide-format.md's table of slide kinds is the models'."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from dnadeck.catalogue import content_dir
from dnadeck.cli import main
from dnadeck.model import SLIDE_KINDS
from dnadeck.schema import KINDS_END, KINDS_START, guide_schema, kinds_text, schema_text, with_kinds

ROOT = Path(__file__).resolve().parent.parent
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


def test_the_guide_formats_table_of_kinds_is_the_models() -> None:
    """docs/guide-format.md lists every slide kind as its model says; tools/write_docs.py writes it."""
    docs = (ROOT / "docs" / "guide-format.md").read_text(encoding="utf-8")
    assert with_kinds(docs) == docs, (
        "docs/guide-format.md's slide kinds differ from the models: run tools/write_docs.py"
    )
    table = kinds_text()
    assert table.startswith(KINDS_START) and table.endswith(KINDS_END + "\n")
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(SLIDE_KINDS)
    assert "| `quote` | `text`, `by`; optional `role`" in table and "story 12" in table


def test_a_document_without_the_kinds_part_is_refused() -> None:
    with pytest.raises(ValueError, match="no"):
        with_kinds("# Guide format\n\nNo table here.\n")
