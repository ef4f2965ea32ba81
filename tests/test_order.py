"""Slides and notes stay true in every order and with any questions kept.

For every pack, every ordered pair of its stories and every single question
(in the pack's order and reversed): no slide or note names a story the
deck shows later or not at all; a question about one story sits after that
story and before the next; no note refers to a question or a slide by a
place a cut can falsify; no note promises a slide that does not follow.
Plans only: no LibreOffice, no drawing.
"""

from __future__ import annotations

import re
from itertools import permutations
from typing import Any

import pytest

from dnadeck import load_guide, plan_deck
from dnadeck.catalogue import pack_ids, stories
from dnadeck.plan import DeckPlan
from dnadeck.plan.slides import AnySlidePlan, QuestionsPlan, QuotePlan, StoryPlan
from dnadeck.ties import tied_stories

TITLES = {sid: s.title for sid, s in stories().items()}
ORDINAL = re.compile(
    r"\b(first|second|third|fourth|fifth|last|final|previous|preceding|other)\s+(question|story|film|slide)s?\b", re.I
)
CLOSING = re.compile(r"closing (questions|discussion)|at the end\b|end of the session|useful later", re.I)
NEXT_SLIDE = re.compile(r"\bnext slide\b", re.I)
NEXT_QUOTES = re.compile(r"\bnext (two|three|four) quot", re.I)
QUESTION_NUMBER = re.compile(r"\bQuestions? (\d+)\b")
NUMBERS = {"two": 2, "three": 3, "four": 4}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("notes", "kind") for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _marks(story_id: str) -> list[re.Pattern[str]]:
    """Ways a slide could name a story: its title in quotes, its link, its number, its teller's name."""
    s = stories()[story_id]
    marks = [re.escape(f"{a}{s.title}{b}") for a, b in (("‘", "’"), ("“", "”"), ('"', '"'))] + [re.escape(s.url)]
    if s.number:
        marks.append(rf"\bStory {s.number}\b")
    if s.storyteller and s.storyteller[0].isupper():
        marks.append(rf"\b{re.escape(s.storyteller.split(',')[0])}\b")
    return [re.compile(m) for m in marks]


MARKS = {sid: _marks(sid) for sid in stories()}


def _closing_follows(plan: DeckPlan, index: int) -> bool:
    """Whether a questions slide with a question about no one story comes after slide ``index``."""
    return any(
        isinstance(s, QuestionsPlan) and any(not q.story and not tied_stories(q.text, TITLES) for q in s.questions)
        for s in plan.slides[index + 1 :]
    )


def problems(plan: DeckPlan) -> list[str]:
    found: list[str] = []
    seen: set[str] = set()
    current: str | None = None
    slides: tuple[AnySlidePlan, ...] = plan.slides
    for i, slide in enumerate(slides):
        where = f"slide {i + 1} ({slide.title})"
        if isinstance(slide, StoryPlan) and slide.story:
            seen.add(slide.story.id)
            current = slide.story.id
        words = " ".join(_strings(plan.to_json()["slides"][i]))
        for sid in set(stories()) - seen:
            for mark in MARKS[sid]:
                if mark.search(words):
                    found.append(f"{where} names {sid}, not shown by then: {mark.pattern}")
                if mark.search(slide.notes):
                    found.append(f"{where}'s notes name {sid}, not shown by then: {mark.pattern}")
        if isinstance(slide, QuestionsPlan):
            for q in slide.questions:
                about = tied_stories(q.text, TITLES) | ({q.story} if q.story else set())
                if len(about) == 1 and about != {current}:
                    found.append(f"{where}: Q{q.source_number} about {about} comes after {current}")
        for m in ORDINAL.finditer(slide.notes):
            found.append(f"{where}'s notes say '{m.group(0)}'")
        numbers = {q.number for q in getattr(slide, "questions", ())}
        for m in QUESTION_NUMBER.finditer(slide.notes):
            if int(m.group(1)) not in numbers:
                found.append(f"{where}'s notes name question {m.group(1)}, not on the slide")
        if CLOSING.search(slide.notes) and not _closing_follows(plan, i):
            found.append(f"{where}'s notes promise closing questions that do not follow")
        if NEXT_SLIDE.search(slide.notes) and not (i + 1 < len(slides) and slides[i + 1].kind == "questions"):
            found.append(f"{where}'s notes point to questions on a next slide that is not there")
        for m in NEXT_QUOTES.finditer(slide.notes):
            follow = [s for s in slides[i + 1 : i + 1 + NUMBERS[m.group(1).lower()]] if isinstance(s, QuotePlan)]
            if len(follow) < NUMBERS[m.group(1).lower()]:
                found.append(f"{where}'s notes promise {m.group(0)}")
    return found


def _pairs() -> list[tuple[str, str, str]]:
    return [
        (pack, a, b)
        for pack in pack_ids()
        for a, b in permutations([s.key for s in load_guide(pack).story_slides()], 2)
    ]


def _singles() -> list[tuple[str, int, bool]]:
    return [
        (pack, n, reverse)
        for pack in pack_ids()
        for n in range(1, len(load_guide(pack).questions()) + 1)
        for reverse in (False, True)
    ]


@pytest.mark.parametrize("pack", pack_ids())
def test_a_whole_pack_is_true_to_its_order(pack: str) -> None:
    assert problems(plan_deck(load_guide(pack))) == []


@pytest.mark.parametrize(("pack", "first", "second"), _pairs())
def test_every_ordered_pair_of_stories(pack: str, first: str, second: str) -> None:
    plan = plan_deck(load_guide(pack, stories=[first, second]))
    assert [s.id for s in plan.stories()] == [first, second]
    assert problems(plan) == []


@pytest.mark.parametrize(("pack", "number", "reverse"), _singles())
def test_every_single_question(pack: str, number: int, reverse: bool) -> None:
    order = [s.key for s in load_guide(pack).story_slides()]
    plan = plan_deck(load_guide(pack, stories=order[::-1] if reverse else order, questions=[number]))
    assert [q.source_number for q in plan.questions()] == [number]
    assert problems(plan) == []


def test_the_reordered_cut_the_issue_names() -> None:
    """Compassion with ‘What do you see?’ before ‘Touch’ and questions 5, 2, 7: each story's question
    sits with it, and the closing question comes last, under its own title."""
    plan = plan_deck(load_guide("compassion", stories=["what-do-you-see", "touch"], questions=[5, 2, 7]))
    order = [(s.kind, s.story.id if isinstance(s, StoryPlan) and s.story else None) for s in plan.slides]
    kinds = [k for k, _ in order]
    story_at = {sid: i for i, (_, sid) in enumerate(order) if sid}
    questions = {q.source_number: i for i, s in enumerate(plan.slides) for q in getattr(s, "questions", ())}
    assert story_at["what-do-you-see"] < questions[5] < story_at["touch"] < questions[2] < questions[7]
    assert kinds[questions[7] + 1] == "credits"
    assert plan.slides[questions[7]].title == "Compassion in our own work"
    assert problems(plan) == []


def test_merged_question_slides_carry_at_most_two_blocks_of_notes() -> None:
    plan = plan_deck(load_guide("compassionate-leadership", questions=[4, 7, 10]))
    slides = [s for s in plan.slides if isinstance(s, QuestionsPlan)]
    assert [len(s.questions) for s in slides] == [2, 1]
    assert all(len(s.notes.split("\n")) <= 3 for s in slides)
