"""The library's deck functions: guide -> plan -> laid-out deck -> bytes, a python-pptx object, or a file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Guide
from .plan import DeckPlan, plan_deck
from .write.atomic import write_atomic
from .write.output import check_output, files_read
from .write.pptx import presentation_bytes

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationType

    from .layout.canvas import DeckDraw


def _plan(deck: Guide | DeckPlan) -> DeckPlan:
    return plan_deck(deck) if isinstance(deck, Guide) else deck


def layout_deck(deck: Guide | DeckPlan) -> DeckDraw:
    """Every slide of the deck as laid out (continuation slides included), not yet written."""
    from .layout import draw

    return draw(_plan(deck))


def deck_bytes(deck: Guide | DeckPlan | PresentationType) -> bytes:
    """The .pptx file's bytes for a guide, a plan, or a Presentation changed with python-pptx."""
    if isinstance(deck, (Guide, DeckPlan)):
        from .write.pptx import render

        return render(_plan(deck)).data
    return presentation_bytes(deck)


def deck_presentation(deck: Guide | DeckPlan) -> PresentationType:
    """The deck as a python-pptx Presentation (in memory), to change further with python-pptx."""
    from pptx import Presentation

    return Presentation(io.BytesIO(deck_bytes(deck)))


def save_deck(deck: Guide | DeckPlan | PresentationType, path: str | Path, *, force: bool = False) -> Path:
    """Build (if needed) and write the deck to ``path`` atomically.

    An existing file at ``path`` is replaced only if it is a deck dnadeck
    wrote and nobody has changed since, or with ``force``; else OutputError.
    """
    path = Path(path)
    check_output(path, force=force, inputs=files_read(deck) if isinstance(deck, Guide) else ())
    write_atomic(path, deck_bytes(deck))
    return path
