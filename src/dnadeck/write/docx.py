"""The session plan (.docx): the facilitator's Word document, made from the deck's plan.

``handout.py`` draws the document; this makes its bytes for a build and
writes it for a library caller.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_atomic
from .writer import PLAN, Job, Writer

if TYPE_CHECKING:
    from ..model import Guide
    from ..plan import DeckPlan


def _session_plan(job: Job, _: bytes) -> bytes:
    from ..handout import document_bytes, handout_document, slide_numbers

    job.long("Laying out the deck's")
    numbers = slide_numbers(job.drawn())
    job.long("Writing the session plan for")
    return document_bytes(handout_document(job.plan, numbers))


def save_handout(deck: Guide | DeckPlan, path: str | Path) -> Path:
    """Write the session plan for a guide or its plan to ``path`` (.docx) atomically."""
    from ..handout import handout_bytes

    path = Path(path)
    write_atomic(path, handout_bytes(deck))
    return path


WRITER = Writer(".docx", "a session plan", PLAN, _session_plan, edited_in="Word")
