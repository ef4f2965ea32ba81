"""The library's deck functions: guide -> plan -> laid-out deck -> bytes or file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import save
from .deckplan import DeckPlan
from .model import Guide
from .plan import plan_deck

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationType


def _plan(deck: Guide | DeckPlan) -> DeckPlan:
    return plan_deck(deck) if isinstance(deck, Guide) else deck


def build_deck(deck: Guide | DeckPlan) -> PresentationType:
    """Draw a guide (or its plan) into a python-pptx Presentation, to change further."""
    from .render import render

    return render(_plan(deck))


def deck_bytes(deck: Guide | DeckPlan | PresentationType) -> bytes:
    """The .pptx file's bytes for a guide, a plan or a built Presentation."""
    prs = build_deck(deck) if isinstance(deck, (Guide, DeckPlan)) else deck
    return save.deck_bytes(prs)


def save_deck(deck: Guide | DeckPlan | PresentationType, path: str | Path, *, force: bool = False) -> Path:
    """Build (if needed) and write the deck to ``path`` atomically.

    An existing file at ``path`` is replaced only if it is a deck dnadeck
    wrote and nobody has changed since, or with ``force``; else OutputError.
    """
    path = Path(path)
    save.check_output(path, force=force, inputs=save.files_read(deck) if isinstance(deck, Guide) else ())
    save.write_atomic(path, deck_bytes(deck))
    return path
