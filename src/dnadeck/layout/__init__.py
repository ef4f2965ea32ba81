"""Layout: DeckPlan -> DeckDraw, every slide's boxes and text placed on the template.

``template.py`` reads and cleans the template (the layout's input);
``area.py`` finds each layout's safe area and ``backdrop.py`` what lies
beneath it; ``geometry.py`` holds the primitives (the design canvas, a box,
"no room"); ``page.py`` the canvas and a page being laid out; ``slides.py``
one drawer per slide kind; ``canvas.py`` the laid-out deck that
``write/ooxml.py`` writes; ``look.py`` reports what dnadeck makes of a
template. Nothing here decides what a slide says (the plan has) or writes
a file (``write`` does).
"""

from __future__ import annotations

from pathlib import Path

from .. import fit
from ..plan import DeckPlan
from .area import areas_for
from .canvas import DeckDraw
from .geometry import NoRoom
from .look import template_warnings
from .page import Canvas
from .slides import DRAWERS
from .template import Template, open_template


def draw(plan: DeckPlan, template: Template | None = None) -> DeckDraw:
    """Lay every planned slide out on ``template`` (the plan's own if None): its size, layouts,
    furniture, fonts and colours."""
    template = template or template_for(plan)
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
    canvas.continued_notes_lang = plan.continued_notes_lang
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
        warnings=template_warnings(template, fonts, canvas.areas),
    )


def template_for(plan: DeckPlan) -> Template:
    """The plan's template, opened and cleaned (ours if it names none)."""
    where = plan.origins.get("template", (plan.source, None))
    return open_template(Path(plan.template) if plan.template else None, where)


__all__ = ["DeckDraw", "Template", "draw", "open_template", "template_for"]
