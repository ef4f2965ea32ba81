"""Languages: the same language under two tags, Babel's words for a guide's
language, and lists joined in a language's own pattern."""

from __future__ import annotations

from dnadeck.catalogue import wording
from dnadeck.language import babel_words, join, same_language


def test_regional_tags_name_the_same_language() -> None:
    assert same_language("en-GB", "en-us") and same_language("cy", "cy-GB")
    assert not same_language("en-GB", "cy-GB")


def test_babel_gives_months_lists_and_a_long_date_pattern() -> None:
    welsh = babel_words("cy-GB")
    assert welsh["months"][0] == "Ionawr" and len(welsh["months"]) == 12  # type: ignore[index]
    assert all(part in str(welsh["date"]) for part in ("{day}", "{month}", "{year}"))
    assert "{0}" in str(welsh["list_two"]) and "{1}" in str(welsh["list_two"])
    assert babel_words("xx-made-up") == {}


def test_lists_are_joined_in_the_wordings_pattern() -> None:
    words = wording().words
    assert join([], words) == ""
    assert join(["‘A’"], words) == "‘A’"
    assert join(["‘A’", "‘B’"], words) == "‘A’ and ‘B’"
    assert join(["‘A’", "‘B’", "‘C’", "‘D’"], words) == "‘A’, ‘B’, ‘C’ and ‘D’"
    german = words.model_copy(update={k: v for k, v in babel_words("de").items() if k.startswith("list_")})
    assert join(["A", "B", "C"], german) == "A, B und C"
