"""The guide as data: series facts, stories, slides and the guide itself.

These pydantic models are both what a guide file may say (unknown keys are
errors) and, once loaded, what the renderer draws. This module imports
neither python-pptx nor Pillow.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Self, get_args
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    create_model,
    model_validator,
)

from . import qr
from .formatting import not_a_date, parse_date
from .limits import CHOICES_MAX, ID_MAX, ITEMS_MAX, LINK_MAX, QR_MAX_BYTES, TEXT_MAX, TITLE_MAX, WORD_MAX
from .text import LINK_SCHEMES, NOT_XML

# Characters an XML file (and so a .pptx) cannot hold: C0 controls other
# than tab and line breaks, lone surrogates (half an emoji), U+FFFE, U+FFFF.
_NOT_XML = re.compile(NOT_XML)


def _xml_safe(value: object) -> object:
    """Refuse text a PowerPoint file cannot hold, naming the character."""
    if isinstance(value, str):
        bad = _NOT_XML.search(value)
        if bad:
            code = ord(bad.group())
            what = (
                f"U+{code:04X}, which is not a character{' (half of an emoji?)' if code < 0xE000 else ''},"
                if code > 0xFF
                else f"a control character U+{code:04X}"
            )
            raise ValueError(f"contains {what} that a PowerPoint file cannot hold; remove it")
    return value


def _check_link(value: object) -> object:
    """A link that works: http(s) with a host, or mailto with an address; no spaces."""
    if not isinstance(value, str):
        return value
    link = value.strip()
    if not link.lower().startswith(LINK_SCHEMES):
        raise ValueError(f"'{link[:60]}' is not a web link: links must start with https://, http:// or mailto:")
    if re.search(r"\s", link):
        raise ValueError(f"'{link[:60]}' has a space in it, so it is not one link: remove it (or write it as %20)")
    scheme, _, rest = link.partition(":")
    if scheme.lower() == "mailto":
        if "@" not in rest:
            raise ValueError(f"'{link[:60]}' has no address: write mailto:name@example.org")
    else:
        try:
            host = urlsplit(link).hostname or ""
        except ValueError:  # e.g. an unclosed [ of an IPv6 address
            host = ""
        if not rest.startswith("//") or not re.fullmatch(r"[A-Za-z0-9._~%:-]+", host):
            raise ValueError(f"'{link[:60]}' has no web address after {scheme}://: write it as https://example.org/...")
    return _xml_safe(link)


_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")


def _as_text(value: object) -> object:
    """Let a YAML number stand where text is wanted (``year: 1943``); every
    kind of line break becomes ``\\n``."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = getattr(value, "written", None) or str(value)  # as the YAML file wrote it
    if not isinstance(value, str):
        return value
    if len(value) > WORD_MAX and max(map(len, value.split()), default=0) > WORD_MAX:
        raise ValueError(f"has more than {WORD_MAX} characters without a space, more than a slide can show; add spaces")
    return _LINE_BREAKS.sub("\n", str(_xml_safe(value)))


def _one_line(value: object) -> object:
    """Titles, names and the like are one line."""
    value = _as_text(value)
    if isinstance(value, str) and "\n" in value.strip():
        raise ValueError("is on more than one line; write it on one line (remove the line break)")
    return value


def _whole_number(value: object) -> object:
    """Whole numbers only: not true/false, not 1.5 (nor 1.0)."""
    if isinstance(value, (bool, float)):
        if isinstance(value, bool):
            raise ValueError("should be a number, not true or false")
        raise ValueError(f"'{value}' is not a whole number")
    return value


def _number(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("should be a number, not true or false")
    return value


def _date(value: object) -> object:
    """Dates from YAML dates or YYYY-MM-DD text only (not 0, not 2026-12-03 10:00)."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"'{value}' is a date and time: write only the date, as YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    date = parse_date(value.strip()) if isinstance(value, str) else None
    if date is None:
        raise ValueError(not_a_date(f"'{str(value)[:60]}'"))
    return date


def _text_schema(longest: int) -> dict[str, Any]:
    """Text may be written as a number in YAML (``year: 2016``); the schema says so too."""
    return {"anyOf": [{"type": "string", "minLength": 1, "maxLength": longest}, {"type": "number"}]}


Link = Annotated[str, BeforeValidator(_check_link), Field(max_length=LINK_MAX)]


def _fits_a_qr_code(link: str) -> str:
    size = len(qr.payload(link))
    if size > QR_MAX_BYTES:
        raise ValueError(
            f"'{link[:60]}' is too long for the story's QR code ({size:,} bytes in one, at most {QR_MAX_BYTES:,});"
            " shorten the link"
        )
    return link


StoryLink = Annotated[Link, AfterValidator(_fits_a_qr_code)]  # a story's link is drawn as a QR code too
Text = Annotated[
    str, BeforeValidator(_as_text), Field(min_length=1, max_length=TEXT_MAX), WithJsonSchema(_text_schema(TEXT_MAX))
]
Title = Annotated[
    str, BeforeValidator(_one_line), Field(min_length=1, max_length=TITLE_MAX), WithJsonSchema(_text_schema(TITLE_MAX))
]
Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=ID_MAX)]
Language = Annotated[str, Field(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", max_length=35)]
Whole = Annotated[int, BeforeValidator(_whole_number)]
Number = Annotated[float, BeforeValidator(_number)]
Date = Annotated[dt.date, BeforeValidator(_date)]


DEFAULT_LANGUAGE = "en-GB"  # the language of a guide that gives none, and of the bundled content


class Strict(BaseModel):
    """Base of every model a file can spell: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# -- the bundled facts ------------------------------------------------------


class Contact(Strict):
    name: Text
    email: Text

    @property
    def link(self) -> str:
        return f"mailto:{self.email}"


class Licence(Strict):
    short: Text  # CC BY-NC-ND; the licence's name in words is in the wording


class Series(Strict):
    """Facts about the DNA of Care series (``content/series.yaml``); the
    sentences about it are in the wording (``SeriesWording``)."""

    name: Text
    url: Link
    sponsor: Text
    copyright: Text
    licence: Licence
    contacts: list[Contact]


class Story(Strict):
    """A story in the catalogue (``content/stories.yaml``)."""

    id: Id
    title: Title
    number: Whole | None = Field(default=None, ge=1)
    url: StoryLink
    storyteller: Text | None = None
    synopsis: Text | None = None  # left out where no source says what the story is about


class Catalogue(Strict):
    language: Language = DEFAULT_LANGUAGE  # the language of the titles, tellers and synopses
    stories: list[Story]


class Labels(Strict):
    """Words put on slides when a guide gives none (``content/wording.yaml``)."""

    model_config = ConfigDict(str_strip_whitespace=False)  # "Stories: " keeps its space

    kicker: Text
    footer: Text
    continued: Text
    continued_notes: Text
    quote_title: Text
    warning_title: Text
    told_by: Text
    told_by_unknown: Text
    watch: Text
    scan: Text
    story_number: Text
    questions_title: Text
    credits_title: Text
    credits_stories: Text
    credits_stories_text: Text
    credits_licence: Text
    credits_watch: Text
    credits_contacts: Text
    credits_own_story: Text
    credits_sources: Text
    logo_alt: Text
    logo_alt_unknown: Text
    qr_alt: Text
    attributed: Text
    repeat_title: Text
    story_link_tip: Text
    link_tip: Text
    # Link text that says where a link goes (the address is shown beside it, as plain text)
    site_link: Text
    site_link_tip: Text
    source_link: Text
    email_link_tip: Text
    credits_selection_cut: Text
    credits_independence: Text


class DefaultNotes(Strict):
    """Speaker notes for slides whose guide gives none."""

    title: Text
    section: Text
    text: Text
    quote: Text
    warning: Text
    story: Text
    story_questions: Text
    questions: Text
    credits: Text


class DefaultMinutes(Strict):
    """Suggested minutes per slide kind, for slides whose guide gives none."""

    title: float = 3
    section: float = 1
    text: float = 3
    quote: float = 2
    warning: float = 1
    story: float = 12
    questions: float = 8
    credits: float = 2


class SeriesWording(Strict):
    """The sentences every deck says about the series and its licence."""

    model_config = ConfigDict(str_strip_whitespace=False)

    made_by: Text
    licence_name: Text
    licence_permits: Text
    attribution: Text  # on every story slide
    warning: Text  # the trigger warning's default words
    independence: Text


class Words(Strict):
    """Words that join, count and date. For a guide in another language,
    Babel gives the lists, months and date pattern unless the guide does."""

    model_config = ConfigDict(str_strip_whitespace=False)

    list_two: Text  # "{0} and {1}"
    list_start: Text  # "{0}, {1}": the first two of three or more
    list_middle: Text
    list_end: Text  # "{0} and {1}": the last two
    story_counts: list[Text] = Field(min_length=2, max_length=100)  # n stories, from none
    story_count_more: Text  # "{n} stories", past the list's end
    this_story: Text
    these_stories: Text
    the_story: Text
    the_stories: Text
    months: list[Text] = Field(min_length=12, max_length=12)
    date: Text  # "{day} {month} {year}"
    title_quotes: Text  # a story's title in running text, in single quotes
    quotation: Text  # "“{text}”": a quotation on its slide


class HandoutWording(Strict):
    """The words of the facilitator's session plan."""

    model_config = ConfigDict(str_strip_whitespace=False)  # "Watch: " keeps its space

    kicker: Text
    series: Text
    subject: Text
    companion: Text
    footer: Text
    before: Text
    checklist: Text
    box: Text
    check_watch: Text
    check_links: Text
    check_notes: Text
    check_support: Text
    warning: Text
    warning_intro: Text
    timings: Text
    timings_intro: Text
    timings_columns: list[Text] = Field(min_length=4, max_length=4)
    opening: Text
    part_story: Text
    closing: Text
    run_sheet: Text
    run_sheet_intro: Text
    columns: list[Text] = Field(min_length=4, max_length=4)
    starts: Text
    total: Text
    summary_section: Text
    summary_warning: Text
    summary_story: Text
    question_one: Text
    question_many: Text
    questions_about: Text
    summary_credits: Text
    stories: Text
    stories_intro: Text
    slide: Text
    slides: Text
    story_number: Text
    watch: Text
    scan: Text
    qr_alt: Text
    questions: Text
    questions_intro: Text
    question_lines: int = Field(ge=0, le=12)
    credits: Text
    minute_one: Text
    minutes_many: Text
    hour_one: Text
    hours_many: Text


class Wording(Strict):
    """Every fixed word of a deck, its notes and its session plan (``content/wording.yaml``)."""

    language: Language = DEFAULT_LANGUAGE  # the language the wording is written in
    labels: Labels
    notes: DefaultNotes
    series: SeriesWording
    words: Words
    handout: HandoutWording
    minutes: DefaultMinutes = Field(default_factory=DefaultMinutes)


def partial(model: type[BaseModel], **more: Any) -> type[BaseModel]:
    """``model`` with every field optional (and its sections, in turn): what a guide
    may override. Derived, so that a new key can always be overridden. ``more``
    adds fields, as (annotation, default)."""
    fields: dict[str, Any] = dict(more)
    for name, info in model.model_fields.items():
        annotation: Any = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            annotation = partial(annotation)
        elif info.metadata:
            annotation = Annotated[(annotation, *info.metadata)]
        fields[name] = (annotation | None, None)
    config = ConfigDict(extra="forbid", str_strip_whitespace=model.model_config.get("str_strip_whitespace", True))
    made: type[BaseModel] = create_model(f"{model.__name__}Overrides", __config__=config, **fields)
    made.__doc__ = f"Any of the keys of {model.__name__}, each optional."
    return made


if TYPE_CHECKING:  # mypy sees the models they derive from
    LabelOverrides = Labels
    WordingOverrides = Wording
else:
    LabelOverrides = partial(Labels)
    # language: the language its words are in (default: the guide's); file: a wording file beside the guide
    WordingOverrides = partial(Wording, file=(Text | None, None))


def _wording_file(value: object) -> object:
    """``wording: FILE`` names a wording file: the same as ``wording: {file: FILE}``."""
    return {"file": value} if isinstance(value, str) else value


# -- slides -----------------------------------------------------------------


class SlideBase(Strict):
    # For docs/guide-format.md's table of kinds (schema.kinds_text): the keys a guide writes, what the slide shows;
    # and a small slide of the kind as a guide writes it (but its kind:), which the tests of every stage build.
    KEYS: ClassVar[str]
    SHOWS: ClassVar[str]
    EXAMPLE: ClassVar[dict[str, object]]
    notes: Text | None = None
    minutes: Number | None = Field(default=None, gt=0, le=600)
    language: Language | None = None  # the slide's text, if not in the guide's language
    # The file and line the slide was written on (None for a story chosen by id), kept through
    # every copy, so a problem found when drawing it can say where.
    _where: tuple[str, int | None] | None = PrivateAttr(default=None)

    def placed(self, file: str, line: int | None) -> Self:
        """This slide, noted as written at ``file``:``line``."""
        self._where = (file, line)
        return self

    @property
    def where(self) -> tuple[str, int | None] | None:
        return self._where


class TitleSlide(SlideBase):
    kind: Literal["title"]
    EXAMPLE: ClassVar[dict[str, object]] = {}
    KEYS: ClassVar[str] = "(none)"
    SHOWS: ClassVar[str] = "the guide's title, subtitle, presenter, organisation, date, logo"


class SectionSlide(SlideBase):
    kind: Literal["section"]
    EXAMPLE: ClassVar[dict[str, object]] = {"title": "Part one"}
    KEYS: ClassVar[str] = "`title`"
    SHOWS: ClassVar[str] = "a divider between parts of the session"
    title: Title


class TextSlide(SlideBase):
    kind: Literal["text"]
    EXAMPLE: ClassVar[dict[str, object]] = {"title": "Why we meet", "points": ["Listen first", "Speak second"]}
    KEYS: ClassVar[str] = (
        "`title`; `points` (a list) **or** `body` (prose; blank lines start new paragraphs); optional "
        "`cite` (plain text: whose idea it is, e.g. `Michael West (2017), The King's Fund`)"
    )
    SHOWS: ClassVar[str] = "background or ideas"
    title: Title
    points: list[Text] | None = Field(default=None, min_length=1, max_length=ITEMS_MAX)
    body: Text | None = None
    cite: Text | None = None

    @model_validator(mode="after")
    def _points_or_body(self) -> TextSlide:
        if (self.points is None) == (self.body is None):
            raise ValueError("a text slide needs either points: (a list) or body: (prose), not both")
        return self


class QuoteSlide(SlideBase):
    kind: Literal["quote"]
    EXAMPLE: ClassVar[dict[str, object]] = {"text": "The words, exactly as they were said.", "by": "Who said them"}
    KEYS: ClassVar[str] = (
        "`text`, `by`; optional `role` (e.g. `Clinical Director for Medicine`), `year` (e.g. `2016` or "
        "`first century BCE`), `cite` (plain text, e.g. `CQC, Driving Improvement (2017)`), `source` (an "
        '`https://` link), `title` (defaults to "In the words of ⟨by⟩"), `attributed: true` (for words '
        'commonly credited to someone but not known to be theirs: shown as "— attributed to ⟨by⟩", '
        "without a year)"
    )
    SHOWS: ClassVar[str] = "a quotation, verbatim"
    text: Text
    by: Title
    role: Text | None = None
    year: Text | None = None
    cite: Text | None = None
    source: Link | None = None
    title: Title | None = None
    attributed: bool = False


class WarningSlide(SlideBase):
    kind: Literal["warning"]
    EXAMPLE: ClassVar[dict[str, object]] = {}
    KEYS: ClassVar[str] = "optional `title`, `text` (default wording from the series)"
    SHOWS: ClassVar[str] = "a trigger warning before the stories"
    title: Title | None = None
    text: Text | None = None


INLINE_STORY_FIELDS = ("title", "url", "licence")  # what a story of a guide's own must give


class StorySlide(SlideBase):
    """A story: ``story:`` names a catalogue story, or the slide gives its own.

    Once loaded, every story slide has its title and url filled in, and its
    synopsis where there is one (a guide may give its own for a catalogue
    story); ``licence`` is None for catalogue stories (the series licence).
    """

    kind: Literal["story"]
    EXAMPLE: ClassVar[dict[str, object]] = {"story": "stay"}
    KEYS: ClassVar[str] = (
        "`story: ID` (a catalogue id; optional `synopsis`, your own words for a story the catalogue has "
        "none for, or instead of ours) **or**, for a story of your own, `title`, `url`, `licence`, "
        "optional `synopsis`, `storyteller`, `number` (its number in its own series, shown as Story 12)"
    )
    SHOWS: ClassVar[str] = (
        "the story, who told it, what it is about (when there is a synopsis), a link to watch it, its licence"
    )
    story: Id | None = None
    title: Title | None = None
    url: StoryLink | None = None
    licence: Text | None = None
    number: Whole | None = Field(default=None, ge=1)
    storyteller: Text | None = None
    synopsis: Text | None = None

    @property
    def key(self) -> str:
        """The story's id: its catalogue id, or one made from its own title."""
        if self.story:
            return self.story
        slug = re.sub(r"[^a-z0-9]+", "-", (self.title or "").lower()).strip("-")
        return f"own-{slug or 'story'}"


class QuestionsSlide(SlideBase):
    kind: Literal["questions"]
    EXAMPLE: ClassVar[dict[str, object]] = {"questions": ["What stayed with you?"]}
    KEYS: ClassVar[str] = (
        '`questions` (a list); optional `title` (default "Questions for reflection"), `story` (a '
        "catalogue id: ties the whole slide to that story)"
    )
    SHOWS: ClassVar[str] = (
        "numbered questions; `{story}` in a question is replaced by the story's title in quotes "
        "(‘Stay’): the slide's `story:`, else the nearest story slide before it"
    )
    questions: list[Text] = Field(min_length=1, max_length=ITEMS_MAX)
    title: Title | None = None
    story: Id | None = None


class CreditsSlide(SlideBase):
    kind: Literal["credits"]
    EXAMPLE: ClassVar[dict[str, object]] = {}
    KEYS: ClassVar[str] = (
        "optional `title`, `points` (extra lines), `selection` (a line about the choice of stories, "
        "shown only while the deck shows all of the guide's stories)"
    )
    SHOWS: ClassVar[str] = (
        "licence and what it permits, copyright, sponsor, contacts, a note that the deck is independent "
        "of the series' makers, and the sources of every quotation in the guide"
    )
    title: Title | None = None
    points: list[Text] | None = Field(default=None, max_length=ITEMS_MAX)
    selection: Text | None = None


# The slide kinds: one model each, listed here once. Every stage reads this registry (the planner,
# the drawer, default notes and minutes, the documentation): tests/test_plan_slides.py checks each has every kind.
Slide = Annotated[
    TitleSlide | SectionSlide | TextSlide | QuoteSlide | WarningSlide | StorySlide | QuestionsSlide | CreditsSlide,
    Field(discriminator="kind"),
]
SLIDE_CLASSES: tuple[type[SlideBase], ...] = get_args(get_args(Slide)[0])
# Their names, read off the models' ``kind`` literals.
SLIDE_KINDS: tuple[str, ...] = tuple(get_args(cls.model_fields["kind"].annotation)[0] for cls in SLIDE_CLASSES)


# -- guides -----------------------------------------------------------------


REQUIRED_UNLESS_EXTENDS = ("title", "slides")  # what a guide gives unless it extends another


class GuideFile(Strict):
    """What a guide file may say. A custom deck ``extends`` another guide.

    Each key's docstring says what it is: the JSON Schema gives it to editors (shown as the key is
    typed or pointed at) and docs/guide-format.md's table of keys is made from it (schema.keys_text).
    """

    model_config = ConfigDict(use_attribute_docstrings=True)

    id: Id | None = None
    """short name used for the output file; defaults to the file name"""
    extends: Text | None = None
    """a bundled pack's id, or a guide file (in this file's folder or below it) to build on: this file
    then says only what differs (see A custom deck)"""
    title: Title | None = None
    """the guide's title, shown on the title slide and in every footer"""
    subtitle: Title | None = None
    """shown under the title"""
    presenter: Title | None = None
    """who is presenting, on the title slide"""
    organisation: Title | None = None
    """on the title slide"""
    date: Date | None = None
    """`YYYY-MM-DD`, shown on the title slide as e.g. 3 December 2026"""
    logo: Text | None = None
    """an image file (PNG or JPEG), relative to the guide's folder"""
    template: Text | None = None
    """a `.pptx` or `.potx` to build on, relative to the guide's folder (see docs/templates.md)"""
    language: Language | None = None
    """the language of the guide's text, for screen readers and spelling (e.g. `en-GB`, the default, or
    `cy` for Welsh)"""
    labels: LabelOverrides | None = None
    """the guide's own wording for the fixed words on slides, e.g. `questions_title: Over to you` or
    `warning_title: A word before we start`; any of the `labels:` in `content/wording.yaml`"""
    wording: Annotated[WordingOverrides | None, BeforeValidator(_wording_file)] = None
    """the guide's own words for anything in `content/wording.yaml` (labels, default notes, series and
    licence lines, list and date words, the session plan's words), given inline or as the name of a wording
    file next to the guide (see Wording and languages)"""
    slides: list[Slide] | None = Field(default=None, min_length=1)
    """the slides, in order"""
    stories: list[Id] | None = Field(default=None, min_length=1, max_length=ITEMS_MAX)
    """in a custom deck, the story slides to keep (one or more), in this order (catalogue ids); a story from the
    catalogue that the pack does not have is added after the others; a story of the guide's own is kept if
    listed by the id `dnadeck show` gives it (e.g. `own-the-night-shift`), and left out otherwise"""
    questions: list[Whole] | None = Field(default=None, max_length=CHOICES_MAX)
    """in a custom deck, the questions to keep, by their number in the pack (`dnadeck show` prints them
    as `Q7`); a question about a story the deck does not show is an error (see Questions and notes that
    follow the stories)"""

    @model_validator(mode="after")
    def _whole_or_custom(self) -> GuideFile:
        if self.extends is None:
            missing = [k for k in REQUIRED_UNLESS_EXTENDS if getattr(self, k) is None]
            if missing:
                raise ValueError(f"a guide needs {' and '.join(missing)} (or extends: a pack id to build on)")
        elif self.slides is not None:
            raise ValueError(
                "a custom deck that extends another guide cannot list slides: use stories: and questions: to choose"
            )
        return self


class Guide(BaseModel):
    """A loaded guide, ready to render: stories resolved, paths checked."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    id: str
    title: str
    subtitle: str | None = None
    presenter: str | None = None
    organisation: str | None = None
    date: dt.date | None = None
    logo: Path | None = None
    template: Path | None = None
    language: str = DEFAULT_LANGUAGE
    slides: list[Slide]
    series: Series
    wording: Wording
    # The language of each wording key (``labels.told_by``) a guide, or Babel, set; the rest are wording.language.
    wording_languages: dict[str, str] = Field(default_factory=dict)
    # The language of the title and subtitle, where a parent guide set them.
    text_languages: dict[str, str] = Field(default_factory=dict)
    source: str = ""
    origins: dict[str, tuple[str, int | None]] = Field(default_factory=dict)
    # Set when a custom deck chose questions: the guide's number of each question kept.
    question_numbers: list[int] | None = None
    # Set when a custom deck chose stories: the story ids of the guide it cut down.
    pack_stories: list[str] | None = None
    files: tuple[Path, ...] = ()  # the guide files read to make it (never written over)

    def where(self, key: str) -> tuple[str, int | None]:
        """The file and line that set ``key`` (logo, template), for errors."""
        return self.origins.get(key, (self.source, None))

    def questions(self) -> list[str]:
        """Every question in the guide, in order: question n is item n-1."""
        return [q for s in self.slides if isinstance(s, QuestionsSlide) for q in s.questions]

    def story_slides(self) -> list[StorySlide]:
        return [s for s in self.slides if isinstance(s, StorySlide)]

    def quotes(self) -> list[QuoteSlide]:
        return [s for s in self.slides if isinstance(s, QuoteSlide)]
