"""DeckPlan -> PowerPoint: lay the plan out on the template's slide, then write it.

``layout.py`` holds the drawing primitives, ``slides.py`` one drawer per
slide kind, ``canvas.py`` the laid-out deck that the writer serialises.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationType

from .. import theme
from ..catalogue import assets_dir
from ..deckplan import DeckPlan
from ..errors import GuideError
from . import pptx_adapter
from .canvas import DeckDraw
from .layout import Canvas
from .slides import DRAWERS

TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
DECK_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


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
    author = plan.presenter or plan.organisation or "dnadeck"
    return DeckDraw(
        width=width,
        height=height,
        slides=tuple(canvas.slides),
        title=plan.title,
        subject=f"{plan.series} staff stories",
        author=author,
        keywords=plan.series,
        language=plan.language,
    )


def render(plan: DeckPlan) -> PresentationType:
    """Draw ``plan`` into a python-pptx Presentation (not yet saved)."""
    where = plan.origins.get("template", (plan.source, None))
    prs = open_template(Path(plan.template) if plan.template else None, where)
    width, height = prs.slide_width or 12192000, prs.slide_height or 6858000
    deck = layout_deck(plan, width, height, lambda role: _layout(prs, role).name)
    pptx_adapter.write(prs, deck)
    props = prs.core_properties
    props.title = deck.title[:255]
    props.subject = deck.subject
    props.author = deck.author[:255]
    props.last_modified_by = "dnadeck"
    props.keywords = deck.keywords
    props.revision = 1
    return prs


_TITLE_TYPES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}


def _layout(prs: PresentationType, role: str) -> Any:
    """The template's layout for ``role``, found by name; any titled one else."""
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    for name in theme.LAYOUTS[role]:
        if name in by_name:
            return by_name[name]
    layouts: list[Any] = list(prs.slide_layouts)
    for layout in layouts:
        if any(ph.placeholder_format.type in _TITLE_TYPES for ph in layout.placeholders):
            return layout
    raise ValueError("the template has no slide layout with a title placeholder")


def open_template(path: Path | None, where: tuple[str, int | None] = ("", None)) -> PresentationType:
    """A Presentation from a .pptx or .potx, with any slides it had removed."""
    path = path or assets_dir() / "template.pptx"
    try:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            types = z.read("[Content_Types].xml")
            if TEMPLATE_TYPE in types:  # a .potx: open it as a presentation
                out = io.BytesIO()
                with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
                    for info in z.infolist():
                        blob = z.read(info.filename)
                        w.writestr(
                            info,
                            types.replace(TEMPLATE_TYPE, DECK_TYPE) if info.filename == "[Content_Types].xml" else blob,
                        )
                data = out.getvalue()
        prs = Presentation(io.BytesIO(data))
        _layout(prs, "content")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise GuideError.one(
            *where,
            "template",
            f"'{path.name}' is not a PowerPoint file that can be used ({exc}); save it from PowerPoint as .pptx or .potx",
        ) from None
    ids = prs.slides._sldIdLst
    for sld_id in list(ids):
        prs.part.drop_rel(sld_id.rId)
        ids.remove(sld_id)
    return prs
