"""Guide -> DeckPlan: what every slide says, decided in one place.

Questions are numbered here; questions and notes tied to a story the deck
does not show are dropped here (a questions slide left empty goes); words
that count or list the stories come from the stories shown; default notes,
labels, alt text, link tips and credits lines are filled in here. Nothing
here measures text or knows about PowerPoint.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from . import ties
from .catalogue import stories
from .deckplan import (
    AnySlidePlan,
    Block,
    CreditsPlan,
    DeckPlan,
    Picture,
    Question,
    QuestionsPlan,
    QuotePlan,
    SectionPlan,
    Span,
    StoryInfo,
    StoryPlan,
    TextPlan,
    TitlePlan,
    WarningPlan,
    block,
)
from .model import (
    CreditsSlide,
    Guide,
    QuestionsSlide,
    QuoteSlide,
    SectionSlide,
    Slide,
    StorySlide,
    TextSlide,
    TitleSlide,
    WarningSlide,
)


class _Context:
    """What planning one deck needs to know about the whole guide."""

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self.labels = guide.wording.labels
        self.shown = [s for s in guide.slides if isinstance(s, StorySlide)]
        self.shown_ids = {s.key for s in self.shown}
        self.titles: dict[str, str] = {}
        self.titles.update({sid: s.title for sid, s in stories().items()})
        self.titles.update({s.key: s.title or s.key for s in self.shown})
        self.words = ties.story_words([s.title or "" for s in self.shown])
        numbers = guide.question_numbers or list(range(1, len(guide.questions()) + 1))
        self.source_numbers = iter(numbers)
        self.deck_number = 0
        self.questions_after: dict[int, list[Question]] = {}

    def kept(self, text: str) -> bool:
        """Whether ``text`` is about no story, or only about stories the deck shows."""
        return ties.tied_stories(text, self.titles) <= self.shown_ids

    def words_for(self, text: str, **values: object) -> str:
        """``text`` with story marks shown and the placeholders filled."""
        return ties.fill(ties.show_ties(text, self.titles), {**self.words, **values})

    def notes(self, given: str | None, default: str, **values: object) -> str:
        """The slide's notes without paragraphs about stories not shown; else the default."""
        if given:
            paragraphs = [p.strip() for p in re.split(r"\n+", given) if p.strip()]
            kept = [self.words_for(p, **values) for p in paragraphs if self.kept(p)]
            if kept:
                return "\n".join(kept)
        return self.words_for(default, **values)

    def minutes(self, slide: Slide) -> float:
        if slide.minutes is not None:
            return slide.minutes
        value: float = getattr(self.guide.wording.minutes, slide.kind)
        return value


def plan_deck(guide: Guide) -> DeckPlan:
    """Decide every slide's words for ``guide`` (a loaded guide or custom deck)."""
    ctx = _Context(guide)
    planned: list[AnySlidePlan] = []
    for slide in guide.slides:
        made = PLANNERS[slide.kind](ctx, slide, len(planned) + 1)
        if made is not None:
            planned.append(made)
    planned = _story_notes(ctx, planned)
    planned = _unique_titles(ctx, planned)
    labels = ctx.labels
    return DeckPlan(
        id=guide.id,
        title=guide.title,
        subtitle=guide.subtitle,
        presenter=guide.presenter,
        organisation=guide.organisation,
        date=guide.date,
        language=guide.language,
        footer=ties.fill(labels.footer, {"title": guide.title, "series": guide.series.name}),
        continued=labels.continued,
        series=guide.series.name,
        template=str(guide.template) if guide.template else None,
        slides=tuple(planned),
        source=guide.source,
        origins={key: guide.where(key) for key in ("logo", "template")},
    )


def long_date(guide: Guide) -> str | None:
    return f"{guide.date.day} {guide.date:%B %Y}" if guide.date else None


def _title(ctx: _Context, s: TitleSlide, position: int) -> TitlePlan:
    g, labels = ctx.guide, ctx.labels
    logo = None
    if g.logo is not None:
        who = g.organisation or g.presenter
        alt = ties.fill(labels.logo_alt, {"who": who}) if who else labels.logo_alt_unknown
        logo = Picture(str(g.logo), alt)
    return TitlePlan(
        position=position,
        title=g.title,
        notes=ctx.notes(s.notes, g.wording.notes.title, title=g.title),
        minutes=ctx.minutes(s),
        kicker=ties.fill(labels.kicker, {"series": g.series.name}),
        subtitle=g.subtitle,
        details=tuple(x for x in (g.presenter, g.organisation, long_date(g)) if x),
        logo=logo,
    )


def _section(ctx: _Context, s: SectionSlide, position: int) -> SectionPlan:
    return SectionPlan(
        position=position,
        title=s.title,
        notes=ctx.notes(s.notes, ctx.guide.wording.notes.section, title=s.title),
        minutes=ctx.minutes(s),
    )


def _paragraphs(text: str) -> tuple[Block, ...]:
    return tuple(block(chunk.strip()) for chunk in text.split("\n\n") if chunk.strip())


def _text(ctx: _Context, s: TextSlide, position: int) -> TextPlan:
    body = tuple(block(p, "bullet") for p in s.points) if s.points is not None else _paragraphs(s.body or "")
    return TextPlan(
        position=position,
        title=s.title,
        notes=ctx.notes(s.notes, ctx.guide.wording.notes.text, title=s.title),
        minutes=ctx.minutes(s),
        body=body,
        cite=s.cite,
    )


def _link(text: str, address: str, tip: str) -> tuple[Span, Span]:
    """A link whose text says where it goes, then its address as plain text
    (a printout needs it; a screen reader hears the text first)."""
    return Span(text, link=address, tip=tip), Span(f" ({shown_address(address)})")


def shown_address(address: str) -> str:
    """An address as it is printed: an e-mail address without mailto:."""
    return address.removeprefix("mailto:")


def _source(ctx: _Context, address: str, by: str) -> tuple[Span, Span]:
    """A link to where a quotation comes from: the series' page by its name, another as the source."""
    if address == ctx.guide.series.url:
        return _site(ctx)
    host = address.split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")
    tip = ties.fill(ctx.labels.link_tip, {"by": by, "site": host, "address": address})
    return _link(ctx.labels.source_link, address, tip)


def _site(ctx: _Context) -> tuple[Span, Span]:
    """The link to the series' page, named as the site it is on."""
    labels, series = ctx.labels, ctx.guide.series
    return _link(labels.site_link, series.url, ties.fill(labels.site_link_tip, {"series": series.name}))


def _quote(ctx: _Context, s: QuoteSlide, position: int) -> QuotePlan:
    labels = ctx.labels
    if s.attributed:
        who = "— " + ties.fill(labels.attributed, {"by": s.by})
    else:
        who = f"— {s.by}" + (f", {s.year}" if s.year else "")
    attribution = [block(who, bold=True)]
    attribution += [block(x) for x in (s.role, s.cite) if x]
    if s.source:
        attribution.append(Block(_source(ctx, s.source, s.by)))
    return QuotePlan(
        position=position,
        title=s.title or ties.fill(labels.quote_title, {"by": s.by}),
        notes=ctx.notes(s.notes, ctx.guide.wording.notes.quote, by=s.by),
        minutes=ctx.minutes(s),
        text=s.text,
        by=s.by,
        attribution=tuple(attribution),
    )


def _warning(ctx: _Context, s: WarningSlide, position: int) -> WarningPlan | None:
    if not ctx.shown:
        return None  # a deck with no stories needs no warning before them
    title = s.title or ctx.labels.warning_title
    return WarningPlan(
        position=position,
        title=title,
        notes=ctx.notes(s.notes, ctx.guide.wording.notes.warning, title=title),
        minutes=ctx.minutes(s),
        body=_paragraphs(s.text or ctx.guide.series.warning),
    )


def licence_line(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _story(ctx: _Context, s: StorySlide, position: int) -> StoryPlan:
    labels = ctx.labels
    assert s.title and s.url and s.synopsis  # the loader fills these in
    told_by = ties.fill(labels.told_by, {"storyteller": s.storyteller}) if s.storyteller else labels.told_by_unknown
    info = StoryInfo(
        id=s.key,
        title=s.title,
        url=s.url,
        synopsis=s.synopsis,
        told_by=told_by,
        storyteller=s.storyteller,
        number=s.number,
        licence=licence_line(s.licence or ctx.guide.series.attribution),
        own=s.story is None,
    )
    tip = ties.fill(labels.story_link_tip, {"title": s.title})
    caption = [labels.scan] + ([ties.fill(labels.story_number, {"number": s.number})] if s.number else [])
    return StoryPlan(
        position=position,
        title=s.title,
        notes=s.notes or "",  # filled by _story_notes once the questions are known
        minutes=ctx.minutes(s),
        story=info,
        watch=(Span(labels.watch, bold=True), *_link(s.title, s.url, tip)),
        qr_target=s.url,
        qr_alt=ties.fill(labels.qr_alt, {"title": s.title}),
        caption=tuple(caption),
    )


def _questions(ctx: _Context, s: QuestionsSlide, position: int) -> QuestionsPlan | None:
    questions = []
    for text in s.questions:
        source_number = next(ctx.source_numbers)
        if not ctx.kept(text):
            continue
        ctx.deck_number += 1
        about = sorted(ties.tied_stories(text, ctx.titles))
        questions.append(Question(ctx.deck_number, source_number, ctx.words_for(text), about[0] if about else None))
    if not questions:
        return None
    title = s.title if s.title and ctx.kept(s.title) else ctx.labels.questions_title
    return QuestionsPlan(
        position=position,
        title=ctx.words_for(title),
        notes=ctx.notes(s.notes, ctx.guide.wording.notes.questions, title=title),
        minutes=ctx.minutes(s),
        questions=tuple(questions),
    )


def _credits(ctx: _Context, s: CreditsSlide, position: int) -> CreditsPlan:
    g, labels = ctx.guide, ctx.labels
    series = g.series
    stories_text = ties.fill(
        labels.credits_stories_text,
        {"series": series.name, "made_by": series.made_by, "sponsor": series.sponsor, "copyright": series.copyright},
    )
    items: list[tuple[Span, ...]] = [
        (Span(labels.credits_stories, bold=True), Span(stories_text)),
        (
            Span(labels.credits_licence, bold=True),
            Span(f"{series.licence.name} ({series.licence.short}). {series.licence.permits}"),
        ),
        (Span(labels.credits_watch, bold=True), *_site(ctx)),
    ]
    contacts: list[Span] = [Span(labels.credits_contacts, bold=True)]
    for i, c in enumerate(series.contacts):
        if i:
            contacts.append(Span("; "))
        contacts += _link(c.name, c.link, ties.fill(labels.email_link_tip, {"name": c.name}))
    items.append(tuple(contacts))
    items.append((Span(series.trademark),))
    items.append((Span(labels.credits_independence, bold=True), Span(series.independence)))
    for story in ctx.shown:
        if story.licence:
            own = ties.fill(labels.credits_own_story, {"title": story.title})
            items.append((Span(own, bold=True), Span(licence_line(story.licence))))
    cut = g.pack_stories is not None and set(g.pack_stories) != ctx.shown_ids
    if ctx.shown and (s.selection or cut):
        line = ties.fill(labels.credits_selection_cut, {"series": series.name}) if cut else s.selection
        items.append((Span(line or ""),))
    items += [(Span(ctx.words_for(p)),) for p in s.points or [] if ctx.kept(p)]
    body = [Block(runs, "bullet") for runs in items]
    sources: list[Block] = []
    for q in g.quotes():
        by = ties.fill(labels.attributed, {"by": q.by}) if q.attributed else q.by
        label = ", ".join(x for x in (by, q.role, None if q.attributed else q.year, q.cite) if x)
        spans = (Span(label), Span(": "), *_source(ctx, q.source, q.by)) if q.source else (Span(label),)
        if all(b.spans != spans for b in sources):
            sources.append(Block(spans, "bullet"))
    if sources:
        body += [Block((Span(labels.credits_sources, bold=True),), "heading"), *sources]
    title = s.title or labels.credits_title
    return CreditsPlan(
        position=position,
        title=title,
        notes=ctx.notes(s.notes, g.wording.notes.credits, title=title),
        minutes=ctx.minutes(s),
        body=tuple(body),
    )


def _story_notes(ctx: _Context, planned: list[AnySlidePlan]) -> list[AnySlidePlan]:
    """Story slides' notes: the guide's, or the default with the questions that follow it."""
    out: list[AnySlidePlan] = []
    notes = ctx.guide.wording.notes
    for i, slide in enumerate(planned):
        if isinstance(slide, StoryPlan) and slide.story is not None:
            story = slide.story
            values = {"title": story.title, "storyteller": story.storyteller or "", "synopsis": story.synopsis}
            default = notes.story
            following = _questions_after(planned, i)
            if following:
                asked = " ".join(q.text for q in following[:3])
                default = f"{default}\n{ties.fill(notes.story_questions, {'questions': asked})}"
            slide = replace(slide, notes=ctx.notes(slide.notes or None, default, **values))
        out.append(slide)
    return out


def _questions_after(planned: list[AnySlidePlan], index: int) -> list[Question]:
    for later in planned[index + 1 :]:
        if isinstance(later, StoryPlan):
            return []
        if isinstance(later, QuestionsPlan):
            return list(later.questions)
    return []


def _unique_titles(ctx: _Context, planned: list[AnySlidePlan]) -> list[AnySlidePlan]:
    """Screen readers navigate by slide title: a repeated title gets a number."""
    seen: dict[str, int] = {}
    out: list[AnySlidePlan] = []
    for slide in planned:
        n = seen[slide.title] = seen.get(slide.title, 0) + 1
        if n > 1:
            slide = replace(slide, title=ties.fill(ctx.labels.repeat_title, {"title": slide.title, "n": n}))
        out.append(slide)
    return out


PLANNERS: Mapping[str, Callable[[_Context, Any, int], AnySlidePlan | None]] = {
    "title": _title,
    "section": _section,
    "text": _text,
    "quote": _quote,
    "warning": _warning,
    "story": _story,
    "questions": _questions,
    "credits": _credits,
}
