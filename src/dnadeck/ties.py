"""Which stories a piece of text is about, and filling in story words.

A question or a paragraph of notes is *tied* to a story when it names it:
``{story:ID}`` (shown as the story's title in quotes), or the story's title
written in quotes (‘Stay’, “Stay” or "Stay"). The loader turns ``{story}``
into ``{story:ID}`` and a questions slide's ``story:`` into an invisible
``{tie:ID}``, so every tie is in the text itself and survives any cutting.
The plan drops tied text when its story is not in the deck.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .language import join
from .model import Words

STORY_MARK = re.compile(r"\{story:([A-Za-z0-9][A-Za-z0-9._-]*)\}")
TIE_MARK = re.compile(r"\{tie:([A-Za-z0-9][A-Za-z0-9._-]*)\}")
# {question:N}: the guide's question N, shown as its number in the deck; the
# paragraph goes when the question does.
QUESTION_MARK = re.compile(r"\{question:([0-9]{1,6})\}")
# {closing}: invisible; the paragraph stays only when closing questions (about
# no one story) come later in the deck.
CLOSING_MARK = "{closing}"
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
QUOTES = (("‘", "’"), ("“", "”"), ('"', '"'), ("'", "'"))
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def quoted(title: str, pattern: str = "‘{title}’") -> str:
    """A story title as text shows it: in single typographic quotes (or the wording's ``pattern``)."""
    return pattern.replace("{title}", title)


def tied_stories(text: str, titles: Mapping[str, str]) -> set[str]:
    """The ids of the stories ``text`` is about. ``titles`` maps id -> title."""
    found = set(STORY_MARK.findall(text)) | set(TIE_MARK.findall(text))
    for story_id, title in titles.items():
        if any(f"{a}{title}{b}" in text for a, b in QUOTES):
            found.add(story_id)
    return found


def show_ties(text: str, titles: Mapping[str, str], pattern: str = "‘{title}’") -> str:
    """``text`` with ``{story:ID}`` as the story's quoted title and ``{tie:ID}`` removed."""
    text = TIE_MARK.sub("", text).replace(CLOSING_MARK, "")
    return STORY_MARK.sub(lambda m: quoted(titles.get(m.group(1), m.group(1)), pattern), text)


def count_words(n: int, one: str, many: str) -> str:
    """``count_words(2, "story", "stories")`` -> "two stories"."""
    number = NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)
    return f"{number} {one if n == 1 else many}"


def story_words(titles: list[str], words: Words) -> dict[str, str]:
    """The placeholders that count or list the stories a deck shows, in the wording's words."""
    n = len(titles)
    counts = words.story_counts
    return {
        "stories": join([quoted(t, words.title_quotes) for t in titles], words),
        "story_count": counts[n] if n < len(counts) else words.story_count_more.replace("{n}", str(n)),
        "these_stories": words.this_story if n == 1 else words.these_stories,
        "the_stories": words.the_story if n == 1 else words.the_stories,
    }


_DOUBLE_STOP = re.compile(r"([?!])([’”\"]?)[?.!]")


def tidy(text: str) -> str:
    """One stop after a title that ends in its own: "from ‘What do you see?’?" -> "... see?’"."""
    return _DOUBLE_STOP.sub(r"\1\2", text)


def fill(text: str, values: Mapping[str, object]) -> str:
    """Replace ``{name}`` for each name in ``values``; leave any other braces alone."""
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)
