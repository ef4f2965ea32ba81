"""Interim writer: a DeckDraw written through python-pptx (until ooxml lands)."""

from __future__ import annotations

import io
from typing import Any

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.util import Emu, Pt

from .canvas import DeckDraw, PictureShape, RectShape, TextShape

DECORATIVE_EXT = (
    '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
    "</a:ext></a:extLst>"
)
THEME = {
    "tx1": MSO_THEME_COLOR.TEXT_1,
    "tx2": MSO_THEME_COLOR.TEXT_2,
    "bg1": MSO_THEME_COLOR.BACKGROUND_1,
    "bg2": MSO_THEME_COLOR.BACKGROUND_2,
    "hlink": MSO_THEME_COLOR.HYPERLINK,
    **{f"accent{i}": getattr(MSO_THEME_COLOR, f"ACCENT_{i}") for i in range(1, 7)},
}
ALIGN = {"l": PP_ALIGN.LEFT, "ctr": PP_ALIGN.CENTER, "r": PP_ALIGN.RIGHT}
ANCHOR = {"t": MSO_ANCHOR.TOP, "ctr": MSO_ANCHOR.MIDDLE, "b": MSO_ANCHOR.BOTTOM}


def _colour(target: Any, colour: str) -> None:
    if colour in THEME:
        target.theme_color = THEME[colour]
    else:
        target.rgb = RGBColor(*bytes.fromhex(colour))  # type: ignore[no-untyped-call]


def write(prs: PresentationType, deck: DeckDraw) -> None:
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    for sd in deck.slides:
        slide = prs.slides.add_slide(by_name[sd.layout])
        for ph in list(slide.placeholders):
            if ph.placeholder_format.type not in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                ph._element.getparent().remove(ph._element)
        if sd.background:
            fill = slide.background.fill
            fill.solid()
            _colour(fill.fore_color, sd.background)
        for shape in sd.shapes:
            r = shape.rect
            if isinstance(shape, TextShape):
                if shape.placeholder in ("title", "ctrTitle") and slide.shapes.title is not None:
                    box = slide.shapes.title
                    box.left, box.top, box.width, box.height = Emu(r.x), Emu(r.y), Emu(r.w), Emu(r.h)
                    box.text_frame.clear()
                else:
                    box = slide.shapes.add_textbox(Emu(r.x), Emu(r.y), Emu(r.w), Emu(r.h))
                    box.name = shape.name
                frame = box.text_frame
                frame.word_wrap = True
                frame.auto_size = MSO_AUTO_SIZE.NONE
                frame.vertical_anchor = ANCHOR[shape.anchor]
                frame.margin_left = frame.margin_right = Emu(shape.inset_x)
                frame.margin_top = frame.margin_bottom = Emu(shape.inset_y)
                for i, p in enumerate(shape.paras):
                    para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
                    para.alignment = ALIGN[p.align]
                    para.space_before = Pt(p.space_before / 100)
                    if p.marker:
                        ppr = para._p.get_or_add_pPr()
                        ppr.set("marL", str(p.indent))
                        ppr.set("indent", str(-p.indent))
                        if p.marker == "number":
                            etree.SubElement(ppr, qn("a:buAutoNum"), type="arabicPeriod", startAt=str(p.number))
                        else:
                            etree.SubElement(ppr, qn("a:buChar"), char="•")
                    for run in p.runs:
                        for k, line in enumerate(run.text.split("\n")):
                            if k:
                                para.add_line_break()
                            rr = para.add_run()
                            rr.text = line
                            rr.font.size = Pt(shape.size / 100)
                            rr.font.bold = run.bold
                            rr.font.italic = run.italic
                            rr.font.name = "Arial"
                            rr.font._rPr.set("lang", deck.language)
                            rr.font._rPr.set("cap", "none")
                            if run.link:
                                rr.hyperlink.address = run.link
                                rr.font.underline = True
                                _colour(rr.font.color, "hlink")
                            else:
                                _colour(rr.font.color, run.colour or shape.colour)
            elif isinstance(shape, PictureShape):
                pic = slide.shapes.add_picture(io.BytesIO(shape.image), Emu(r.x), Emu(r.y), Emu(r.w), Emu(r.h))
                c_nv_pr = pic._element.nvPicPr.cNvPr
                c_nv_pr.set("descr", shape.alt or "")
                if shape.alt is None:
                    c_nv_pr.append(etree.fromstring(DECORATIVE_EXT))
                if shape.link:
                    pic.click_action.hyperlink.address = shape.link
            elif isinstance(shape, RectShape):
                sh = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(r.x), Emu(r.y), Emu(r.w), Emu(r.h))
                sh.fill.solid()
                _colour(sh.fill.fore_color, shape.fill)
                sh.line.fill.background()
        slide.notes_slide.notes_text_frame.text = sd.notes
