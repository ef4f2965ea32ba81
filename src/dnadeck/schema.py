"""The guide format, made from the pydantic models so it cannot drift from what ``load`` accepts.

As JSON Schema, for editors (completion, red squiggles); and, for people, the
table of slide kinds in ``docs/guide-format.md`` (each model's ``KEYS`` and
``SHOWS``, with its default minutes), which ``tools/write_docs.py`` writes.
"""

from __future__ import annotations

import json
from typing import Any

from .model import SLIDE_CLASSES, SLIDE_KINDS, DefaultMinutes, GuideFile

SCHEMA_FILE = "dnadeck.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"
# Where the table of slide kinds stands in docs/guide-format.md.
KINDS_START = "<!-- The slide kinds, made from src/dnadeck/model.py by tools/write_docs.py: edit them there. -->"
KINDS_END = "<!-- The end of the slide kinds. -->"


def guide_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a guide or custom-deck file."""
    schema = GuideFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "dnadeck guide"
    schema["description"] = "A dnadeck guide (title: and slides:) or custom deck (extends: a pack id or file)."
    return schema


def schema_text() -> str:
    return json.dumps(guide_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def kinds_text() -> str:
    """The slide kinds as the guide format's documentation lists them: each kind's
    default minutes, then a table of what each kind's slide takes and shows."""
    minutes = DefaultMinutes()
    each = ", ".join(f"{kind} {getattr(minutes, kind):g}" for kind in SLIDE_KINDS)
    rows = [f"| `{kind}` | {cls.KEYS} | {cls.SHOWS} |" for kind, cls in zip(SLIDE_KINDS, SLIDE_CLASSES, strict=True)]
    table = ["| kind | keys | what it shows |", "|---|---|---|", *rows]
    return (
        "\n".join([KINDS_START, f"Slides without `minutes:` take their kind's: {each}.", "", *table, "", KINDS_END])
        + "\n"
    )


def with_kinds(document: str) -> str:
    """``document`` (docs/guide-format.md) with its table of slide kinds made again from the models."""
    before, start, rest = document.partition(KINDS_START)
    _, end, after = rest.partition(KINDS_END + "\n")
    if not (start and end):
        raise ValueError(f"the document has no {KINDS_START!r} ... {KINDS_END!r} part")
    return before + kinds_text() + after
