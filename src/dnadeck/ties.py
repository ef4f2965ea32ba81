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
from dataclasses import dataclass

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


def story_mark(story_id: str) -> str:
    """``{story:ID}``: the story's title in quotes where shown, and a tie to it (STORY_MARK finds it)."""
    return f"{{story:{story_id}}}"


def tie_mark(story_id: str) -> str:
    """``{tie:ID}``: a tie to the story that shows nothing (TIE_MARK finds it)."""
    return f"{{tie:{story_id}}}"


def quoted(title: str, pattern: str = "‘{title}’") -> str:
    """A story title as text shows it: in single typographic quotes (or the wording's ``pattern``)."""
    return pattern.replace("{title}", title)


def tied_stories(text: str, titles: Mapping[str, str]) -> set[str]:
    """The ids of the stories ``text`` is about. ``titles`` maps id -> title.

    A title counts when it stands between a pair of QUOTES. The text is read
    once: at each opening quote, only the titles' lengths are tried, so the
    time grows with the text, not with the text times the stories (a guide
    of 300 stories of its own has 2,000 texts to read).
    """
    found = set(STORY_MARK.findall(text)) | set(TIE_MARK.findall(text))
    if not titles:
        return found
    index = _title_index(titles)
    for opening in _OPENING.finditer(text):
        start = opening.end()
        if start < len(text) and text[start] not in index.firsts and "" not in index.by_title:
            continue
        closing = _CLOSING[opening.group()]
        for length in index.lengths:
            end = start + length
            if end < len(text) and text[end] == closing:
                found.update(index.by_title.get(text[start:end], ()))
    return found


_OPENING = re.compile("|".join(re.escape(a) for a, _ in QUOTES))
_CLOSING = dict(QUOTES)


@dataclass(frozen=True)
class _TitleIndex:
    """``titles`` turned round: the ids of each title, the titles' lengths and first characters."""

    titles: Mapping[str, str]  # kept, so that its id is not reused while this is cached
    size: int
    by_title: dict[str, tuple[str, ...]]
    lengths: tuple[int, ...]
    firsts: frozenset[str]


_last_index: list[_TitleIndex] = []


def _title_index(titles: Mapping[str, str]) -> _TitleIndex:
    """The index of ``titles``, made once for each mapping (callers make one and read many texts with it)."""
    last = _last_index[0] if _last_index else None  # (one read: another thread may replace it)
    if last is not None and last.titles is titles and last.size == len(titles):
        return last
    by_title: dict[str, tuple[str, ...]] = {}
    for story_id, title in titles.items():
        by_title[title] = (*by_title.get(title, ()), story_id)
    index = _TitleIndex(
        titles, len(titles), by_title, tuple(sorted({len(t) for t in by_title})), frozenset(t[:1] for t in by_title)
    )
    _last_index[:] = [index]
    return index


def show_ties(text: str, titles: Mapping[str, str], pattern: str = "‘{title}’") -> str:
    """``text`` with ``{story:ID}`` as the story's quoted title and ``{tie:ID}`` removed."""
    text = TIE_MARK.sub("", text).replace(CLOSING_MARK, "")
    return STORY_MARK.sub(lambda m: quoted(titles.get(m.group(1), m.group(1)), pattern), text)


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
