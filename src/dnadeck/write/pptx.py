"""The deck (.pptx): the plan drawn on its template, written as slide XML in the template's package."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from .writer import PLAN, Job, Rendered, Writer

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationType

    from ..plan import DeckPlan


def render(plan: DeckPlan) -> Rendered:
    """``plan`` laid out on its template and written as a .pptx."""
    from ..layout import draw, template_for
    from .ooxml import pptx_bytes

    template = template_for(plan)
    deck = draw(plan, template)
    return Rendered(pptx_bytes(template, deck), len(deck.slides), deck.warnings)


def _deck(job: Job, _: bytes) -> bytes:
    job.long("Laying out and writing the deck's")
    job.rendered = render(job.plan)
    return job.rendered.data


def presentation_bytes(prs: PresentationType) -> bytes:
    """The .pptx file's bytes for a deck changed with python-pptx, the same for the same deck,
    with its fingerprint recorded."""
    from .stamp import FIXED_TIME, stamp  # lxml: loaded when a deck is written, not when the command starts

    props = prs.core_properties
    props.created = props.modified = FIXED_TIME  # and no invented 'last printed' date
    raw = io.BytesIO()
    prs.save(raw)
    return stamp(raw.getvalue())


WRITER = Writer(".pptx", "a deck", PLAN, _deck, edited_in="PowerPoint")
