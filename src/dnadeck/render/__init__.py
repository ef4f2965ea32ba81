"""DeckPlan -> PowerPoint: lay the plan out on the template's slide, then write it.

``template.py`` reads and cleans the template; ``layout.py`` holds the
drawing primitives; ``slides.py`` one drawer per slide kind; ``canvas.py``
the laid-out deck; ``ooxml.py`` writes it as slide XML in the template's
package. Nothing here decides what a slide says: the plan has.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import theme
from ..deckplan import DeckPlan
from .canvas import DeckDraw
from .layout import Canvas
from .ooxml import write_deck
from .slides import DRAWERS
from .template import Template, open_template


def layout_deck(plan: DeckPlan, width: int, height: int, layouts: Callable[[str], str]) -> DeckDraw:
    """Lay every planned slide out on a ``width`` x ``height`` EMU slide."""
    canvas = Canvas(
        width,
        height,
        layouts,
        plan.footer,
        plan.continued,
        where=plan.origins.get("template", (plan.source, None)),
        logo_where=plan.origins.get("logo", (plan.source, None)),
    )
    for slide in plan.slides:
        DRAWERS[slide.kind](canvas, slide)
    return DeckDraw(
        width=width,
        height=height,
        slides=tuple(canvas.slides),
        title=plan.title,
        subject=f"{plan.series} staff stories",
        author=plan.presenter or plan.organisation or "dnadeck",
        keywords=plan.series,
        language=plan.language,
    )


def template_for(plan: DeckPlan) -> Template:
    """The plan's template, opened and cleaned (ours if it names none)."""
    where = plan.origins.get("template", (plan.source, None))
    return open_template(Path(plan.template) if plan.template else None, where)


def draw(plan: DeckPlan, template: Template | None = None) -> DeckDraw:
    """The plan laid out on its template."""
    template = template or template_for(plan)
    return layout_deck(plan, template.width, template.height, lambda role: template.layout_for(theme.LAYOUTS[role]))


def render_bytes(plan: DeckPlan) -> bytes:
    """The .pptx bytes of ``plan`` drawn on its template."""
    template = template_for(plan)
    return write_deck(template, draw(plan, template))


__all__ = ["DeckDraw", "Template", "draw", "layout_deck", "open_template", "render_bytes", "template_for"]
