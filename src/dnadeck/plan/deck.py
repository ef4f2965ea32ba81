"""The deck plan: every slide of a deck with its final words, as plain data, and ``plan_deck``.

A DeckPlan is what ``plan_deck`` makes of a Guide: titles, body text,
numbered questions, links, QR targets, alt text, credits lines and speaker
notes, all decided. Every output reads it: the PowerPoint renderer, the
session plan, the web preview, ``dnadeck show``. It holds no python-pptx or
Pillow objects and turns into JSON with ``to_json``.

Questions are numbered here; questions and notes tied to a story the deck
does not show are dropped here (a questions slide left empty goes); words
that count or list the stories come from the stories shown. Each slide kind
is planned by its planner in ``plan.slides``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel

from .. import ties
from ..model import Guide, HandoutWording
from ..text import Span
from .context import Context, long_date
from .slides import PLANNERS, AnySlidePlan, Question, QuestionsPlan, StoryInfo, StoryPlan


@dataclass(frozen=True)
class DeckPlan:
    """A whole deck: the guide's facts and every slide's plan, in order."""

    id: str
    title: str
    subtitle: str | None
    presenter: str | None
    organisation: str | None
    date: dt.date | None
    language: str  # BCP 47, e.g. "en-GB"
    footer: tuple[Span, ...]  # the footer line every slide but the title slide carries, each part in its language
    continued: str  # "{title} (continued)": the title of a continuation slide
    series: str  # "DNA of Care"
    template: str | None  # path of the template to build on, if not ours
    slides: tuple[AnySlidePlan, ...]
    continued_notes: str = ""  # the notes of a continuation slide ({title}: the slide it continues)
    continued_notes_lang: str | None = None
    long_date: str | None = None  # the date as the slides show it, in the deck's language
    handout: HandoutWording | None = None  # the session plan's words (None: the bundled ones)
    handout_langs: dict[str, str] = field(default_factory=dict)  # their languages, where not the deck's
    title_lang: str | None = None  # the title's language, where not the deck's
    subject: str = ""  # the document's subject: "DNA of Care staff stories"
    source: str = ""  # where the guide came from, for messages
    # The file and line that set the logo and the template, for messages.
    origins: dict[str, tuple[str, int | None]] = field(default_factory=dict)

    def stories(self) -> list[StoryInfo]:
        return [s.story for s in self.slides if isinstance(s, StoryPlan) and s.story is not None]

    def questions(self) -> list[Question]:
        return [q for s in self.slides if isinstance(s, QuestionsPlan) for q in s.questions]

    def minutes(self) -> float:
        return sum(s.minutes for s in self.slides)

    def to_json(self) -> dict[str, Any]:
        """The plan as JSON-ready data (dates as YYYY-MM-DD; each slide has its ``kind``)."""

        def convert(value: Any) -> Any:
            if isinstance(value, dt.date):
                return value.isoformat()
            if isinstance(value, BaseModel):
                return value.model_dump()
            if dataclasses.is_dataclass(value) and not isinstance(value, type):
                return {f.name: convert(getattr(value, f.name)) for f in dataclasses.fields(value)}
            if isinstance(value, (list, tuple)):
                return [convert(v) for v in value]
            return value

        data: dict[str, Any] = convert(self)
        return data


def plan_deck(guide: Guide) -> DeckPlan:
    """Decide every slide's words for ``guide`` (a loaded guide or custom deck)."""
    ctx = Context(guide)
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
        footer=_footer(ctx),
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


def _story_notes(
    ctx: Context, planned: list[AnySlidePlan], where: Mapping[int, tuple[set[str], bool]]
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


def _unique_titles(ctx: Context, planned: list[AnySlidePlan]) -> list[AnySlidePlan]:
    """Screen readers navigate by slide title: a repeated title gets a number."""
    seen: dict[str, int] = {}
    out: list[AnySlidePlan] = []
    for slide in planned:
        n = seen[slide.title] = seen.get(slide.title, 0) + 1
        if n > 1:
            slide = replace(slide, title=ties.fill(ctx.labels.repeat_title, {"title": slide.title, "n": n}))
        out.append(slide)
    return out


def _footer(ctx: Context) -> tuple[Span, ...]:
    """The footer line: the deck's title in its own language, the label's words in the wording's."""
    guide = ctx.guide
    words, title = ctx.lang("labels.footer"), ctx.text_lang("title")
    if words == title:
        return (Span(ties.fill(ctx.labels.footer, {"title": guide.title, "series": guide.series.name}), lang=words),)
    parts = (part for part in re.split(r"(\{title\})", ctx.labels.footer) if part)
    return tuple(
        Span(guide.title, lang=title)
        if part == "{title}"
        else Span(ties.fill(part, {"series": guide.series.name}), lang=words)
        for part in parts
    )
