"""The web app's work, as it runs in a worker process (see workers.py).

Each job gets an empty ``folder`` (removed by the pool when the job ends)
and the form; it writes the custom deck and its uploads there, loads the
deck with the library as the command line would, and returns plain data.
Nothing in a result names a file of the server: the plan's file fields are
given as the names a facilitator's custom-deck file uses.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .. import Guide, check, deck_bytes, layout_deck, load_guide, pdf_bytes, pdf_pages_to_png, plan_deck
from ..language import untranslated
from . import draw
from .form import DeckForm, untranslated_note


def _write(folder: Path, deck: DeckForm) -> Path:
    """Write the custom deck and its files into ``folder``; the deck file's path."""
    for upload in deck.uploads.values():
        (folder / upload.name).write_bytes(upload.data)
    path = folder / f"{deck.source}.yaml"
    path.write_text(deck.to_yaml(), encoding="utf-8")
    return path


def _load(folder: Path, deck: DeckForm) -> Guide:
    return load_guide(_write(folder, deck))


def deck(folder: Path, form: DeckForm) -> tuple[str, bytes]:
    guide = _load(folder, form)
    return guide.id, deck_bytes(guide)


def handout(folder: Path, form: DeckForm) -> tuple[str, bytes]:
    from .. import handout_bytes  # python-docx loads only when a session plan is asked for

    guide = _load(folder, form)
    return guide.id, handout_bytes(guide)


def checked(folder: Path, form: DeckForm) -> None:
    check(_write(folder, form))


def plan(folder: Path, form: DeckForm) -> dict[str, Any]:
    guide = _load(folder, form)
    deck_plan = plan_deck(guide)
    data = deck_plan.to_json()
    data["layout"] = draw.draw_json(layout_deck(deck_plan), guide.template)
    data["source"] = form.file_name
    data["untranslated"] = _untranslated(guide)
    data["origins"] = {key: [form.file_name, line] for key, (_, line) in deck_plan.origins.items()}
    result: dict[str, Any] = _relative(data, [f"{folder}{os.sep}", f"{Path(__file__).parent.parent}{os.sep}"])
    return result


def _untranslated(guide: Guide) -> dict[str, str] | None:
    """The language of the words dnadeck adds, where not the deck's, and the page's note about it."""
    language = untranslated(guide)
    return None if language is None else {"language": language, "message": untranslated_note(language)}


def _relative(value: Any, folders: list[str]) -> Any:
    """``value`` with every path in ``folders`` written relative to it (an upload's
    path as its file name, a bundled file's as the package's)."""
    if isinstance(value, str):
        for folder in folders:
            if value.startswith(folder):
                return value[len(folder) :]
        return value
    if isinstance(value, dict):
        return {k: _relative(v, folders) for k, v in value.items()}
    if isinstance(value, list):
        return [_relative(v, folders) for v in value]
    return value


def pdf(folder: Path, form: DeckForm, converter: str | None) -> tuple[str, bytes]:
    guide = _load(folder, form)
    return guide.id, pdf_bytes(deck_bytes(guide), f"{guide.id}.pptx", converter)


def pages(folder: Path, form: DeckForm, converter: str | None) -> list[str]:
    name, data = pdf(folder, form, converter)
    out = folder / "out"
    out.mkdir()
    made = out / f"{name}.pdf"
    made.write_bytes(data)
    return draw.read_pages(pdf_pages_to_png(made, out, dpi=48))
