"""How dnadeck writes dates and counts, on slides and in its messages.

A date is written YYYY-MM-DD in guide files and on the command line (one
pattern, one message for anything else) and shown as a long date (3 December
2026) in the deck's language. Counts in messages are "3 slides" or, in
sentences, "two stories". This module imports nothing of dnadeck's, so
every layer, the guide model included, can use it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Protocol

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # the one way a date is written: YYYY-MM-DD
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


class DateWords(Protocol):
    """What a long date needs of the wording (``model.Words`` has it): a pattern and the months."""

    @property
    def date(self) -> str: ...  # "{day} {month} {year}"

    @property
    def months(self) -> Sequence[str]: ...


def parse_date(text: str) -> dt.date | None:
    """The date ``text`` writes as YYYY-MM-DD, or None (another form, or no such day)."""
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def not_a_date(shown: str) -> str:
    """The message for a value (as ``errors.shown`` shows it) that is not a YYYY-MM-DD date."""
    return f"{shown} is not a date: write it as YYYY-MM-DD, e.g. 2026-12-03"


def long_date(date: dt.date, words: DateWords) -> str:
    """3 December 2026, in the wording's (or Babel's) date pattern and month names."""
    return (
        words.date.replace("{day}", str(date.day))
        .replace("{month}", words.months[date.month - 1])
        .replace("{year}", str(date.year))
    )


def count(n: int, one: str, many: str | None = None) -> str:
    """``count(3, "slide")`` -> "3 slides" (``many``: the plural where it is not ``one`` + "s")."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def count_words(n: int, one: str, many: str | None = None) -> str:
    """``count_words(2, "story", "stories")`` -> "two stories" (numbers past ten in digits)."""
    number = NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)
    return f"{number} {one if n == 1 else many or one + 's'}"


def numbers_text(numbers: Sequence[int]) -> str:
    """``(12,)`` -> "12"; ``(12, 13)`` -> "12–13"."""
    if not numbers:
        return ""
    return str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"


def shortened(text: str, words: int) -> str:
    """``text`` cut after ``words`` words, with an ellipsis, when it is longer."""
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]).rstrip(",;:.") + " …"
