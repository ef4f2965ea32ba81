"""The guide format as JSON Schema, for editors (completion, red squiggles).

Made from the pydantic models, so it cannot drift from what ``load`` accepts.
"""

from __future__ import annotations

import json
from typing import Any

from .model import GuideFile

SCHEMA_FILE = "dnadeck.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"


def guide_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a guide or custom-deck file."""
    schema = GuideFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "dnadeck guide"
    schema["description"] = "A dnadeck guide (title: and slides:) or custom deck (extends: a pack id or file)."
    return schema


def schema_text() -> str:
    return json.dumps(guide_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
