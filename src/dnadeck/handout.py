"""The facilitator's session plan: a Word document made from a deck's plan.

The handout reads the DeckPlan (what every slide says, its notes and
minutes) and, for slide numbers, which planned slide each drawn slide shows,
so the two always agree, continuation slides and cut-down decks included.
Its own words are the wording's ``handout:`` section. It is written with
python-docx: A4, real Word headings, each run in its text's language, a run sheet whose
header row repeats on every page, and real hyperlinks.
"""

from __future__ import annotations

import copy
import io
import math
import re
import weakref
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import SubElement

from . import docx_speed, images, theme
from .catalogue import wording as catalogue_wording
from .formatting import numbers_text
from .model import Guide, HandoutWording
from .plan import DeckPlan
from .plan.slides import AnySlidePlan, CreditsPlan, QuestionsPlan, SectionPlan, StoryPlan, TitlePlan, WarningPlan
from .text import Block, Span
from .write.stamp import FIXED_TIME, stamp

if TYPE_CHECKING:
    from .layout.canvas import DeckDraw

PAGE = (Mm(210), Mm(297))  # A4
MARGIN = Mm(20)
TEXT_WIDTH_MM = 170
RUN_SHEET_MM = (16, 50, 85, 19)  # Slide, On the slide, What to say, Minutes
TIMINGS_MM = (90, 30, 25, 25)
QR_MM = 26
LOGO_MM = (50, 22)  # the largest width and height of a logo on the cover


def wording(plan: DeckPlan) -> HandoutWording:
    """The session plan's words: the plan's (its guide's wording), else the bundled."""
    return plan.handout or catalogue_wording().handout


# -- slide numbers and minutes ----------------------------------------------


def slide_numbers(draw: DeckDraw) -> dict[int, tuple[int, ...]]:
    """Which deck slides (numbered from 1) draw each planned slide, by position."""
    numbers: dict[int, list[int]] = {}
    for n, slide in enumerate(draw.slides, 1):
        numbers.setdefault(slide.position, []).append(n)
    return {position: tuple(ns) for position, ns in numbers.items()}


def minutes_text(minutes: float) -> str:
    """3.0 -> "3"; 1.5 -> "1.5"."""
    return f"{minutes:g}"


def duration_text(minutes: float, words: HandoutWording | None = None) -> str:
    """A session's length in words: "45 minutes", "1 hour 25 minutes"."""
    words = words or catalogue_wording().handout
    whole = math.ceil(minutes - 1e-9)
    hours, mins = divmod(whole, 60)
    parts = [(words.hour_one if hours == 1 else words.hours_many).replace("{n}", str(hours))] if hours else []
    if mins or not hours:
        parts.append((words.minute_one if mins == 1 else words.minutes_many).replace("{n}", str(mins)))
    return " ".join(parts)


def clock_text(minutes: float) -> str:
    """Minutes from the start as a clock: 75 -> "1:15"."""
    hours, mins = divmod(math.floor(minutes + 0.5), 60)
    return f"{hours}:{mins:02d}"


def _numbers(plan: DeckPlan, numbers: Mapping[int, Sequence[int]] | None) -> dict[int, tuple[int, ...]]:
    """The deck's numbers for every planned slide (one each when not laid out)."""
    if numbers is None:
        return {s.position: (i,) for i, s in enumerate(plan.slides, 1)}
    return {s.position: tuple(numbers.get(s.position, ())) for s in plan.slides}


def overrun(plan: DeckPlan, limit: float, numbers: Mapping[int, Sequence[int]] | None = None) -> str | None:
    """A one-line warning when the plan runs over ``limit`` minutes, else None.

    It says by how much and names the three longest slides.
    """
    total = plan.minutes()
    if total <= limit:
        return None
    nums = _numbers(plan, numbers)
    longest = sorted(plan.slides, key=lambda s: (-s.minutes, s.position))[:3]
    named = ", ".join(
        f"{'slides' if len(nums[s.position]) > 1 else 'slide'} {numbers_text(nums[s.position])} "
        f"‘{s.title}’ ({minutes_text(s.minutes)} min)"
        for s in longest
    )
    return (
        f"the session runs {minutes_text(total)} minutes, {minutes_text(total - limit)} over "
        f"{minutes_text(limit)}; longest: {named}"
    )


# -- the document -----------------------------------------------------------


def handout_document(plan: DeckPlan, numbers: Mapping[int, Sequence[int]] | None = None) -> DocumentType:
    """The session plan for ``plan`` as a python-docx Document.

    ``numbers`` maps each planned slide's position to the deck's slide
    numbers for it (see ``slide_numbers``); without it every planned slide
    counts as one.
    """
    with docx_speed.faster():
        return _Writer(plan, _numbers(plan, numbers)).write()


def document_bytes(doc: DocumentType) -> bytes:
    """The .docx bytes, the same for the same document."""
    props = doc.core_properties
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)  # no invented 'last printed' date
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    return stamp(raw.getvalue())


def plan_and_numbers(deck: Guide | DeckPlan) -> tuple[DeckPlan, dict[int, tuple[int, ...]]]:
    """The deck's plan, and the deck's slide numbers for each planned slide."""
    from .layout import draw
    from .plan import plan_deck

    plan = plan_deck(deck) if isinstance(deck, Guide) else deck
    return plan, slide_numbers(draw(plan))


def handout_bytes(deck: Guide | DeckPlan) -> bytes:
    """The session plan's .docx bytes for a guide or its plan (for a web response)."""
    return document_bytes(handout_document(*plan_and_numbers(deck)))


class Said(str):
    """Text that knows its language (None: the document's)."""

    lang: str | None = None

    def format(self, *args: object, **kwargs: object) -> Said:
        return said(str.format(self, *args, **kwargs), self.lang)

    def __add__(self, other: str) -> Said:
        return said(str(self) + other, self.lang)


def said(text: str, lang: str | None) -> Said:
    out = Said(text)
    out.lang = lang
    return out


class _Words:
    """The session plan's words, each knowing its language."""

    def __init__(self, plan: DeckPlan) -> None:
        self._words = wording(plan)
        self._langs = plan.handout_langs

    def __getattr__(self, key: str) -> Any:
        value = getattr(self._words, key)
        lang = self._langs.get(key)
        if isinstance(value, str):
            return said(value, lang)
        if isinstance(value, list):
            return [said(v, lang) for v in value]
        return value


class _Writer:
    """Writes one plan into a new document, part by part."""

    def __init__(self, plan: DeckPlan, numbers: dict[int, tuple[int, ...]]) -> None:
        self.plan = plan
        self.numbers = numbers
        self.words = _Words(plan)
        self.doc: DocumentType = Document()

    def slides_of(self, slide: AnySlidePlan) -> str:
        return numbers_text(self.numbers[slide.position])

    def where(self, slide: AnySlidePlan) -> Said:
        """Where the deck shows ``slide``: "slide 9" or "slides 9–10"."""
        numbers = self.numbers[slide.position]
        words: Said = self.words.slide if len(numbers) == 1 else self.words.slides
        return words.format(slides=numbers_text(numbers))

    def write(self) -> DocumentType:
        _set_up(self.doc, self.plan)
        docx_speed.styles_found_once(self.doc)
        self.cover()
        self.before()
        self.run_sheet()
        self.stories()
        self.questions()
        self.credits()
        return self.doc

    # -- parts ----------------------------------------------------------------

    def cover(self) -> None:
        doc, plan, words = self.doc, self.plan, self.words
        kicker = _new(doc, "Subtitle")
        _add(kicker, words.kicker, bold=True)
        kicker.paragraph_format.space_before = Pt(60)
        _add(_new(doc, _heading(0)), plan.title, plan.title_lang)
        title_slide = next((s for s in plan.slides if isinstance(s, TitlePlan)), None)
        if plan.subtitle:
            _add(_new(doc, "Subtitle"), plan.subtitle, title_slide.subtitle_lang if title_slide else None)
        details = title_slide.details if title_slide else _details(plan)
        for line in details:
            doc.add_paragraph(line, style="Cover Detail")
        if title_slide and title_slide.logo:
            self.logo(title_slide.logo.path, title_slide.logo.alt)
        credit = _new(doc, "Cover Credit")
        credit.paragraph_format.space_before = Pt(36)
        _add(credit, words.series.format(series=plan.series), bold=True)
        licences = dict.fromkeys(said(s.licence, s.licence_lang) for s in plan.stories() if not s.own)
        for line in [*licences, words.companion]:
            _add(_new(doc, "Cover Credit"), line)

    def logo(self, path: str, alt: str) -> None:
        data, (w, h) = images.logo(Path(path))
        scale = min(LOGO_MM[0] / w, LOGO_MM[1] / h)
        paragraph = _new(self.doc, "Cover Detail")
        _picture(paragraph, data, Mm(w * scale), alt)

    def before(self) -> None:
        doc, words = self.doc, self.words
        _add(_new(doc, _heading(1)), words.before)
        _add(_new(doc, _heading(2)), words.checklist)
        if self.story_slides():
            self.check(words.check_watch)
        for slide in self.story_slides():
            assert slide.story is not None
            item = _new(doc, "List Bullet 2")
            # the title is the link (it says where it goes); the address is printed beside it
            _link(item, slide.story.title, slide.story.url, self.tip(slide), lang=slide.story.lang)
            _add(item, said(" (", None) + self.where(slide) + "): ")
            _add(item, slide.story.url, None)
        self.check(words.check_links)
        if self.plan.questions():
            self.check(words.check_notes)
        self.check(words.check_support)
        _ruled_lines(doc, 2, Mm(8))
        warning = next((s for s in self.plan.slides if isinstance(s, WarningPlan)), None)
        if warning is not None:
            _add(_new(doc, _heading(2)), words.warning)
            _add(_new(doc), words.warning_intro.format(slide=self.where(warning)))
            self.blocks(warning.body, style="Quote")
        self.timings()

    def check(self, text: str) -> None:
        paragraph = _new(self.doc, "Check")
        _add(paragraph, self.words.box, None)
        _add(paragraph, text)

    def timings(self) -> None:
        doc, words = self.doc, self.words
        total = self.plan.minutes()
        _add(_new(doc, _heading(2)), words.timings)
        total_text = said(duration_text(total, self.words._words), self.words.minutes_many.lang)
        _add(_new(doc), words.timings_intro.format(total=total_text))
        table = _table(doc, TIMINGS_MM, words.timings_columns, words.timings)
        start = 0.0
        for name, slides in self.parts():
            minutes = sum(s.minutes for s in slides)
            numbers = [n for s in slides for n in self.numbers[s.position]]
            _row(table, [name, numbers_text(numbers), minutes_text(minutes), clock_text(start)])
            start += minutes
        _row(table, [words.total, "", minutes_text(total), clock_text(total)], bold=True)
        _finish(table, TIMINGS_MM)

    def parts(self) -> list[tuple[str, list[AnySlidePlan]]]:
        """The session's parts: the opening, each section, each story with its own
        questions, and the close (the questions about no one story, the credits)."""
        words = self.words
        parts: list[tuple[str, list[AnySlidePlan]]] = [(words.opening, [])]
        closing = False
        for slide in self.plan.slides:
            if isinstance(slide, SectionPlan):
                parts.append((slide.title, []))
            elif isinstance(slide, StoryPlan) and slide.story is not None:
                parts.append((words.part_story.format(title=slide.story.title), []))
            elif not closing and (
                isinstance(slide, CreditsPlan)
                or (isinstance(slide, QuestionsPlan) and any(q.story is None for q in slide.questions))
            ):
                parts.append((words.closing, []))
            closing = closing or parts[-1][0] == words.closing
            parts[-1][1].append(slide)
        return [(name, slides) for name, slides in parts if slides]

    def run_sheet(self) -> None:
        doc, words = self.doc, self.words
        _add(_new(doc, _heading(1)), words.run_sheet)
        _add(_new(doc), words.run_sheet_intro)
        table = _table(doc, RUN_SHEET_MM, words.columns, words.run_sheet)
        start = 0.0
        bullet, small = _style_id(table, "Table Bullet"), _style_id(table, "Table Small")
        for slide in self.plan.slides:
            cells = _add_row(table)
            _cell_text(table, cells[0], [self.slides_of(slide)], bold=True)
            _cell_text(table, cells[1], [said(slide.title, slide.title_lang)], bold=True)
            for line in slide.summary:
                _add(_paragraph(cells[1], bullet if line.text.startswith("•\t") else small), line.text, line.lang)
            notes = [said(x, slide.notes_lang) for x in slide.notes.split("\n")] if slide.notes else [""]
            _cell_text(table, cells[2], notes)
            _cell_text(table, cells[3], [minutes_text(slide.minutes)])
            _add(_paragraph(cells[3], small), words.starts.format(clock=clock_text(start)))
            start += slide.minutes
        _row(table, ["", words.total, "", minutes_text(start)], bold=True)
        _finish(table, RUN_SHEET_MM)

    def story_slides(self) -> list[StoryPlan]:
        return [s for s in self.plan.slides if isinstance(s, StoryPlan) and s.story is not None]

    def tip(self, slide: StoryPlan) -> str | None:
        return next((s.tip for s in slide.watch if s.link), None)

    def stories(self) -> None:
        doc, words = self.doc, self.words
        stories = self.story_slides()
        if not stories:
            return
        _add(_new(doc, _heading(1)), words.stories)
        _add(_new(doc), words.stories_intro)
        for slide in stories:
            story = slide.story
            assert story is not None
            _add(_new(doc, _heading(2)), story.title, story.lang)
            facts_line = _new(doc, "Story Facts")
            _spans(facts_line, story.told_by_spans, bold=False)
            facts = [words.story_number.format(number=story.number)] if story.number is not None else []
            facts.append(said(_capital(self.where(slide)), self.where(slide).lang))
            for fact in facts:
                _add(facts_line, " · ")
                _add(facts_line, fact)
            if story.synopsis:
                synopsis = _new(doc)
                _add(synopsis, story.synopsis, story.synopsis_lang)
                synopsis.paragraph_format.keep_with_next = True  # a story stays on one page
            watch = _new(doc)
            watch.paragraph_format.keep_with_next = True
            _add(watch, words.watch, bold=True)
            _link(watch, story.title, story.url, self.tip(slide), lang=story.lang)
            _add(watch, f" ({story.url})", None)
            qr = _new(doc, "QR")
            alt = slide.qr_alt or words.qr_alt.format(title=story.title)
            _picture(qr, images.qr_code(slide.qr_target or story.url), Mm(QR_MM), alt)
            _add(qr, "  ")
            _add(qr, words.scan)
            _add(_new(doc, "Licence"), story.licence, story.licence_lang)

    def questions(self) -> None:
        doc, words = self.doc, self.words
        slides = [s for s in self.plan.slides if isinstance(s, QuestionsPlan) and s.questions]
        if not slides:
            return
        _add(_new(doc, _heading(1)), words.questions)
        _add(_new(doc), words.questions_intro)
        for slide in slides:
            _add(_new(doc, _heading(2)), slide.title, slide.title_lang)
            facts_line = _new(doc, "Story Facts")
            where = self.where(slide)
            _add(facts_line, said(_capital(where), where.lang))
            for line in slide.summary[:1]:
                _add(facts_line, " · ")
                _add(facts_line, line.text, line.lang)
            for q in slide.questions:
                item = _new(doc, "Question")
                _add(item, f"{q.number}.\t", bold=True)
                _add(item, q.text, q.lang)
                _ruled_lines(doc, words.question_lines, Mm(8))

    def credits(self) -> None:
        slides = [s for s in self.plan.slides if isinstance(s, CreditsPlan)]
        if not slides:
            return
        _add(_new(self.doc, _heading(1)), self.words.credits)
        for slide in slides:
            self.blocks(slide.body, heading=2)

    def blocks(self, blocks: Iterable[Block], style: str | None = None, heading: int = 3) -> None:
        """Blocks from the plan: headings, bullets, numbered items, paragraphs."""
        for b in blocks:
            if b.style == "heading":
                paragraph = _new(self.doc, _heading(heading))
            elif b.style == "bullet":
                paragraph = _new(self.doc, "List Bullet")
            else:
                paragraph = _new(self.doc, style)
                if b.style == "number":
                    paragraph.add_run(f"{b.number}. ")
            _spans(paragraph, b.spans)


# -- building blocks ----------------------------------------------------------


def _details(plan: DeckPlan) -> tuple[str, ...]:
    return tuple(x for x in (plan.presenter, plan.organisation, plan.long_date) if x)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


_W_R, _W_RPR, _W_T, _W_B = qn("w:r"), qn("w:rPr"), qn("w:t"), qn("w:b")
_W_TAB, _W_BR, _W_LANG, _W_VAL = qn("w:tab"), qn("w:br"), qn("w:lang"), qn("w:val")
_W_P, _W_PPR, _W_PSTYLE = qn("w:p"), qn("w:pPr"), qn("w:pStyle")
_XML_SPACE = qn("xml:space")


def _add(paragraph: Paragraph | Any, text: str, lang: str | None = None, bold: bool = False) -> None:
    """A run of ``text`` tagged with its language: ``lang``, or the language a Said knows.

    The run's XML is made here, as ``add_run``, ``bold`` and a ``w:lang`` make it through
    python-docx (an empty ``w:rPr`` included): a long session plan has tens of thousands."""
    r = SubElement(getattr(paragraph, "_p", paragraph), _W_R)
    r_pr = SubElement(r, _W_RPR)
    if bold:
        SubElement(r_pr, _W_B)
    lang = lang or getattr(text, "lang", None)
    if lang:
        SubElement(r_pr, _W_LANG).set(_W_VAL, lang)
    for piece in _PIECES.split(text):
        if piece == "\t":
            SubElement(r, _W_TAB)
        elif piece in ("\r", "\n"):
            SubElement(r, _W_BR)
        elif piece:
            t = SubElement(r, _W_T)
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(_XML_SPACE, "preserve")


_PIECES = re.compile("([\t\r\n])")


def _paragraph(parent: Any, style_id: str | None = None) -> Any:
    """A new ``w:p`` at the end of a table cell, or of the body before its section
    properties, in the paragraph style ``style_id`` (as python-docx adds it)."""
    p = _append(parent, parent.makeelement(_W_P, {}))
    if style_id:
        _style(p, style_id)
    return p


def _append(parent: Any, child: Any) -> Any:
    """``child`` added last to ``parent``, but before a body's section properties
    (``len`` counts every child: lxml reads ``parent[-1]`` from the end at once)."""
    try:
        last = parent[-1]
    except IndexError:
        last = None
    if last is not None and last.tag == _SECT_PR:
        last.addprevious(child)
    else:
        parent.append(child)
    return child


_SECT_PR = qn("w:sectPr")


def _new(doc: DocumentType, style: str | None = None) -> Paragraph:
    """``doc.add_paragraph(style=style)``: the same XML, made sooner."""
    p = _paragraph(doc.element.body)
    if style is not None:
        style_id = doc.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[no-untyped-call]
        if style_id is None:  # the default style: python-docx leaves an empty w:pPr
            p.insert(0, p.makeelement(_W_PPR, {}))
        else:
            _style(p, style_id)
    return Paragraph(p, doc._body)


def _heading(level: int) -> str:
    """The style of a heading, as ``Document.add_heading`` names it."""
    return "Title" if level == 0 else f"Heading {level}"


def _style(p: Any, style_id: str) -> None:
    """``p`` in the paragraph style ``style_id``, as ``Paragraph.style`` sets it."""
    p_pr = p.find(_W_PPR)
    if p_pr is None:
        p_pr = p.makeelement(_W_PPR, {})
        p.insert(0, p_pr)
    p_style = p_pr.find(_W_PSTYLE)
    if p_style is None:
        p_style = p_pr.makeelement(_W_PSTYLE, {})
        p_pr.insert(0, p_style)
    p_style.set(_W_VAL, style_id)


def _lang(run: Run, lang: str | None) -> None:
    """Tag ``run`` with ``lang`` (where it is not the document's)."""
    if lang:
        mark = OxmlElement("w:lang")
        mark.set(qn("w:val"), lang)
        run._r.get_or_add_rPr().append(mark)


def _spans(paragraph: Paragraph, spans: Iterable[Span], bold: bool | None = None) -> None:
    for span in spans:
        if span.link:
            _link(paragraph, span.text, span.link, span.tip, bold=span.bold, italic=span.italic, lang=span.lang)
        else:
            run = paragraph.add_run(span.text)
            run.bold = (span.bold if bold is None else bold) or None
            run.italic = span.italic or None
            _lang(run, span.lang)


def _link(
    paragraph: Paragraph,
    text: str,
    url: str,
    tip: str | None = None,
    bold: bool = False,
    italic: bool = False,
    lang: str | None = None,
) -> None:
    """A real hyperlink (``w:hyperlink`` with an external relationship), its text in ``lang`` where given."""
    r_id = docx_speed.ids(paragraph.part).link(url)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    if tip:
        link.set(qn("w:tooltip"), tip)
    link.set(qn("w:history"), "1")
    run = paragraph.add_run(text, style="Hyperlink")
    run.bold = bold or None
    run.italic = italic or None
    _lang(run, lang)
    link.append(run._r)
    paragraph._p.append(link)


def _picture(paragraph: Paragraph, data: bytes, width: Any, alt: str) -> None:
    docx_speed.picture(paragraph.add_run(), data, width).docPr.set("descr", alt)


# The first-made XML of a repeated part, by document part or table: a ruled line by its indent, a blank row.
_MADE: weakref.WeakKeyDictionary[Any, dict[Any, Any]] = weakref.WeakKeyDictionary()


def _ruled_lines(doc: DocumentType, count: int, indent: Any) -> None:
    """Lines to write on: a tab that runs to the right margin with an underline leader.
    The first of each indent is made through python-docx, the rest are copies of it."""
    made = _MADE.setdefault(doc.part, {})
    for _ in range(count):
        if indent in made:
            _append(doc.element.body, copy.deepcopy(made[indent]))
            continue
        paragraph = _new(doc, "Write Here")
        paragraph.paragraph_format.left_indent = indent
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Mm(TEXT_WIDTH_MM - 1), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES
        )
        paragraph.add_run("\t")
        made[indent] = copy.deepcopy(paragraph._p)


def _table(doc: DocumentType, widths_mm: Sequence[int], header: Sequence[str], caption: str) -> Table:
    """A full-width table with fixed column widths, a header row that repeats on each page,
    and a caption (its title for screen readers)."""
    table: Table = doc.add_table(rows=1, cols=len(widths_mm))
    title = OxmlElement("w:tblCaption")
    title.set(qn("w:val"), caption)
    table._tbl.tblPr.append(title)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    row = table.rows[0]
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        tr_pr.append(OxmlElement(tag))
    for cell, text in zip(row.cells, header, strict=True):
        _cell_text(table, cell._tc, [text], bold=True)
        _shade(cell, theme.PALE_GREY)
    return table


def _finish(table: Table, widths_mm: Sequence[int]) -> None:
    """Every cell's width (Word reads the cells', LibreOffice the grid's); rows kept whole on a page."""
    for tr in table._tbl.tr_lst:
        tr_pr = tr.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.insert(0, OxmlElement("w:cantSplit"))
        for tc, width in zip(tr.iterchildren(_W_TC), widths_mm, strict=True):
            tc.width = Mm(width)


def _row(table: Table, texts: Sequence[str], bold: bool = False) -> None:
    for tc, text in zip(_add_row(table), texts, strict=True):
        _cell_text(table, tc, [text], bold=bold)


def _add_row(table: Table) -> list[Any]:
    """The cells (``w:tc``) of a new last row, as ``Table.add_row`` makes it: the first
    is made so and kept, the others are copies of it (the same XML, made sooner)."""
    made = _MADE.setdefault(table, {})
    if "row" not in made:
        tr = table.add_row()._tr  # type: ignore[no-untyped-call]
        made["row"] = copy.deepcopy(tr)
    else:
        tr = copy.deepcopy(made["row"])
        table._tbl.append(tr)
    return list(tr.iterchildren(_W_TC))


_W_TC = qn("w:tc")


def _cell_text(table: Table, tc: Any, lines: Sequence[str], bold: bool = False) -> None:
    """Write ``lines`` in a cell (its ``w:tc``), one paragraph a line."""
    style_id = _style_id(table, "Table Text")
    for i, line in enumerate(lines):
        p = tc.find(_W_P) if i == 0 else _paragraph(tc)
        _style(p, style_id)
        _add(p, line, bold=bold)


def _style_id(item: Any, name: str) -> str:
    """The id of the paragraph style ``name`` (remembered: see ``docx_speed.styles_found_once``)."""
    found: str | None = item.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
    assert found is not None, name
    return found


def _shade(cell: _Cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


# -- styles, page, language -------------------------------------------------


def _set_up(doc: DocumentType, plan: DeckPlan) -> None:
    """A4 pages, Arial in the NHS colours, the plan's language, our styles, the footer."""
    package_rels = doc.part.package.rels
    for r_id, rel in list(package_rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:  # python-docx's template's picture
            del package_rels[r_id]
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    section.header_distance = section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True  # the cover has no footer
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    words = _Words(plan).footer
    if words.lang == plan.title_lang:
        _add(footer, words.format(title=plan.title))
    else:  # the deck's title in its own language, the words around it in theirs
        for part in (p for p in re.split(r"(\{title\})", words) if p):
            if part == "{title}":
                _add(footer, plan.title, plan.title_lang)
            else:
                _add(footer, said(part, words.lang).format())
    _field(footer, "PAGE", "1")

    _defaults(doc, plan.language)
    styles = doc.styles
    _font(styles["Normal"], 11, theme.BLACK)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    _font(styles["Title"], 30, theme.DARK_BLUE, bold=True)
    _font(styles["Subtitle"], 15, theme.NHS_BLUE, italic=False)
    _font(styles["Heading 1"], 20, theme.DARK_BLUE, bold=True)
    styles["Heading 1"].paragraph_format.page_break_before = True
    _font(styles["Heading 2"], 14, theme.NHS_BLUE, bold=True)
    _font(styles["Heading 3"], 12, theme.DARK_BLUE, bold=True)
    _font(styles["Footer"], 9, theme.DARK_GREY)
    _font(styles["Quote"], 12, theme.DARK_BLUE, italic=False)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        pbdr = styles[name].element.pPr.find(qn("w:pBdr")) if styles[name].element.pPr is not None else None
        if pbdr is not None:
            pbdr.getparent().remove(pbdr)

    def add(name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH, base: str = "Normal") -> Any:
        style = styles.add_style(name, kind)
        style.base_style = styles[base]
        style.quick_style = True
        return style

    link = add("Hyperlink", WD_STYLE_TYPE.CHARACTER, "Default Paragraph Font")
    link.font.color.rgb = RGBColor.from_string(theme.NHS_BLUE)
    link.font.underline = True
    _font(add("Cover Detail"), 14, theme.DARK_GREY)
    credit = add("Cover Credit")
    _font(credit, 10, theme.DARK_GREY)
    credit.paragraph_format.space_after = Pt(4)
    for name in ("Title", "Subtitle"):  # the template spaces their letters out
        spacing = styles[name].element.rPr.find(qn("w:spacing"))
        if spacing is not None:
            styles[name].element.rPr.remove(spacing)
    facts = add("Story Facts")
    _font(facts, 10, theme.DARK_GREY)
    facts.paragraph_format.keep_with_next = True
    _font(add("Licence"), 9, theme.DARK_GREY)
    qr = add("QR")
    qr.paragraph_format.keep_with_next = True
    check = add("Check")
    check.paragraph_format.left_indent = Mm(6)
    check.paragraph_format.first_line_indent = Mm(-6)
    question = add("Question")
    question.paragraph_format.left_indent = Mm(8)
    question.paragraph_format.first_line_indent = Mm(-8)
    question.paragraph_format.space_before = Pt(10)
    question.paragraph_format.keep_with_next = True
    question.paragraph_format.tab_stops.add_tab_stop(Mm(8))
    write = add("Write Here")
    write.paragraph_format.space_before = Pt(12)
    write.paragraph_format.space_after = Pt(0)
    _font(write, 11, theme.MID_GREY)
    table_text = add("Table Text")
    _font(table_text, 9.5, theme.BLACK)
    table_text.paragraph_format.space_after = Pt(3)
    _font(add("Table Small", base="Table Text"), 8.5, theme.DARK_GREY)
    bullet = add("Table Bullet", base="Table Small")
    bullet.paragraph_format.left_indent = Mm(3)
    bullet.paragraph_format.first_line_indent = Mm(-3)
    bullet.paragraph_format.tab_stops.add_tab_stop(Mm(3))

    props = doc.core_properties
    props.title = f"{plan.title}: {wording(plan).kicker.lower()}"
    props.subject = wording(plan).subject.format(series=plan.series)
    props.author = plan.presenter or plan.series
    props.last_modified_by = props.author
    props.keywords = plan.series
    props.language = plan.language
    props.comments = ""


def _defaults(doc: DocumentType, language: str) -> None:
    """Arial and the document's language as every run's default."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        doc.styles.element.insert(0, defaults)
    r_pr_default = defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    _arial(r_pr)
    for old in r_pr.findall(qn("w:lang")):
        r_pr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    r_pr.append(lang)
    # The template's other language marks say en-US: the theme fonts' language,
    # and Word 2010's copy of the styles (which later Word rebuilds from styles.xml).
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)
    for r_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[r_id]


def _arial(r_pr: Any) -> None:
    """Name Arial for every script, dropping the theme's font."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in list(fonts.attrib):
        fonts.attrib.pop(attr)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), theme.FONT)


def _font(style: Any, size: float, colour: str, bold: bool | None = None, italic: bool | None = None) -> None:
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    if italic is not None:
        font.italic = italic
    font.color.rgb = RGBColor.from_string(colour)
    _arial(style.element.get_or_add_rPr())
    color = style.element.rPr.find(qn("w:color"))
    for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
        color.attrib.pop(qn(attr), None)


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A simple field (PAGE) whose result Word and LibreOffice fill in."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


__all__ = [
    "document_bytes",
    "duration_text",
    "handout_bytes",
    "handout_document",
    "overrun",
    "slide_numbers",
    "wording",
]
