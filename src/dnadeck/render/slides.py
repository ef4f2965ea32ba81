"""One drawer per slide kind: a planned slide -> laid-out page(s).

Drawers only place what the plan says; they decide no words. Each may
carry its text on to continuation slides (``Canvas.paged``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .. import fit, images, theme
from ..deckplan import (
    CreditsPlan,
    QuestionsPlan,
    QuotePlan,
    SectionPlan,
    StoryPlan,
    TextPlan,
    TitlePlan,
    WarningPlan,
)
from ..errors import GuideError
from ..fit import Para, Run
from .layout import Box, Canvas, Page, block_height, lines_height, one, paras


def draw_title(c: Canvas, s: TitlePlan) -> None:
    page = c.page("title", s.title, s.notes, s.position)
    art_width = min(c.height * theme.ART_SHARE, c.width * theme.ART_MAX_SHARE)
    kicker = one(s.kicker, bold=True)
    sub = one(s.subtitle) if s.subtitle else []
    details = [fit.para(x) for x in s.details]
    logo = _logo(c, s)
    logo_h = theme.LOGO_HEIGHT if logo else 0.0
    top = theme.TITLE_SLIDE_TOP
    bottom = c.height - theme.TITLE_SLIDE_BOTTOM - (logo_h + 0.3 if logo else 0)
    # Try the roomy design first; give up the artwork, then shrink, if needed.
    for with_art in (True, False):
        width = (c.width - art_width - 2 * theme.MARGIN + 0.2) if with_art else c.content_width
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
            if sum(heights) + 0.45 <= bottom - top:
                break
        else:
            continue
        break
    if with_art:
        page.picture(images.helix(), Box(c.width - art_width, 0, art_width, c.height), None)
    y = top + max(0.0, (bottom - top - sum(heights) - 0.45) / 2)  # centre the block
    page.text(Box(theme.MARGIN, y, width, heights[0]), kicker, sizes[0], theme.COLOURS.link, "Series")
    y += heights[0]
    y = page.title_text(
        s.title, Box(theme.MARGIN, y, width, heights[1]), title_size, max_lines=3, anchor="t", placeholder="ctrTitle"
    )
    y += 0.1
    page.bar(Box(theme.MARGIN + theme.INSET_X, y, theme.RULE_WIDTH, theme.RULE_HEIGHT), theme.COLOURS.accent)
    y += 0.25
    if sub:
        page.text(Box(theme.MARGIN, y, width, heights[2]), sub, sizes[1], theme.COLOURS.link, "Subtitle")
        y += heights[2]
    if details:
        page.text(Box(theme.MARGIN, y, width, heights[3]), details, sizes[2], theme.COLOURS.muted, "Presenter")
    if logo and s.logo:
        data, (w_px, h_px), content_type = logo
        w = min(theme.LOGO_MAX_WIDTH, logo_h * w_px / h_px)
        h = w * h_px / w_px
        page.picture(data, Box(theme.MARGIN, c.height - 0.5 - h, w, h), s.logo.alt, content_type=content_type)
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
    page = c.page("section", s.title, s.notes, s.position, background=theme.COLOURS.section_background)
    box = Box(theme.MARGIN, c.height * 0.3, c.content_width, c.height * 0.3)
    bottom = page.title_text(s.title, box, theme.SECTION_TITLE, theme.COLOURS.section_text, max_lines=3)
    rule = Box(theme.MARGIN + theme.INSET_X, bottom + 0.15, theme.SECTION_RULE_WIDTH, theme.SECTION_RULE_HEIGHT)
    page.bar(rule, theme.COLOURS.accent)
    page.footer(on_dark=True)
    page.finish()


def draw_text(c: Canvas, s: TextPlan) -> None:
    cite = one(s.cite, italic=True) if s.cite else []
    cite_h = block_height(cite, theme.SMALL, c.content_width) if cite else 0.0

    def draw(page: Page, box: Box, chunk: list[Para], pt: float) -> None:
        page.text(box, chunk, pt)
        if cite:
            below = Box(box.left, box.top + box.height + 0.1, box.width, cite_h)
            page.text(below, cite, theme.SMALL, theme.COLOURS.muted, "Source")

    reserve = cite_h + 0.1 if cite else 0
    c.paged(s.title, s.notes, s.position, paras(s.body), theme.BODY, draw, reserve_below=reserve)


def draw_quote(c: Canvas, s: QuotePlan) -> None:
    attribution = paras(s.attribution)
    left = theme.MARGIN + theme.QUOTE_INDENT
    width = c.content_width - theme.QUOTE_INDENT
    att_h = block_height(attribution, theme.SMALL, width)

    def draw(page: Page, box: Box, chunk: list[Para], pt: float) -> None:
        bar = Box(theme.MARGIN, box.top + 0.1, theme.ACCENT_BAR, box.height - 0.2)
        page.bar(bar, theme.COLOURS.accent)
        page.text(box, chunk, pt, theme.COLOURS.text, "Quotation", anchor="ctr")
        below = Box(left, box.top + box.height + 0.1, width, att_h)
        page.text(below, attribution, theme.SMALL, theme.COLOURS.muted, "Attribution")

    body = one(f"“{s.text}”")
    c.paged(s.title, s.notes, s.position, body, theme.QUOTE, draw, reserve_below=att_h + 0.1, left=left, width=width)


def draw_warning(c: Canvas, s: WarningPlan) -> None:
    left = theme.MARGIN + theme.QUOTE_INDENT

    def draw(page: Page, box: Box, chunk: list[Para], pt: float) -> None:
        page.bar(Box(theme.MARGIN, box.top + 0.1, theme.ACCENT_BAR, box.height - 0.2), theme.COLOURS.accent)
        page.text(box, chunk, pt, theme.COLOURS.text, "Warning")

    c.paged(
        s.title,
        s.notes,
        s.position,
        paras(s.body),
        theme.Size(32, theme.BODY.floor),
        draw,
        left=left,
        width=c.content_width - theme.QUOTE_INDENT,
        background=theme.COLOURS.panel,
    )


def draw_story(c: Canvas, s: StoryPlan) -> None:
    story = s.story
    assert story is not None
    qr_col = theme.QR_SIZE + 0.3
    width = c.content_width - qr_col
    head = one(story.told_by, bold=True)
    watch = [Para(tuple(Run(x.text, link=x.link, bold=x.bold, tip=x.tip) for x in s.watch))]
    attribution = one(story.licence)
    head_h = block_height(head, theme.SMALL + 2, width)
    watch_h = block_height(watch, theme.SMALL + 2, width)
    att_h = block_height(attribution, theme.CAPTION, c.content_width)
    caption = [fit.para(x) for x in s.caption]
    cap_h = block_height(caption, theme.CAPTION, qr_col)
    qr = images.qr_code(s.qr_target)

    def draw(page: Page, box: Box, chunk: list[Para], pt: float) -> None:
        top = box.top - head_h - 0.05
        page.text(Box(box.left, top, width, head_h), head, theme.SMALL + 2, theme.COLOURS.title, "Storyteller")
        page.text(box, chunk, pt, theme.COLOURS.text, "Synopsis")
        y = box.top + box.height + 0.1
        page.text(Box(box.left, y, width, watch_h), watch, theme.SMALL + 2, theme.COLOURS.text, "Link")
        licence = Box(box.left, c.content_bottom - att_h, c.content_width, att_h)
        page.text(licence, attribution, theme.CAPTION, theme.COLOURS.muted, "Licence")
        qr_left = c.width - theme.MARGIN - theme.QR_SIZE
        tip = s.watch[-1].tip if s.watch else None
        page.picture(qr, Box(qr_left, top, theme.QR_SIZE, theme.QR_SIZE), s.qr_alt, link=s.qr_target, tip=tip)
        cap_box = Box(qr_left - 0.15, top + theme.QR_SIZE, theme.QR_SIZE + 0.3, cap_h)
        page.text(cap_box, caption, theme.CAPTION, theme.COLOURS.muted, "Caption", align="ctr")

    reserve = watch_h + 0.1 + att_h + 0.1
    c.paged(
        s.title,
        s.notes,
        s.position,
        one(story.synopsis),
        theme.BODY,
        draw,
        reserve_below=reserve,
        width=width,
        offset=head_h + 0.05,
        what="synopsis",
    )


def draw_questions(c: Canvas, s: QuestionsPlan) -> None:
    body = [Para((Run(q.text),), number=q.number) for q in s.questions]
    c.paged(
        s.title,
        s.notes,
        s.position,
        body,
        theme.BODY,
        lambda page, box, chunk, pt: page.text(box, chunk, pt, name="Questions"),
        what="questions",
    )


def draw_credits(c: Canvas, s: CreditsPlan) -> None:
    c.paged(
        s.title,
        s.notes,
        s.position,
        paras(s.body),
        theme.Size(24, theme.BODY.floor),
        lambda page, box, chunk, pt: page.text(box, chunk, pt, name="Credits"),
        what="credits",
    )


DRAWERS: Mapping[str, Callable[[Canvas, Any], None]] = {
    "title": draw_title,
    "section": draw_section,
    "text": draw_text,
    "quote": draw_quote,
    "warning": draw_warning,
    "story": draw_story,
    "questions": draw_questions,
    "credits": draw_credits,
}
