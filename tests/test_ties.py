"""Story ties: which stories a text is about (found in one reading, as the plain
definition says), story marks shown as titles, placeholders filled."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dnadeck.catalogue import wording
from dnadeck.ties import QUOTES, STORY_MARK, TIE_MARK, fill, show_ties, story_words, tidy, tied_stories


def tied_by_definition(text: str, titles: dict[str, str]) -> set[str]:
    """A text is about a story when it names its mark, or its title between a pair of quotes."""
    found = set(STORY_MARK.findall(text)) | set(TIE_MARK.findall(text))
    return found | {sid for sid, title in titles.items() if any(f"{a}{title}{b}" in text for a, b in QUOTES)}


pieces = st.sampled_from(["Stay", "Touch", "Stay’s", "A", "", " ", "‘", "’", "“", "”", '"', "'", "{story:x}", "it's"])
texts = st.lists(pieces, max_size=14).map("".join)
titles = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), pieces, max_size=4)


@settings(max_examples=400, derandomize=True, database=None)
@given(text=texts, named=titles)
def test_ties_found_in_one_reading_are_the_ties_by_definition(text: str, named: dict[str, str]) -> None:
    assert tied_stories(text, named) == tied_by_definition(text, named)


def test_ties_with_a_changed_mapping_of_titles_follow_the_change() -> None:
    named = {"a": "Stay"}
    assert tied_stories("After ‘Stay’", named) == {"a"}
    named["b"] = "Touch"
    assert tied_stories("After ‘Touch’", named) == {"b"}


def test_marks_show_as_quoted_titles_and_tie_marks_vanish() -> None:
    titles = {"stay": "Stay", "touch": "Touch"}
    text = "After {story:stay}, think of {tie:touch}this.{closing}"
    assert show_ties(text, titles) == "After ‘Stay’, think of this."
    assert show_ties("{story:nosuch}", titles) == "‘nosuch’"  # an unknown id shows as written
    assert show_ties("{story:stay}", titles, "“{title}”") == "“Stay”"


def test_placeholders_are_filled_and_other_braces_kept() -> None:
    assert fill("{a} and {b} and {c:d}", {"a": 1, "b": "two"}) == "1 and two and {c:d}"
    assert fill("{unknown}", {}) == "{unknown}"


def test_one_stop_after_a_title_that_ends_in_its_own() -> None:
    assert tidy("What did you learn from ‘What do you see?’?") == "What did you learn from ‘What do you see?’"
    assert tidy("Why?.") == "Why?"
    assert tidy("A plain sentence.") == "A plain sentence."


def test_the_stories_are_counted_and_listed_in_the_wordings_words() -> None:
    words = wording().words
    one = story_words(["Stay"], words)
    assert one["stories"] == "‘Stay’" and one["these_stories"] == words.this_story
    three = story_words(["A", "B", "C"], words)
    assert "‘A’" in three["stories"] and "‘C’" in three["stories"]
    assert three["these_stories"] == words.these_stories and three["the_stories"] == words.the_stories
    many = story_words([f"S{n}" for n in range(40)], words)
    assert "40" in many["story_count"]
