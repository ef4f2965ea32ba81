"""What planning knows of the whole guide while it plans one slide: stories shown by now,
questions kept, languages, notes that hold up where they stand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dnadeck import load_guide
from dnadeck.model import Guide
from dnadeck.plan.context import Context, long_date


def _guide(tmp_path: Path, text: str) -> Guide:
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    return load_guide(path)


GUIDE = (
    "title: T\nlanguage: en-GB\nslides:\n"
    "  - kind: section\n    title: Part one\n    minutes: 4\n"
    "  - kind: story\n    story: stay\n"
    "  - kind: story\n    story: touch\n"
    "  - kind: questions\n    questions: ['What stayed with you from {story:stay}?', 'What now?']\n"
)


def test_a_text_about_a_story_holds_only_once_the_story_is_shown(tmp_path: Path) -> None:
    ctx = Context(_guide(tmp_path, GUIDE))
    about_touch = "Think back to ‘Touch’."
    ctx.at(1)  # after 'Stay'
    assert ctx.seen == {"stay"} and not ctx.kept(about_touch) and ctx.kept("Think back to ‘Stay’.")
    ctx.at(2)  # after 'Touch'
    assert ctx.seen == {"stay", "touch"} and ctx.kept(about_touch)


def test_notes_drop_the_paragraphs_that_do_not_hold_and_fall_back_to_the_default(tmp_path: Path) -> None:
    ctx = Context(_guide(tmp_path, GUIDE))
    ctx.at(1)
    said = ctx.notes("Ask about {story:stay}.\nCompare it with {story:touch}.", "story", title="Stay")
    assert said == "Ask about ‘Stay’."
    default = ctx.notes("Compare it with {story:touch}.", "section", title="Part one")
    assert default.startswith("Move on to the next part of the session: Part one.")


def test_minutes_are_the_slides_own_else_its_kinds(tmp_path: Path) -> None:
    guide = _guide(tmp_path, GUIDE)
    ctx = Context(guide)
    assert ctx.minutes(guide.slides[0]) == 4
    assert ctx.minutes(guide.slides[1]) == guide.wording.minutes.story == 12


def test_a_language_is_named_only_where_it_is_not_the_decks(tmp_path: Path) -> None:
    ctx = Context(_guide(tmp_path, GUIDE))
    assert ctx.tag("en-GB") is None and ctx.tag("cy") == "cy"


def test_the_long_date_is_spelled_in_the_wordings_words(tmp_path: Path) -> None:
    guide = _guide(tmp_path, GUIDE.replace("language: en-GB\n", "date: 2026-03-05\n"))
    assert guide.date == dt.date(2026, 3, 5) and long_date(guide) == "5 March 2026"
    assert long_date(_guide(tmp_path, GUIDE)) is None
