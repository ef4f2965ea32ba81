"""The library's deck functions: guide -> plan -> laid-out deck -> bytes or file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from . import save
from .deckplan import DeckPlan
from .model import Guide
from .plan import plan_deck

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationType

    from .render.canvas import DeckDraw


def _plan(deck: Guide | DeckPlan) -> DeckPlan:
    return plan_deck(deck) if isinstance(deck, Guide) else deck


def layout_deck(deck: Guide | DeckPlan) -> DeckDraw:
    """Every slide of the deck as laid out (continuation slides included), not yet written."""
    from .render import draw

    return draw(_plan(deck))


def deck_bytes(deck: Guide | DeckPlan | PresentationType) -> bytes:
    """The .pptx file's bytes for a guide, a plan, or a Presentation changed with python-pptx."""
    if isinstance(deck, (Guide, DeckPlan)):
        from .render import render_bytes

        return render_bytes(_plan(deck))
    return save.presentation_bytes(deck)


def build_deck(deck: Guide | DeckPlan) -> PresentationType:
    """The deck as a python-pptx Presentation, to change further with python-pptx."""
    from pptx import Presentation

    return Presentation(io.BytesIO(deck_bytes(deck)))


def save_deck(deck: Guide | DeckPlan | PresentationType, path: str | Path, *, force: bool = False) -> Path:
    """Build (if needed) and write the deck to ``path`` atomically.

    An existing file at ``path`` is replaced only if it is a deck dnadeck
    wrote and nobody has changed since, or with ``force``; else OutputError.
    """
    path = Path(path)
    save.check_output(path, force=force, inputs=save.files_read(deck) if isinstance(deck, Guide) else ())
    save.write_atomic(path, deck_bytes(deck))
    return path
