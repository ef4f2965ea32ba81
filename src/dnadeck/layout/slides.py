"""One drawer per slide kind: a planned slide -> laid-out page(s).

Drawers only place what the plan says; they decide no words. Each may
carry its text on to continuation slides (``Canvas.paged``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from .. import fit, images, theme
from ..errors import GuideError
from ..plan.slides import (
    CreditsPlan,
    QuestionsPlan,
    QuotePlan,
    SectionPlan,
    StoryPlan,
    TextPlan,
    TitlePlan,
    WarningPlan,
)
from ..text import Block, Span, block
from .geometry import Box
from .page import Canvas, Page, block_height, lines_height, one


def draw_title(c: Canvas, s: TitlePlan) -> None:
    page = c.page(s.title, s.notes, s.position)
    a = page.area
    art_width = min(c.height * theme.ART_SHARE, c.width * theme.ART_MAX_SHARE)
    art = Box(c.width - art_width, 0, art_width, c.height)
    kicker = one(s.kicker, bold=True, lang=s.kicker_lang)
    sub = one(s.subtitle, lang=s.subtitle_lang) if s.subtitle else []
    details = [block(x) for x in s.details]
    logo = _logo(c, s) if a.plain else None  # not on a photograph (the build says so)
    logo_h = theme.LOGO_HEIGHT if logo else 0.0
    top = max(theme.TITLE_SLIDE_TOP, a.title_top, a.content_top)
    floor = min(c.height - theme.TITLE_SLIDE_BOTTOM, a.floor)
    bottom = floor - (logo_h + 0.3 if logo else 0)
    rule = a.divider  # the template's own rule between title and subtitle: ours is left out
    # Try the roomy design first; give up the artwork (always, if it would
    # cover the template's furniture), then shrink, if needed.
    for with_art in (True, False) if a.clear_of(art) and a.plain else (False,):
        right = min(a.right, art.left - theme.MARGIN + 0.2) if with_art else a.right
        width = right - a.left
        if width <= 0:
            continue
        for scale in theme.TITLE_SLIDE_SCALES:
            sizes = (theme.KICKER * scale, theme.SUBTITLE * scale, theme.DETAILS * scale)
            title_size = theme.Size(theme.TITLE_SLIDE_TITLE.largest * scale, theme.TITLE_SLIDE_TITLE.floor * scale)
            t_pt, t_lines = fit.fit_title(s.title, Box(0, 0, width, 1).text_width, title_size, 3)
            heights = [
                block_height(kicker, sizes[0], width),
                lines_height(t_lines, t_pt),
                block_height(sub, sizes[1], width) if sub else 0,
                block_height(details, sizes[2], width) if details else 0,
            ]
            if rule is None and sum(heights) + 0.45 <= bottom - top:
                break
            if rule and sum(heights[:2]) + 0.1 <= rule.top - top and sum(heights[2:]) + 0.15 <= bottom - rule.bottom:
                break
        else:
            continue
        break
    if with_art:
        page.picture(images.helix(), art, None)
    y = top + max(0.0, (bottom - top - sum(heights) - 0.45) / 2)  # centre the block
    if rule:
        y = rule.top - 0.1 - sum(heights[:2])
    colours = a.colours
    page.text(Box(a.left, y, width, heights[0]), kicker, sizes[0], colours.link, "Series")
    y += heights[0]
    y = page.title_text(
        s.title, Box(a.left, y, width, heights[1]), title_size, max_lines=3, anchor="t", placeholder="ctrTitle"
    )
    if rule:
        y = rule.bottom + 0.15
    else:
        y += 0.1
        page.bar(Box(a.left + theme.INSET_X, y, theme.RULE_WIDTH, theme.RULE_HEIGHT), colours.accent)
        y += 0.25
    if sub:
        page.text(Box(a.left, y, width, heights[2]), sub, sizes[1], colours.link, "Subtitle")
        y += heights[2]
    if details:
        page.text(Box(a.left, y, width, heights[3]), details, sizes[2], colours.muted, "Presenter")
    if logo and s.logo:
        data, (w_px, h_px), content_type = logo
        w = min(theme.LOGO_MAX_WIDTH, logo_h * w_px / h_px)
        h = w * h_px / w_px
        box = Box(a.left, min(c.height - 0.5, floor) - h, w, h)
        page.picture(data, box, s.logo.alt, content_type=content_type)
    page.finish()


def _logo(c: Canvas, s: TitlePlan) -> tuple[bytes, tuple[int, int], Any] | None:
    if s.logo is None:
        return None
    try:
        data, size = images.logo(Path(s.logo.path))
    except images.ImageProblem as exc:
        raise GuideError.one(*c.logo_where, "logo", str(exc)) from None
    content_type = "image/jpeg" if data[:2] == b"\xff\xd8" else "image/png"
    return data, size, content_type


def draw_section(c: Canvas, s: SectionPlan) -> None:
    colours, own = c.area().colours, c.area().own_background
    # On its own colour; where a picture covering the slide would hide that, as other slides are drawn.
    page = c.page(s.title, s.notes, s.position, background=colours.section_background if own else None)
    a = page.area
    box = Box(a.left, max(c.height * 0.3, a.title_top, a.content_top), a.width, c.height * 0.3)
    colour = colours.section_text if own else colours.title
    bottom = page.title_text(s.title, box, theme.SECTION_TITLE, colour, max_lines=3)
    rule = Box(a.left + theme.INSET_X, bottom + 0.15, theme.SECTION_RULE_WIDTH, theme.SECTION_RULE_HEIGHT)
    page.bar(rule, colours.accent)
    page.footer(on_dark=own)
    page.finish()


def _main_text(page: Page, box: Box, chunk: list[Block], pt: float, name: str) -> None:
    """A slide's main text: in the layout's body placeholder when it has one (for the outline view)."""
    body = page.area.body
    kind = cast(Literal["body", "obj"], body.type) if body else None
    page.text(box, chunk, pt, name=name, placeholder=kind, placeholder_idx=body.idx if body else None)


def draw_text(c: Canvas, s: TextPlan) -> None:
    cite = one(s.cite, italic=True, lang=s.lang) if s.cite else []
    cite_h = block_height(cite, theme.SMALL, c.area().width) if cite else 0.0

    def draw(page: Page, box: Box, chunk: list[Block], pt: float) -> None:
        _main_text(page, box, chunk, pt, "Text")
        if cite:
            below = Box(box.left, box.top + box.height + 0.1, box.width, cite_h)
            page.text(below, cite, theme.SMALL, page.area.colours.muted, "Source")

    reserve = cite_h + 0.1 if cite else 0
    c.paged(s.title, s.notes, s.position, s.body, theme.BODY, draw, reserve_below=reserve)


def draw_quote(c: Canvas, s: QuotePlan) -> None:
    attribution = s.attribution
    width = c.area().width - theme.QUOTE_INDENT
    att_h = block_height(attribution, theme.SMALL, width)

    def draw(page: Page, box: Box, chunk: list[Block], pt: float) -> None:
        if c.portrait:  # a tall slide: the quotation at the top, not centred in a column of space
            box = _fitted(box, chunk, pt)
        bar = Box(box.left - theme.QUOTE_INDENT, box.top + 0.1, theme.ACCENT_BAR, box.height - 0.2)
        page.bar(bar, page.area.colours.accent)
        page.text(box, chunk, pt, page.area.colours.text, "Quotation", anchor="ctr")
        below = Box(box.left, box.top + box.height + 0.1, box.width, att_h)
        page.text(below, attribution, theme.SMALL, page.area.colours.muted, "Attribution")

    body = one(s.shown or f"“{s.text}”", lang=s.lang)
    c.paged(s.title, s.notes, s.position, body, theme.QUOTE, draw, reserve_below=att_h + 0.1, indent=theme.QUOTE_INDENT)


def _fitted(box: Box, chunk: list[Block], pt: float) -> Box:
    """``box`` no taller than its text needs."""
    return Box(box.left, box.top, box.width, min(box.height, block_height(chunk, pt, box.width) + 0.1))


def draw_warning(c: Canvas, s: WarningPlan) -> None:
    area = c.area()
    panel = area.colours.panel

    def draw(page: Page, box: Box, chunk: list[Block], pt: float) -> None:
        bar = Box(box.left - theme.QUOTE_INDENT, box.top + 0.1, theme.ACCENT_BAR, box.height - 0.2)
        page.bar(bar, page.area.colours.accent)
        page.text(box, chunk, pt, page.area.colours.text, "Warning")

    c.paged(
        s.title,
        s.notes,
        s.position,
        s.body,
        theme.Size(32, theme.BODY.floor),
        draw,
        indent=theme.QUOTE_INDENT,
        # A panel like the background is none; where our text stands on panels of its own (a photograph,
        # or a shape taken as the background, that a slide's background would not show over), so does this.
        background=panel if panel != area.colours.background and area.own_background and not area.panel else None,
    )


def draw_story(c: Canvas, s: StoryPlan) -> None:
    """The story: who told it, the synopsis, the link, the QR code and the licence.

    On a landscape slide the QR code stands right of the synopsis; on a
    portrait one, below it, and the synopsis takes the full width.
    """
    story = s.story
    assert story is not None
    a = c.area()
    stacked = c.portrait
    qr_col = 0.0 if stacked else theme.QR_SIZE + 0.3
    width = a.width - qr_col
    head = [Block(story.told_by_spans)]
    watch = [Block(s.watch)]
    attribution = one(story.licence, lang=story.licence_lang)
    head_h = block_height(head, theme.SMALL + 2, width)
    watch_h = block_height(watch, theme.SMALL + 2, width)
    att_h = block_height(attribution, theme.CAPTION, a.width)
    caption = [block(x, lang=s.caption_lang) for x in s.caption]
    cap_width = min(4.0, a.width - theme.QR_SIZE - 0.2) if stacked else theme.QR_SIZE + 0.3
    cap_h = block_height(caption, theme.CAPTION, cap_width)
    qr = images.qr_code(s.qr_target)
    colours = a.colours
    tip = next((x.tip for x in s.watch if x.link), None)

    def draw(page: Page, box: Box, chunk: list[Block], pt: float) -> None:
        top = box.top - head_h - 0.05
        if stacked or not chunk:  # the link and QR code follow the synopsis (or the teller)
            box = _fitted(box, chunk, pt)
        page.text(Box(box.left, top, width, head_h), head, theme.SMALL + 2, colours.title, "Storyteller")
        if chunk:
            page.text(box, chunk, pt, colours.text, "Synopsis")
        y = box.top + box.height + 0.1
        page.text(Box(box.left, y, width, watch_h), watch, theme.SMALL + 2, colours.text, "Link")
        licence = Box(a.left, a.bottom - att_h, a.width, att_h)
        page.text(licence, attribution, theme.CAPTION, colours.muted, "Licence")
        if stacked:
            qr_box = Box(a.left + theme.INSET_X, y + watch_h + 0.1, theme.QR_SIZE, theme.QR_SIZE)
            cap_box = Box(qr_box.left + theme.QR_SIZE + 0.2, qr_box.top + (theme.QR_SIZE - cap_h) / 2, cap_width, cap_h)
            align: Literal["l", "ctr"] = "l"
        else:
            qr_box = Box(a.right - theme.QR_SIZE, top, theme.QR_SIZE, theme.QR_SIZE)
            cap_box = Box(qr_box.left - 0.15, top + theme.QR_SIZE, theme.QR_SIZE + 0.3, cap_h)
            align = "ctr"
        page.picture(qr, qr_box, s.qr_alt, link=s.qr_target, tip=tip)
        page.text(cap_box, caption, theme.CAPTION, colours.muted, "Caption", align=align)

    reserve = watch_h + 0.1 + att_h + 0.1
    if stacked:
        reserve += theme.QR_SIZE + 0.2
    c.paged(
        s.title,
        s.notes,
        s.position,
        one(story.synopsis, lang=story.synopsis_lang) if story.synopsis else [],
        theme.BODY,
        draw,
        reserve_below=reserve,
        reserve_right=qr_col,
        offset=head_h + 0.05,
        what="synopsis",
    )


def draw_questions(c: Canvas, s: QuestionsPlan) -> None:
    body = [Block((Span(q.text, lang=q.lang),), "number", q.number) for q in s.questions]
    c.paged(
        s.title,
        s.notes,
        s.position,
        body,
        theme.BODY,
        lambda page, box, chunk, pt: _main_text(page, box, chunk, pt, "Questions"),
        what="questions",
    )


def draw_credits(c: Canvas, s: CreditsPlan) -> None:
    c.paged(
        s.title,
        s.notes,
        s.position,
        s.body,
        theme.Size(24, theme.BODY.floor),
        lambda page, box, chunk, pt: page.text(box, chunk, pt, name="Credits"),
        what="credits",
    )


@dataclass(frozen=True)
class Drawer:
    """How one slide kind is drawn: on the layout of ``role`` (theme.LAYOUTS), by ``draw``."""

    role: str
    draw: Callable[[Canvas, Any], None]


# One drawer per slide kind (model.SLIDE_KINDS; tests/test_plan_slides.py checks every stage has each kind).
DRAWERS: Mapping[str, Drawer] = {
    "title": Drawer("title", draw_title),
    "section": Drawer("section", draw_section),
    "text": Drawer("text", draw_text),
    "quote": Drawer("content", draw_quote),
    "warning": Drawer("content", draw_warning),
    "story": Drawer("content", draw_story),
    "questions": Drawer("text", draw_questions),
    "credits": Drawer("content", draw_credits),
}
