"""DeckPlan -> PowerPoint: lay the plan out on the template's slide, then write it.

``template.py`` reads and cleans the template; ``area.py`` finds each
layout's safe area; ``layout.py`` holds the drawing primitives; ``slides.py``
one drawer per slide kind; ``canvas.py`` the laid-out deck; ``ooxml.py``
writes it as slide XML in the template's package; ``look.py`` reports
what dnadeck makes of a template. Nothing here decides what a slide says:
the plan has.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import fit
from ..deckplan import DeckPlan
from .area import areas_for
from .canvas import DeckDraw
from .geometry import NoRoom
from .layout import Canvas
from .look import template_warnings
from .ooxml import write_deck
from .slides import DRAWERS
from .template import Template, open_template


def layout_deck(plan: DeckPlan, template: Template) -> DeckDraw:
    """Lay every planned slide out on ``template``: its size, layouts, furniture, fonts and colours."""
    where = plan.origins.get("template", (plan.source, None))
    fonts = fit.fonts_for(template.major_font, template.minor_font)
    areas = areas_for(template, where)
    canvas = Canvas(
        template.width,
        template.height,
        areas,
        plan.footer,
        plan.continued,
        continued_notes=plan.continued_notes,
        date=plan.long_date,
        where=where,
        logo_where=plan.origins.get("logo", (plan.source, None)),
    )
    canvas.footer_lang, canvas.continued_notes_lang = plan.footer_lang, plan.continued_notes_lang
    with fit.measuring(fonts):
        for slide in plan.slides:
            canvas.title_lang, canvas.notes_lang = slide.title_lang, slide.notes_lang
            try:
                drawer = DRAWERS[slide.kind]
                canvas.role = drawer.role
                drawer.draw(canvas, slide)
            except fit.NoSpace:
                raise canvas.no_room("text", slide.title).on(slide) from None
            except NoRoom as exc:
                raise exc.on(slide) from None
    return DeckDraw(
        width=template.width,
        height=template.height,
        slides=tuple(canvas.slides),
        title=plan.title,
        subject=plan.subject or plan.series,
        author=plan.presenter or plan.organisation or "dnadeck",
        keywords=plan.series,
        language=plan.language,
        warnings=template_warnings(template, fonts, canvas.areas.values()),
    )


def template_for(plan: DeckPlan) -> Template:
    """The plan's template, opened and cleaned (ours if it names none)."""
    where = plan.origins.get("template", (plan.source, None))
    return open_template(Path(plan.template) if plan.template else None, where)


def draw(plan: DeckPlan, template: Template | None = None) -> DeckDraw:
    """The plan laid out on its template."""
    return layout_deck(plan, template or template_for(plan))


@dataclass(frozen=True)
class Rendered:
    """A deck written: its bytes, how many slides it has, what the template made us change."""

    data: bytes
    slides: int
    warnings: tuple[str, ...]


def render(plan: DeckPlan) -> Rendered:
    """``plan`` drawn on its template and written as a .pptx."""
    template = template_for(plan)
    deck = draw(plan, template)
    return Rendered(write_deck(template, deck), len(deck.slides), deck.warnings)


def render_bytes(plan: DeckPlan) -> bytes:
    """The .pptx bytes of ``plan`` drawn on its template."""
    return render(plan).data


__all__ = ["DeckDraw", "Template", "draw", "layout_deck", "open_template", "render", "render_bytes", "template_for"]
