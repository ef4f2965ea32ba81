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

from . import formatting, ties
from .catalogue import catalogue, stories, story_titles
from .deckplan import (
    AnySlidePlan,
    CreditsPlan,
    DeckPlan,
    Picture,
    Question,
    QuestionsPlan,
    QuotePlan,
    SectionPlan,
    StoryInfo,
    StoryPlan,
    TextPlan,
    TitlePlan,
    WarningPlan,
)
from .formatting import shortened
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
from .text import Block, Span, block

QUOTE_WORDS = 14  # a quotation longer than this is shortened in the session plan's run sheet
PROSE_WORDS = 30


class _Context:
    """What planning one deck needs to know about the whole guide."""

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self.labels = guide.wording.labels
        self.shown = [s for s in guide.slides if isinstance(s, StorySlide)]
        self.shown_ids = {s.key for s in self.shown}
        self.titles = story_titles(guide.slides)
        self.words = ties.story_words([s.title or "" for s in self.shown], guide.wording.words)
        numbers = guide.question_numbers or list(range(1, len(guide.questions()) + 1))
        self.source_numbers = iter(numbers)
        self.deck_number = 0
        self.deck_numbers: dict[int, int] = {}  # the guide's number of each question kept -> its number here
        # Which stories the deck has shown by each slide (that slide included),
        # and whether closing questions (about no one story) follow it.
        self.seen: set[str] = set()
        self.closing = False
        self.closing_after = _closing_after(guide.slides, self.titles)
        self.own: str | None = None  # the language of the slide being planned, where not the deck's
        self.notes_lang: str | None = None  # the language of the notes ctx.notes last gave
        self.catalogue = self.tag(catalogue().language)

    def at(self, index: int) -> None:
        """Plan from the guide's slide ``index`` on: what has been shown, what follows."""
        slide = self.guide.slides[index]
        if isinstance(slide, StorySlide):
            self.seen = self.seen | {slide.key}
        self.closing = self.closing_after[index]
        self.own = self.tag(slide.language or self.guide.language)

    def tag(self, language: str) -> str | None:
        """``language`` where it is not the deck's, else None (the deck's is written anyway)."""
        return None if language == self.guide.language else language

    def lang(self, key: str) -> str | None:
        """The language of a wording key (``labels.told_by``): the guide's, Babel's or the wording file's."""
        wording = self.guide.wording
        return self.tag(self.guide.wording_languages.get(key, wording.language))

    def text_lang(self, key: str) -> str | None:
        """The language of the guide's title or subtitle."""
        return self.tag(self.guide.text_languages.get(key, self.guide.language))

    def kept(self, text: str) -> bool:
        """Whether ``text`` holds up where it stands: every story it names has been
        shown by now, every question it names is in the deck, and a promise of
        closing questions has such questions after it."""
        if not ties.tied_stories(text, self.titles) <= self.seen:
            return False
        if any(int(n) not in self.deck_numbers for n in ties.QUESTION_MARK.findall(text)):
            return False
        return self.closing or ties.CLOSING_MARK not in text

    def words_for(self, text: str, **values: object) -> str:
        """``text`` with story and question marks shown and the placeholders filled."""
        text = ties.QUESTION_MARK.sub(lambda m: str(self.deck_numbers[int(m.group(1))]), text)
        shown = ties.show_ties(text, self.titles, self.guide.wording.words.title_quotes)
        return ties.tidy(ties.fill(shown, {**self.words, **values}))

    def notes(self, given: str | None, kind: str, default: str | None = None, **values: object) -> str:
        """The slide's notes without paragraphs about stories not shown; else the
        default notes for ``kind`` (or ``default``). ``notes_lang`` says which language."""
        self.notes_lang = self.own
        if given:
            paragraphs = [p.strip() for p in re.split(r"\n+", given) if p.strip()]
            kept = [self.words_for(p, **values) for p in paragraphs if self.kept(p)]
            if kept:
                return "\n".join(kept)
        self.notes_lang = self.lang(f"notes.{kind}")
        return self.words_for(default or getattr(self.guide.wording.notes, kind), **values)

    def minutes(self, slide: Slide) -> float:
        if slide.minutes is not None:
            return slide.minutes
        value: float = getattr(self.guide.wording.minutes, slide.kind)
        return value

    def titled(self, given: str | None, label: str) -> dict[str, Any]:
        """A slide's title and its language: the slide's own, else the wording's ``label``."""
        if given:
            return {"title": given, "title_lang": self.own}
        return {"title": getattr(self.labels, label), "title_lang": self.lang(f"labels.{label}")}

    def said(self, key: str, **values: object) -> Span:
        """A line of the session plan: its wording ``key``, filled in, in that wording's language."""
        text: str = getattr(self.guide.wording.handout, key)
        return Span(text.format(**values) if values else text, lang=self.lang(f"handout.{key}"))

    def common(self, s: Slide, position: int, notes: str, **plan: Any) -> dict[str, Any]:
        """What every slide's plan holds: its position, notes (in ``notes_lang``), minutes and
        languages (the slide's own unless ``plan`` says), with ``plan``'s fields."""
        return {
            "position": position,
            "notes": notes,
            "minutes": self.minutes(s),
            "title_lang": self.own,
            "notes_lang": self.notes_lang,
            "lang": self.own,
        } | plan


def plan_deck(guide: Guide) -> DeckPlan:
    """Decide every slide's words for ``guide`` (a loaded guide or custom deck)."""
    ctx = _Context(guide)
    planned: list[AnySlidePlan] = []
    where: dict[int, tuple[set[str], bool]] = {}  # what a story slide's notes may name
    for index, slide in enumerate(guide.slides):
        ctx.at(index)
        made = PLANNERS[slide.kind](ctx, slide, len(planned) + 1)
        if made is not None:
            planned.append(made)
            where[made.position] = (ctx.seen, ctx.closing)
    planned = _story_notes(ctx, planned, where)
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
        footer_lang=ctx.lang("labels.footer"),
        continued=labels.continued,
        continued_notes=labels.continued_notes,
        continued_notes_lang=ctx.lang("labels.continued_notes"),
        long_date=long_date(guide),
        handout=guide.wording.handout,
        handout_langs={
            key: lang for key in type(guide.wording.handout).model_fields if (lang := ctx.lang(f"handout.{key}"))
        },
        title_lang=ctx.text_lang("title"),
        subject=ties.fill(labels.kicker, {"series": guide.series.name}),
        series=guide.series.name,
        template=str(guide.template) if guide.template else None,
        slides=tuple(planned),
        source=guide.source,
        origins={key: guide.where(key) for key in ("logo", "template")},
    )


def long_date(guide: Guide) -> str | None:
    return formatting.long_date(guide.date, guide.wording.words) if guide.date else None


def _title(ctx: _Context, s: TitleSlide, position: int) -> TitlePlan:
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


def _section(ctx: _Context, s: SectionSlide, position: int) -> SectionPlan:
    notes = ctx.notes(s.notes, "section", title=s.title)
    return SectionPlan(**ctx.common(s, position, notes, title=s.title, summary=(ctx.said("summary_section"),)))


def _paragraphs(text: str, lang: str | None) -> tuple[Block, ...]:
    return tuple(block(chunk.strip(), lang=lang) for chunk in text.split("\n\n") if chunk.strip())


def _text(ctx: _Context, s: TextSlide, position: int) -> TextPlan:
    if s.points is not None:
        body = tuple(block(p, "bullet", lang=ctx.own) for p in s.points)
    else:
        body = _paragraphs(s.body or "", ctx.own)
    notes = ctx.notes(s.notes, "text", title=s.title)
    lines = [shortened(b.text, PROSE_WORDS) if b.style == "plain" else "•\t" + b.text for b in body]
    summary = tuple(Span(x, lang=ctx.own) for x in [*lines, *([s.cite] if s.cite else [])])
    return TextPlan(**ctx.common(s, position, notes, title=s.title, summary=summary), body=body, cite=s.cite)


def _link(text: str, address: str, tip: str, lang: str | None = None) -> tuple[Span, Span]:
    """A link whose text (in ``lang``, where not the deck's) says where it goes,
    then its address as plain text (a printout needs it; a screen reader hears
    the text first)."""
    return Span(text, link=address, tip=tip, lang=lang), Span(f" ({shown_address(address)})")


def shown_address(address: str) -> str:
    """An address as it is printed: an e-mail address without mailto:."""
    return address.removeprefix("mailto:")


def _source(ctx: _Context, address: str, by: str) -> tuple[Span, Span]:
    """A link to where a quotation comes from: the series' page by its name, another as the source."""
    if address == ctx.guide.series.url:
        return _site(ctx)
    host = address.split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")
    tip = ties.fill(ctx.labels.link_tip, {"by": by, "site": host, "address": address})
    return _link(ctx.labels.source_link, address, tip, ctx.lang("labels.source_link"))


def _site(ctx: _Context) -> tuple[Span, Span]:
    """The link to the series' page, named as the site it is on."""
    labels, series = ctx.labels, ctx.guide.series
    tip = ties.fill(labels.site_link_tip, {"series": series.name})
    return _link(labels.site_link, series.url, tip, ctx.lang("labels.site_link"))


def _quote(ctx: _Context, s: QuoteSlide, position: int) -> QuotePlan:
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


def _warning(ctx: _Context, s: WarningSlide, position: int) -> WarningPlan | None:
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


def licence_line(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _told_by(ctx: _Context, s: StorySlide) -> tuple[Span, ...]:
    """ "Told by" in the wording's language, the teller in the catalogue's (or the guide's)."""
    if not s.storyteller:
        return (Span(ctx.labels.told_by_unknown, bold=True, lang=ctx.lang("labels.told_by_unknown")),)
    teller_lang = ctx.catalogue if s.story else ctx.own
    label_lang = ctx.lang("labels.told_by")
    before, _, after = ctx.labels.told_by.partition("{storyteller}")
    spans = [Span(before, bold=True, lang=label_lang), Span(s.storyteller, bold=True, lang=teller_lang)]
    spans.append(Span(after, bold=True, lang=label_lang))
    return tuple(x for x in spans if x.text)


def _story(ctx: _Context, s: StorySlide, position: int) -> StoryPlan:
    labels = ctx.labels
    assert s.title and s.url  # the loader fills these in
    told_by = _told_by(ctx, s)
    from_catalogue = s.story is not None
    synopsis_given = from_catalogue and s.synopsis != stories()[s.key].synopsis
    info = StoryInfo(
        id=s.key,
        title=s.title,
        url=s.url,
        synopsis=s.synopsis,
        told_by="".join(x.text for x in told_by),
        storyteller=s.storyteller,
        number=s.number,
        licence=licence_line(s.licence or ctx.guide.wording.series.attribution),
        own=s.story is None,
        lang=ctx.catalogue if from_catalogue else ctx.own,
        synopsis_lang=ctx.catalogue if from_catalogue and not synopsis_given else ctx.own,
        licence_lang=ctx.own if s.licence else ctx.lang("series.attribution"),
        told_by_spans=told_by,
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


def _questions(ctx: _Context, s: QuestionsSlide, position: int) -> QuestionsPlan | None:
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


def _questions_line(ctx: _Context, questions: list[Question]) -> Span:
    """Which questions a slide asks, for the session plan: "Questions 4–6, about ‘Stay’."."""
    numbers = [q.number for q in questions]
    line = ctx.said("question_one" if len(numbers) == 1 else "question_many", numbers=formatting.numbers_text(numbers))
    about = {q.story for q in questions}
    story = about.pop() if len(about) == 1 else None
    if story and story in ctx.shown_ids:
        line = ctx.said("questions_about", questions=line.text, title=ctx.titles[story])
    return Span(ties.tidy(line.text + "."), lang=line.lang)


def _credits(ctx: _Context, s: CreditsSlide, position: int) -> CreditsPlan:
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


def _story_notes(
    ctx: _Context, planned: list[AnySlidePlan], where: Mapping[int, tuple[set[str], bool]]
) -> list[AnySlidePlan]:
    """Story slides' notes: the guide's, or the default, which points to the questions
    when they come next. Planned once every question has its number in the deck."""
    out: list[AnySlidePlan] = []
    notes = ctx.guide.wording.notes
    for i, slide in enumerate(planned):
        if isinstance(slide, StoryPlan) and slide.story is not None:
            story = slide.story
            ctx.seen, ctx.closing = where[slide.position]
            values = {"title": story.title, "storyteller": story.storyteller or "", "synopsis": story.synopsis or ""}
            default = notes.story
            if i + 1 < len(planned) and isinstance(planned[i + 1], QuestionsPlan):
                default = f"{default}\n{notes.story_questions}"
            ctx.own = slide.lang
            said = ctx.notes(slide.notes or None, "story", default, **values)
            slide = replace(slide, notes=said, notes_lang=ctx.notes_lang)
        out.append(slide)
    return out


def _closing_after(slides: list[Slide], titles: Mapping[str, str]) -> list[bool]:
    """For each slide, whether a questions slide with a question about no one story follows it."""
    out: list[bool] = []
    follows = False
    for slide in reversed(slides):
        out.append(follows)
        if isinstance(slide, QuestionsSlide) and any(not ties.tied_stories(q, titles) for q in slide.questions):
            follows = True
    return out[::-1]


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
