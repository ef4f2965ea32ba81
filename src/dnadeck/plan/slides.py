"""Each slide kind's plan: what the slide says, as plain data, and the planner that decides it.

A kind's plan class stands next to its planner. Both read the guide's slide
(its model in ``model.py``) and a ``Context``; neither measures text or knows
about PowerPoint. ``PLANNERS`` is the table ``plan_deck`` reads, by kind
(``model.SLIDE_KINDS``); the drawers of ``layout.slides`` read the classes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import formatting, ties
from ..catalogue import stories
from ..formatting import shortened
from ..model import (
    CreditsSlide,
    QuestionsSlide,
    QuoteSlide,
    SectionSlide,
    StorySlide,
    TextSlide,
    TitleSlide,
    WarningSlide,
)
from ..text import Block, Span, block
from .context import Context, long_date

QUOTE_WORDS = 14  # a quotation longer than this is shortened in the session plan's run sheet
PROSE_WORDS = 30


@dataclass(frozen=True)
class SlidePlan:
    """What every slide kind has: its kind, title, notes and suggested minutes.

    ``position`` counts the guide's slides shown, from 1; a slide that
    needs continuation slides is still one SlidePlan.
    """

    kind: str = field(init=False)  # one of model.SLIDE_KINDS: each subclass below sets its own
    position: int
    title: str
    notes: str
    minutes: float
    # Languages where not the deck's: the title, the notes, the slide's own text.
    title_lang: str | None = None
    notes_lang: str | None = None
    lang: str | None = None
    # What the session plan's run sheet says is on the slide (its title aside): a line per span.
    summary: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Question:
    """A question as the deck shows it.

    ``number`` is its number in this deck (1..n); ``source_number`` its
    number in the guide it came from, the number ``--question`` chooses by.
    ``story`` is the id of the story it is about, if any.
    """

    number: int
    source_number: int
    text: str
    story: str | None = None
    lang: str | None = None  # where not the deck's language


@dataclass(frozen=True)
class StoryInfo:
    """A story as one slide shows it."""

    id: str
    title: str
    url: str
    synopsis: str | None  # None where no source says what the story is about
    # "Told by Rachel, a Supervisor of Midwives", each part in its language ("Told by" and the teller).
    told_by_spans: tuple[Span, ...]
    storyteller: str | None
    number: int | None
    licence: str  # the attribution and licence line, ending in a full stop
    own: bool  # a story the guide defines itself, not from the catalogue
    # Languages where not the deck's: of the title and teller, the synopsis, the licence line.
    lang: str | None = None
    synopsis_lang: str | None = None
    licence_lang: str | None = None

    @property
    def told_by(self) -> str:
        """The told-by line as plain text."""
        return "".join(span.text for span in self.told_by_spans)


@dataclass(frozen=True)
class Picture:
    """A picture file named by the guide (a logo), with its alt text."""

    path: str
    alt: str


# -- the slide kinds, in model.SLIDE_KINDS's order: each plan class, then its planner --


@dataclass(frozen=True)
class TitlePlan(SlidePlan):
    kind: str = field(init=False, default="title")
    kicker: str = ""
    subtitle: str | None = None
    details: tuple[str, ...] = ()  # presenter, organisation, date (as shown)
    kicker_lang: str | None = None
    subtitle_lang: str | None = None
    logo: Picture | None = None


def _title(ctx: Context, s: TitleSlide, position: int) -> TitlePlan:
    g, labels = ctx.guide, ctx.labels
    logo = None
    if g.logo is not None:
        who = g.organisation or g.presenter
        alt = ties.fill(labels.logo_alt, {"who": who}) if who else labels.logo_alt_unknown
        logo = Picture(str(g.logo), alt)
    notes = ctx.notes(s.notes, "title", title=g.title)
    details = tuple(x for x in (g.presenter, g.organisation, long_date(g)) if x)
    subtitle_lang = ctx.text_lang("subtitle")
    summary = [Span(x, lang=subtitle_lang) for x in (g.subtitle,) if x] + [Span(x) for x in details]
    return TitlePlan(
        **ctx.common(s, position, notes, title=g.title, title_lang=ctx.text_lang("title"), lang=None),
        summary=tuple(summary),
        kicker=ties.fill(labels.kicker, {"series": g.series.name}),
        kicker_lang=ctx.lang("labels.kicker"),
        subtitle=g.subtitle,
        subtitle_lang=subtitle_lang,
        details=details,
        logo=logo,
    )


@dataclass(frozen=True)
class SectionPlan(SlidePlan):
    kind: str = field(init=False, default="section")


def _section(ctx: Context, s: SectionSlide, position: int) -> SectionPlan:
    notes = ctx.notes(s.notes, "section", title=s.title)
    return SectionPlan(**ctx.common(s, position, notes, title=s.title, summary=(ctx.said("summary_section"),)))


@dataclass(frozen=True)
class TextPlan(SlidePlan):
    kind: str = field(init=False, default="text")
    body: tuple[Block, ...] = ()
    cite: str | None = None


def _paragraphs(text: str, lang: str | None) -> tuple[Block, ...]:
    return tuple(block(chunk.strip(), lang=lang) for chunk in text.split("\n\n") if chunk.strip())


def _text(ctx: Context, s: TextSlide, position: int) -> TextPlan:
    if s.points is not None:
        body = tuple(block(p, "bullet", lang=ctx.own) for p in s.points)
    else:
        body = _paragraphs(s.body or "", ctx.own)
    notes = ctx.notes(s.notes, "text", title=s.title)
    lines = [shortened(b.text, PROSE_WORDS) if b.style == "plain" else "•\t" + b.text for b in body]
    summary = tuple(Span(x, lang=ctx.own) for x in [*lines, *([s.cite] if s.cite else [])])
    return TextPlan(**ctx.common(s, position, notes, title=s.title, summary=summary), body=body, cite=s.cite)


@dataclass(frozen=True)
class QuotePlan(SlidePlan):
    kind: str = field(init=False, default="quote")
    text: str = ""  # the quotation, verbatim, without quotation marks
    shown: str = ""  # the quotation as the slide shows it, in the wording's quotation marks
    by: str = ""
    attribution: tuple[Block, ...] = ()  # "— by", role, citation, source link


def _link(text: str, address: str, tip: str, lang: str | None = None) -> tuple[Span, Span]:
    """A link whose text (in ``lang``, where not the deck's) says where it goes,
    then its address as plain text (a printout needs it; a screen reader hears
    the text first)."""
    return Span(text, link=address, tip=tip, lang=lang), Span(f" ({shown_address(address)})")


def shown_address(address: str) -> str:
    """An address as it is printed: an e-mail address without mailto:."""
    return address.removeprefix("mailto:")


def _source(ctx: Context, address: str, by: str) -> tuple[Span, Span]:
    """A link to where a quotation comes from: the series' page by its name, another as the source."""
    if address == ctx.guide.series.url:
        return _site(ctx)
    host = address.split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")
    tip = ties.fill(ctx.labels.link_tip, {"by": by, "site": host, "address": address})
    return _link(ctx.labels.source_link, address, tip, ctx.lang("labels.source_link"))


def _site(ctx: Context) -> tuple[Span, Span]:
    """The link to the series' page, named as the site it is on."""
    labels, series = ctx.labels, ctx.guide.series
    tip = ties.fill(labels.site_link_tip, {"series": series.name})
    return _link(labels.site_link, series.url, tip, ctx.lang("labels.site_link"))


def _quote(ctx: Context, s: QuoteSlide, position: int) -> QuotePlan:
    labels = ctx.labels
    if s.attributed:
        who = block("— " + ties.fill(labels.attributed, {"by": s.by}), bold=True, lang=ctx.lang("labels.attributed"))
    else:
        who = block(f"— {s.by}" + (f", {s.year}" if s.year else ""), bold=True, lang=ctx.own)
    attribution = [who]
    attribution += [block(x, lang=ctx.own) for x in (s.role, s.cite) if x]
    if s.source:
        attribution.append(Block(_source(ctx, s.source, s.by)))
    notes = ctx.notes(s.notes, "quote", by=s.by)
    quotation = ctx.guide.wording.words.quotation
    summary = (
        Span(quotation.replace("{text}", shortened(s.text, QUOTE_WORDS)), lang=ctx.own),
        Span(who.text, lang=who.spans[0].lang),
    )
    return QuotePlan(
        **ctx.common(
            s,
            position,
            notes,
            title=s.title or ties.fill(labels.quote_title, {"by": s.by}),
            title_lang=ctx.own if s.title else ctx.lang("labels.quote_title"),
            summary=summary,
        ),
        text=s.text,
        shown=quotation.replace("{text}", s.text),
        by=s.by,
        attribution=tuple(attribution),
    )


@dataclass(frozen=True)
class WarningPlan(SlidePlan):
    kind: str = field(init=False, default="warning")
    body: tuple[Block, ...] = ()


def _warning(ctx: Context, s: WarningSlide, position: int) -> WarningPlan | None:
    if not ctx.shown:
        return None  # a deck with no stories needs no warning before them
    titled = ctx.titled(s.title, "warning_title")
    notes = ctx.notes(s.notes, "warning", title=titled["title"])
    return WarningPlan(
        **ctx.common(
            s,
            position,
            notes,
            **titled,
            lang=ctx.own if s.text else ctx.lang("series.warning"),
            summary=(ctx.said("summary_warning"),),
        ),
        body=_paragraphs(s.text or ctx.guide.wording.series.warning, ctx.own if s.text else ctx.lang("series.warning")),
    )


@dataclass(frozen=True)
class StoryPlan(SlidePlan):
    kind: str = field(init=False, default="story")
    story: StoryInfo | None = None
    watch: tuple[Span, ...] = ()  # "Watch the story: " + the link
    qr_target: str = ""
    qr_alt: str = ""
    caption: tuple[str, ...] = ()  # "Scan to watch", "Story 1019"
    caption_lang: str | None = None


def licence_line(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _told_by(ctx: Context, s: StorySlide) -> tuple[Span, ...]:
    """ "Told by" in the wording's language, the teller in the catalogue's (or the guide's)."""
    if not s.storyteller:
        return (Span(ctx.labels.told_by_unknown, bold=True, lang=ctx.lang("labels.told_by_unknown")),)
    teller_lang = ctx.catalogue if s.story else ctx.own
    label_lang = ctx.lang("labels.told_by")
    before, _, after = ctx.labels.told_by.partition("{storyteller}")
    spans = [Span(before, bold=True, lang=label_lang), Span(s.storyteller, bold=True, lang=teller_lang)]
    spans.append(Span(after, bold=True, lang=label_lang))
    return tuple(x for x in spans if x.text)


def _story(ctx: Context, s: StorySlide, position: int) -> StoryPlan:
    labels = ctx.labels
    assert s.title and s.url  # the loader fills these in
    from_catalogue = s.story is not None
    synopsis_given = from_catalogue and s.synopsis != stories()[s.key].synopsis
    info = StoryInfo(
        id=s.key,
        title=s.title,
        url=s.url,
        synopsis=s.synopsis,
        told_by_spans=_told_by(ctx, s),
        storyteller=s.storyteller,
        number=s.number,
        licence=licence_line(s.licence or ctx.guide.wording.series.attribution),
        own=s.story is None,
        lang=ctx.catalogue if from_catalogue else ctx.own,
        synopsis_lang=ctx.catalogue if from_catalogue and not synopsis_given else ctx.own,
        licence_lang=ctx.own if s.licence else ctx.lang("series.attribution"),
    )
    tip = ties.fill(labels.story_link_tip, {"title": s.title})
    caption = [labels.scan] + ([ties.fill(labels.story_number, {"number": s.number})] if s.number else [])
    return StoryPlan(
        position=position,
        title=s.title,
        notes=s.notes or "",  # filled by _story_notes once the questions are known
        minutes=ctx.minutes(s),
        title_lang=info.lang,
        lang=ctx.own,
        summary=(ctx.said("summary_story", told_by=info.told_by),),
        story=info,
        watch=(Span(labels.watch, bold=True, lang=ctx.lang("labels.watch")), *_link(s.title, s.url, tip, info.lang)),
        qr_target=s.url,
        qr_alt=ties.fill(labels.qr_alt, {"title": s.title}),
        caption=tuple(caption),
        caption_lang=ctx.lang("labels.scan"),
    )


@dataclass(frozen=True)
class QuestionsPlan(SlidePlan):
    kind: str = field(init=False, default="questions")
    questions: tuple[Question, ...] = ()


def _questions(ctx: Context, s: QuestionsSlide, position: int) -> QuestionsPlan | None:
    questions = []
    for text in s.questions:
        source_number = next(ctx.source_numbers)
        if not ctx.kept(text):
            continue
        ctx.deck_number += 1
        ctx.deck_numbers[source_number] = ctx.deck_number
        about = sorted(ties.tied_stories(text, ctx.titles))
        story = about[0] if about else None
        questions.append(Question(ctx.deck_number, source_number, ctx.words_for(text), story, ctx.own))
    if not questions:
        return None
    own_title = bool(s.title and ctx.kept(s.title))
    title = s.title if s.title and own_title else ctx.labels.questions_title
    notes = ctx.notes(s.notes, "questions", title=title)
    return QuestionsPlan(
        **ctx.common(
            s,
            position,
            notes,
            title=ctx.words_for(title),
            title_lang=ctx.own if own_title else ctx.lang("labels.questions_title"),
            summary=(_questions_line(ctx, questions),),
        ),
        questions=tuple(questions),
    )


def _questions_line(ctx: Context, questions: list[Question]) -> Span:
    """Which questions a slide asks, for the session plan: "Questions 4–6, about ‘Stay’."."""
    numbers = [q.number for q in questions]
    line = ctx.said("question_one" if len(numbers) == 1 else "question_many", numbers=formatting.numbers_text(numbers))
    about = {q.story for q in questions}
    story = about.pop() if len(about) == 1 else None
    if story and story in ctx.shown_ids:
        line = ctx.said("questions_about", questions=line.text, title=ctx.titles[story])
    return Span(ties.tidy(line.text + "."), lang=line.lang)


@dataclass(frozen=True)
class CreditsPlan(SlidePlan):
    kind: str = field(init=False, default="credits")
    body: tuple[Block, ...] = ()  # bullets, then a heading and the quotation sources


def _credits(ctx: Context, s: CreditsSlide, position: int) -> CreditsPlan:
    g, labels = ctx.guide, ctx.labels
    series, said = g.series, g.wording.series

    def label(key: str, **values: object) -> Span:
        return Span(ties.fill(getattr(labels, key), values), bold=True, lang=ctx.lang(f"labels.{key}"))

    stories_text = ties.fill(
        labels.credits_stories_text,
        {"series": series.name, "made_by": said.made_by, "sponsor": series.sponsor, "copyright": series.copyright},
    )
    licence = f"{said.licence_name} ({series.licence.short}). {said.licence_permits}"
    items: list[tuple[Span, ...]] = [
        (label("credits_stories"), Span(stories_text, lang=ctx.lang("labels.credits_stories_text"))),
        (label("credits_licence"), Span(licence, lang=ctx.lang("series.licence_permits"))),
        (label("credits_watch"), *_site(ctx)),
    ]
    contacts: list[Span] = [label("credits_contacts")]
    for i, c in enumerate(series.contacts):
        if i:
            contacts.append(Span("; "))
        contacts += _link(c.name, c.link, ties.fill(labels.email_link_tip, {"name": c.name}))
    items.append(tuple(contacts))
    items.append((label("credits_independence"), Span(said.independence, lang=ctx.lang("series.independence"))))
    for story in ctx.shown:
        if story.licence:
            items.append(
                (label("credits_own_story", title=story.title), Span(licence_line(story.licence), lang=ctx.own))
            )
    cut = g.pack_stories is not None and set(g.pack_stories) != ctx.shown_ids
    if ctx.shown and (s.selection or cut):
        if cut:
            line = Span(
                ties.fill(labels.credits_selection_cut, {"series": series.name}),
                lang=ctx.lang("labels.credits_selection_cut"),
            )
        else:
            line = Span(s.selection or "", lang=ctx.own)
        items.append((line,))
    items += [(Span(ctx.words_for(p), lang=ctx.own),) for p in s.points or [] if ctx.kept(p)]
    body = [Block(runs, "bullet") for runs in items]
    sources: list[Block] = []
    for q in g.quotes():
        by = ties.fill(labels.attributed, {"by": q.by}) if q.attributed else q.by
        label_text = ", ".join(x for x in (by, q.role, None if q.attributed else q.year, q.cite) if x)
        quote_lang = ctx.tag(q.language or g.language)
        named = Span(label_text, lang=quote_lang)
        spans = (named, Span(": "), *_source(ctx, q.source, q.by)) if q.source else (named,)
        if all(b.spans != spans for b in sources):
            sources.append(Block(spans, "bullet"))
    if sources:
        body += [Block((label("credits_sources"),), "heading"), *sources]
    titled = ctx.titled(s.title, "credits_title")
    notes = ctx.notes(s.notes, "credits", title=titled["title"])
    return CreditsPlan(
        **ctx.common(s, position, notes, **titled, summary=(ctx.said("summary_credits"),)),
        body=tuple(body),
    )


AnySlidePlan = TitlePlan | SectionPlan | TextPlan | QuotePlan | WarningPlan | StoryPlan | QuestionsPlan | CreditsPlan
PLANNERS: Mapping[str, Callable[[Context, Any, int], AnySlidePlan | None]] = {
    "title": _title,
    "section": _section,
    "text": _text,
    "quote": _quote,
    "warning": _warning,
    "story": _story,
    "questions": _questions,
    "credits": _credits,
}
