"""What planning one deck needs to know about its whole guide, while it plans each slide.

The Context is handed to every slide kind's planner (``plan.slides``): the
stories the deck shows and has shown by now, the questions kept and their
numbers in the deck, the languages of the wording, and the helpers that fill
in notes, titles and the session plan's lines from ``content/wording.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .. import formatting, ties
from ..catalogue import catalogue, story_titles
from ..model import Guide, QuestionsSlide, Slide, StorySlide
from ..text import Span


class Context:
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


def long_date(guide: Guide) -> str | None:
    return formatting.long_date(guide.date, guide.wording.words) if guide.date else None


def _closing_after(slides: list[Slide], titles: Mapping[str, str]) -> list[bool]:
    """For each slide, whether a questions slide with a question about no one story follows it."""
    out: list[bool] = []
    follows = False
    for slide in reversed(slides):
        out.append(follows)
        if isinstance(slide, QuestionsSlide) and any(not ties.tied_stories(q, titles) for q in slide.questions):
            follows = True
    return out[::-1]
