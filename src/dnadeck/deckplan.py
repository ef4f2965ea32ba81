"""The deck plan: every slide of a deck with its final words, as plain data.

A DeckPlan is what ``plan.plan_deck`` makes of a Guide: titles, body text,
numbered questions, links, QR targets, alt text, credits lines and speaker
notes, all decided. Every output reads it: the PowerPoint renderer, the
handout, the web preview, ``dnadeck show``. It holds no python-pptx or
Pillow objects and turns into JSON with ``to_json``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .model import HandoutWording
from .text import Block, Span


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
    told_by: str  # "Told by Rachel, a Supervisor of Midwives"
    storyteller: str | None
    number: int | None
    licence: str  # the attribution and licence line, ending in a full stop
    own: bool  # a story the guide defines itself, not from the catalogue
    # Languages where not the deck's: of the title and teller, the synopsis, the licence line;
    # told_by_spans is told_by with each part in its language ("Told by" and the teller).
    lang: str | None = None
    synopsis_lang: str | None = None
    licence_lang: str | None = None
    told_by_spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Picture:
    """A picture file named by the guide (a logo), with its alt text."""

    path: str
    alt: str


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
class TitlePlan(SlidePlan):
    kind: str = field(init=False, default="title")
    kicker: str = ""
    subtitle: str | None = None
    details: tuple[str, ...] = ()  # presenter, organisation, date (as shown)
    kicker_lang: str | None = None
    subtitle_lang: str | None = None
    logo: Picture | None = None


@dataclass(frozen=True)
class SectionPlan(SlidePlan):
    kind: str = field(init=False, default="section")


@dataclass(frozen=True)
class TextPlan(SlidePlan):
    kind: str = field(init=False, default="text")
    body: tuple[Block, ...] = ()
    cite: str | None = None


@dataclass(frozen=True)
class QuotePlan(SlidePlan):
    kind: str = field(init=False, default="quote")
    text: str = ""  # the quotation, verbatim, without quotation marks
    shown: str = ""  # the quotation as the slide shows it, in the wording's quotation marks
    by: str = ""
    attribution: tuple[Block, ...] = ()  # "— by", role, citation, source link


@dataclass(frozen=True)
class WarningPlan(SlidePlan):
    kind: str = field(init=False, default="warning")
    body: tuple[Block, ...] = ()


@dataclass(frozen=True)
class StoryPlan(SlidePlan):
    kind: str = field(init=False, default="story")
    story: StoryInfo | None = None
    watch: tuple[Span, ...] = ()  # "Watch the story: " + the link
    qr_target: str = ""
    qr_alt: str = ""
    caption: tuple[str, ...] = ()  # "Scan to watch", "Story 1019"
    caption_lang: str | None = None


@dataclass(frozen=True)
class QuestionsPlan(SlidePlan):
    kind: str = field(init=False, default="questions")
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class CreditsPlan(SlidePlan):
    kind: str = field(init=False, default="credits")
    body: tuple[Block, ...] = ()  # bullets, then a heading and the quotation sources


AnySlidePlan = TitlePlan | SectionPlan | TextPlan | QuotePlan | WarningPlan | StoryPlan | QuestionsPlan | CreditsPlan


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
    footer: str  # the footer line every slide but the title slide carries
    continued: str  # "{title} (continued)": the title of a continuation slide
    series: str  # "DNA of Care"
    template: str | None  # path of the template to build on, if not ours
    slides: tuple[AnySlidePlan, ...]
    footer_lang: str | None = None  # the footer's language, where not the deck's
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
