"""The guide format, made from the pydantic models so it cannot drift from what ``load`` accepts.

As JSON Schema, for editors (completion, red squiggles, what each key is); and,
for people, two tables in ``docs/guide-format.md``, which ``tools/write_docs.py``
writes: the keys of a guide file (each ``GuideFile`` field's docstring) and the
slide kinds (each model's ``KEYS`` and ``SHOWS``, with its default minutes).
"""

from __future__ import annotations

import json
from typing import Any

from .model import REQUIRED_UNLESS_EXTENDS, SLIDE_CLASSES, SLIDE_KINDS, DefaultMinutes, GuideFile

SCHEMA_FILE = "dnadeck.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"
# Where the tables stand in docs/guide-format.md.
KEYS_START = (
    "<!-- The keys of a guide file, made from src/dnadeck/model.py by tools/write_docs.py: edit them there. -->"
)
KEYS_END = "<!-- The end of the keys. -->"
KINDS_START = "<!-- The slide kinds, made from src/dnadeck/model.py by tools/write_docs.py: edit them there. -->"
KINDS_END = "<!-- The end of the slide kinds. -->"


def guide_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a guide or custom-deck file."""
    schema = GuideFile.model_json_schema()
    for name, what in key_descriptions().items():
        schema["properties"][name]["description"] = what  # one line, as editors show it
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "dnadeck guide"
    schema["description"] = "A dnadeck guide (title: and slides:) or custom deck (extends: a pack id or file)."
    return schema


def schema_text() -> str:
    return json.dumps(guide_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def key_descriptions() -> dict[str, str]:
    """What each key of a guide file is, in one line: its field's docstring."""
    return {name: " ".join((field.description or "").split()) for name, field in GuideFile.model_fields.items()}


def keys_text() -> str:
    """The keys of a guide file as the guide format's documentation lists them."""
    rows = [
        f"| `{name}` | {'yes (unless `extends`)' if name in REQUIRED_UNLESS_EXTENDS else 'no'} | {what} |"
        for name, what in key_descriptions().items()
    ]
    return "\n".join([KEYS_START, "| key | required | what |", "|---|---|---|", *rows, KEYS_END]) + "\n"


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
    return _made_again(document, KINDS_START, KINDS_END, kinds_text())


def with_tables(document: str) -> str:
    """``document`` (docs/guide-format.md) with its tables of keys and of slide kinds made again."""
    return with_kinds(_made_again(document, KEYS_START, KEYS_END, keys_text()))


def _made_again(document: str, start_mark: str, end_mark: str, text: str) -> str:
    before, start, rest = document.partition(start_mark)
    _, end, after = rest.partition(end_mark + "\n")
    if not (start and end):
        raise ValueError(f"the document has no {start_mark!r} ... {end_mark!r} part")
    return before + text + after
