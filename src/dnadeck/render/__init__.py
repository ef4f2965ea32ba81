"""Guide -> python-pptx Presentation: one small function per slide kind.

Every slide's title goes in the layout's title placeholder; everything else
is a text box placed and sized here, with its text measured (``fit``) so it
stays inside the box: shrunk to a floor, then carried on to continuation
slides. Boxes are set not to auto-fit, so no program re-fits them later.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu, Pt

from .. import fit, images, theme
from ..catalogue import assets_dir
from ..errors import GuideError
from ..fit import Para, Run, para
from ..model import (
    CreditsSlide,
    Guide,
    QuestionsSlide,
    QuoteSlide,
    SectionSlide,
    StorySlide,
    TextSlide,
    TitleSlide,
    WarningSlide,
)

EMU_PER_INCH = 914400
PT_PER_INCH = 72
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
DECK_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
DECORATIVE_EXT = (
    '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
    "</a:ext></a:extLst>"
)
SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


def _rgb(colour: str) -> RGBColor:
    return RGBColor(*bytes.fromhex(colour))  # type: ignore[no-untyped-call]


def _emu(inches: float) -> Emu:
    return Emu(round(inches * EMU_PER_INCH))


@dataclass
class Box:
    """A rectangle on the slide, in inches."""

    left: float
    top: float
    width: float
    height: float

    @property
    def text_width(self) -> float:
        """Usable text width in points, inside the insets."""
        return (self.width - 2 * theme.INSET_X) * PT_PER_INCH

    @property
    def text_height(self) -> float:
        return (self.height - 2 * theme.INSET_Y) * PT_PER_INCH


def _lines_height(lines: int, pt: float) -> float:
    """Inches for ``lines`` lines of ``pt``-point text, with the box's insets."""
    return lines * pt * theme.LINE_HEIGHT * fit.HEIGHT_SLACK / PT_PER_INCH + 2 * theme.INSET_Y


def block_height(paras: Sequence[Para], size: float, width: float) -> float:
    """Inches needed for ``paras`` at ``size`` in a box ``width`` inches wide."""
    inner = (width - 2 * theme.INSET_X) * PT_PER_INCH
    return fit.height(paras, size, inner) / PT_PER_INCH + 2 * theme.INSET_Y


@dataclass
class Deck:
    """What the slide functions share while one deck is built."""

    prs: PresentationType
    guide: Guide
    width: float  # slide size in inches
    height: float
    questions_done: int = 0

    @property
    def labels(self) -> Any:
        return self.guide.wording.labels

    @property
    def content_width(self) -> float:
        return self.width - 2 * theme.MARGIN

    @property
    def content_bottom(self) -> float:
        return self.height - (7.5 - theme.CONTENT_BOTTOM)

    # -- slides and titles ------------------------------------------------

    def new_slide(self, role: str) -> PptxSlide:
        layout = _layout(self.prs, role)
        slide: PptxSlide = self.prs.slides.add_slide(layout)
        for ph in list(slide.placeholders):
            if ph.placeholder_format.type not in _TITLE_TYPES:
                ph._element.getparent().remove(ph._element)
        if slide.shapes.title is None:  # pragma: no cover - _layout checks
            raise GuideError.one(
                *self.guide.where("template"), "template", "the template's layouts have no title placeholder"
            )
        return slide

    def set_title(
        self,
        slide: PptxSlide,
        text: str,
        box: Box,
        size: theme.Size = theme.TITLE,
        colour: str = theme.COLOURS.title,
        max_lines: int = 2,
        anchor: MSO_ANCHOR = MSO_ANCHOR.BOTTOM,
    ) -> float:
        """Put ``text`` in the title placeholder within ``box``; return its bottom."""
        pt, lines = fit.fit_title(text, box.text_width, size, max_lines)
        needed = _lines_height(lines, pt)
        box = Box(box.left, box.top, box.width, max(box.height, needed))
        shape: Any = slide.shapes.title
        _place(shape, box)
        _write(shape.text_frame, [para(text, bold=True)], pt, colour, anchor=anchor)
        return box.top + box.height

    def content_title(self, slide: PptxSlide, text: str, colour: str = theme.COLOURS.title) -> float:
        """The standard title at the top of a content slide; returns where content starts."""
        box = Box(theme.MARGIN, theme.TITLE_TOP, self.content_width, 1.0)
        return self.set_title(slide, text, box, colour=colour) + theme.CONTENT_GAP

    def footer(self, slide: PptxSlide, on_dark: bool = False) -> None:
        colour = theme.COLOURS.section_text if on_dark else theme.COLOURS.muted
        top = self.height - (7.5 - theme.FOOTER_TOP)
        number_width = 0.9
        box = Box(theme.MARGIN, top, self.content_width - number_width, theme.FOOTER_HEIGHT)
        text = self.labels.footer.format(title=self.guide.title, series=self.guide.series.name)
        text = fit.ellipsize(text, theme.FOOTER, box.text_width)
        shape = _textbox(slide, box, "Footer")
        _write(shape.text_frame, [para(text)], theme.FOOTER, colour)
        num = _textbox(
            slide, Box(self.width - theme.MARGIN - number_width, top, number_width, theme.FOOTER_HEIGHT), "Slide number"
        )
        _write(num.text_frame, [para("")], theme.FOOTER, colour, align=PP_ALIGN.RIGHT)
        _slide_number_field(num.text_frame.paragraphs[0], len(self.prs.slides._sldIdLst), colour)

    def notes(self, slide: PptxSlide, text: str) -> None:
        frame: Any = slide.notes_slide.notes_text_frame
        frame.text = text

    def text(
        self,
        slide: PptxSlide,
        box: Box,
        paras: Sequence[Para],
        size: float,
        colour: str = theme.COLOURS.text,
        name: str = "Text",
        align: PP_ALIGN = PP_ALIGN.LEFT,
        anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
    ) -> None:
        shape = _textbox(slide, box, name)
        _write(shape.text_frame, paras, size, colour, align=align, anchor=anchor)

    def picture(self, slide: PptxSlide, data: bytes, box: Box, alt: str | None, link: str | None = None) -> None:
        """A picture with alt text, or marked decorative when ``alt`` is None."""
        pic = slide.shapes.add_picture(
            io.BytesIO(data), _emu(box.left), _emu(box.top), _emu(box.width), _emu(box.height)
        )
        element: Any = pic._element
        c_nv_pr = element.nvPicPr.cNvPr
        if alt is None:
            c_nv_pr.set("descr", "")
            c_nv_pr.append(etree.fromstring(DECORATIVE_EXT))
        else:
            c_nv_pr.set("descr", alt)
        if link:
            pic.click_action.hyperlink.address = link

    def bar(self, slide: PptxSlide, box: Box, colour: str) -> None:
        """A decorative coloured rectangle."""
        shape = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, _emu(box.left), _emu(box.top), _emu(box.width), _emu(box.height)
        )
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(colour)
        shape.line.fill.background()
        shape.shadow.inherit = False
        shape._element.nvSpPr.cNvPr.append(etree.fromstring(DECORATIVE_EXT))

    def paged(
        self,
        title: str,
        paras: Sequence[Para],
        size: theme.Size,
        draw: Callable[[PptxSlide, Box, list[Para], float], None],
        reserve_below: float = 0.0,
        left: float | None = None,
        width: float | None = None,
        role: str = "content",
        notes: str = "",
        background: str | None = None,
        offset: float = 0.0,
    ) -> list[PptxSlide]:
        """Lay ``paras`` out over as many slides as they need.

        Each slide gets ``title`` (then "... (continued)"), the footer and
        ``notes``; ``draw`` adds the page's text and anything else the slide
        kind shows, given the box the flowing text may use: from ``offset``
        inches below the title to ``reserve_below`` inches above the footer.
        """
        left = theme.MARGIN if left is None else left
        width = self.content_width if width is None else width
        # The title's height depends on its length; measure with the longer one.
        probe = self.labels.continued.format(title=title)
        top = self._title_bottom(probe) + theme.CONTENT_GAP + offset
        box = Box(left, top, width, self.content_bottom - reserve_below - top)
        pt, pages = fit.paginate(paras, box.text_width, box.text_height, size)
        made = []
        for n, page in enumerate(pages):
            slide = self.new_slide(role)
            if background:
                _background(slide, background)
            heading = title if n == 0 else self.labels.continued.format(title=title)
            self.content_title(slide, heading)
            draw(slide, box, page, pt)
            self.footer(slide)
            self.notes(slide, notes)
            made.append(slide)
        return made

    def _title_bottom(self, text: str) -> float:
        """Where a content slide's title ends; a long title pushes content down."""
        pt, lines = fit.fit_title(text, Box(0, 0, self.content_width, 1).text_width, theme.TITLE)
        needed = _lines_height(lines, pt)
        return theme.TITLE_TOP + max(1.0, needed)


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


def _place(shape: Any, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = _emu(box.left), _emu(box.top), _emu(box.width), _emu(box.height)


def _textbox(slide: PptxSlide, box: Box, name: str) -> Any:
    shape = slide.shapes.add_textbox(_emu(box.left), _emu(box.top), _emu(box.width), _emu(box.height))
    shape.name = f"{name} {len(slide.shapes)}"
    return shape


def _background(slide: PptxSlide, colour: str) -> None:
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = _rgb(colour)


def _write(
    frame: Any,
    paras: Sequence[Para],
    size: float,
    colour: str,
    align: PP_ALIGN = PP_ALIGN.LEFT,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
) -> None:
    """Write ``paras`` into a text frame that wraps and never auto-fits."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = _emu(theme.INSET_X)
    frame.margin_top = frame.margin_bottom = _emu(theme.INSET_Y)
    frame.clear()
    for i, p in enumerate(paras):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        paragraph.line_spacing = theme.LINE_SPACING
        paragraph.space_before = Pt(size * theme.PARA_GAP if i and p.spaced else 0)
        paragraph.space_after = Pt(0)
        if p.marked:
            _list_marker(paragraph, p, size, colour)
        for r in p.runs:
            _run(paragraph, r, size, colour)


def _run(paragraph: Any, r: Run, size: float, colour: str) -> None:
    """Write a run; a newline in its text becomes a line break, as measured."""
    for i, line in enumerate(r.text.split("\n")):
        if i:
            paragraph.add_line_break()
        _styled_run(paragraph, Run(line, r.link, r.bold, r.italic), size, colour)


def _styled_run(paragraph: Any, r: Run, size: float, colour: str) -> None:
    run = paragraph.add_run()
    run.text = r.text
    font = run.font
    font.name = theme.FONT
    font.size = Pt(size)
    font.bold = r.bold
    font.italic = r.italic
    font._rPr.set("cap", "none")  # a template's all-caps titles would not fit as measured
    font._rPr.set("lang", theme.LANGUAGE)  # for screen readers and the spelling checker
    if r.link:
        run.hyperlink.address = r.link
        font.underline = True
        font.color.rgb = _rgb(theme.COLOURS.link)
    else:
        font.color.rgb = _rgb(colour)


def _list_marker(paragraph: Any, p: Para, size: float, colour: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    hang = round(fit.indent(size, p.number is not None) * 12700)
    ppr.set("marL", str(hang))
    ppr.set("indent", str(-hang))
    clr = etree.SubElement(ppr, qn("a:buClr"))
    etree.SubElement(clr, qn("a:srgbClr"), val=colour)
    etree.SubElement(ppr, qn("a:buFont"), typeface=theme.FONT)
    if p.number is not None:
        etree.SubElement(ppr, qn("a:buAutoNum"), type="arabicPeriod", startAt=str(p.number))
    else:
        etree.SubElement(ppr, qn("a:buChar"), char="•")


def _slide_number_field(paragraph: Any, number: int, colour: str) -> None:
    """A slide-number field: stays right if slides are moved or deleted."""
    fld = etree.SubElement(paragraph._p, qn("a:fld"), id=SLIDE_NUMBER_FIELD_ID, type="slidenum")
    rpr = etree.SubElement(fld, qn("a:rPr"), lang="en-GB", sz=str(theme.FOOTER * 100))
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour)
    etree.SubElement(rpr, qn("a:latin"), typeface=theme.FONT)
    etree.SubElement(fld, qn("a:t")).text = str(number)
    end = paragraph._p.find(qn("a:endParaRPr"))
    if end is not None:  # endParaRPr must stay last
        paragraph._p.remove(end)
        paragraph._p.append(end)


# -- slide kinds ----------------------------------------------------------


def _title(deck: Deck, s: TitleSlide) -> None:
    g = deck.guide
    slide = deck.new_slide("title")
    art_width = deck.height * 0.6  # the artwork's aspect ratio
    kicker = [para(deck.labels.kicker.format(series=g.series.name), bold=True)]
    sub = [para(g.subtitle)] if g.subtitle else []
    details = [para(x) for x in (g.presenter, g.organisation, _long_date(g)) if x]
    logo = load_logo(g)
    logo_h = 1.1 if logo else 0.0
    top, bottom = 0.9, deck.height - 0.6 - (logo_h + 0.3 if logo else 0)
    # Try the roomy design first; give up the artwork, then shrink, if needed.
    for with_art in (True, False):
        width = (deck.width - art_width - 2 * theme.MARGIN + 0.2) if with_art else deck.content_width
        for scale in (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4):
            sizes = (18 * scale, 26 * scale, 20 * scale)
            title_size = theme.Size(theme.TITLE_SLIDE_TITLE.largest * scale, theme.TITLE_SLIDE_TITLE.floor * scale)
            box = Box(theme.MARGIN, 0, width, 1)
            t_pt, t_lines = fit.fit_title(g.title, box.text_width, title_size, 3)
            t_h = _lines_height(t_lines, t_pt)
            heights = [block_height(kicker, sizes[0], width), t_h]
            heights += [
                block_height(sub, sizes[1], width) if sub else 0,
                block_height(details, sizes[2], width) if details else 0,
            ]
            if sum(heights) + 0.45 <= bottom - top:
                break
        else:
            continue
        break
    if with_art:
        deck.picture(
            slide,
            images.helix(),
            Box(deck.width - art_width, 0, art_width, deck.height),
            None,
        )
    y = top + (bottom - top - sum(heights) - 0.45) / 2  # centre the block
    deck.text(slide, Box(theme.MARGIN, y, width, heights[0]), kicker, sizes[0], theme.COLOURS.link, "Series")
    y += heights[0]
    y = deck.set_title(
        slide, g.title, Box(theme.MARGIN, y, width, heights[1]), title_size, max_lines=3, anchor=MSO_ANCHOR.TOP
    )
    y += 0.1
    deck.bar(slide, Box(theme.MARGIN + theme.INSET_X, y, 1.6, 0.08), theme.COLOURS.accent)
    y += 0.25
    if sub:
        deck.text(slide, Box(theme.MARGIN, y, width, heights[2]), sub, sizes[1], theme.COLOURS.link, "Subtitle")
        y += heights[2]
    if details:
        deck.text(slide, Box(theme.MARGIN, y, width, heights[3]), details, sizes[2], theme.COLOURS.muted, "Presenter")
    if logo:
        data, (w_px, h_px) = logo
        w = min(3.0, logo_h * w_px / h_px)
        h = w * h_px / w_px
        who = g.organisation or g.presenter
        alt = deck.labels.logo_alt.format(who=who) if who else deck.labels.logo_alt_unknown
        deck.picture(slide, data, Box(theme.MARGIN, deck.height - 0.5 - h, w, h), alt)
    deck.notes(slide, s.notes or g.wording.notes.title.format(title=g.title))


def _long_date(g: Guide) -> str | None:
    return f"{g.date.day} {g.date:%B %Y}" if g.date else None


def load_logo(guide: Guide) -> tuple[bytes, tuple[int, int]] | None:
    """The guide's logo, prepared (bytes, pixel size); GuideError if unreadable."""
    if guide.logo is None:
        return None
    try:
        return images.logo(guide.logo)
    except images.ImageProblem as exc:
        raise GuideError.one(*guide.where("logo"), "logo", str(exc)) from None


def _section(deck: Deck, s: SectionSlide) -> None:
    slide = deck.new_slide("section")
    _background(slide, theme.COLOURS.section_background)
    box = Box(theme.MARGIN, deck.height * 0.3, deck.content_width, deck.height * 0.3)
    bottom = deck.set_title(slide, s.title, box, theme.SECTION_TITLE, theme.COLOURS.section_text, max_lines=3)
    deck.bar(slide, Box(theme.MARGIN + theme.INSET_X, bottom + 0.15, 2.0, 0.1), theme.COLOURS.accent)
    deck.footer(slide, on_dark=True)
    deck.notes(slide, s.notes or deck.guide.wording.notes.section.format(title=s.title))


def _text(deck: Deck, s: TextSlide) -> None:
    if s.points is not None:
        paras = [Para((Run(p),), bullet=True) for p in s.points]
    else:
        paras = [para(chunk.strip()) for chunk in (s.body or "").split("\n\n") if chunk.strip()]
    cite = [para(s.cite, italic=True)] if s.cite else []
    cite_h = block_height(cite, theme.SMALL, deck.content_width) if cite else 0.0

    def draw(slide: PptxSlide, box: Box, page: list[Para], pt: float) -> None:
        deck.text(slide, box, page, pt)
        if cite:
            deck.text(
                slide,
                Box(box.left, box.top + box.height + 0.1, box.width, cite_h),
                cite,
                theme.SMALL,
                theme.COLOURS.muted,
                "Source",
            )

    deck.paged(
        s.title,
        paras,
        theme.BODY,
        draw,
        reserve_below=cite_h + 0.1 if cite else 0,
        notes=s.notes or deck.guide.wording.notes.text,
    )


def _quote(deck: Deck, s: QuoteSlide) -> None:
    who = f"— {s.by}" + (f", {s.year}" if s.year else "")
    attribution = [para(who, bold=True)]
    attribution += [para(x) for x in (s.role, s.cite) if x]
    if s.source:
        attribution.append(para(s.source, link=s.source))
    left = theme.MARGIN + 0.35
    width = deck.content_width - 0.35
    att_h = block_height(attribution, theme.SMALL, width)
    title = s.title or deck.labels.quote_title.format(by=s.by)
    quote = [para(f"“{s.text}”")]

    def draw(slide: PptxSlide, box: Box, page: list[Para], pt: float) -> None:
        deck.bar(slide, Box(theme.MARGIN, box.top + 0.1, theme.ACCENT_BAR, box.height - 0.2), theme.COLOURS.accent)
        deck.text(slide, box, page, pt, theme.COLOURS.text, "Quotation", anchor=MSO_ANCHOR.MIDDLE)
        deck.text(
            slide,
            Box(left, box.top + box.height + 0.1, width, att_h),
            attribution,
            theme.SMALL,
            theme.COLOURS.muted,
            "Attribution",
        )

    notes = s.notes or deck.guide.wording.notes.quote.format(by=s.by)
    deck.paged(title, quote, theme.QUOTE, draw, reserve_below=att_h + 0.1, left=left, width=width, notes=notes)


def _warning(deck: Deck, s: WarningSlide) -> None:
    text = s.text or deck.guide.series.warning
    paras = [para(chunk.strip()) for chunk in text.split("\n\n") if chunk.strip()]
    left = theme.MARGIN + 0.35

    def draw(slide: PptxSlide, box: Box, page: list[Para], pt: float) -> None:
        deck.bar(slide, Box(theme.MARGIN, box.top + 0.1, theme.ACCENT_BAR, box.height - 0.2), theme.COLOURS.accent)
        deck.text(slide, box, page, pt, theme.COLOURS.text, "Warning")

    deck.paged(
        s.title or deck.labels.warning_title,
        paras,
        theme.Size(32, theme.BODY.floor),
        draw,
        left=left,
        width=deck.content_width - 0.35,
        notes=s.notes or deck.guide.wording.notes.warning,
        background=theme.COLOURS.panel,
    )


def _story(deck: Deck, s: StorySlide) -> None:
    labels = deck.labels
    assert s.title and s.url and s.synopsis  # the loader fills these in
    qr_col = theme.QR_SIZE + 0.3
    width = deck.content_width - qr_col
    teller = labels.told_by.format(storyteller=s.storyteller) if s.storyteller else labels.told_by_unknown
    head = [para(teller, bold=True)]
    watch = [Para((Run(labels.watch, bold=True), Run(s.url, link=s.url)))]
    attribution = [para(s.licence or deck.guide.series.attribution)]
    head_h = block_height(head, theme.SMALL + 2, width)
    watch_h = block_height(watch, theme.SMALL + 2, width)
    att_h = block_height(attribution, theme.CAPTION, deck.content_width)
    caption = [para(labels.scan)] + ([para(labels.story_number.format(number=s.number))] if s.number else [])
    cap_h = block_height(caption, theme.CAPTION, qr_col)
    qr = images.qr_code(s.url)

    def draw(slide: PptxSlide, box: Box, page: list[Para], pt: float) -> None:
        top = box.top - head_h - 0.05
        deck.text(slide, Box(box.left, top, width, head_h), head, theme.SMALL + 2, theme.COLOURS.title, "Storyteller")
        deck.text(slide, box, page, pt, theme.COLOURS.text, "Synopsis")
        y = box.top + box.height + 0.1
        deck.text(slide, Box(box.left, y, width, watch_h), watch, theme.SMALL + 2, theme.COLOURS.text, "Link")
        deck.text(
            slide,
            Box(box.left, deck.content_bottom - att_h, deck.content_width, att_h),
            attribution,
            theme.CAPTION,
            theme.COLOURS.muted,
            "Licence",
        )
        qr_left = deck.width - theme.MARGIN - theme.QR_SIZE
        deck.picture(
            slide,
            qr,
            Box(qr_left, top, theme.QR_SIZE, theme.QR_SIZE),
            labels.qr_alt.format(title=s.title),
            link=s.url,
        )
        deck.text(
            slide,
            Box(qr_left - 0.15, top + theme.QR_SIZE, theme.QR_SIZE + 0.3, cap_h),
            caption,
            theme.CAPTION,
            theme.COLOURS.muted,
            "Caption",
            align=PP_ALIGN.CENTER,
        )

    reserve = watch_h + 0.1 + att_h + 0.1
    notes = s.notes or _story_notes(deck, s)
    deck.paged(
        s.title,
        [para(s.synopsis)],
        theme.BODY,
        draw,
        reserve_below=reserve,
        width=width,
        notes=notes,
        offset=head_h + 0.05,
    )


def _story_notes(deck: Deck, s: StorySlide) -> str:
    notes = deck.guide.wording.notes
    text = notes.story.format(synopsis=s.synopsis, title=s.title)
    slides = deck.guide.slides
    idx = next(i for i, x in enumerate(slides) if x is s)
    for later in slides[idx + 1 :]:
        if isinstance(later, StorySlide):
            break
        if isinstance(later, QuestionsSlide):
            text += "\n\n" + notes.story_questions.format(questions=" ".join(later.questions[:3]))
            break
    return text


def _questions(deck: Deck, s: QuestionsSlide) -> None:
    paras = []
    for q in s.questions:
        deck.questions_done += 1
        paras.append(Para((Run(q),), number=deck.questions_done))
    deck.paged(
        s.title or deck.labels.questions_title,
        paras,
        theme.BODY,
        lambda slide, box, page, pt: deck.text(slide, box, page, pt, name="Questions"),
        notes=s.notes or deck.guide.wording.notes.questions,
    )


def _credits(deck: Deck, s: CreditsSlide) -> None:
    g, labels = deck.guide, deck.labels
    series = g.series
    stories_text = labels.credits_stories_text.format(
        series=series.name, made_by=series.made_by, sponsor=series.sponsor, copyright=series.copyright
    )
    items: list[tuple[Run, ...]] = [
        (Run(labels.credits_stories, bold=True), Run(stories_text)),
        (
            Run(labels.credits_licence, bold=True),
            Run(f"{series.licence.name} ({series.licence.short}). {series.licence.permits}"),
        ),
        (Run(labels.credits_watch, bold=True), Run(series.url, link=series.url)),
    ]
    contacts: list[Run] = [Run(labels.credits_contacts, bold=True)]
    for i, c in enumerate(series.contacts):
        contacts += [Run(("; " if i else "") + f"{c.name}, "), Run(c.email, link=c.link)]
    items.append(tuple(contacts))
    items.append((Run(series.trademark),))
    for story in g.story_slides():
        if story.licence:
            items.append((Run(labels.credits_own_story.format(title=story.title), bold=True), Run(story.licence)))
    items += [(Run(p),) for p in s.points or []]
    paras = [Para(runs, bullet=True) for runs in items]
    sources: list[Para] = []
    for q in g.quotes():
        label = ", ".join(x for x in (q.by, q.role, q.year, q.cite) if x)
        runs = (Run(label), Run(": "), Run(q.source, link=q.source)) if q.source else (Run(label),)
        if all(p.runs != runs for p in sources):
            sources.append(Para(runs, bullet=True))
    if sources:
        paras += [Para((Run(labels.credits_sources, bold=True),), heading=True), *sources]
    deck.paged(
        s.title or labels.credits_title,
        paras,
        theme.Size(24, theme.BODY.floor),
        lambda slide, box, page, pt: deck.text(slide, box, page, pt, name="Credits"),
        notes=s.notes or g.wording.notes.credits,
    )


RENDERERS: dict[str, Callable[[Deck, Any], None]] = {
    "title": _title,
    "section": _section,
    "text": _text,
    "quote": _quote,
    "warning": _warning,
    "story": _story,
    "questions": _questions,
    "credits": _credits,
}


# -- the deck -----------------------------------------------------------------


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


def build_deck(guide: Guide) -> PresentationType:
    """Render ``guide`` into a python-pptx Presentation (not yet saved)."""
    prs = open_template(guide.template, guide.where("template"))
    width, height = prs.slide_width or 12192000, prs.slide_height or 6858000
    deck = Deck(prs, guide, width / EMU_PER_INCH, height / EMU_PER_INCH)
    for slide in guide.slides:
        RENDERERS[slide.kind](deck, slide)
    props = prs.core_properties
    props.title = guide.title
    props.subject = f"{guide.series.name} staff stories"
    props.author = guide.presenter or guide.organisation or "dnadeck"
    props.last_modified_by = "dnadeck"
    props.keywords = guide.series.name
    props.revision = 1
    return prs
