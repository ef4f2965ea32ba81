"""`dnadeck schema`: the guide format's JSON Schema accepts every shipped guide."""

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
from dnadeck.schema import guide_schema, schema_text

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
