"""Languages: the same language under two tags, Babel's words for a guide's
language, and lists joined in a language's own pattern."""

from __future__ import annotations

from pathlib import Path

import yaml

from dnadeck import load_guide
from dnadeck.catalogue import content_dir, wording
from dnadeck.language import babel_words, join, same_language, untranslated


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


def test_fixed_words_in_another_language_than_the_decks_are_named(tmp_path: Path) -> None:
    guide = tmp_path / "cy.yaml"
    guide.write_text("extends: resilience\ntitle: Gwydnwch\nlanguage: cy\n", encoding="utf-8")
    assert untranslated(load_guide(guide)) == "en-GB"
    shipped = (content_dir() / "wording.yaml").read_text(encoding="utf-8")
    welsh = shipped.replace("\nlanguage: en-GB ", "\nlanguage: cy-GB ", 1)
    assert welsh != shipped
    (tmp_path / "wording-cy.yaml").write_text(welsh, encoding="utf-8")
    guide.write_text(guide.read_text(encoding="utf-8") + "wording: wording-cy.yaml\n", encoding="utf-8")
    assert untranslated(load_guide(guide)) is None  # the whole wording file in the deck's language
    (tmp_path / "wording-cy.yaml").write_text(
        "language: cy\nlabels:\n  warning_title: Cyn i ni wylio\n", encoding="utf-8"
    )
    assert untranslated(load_guide(guide)) == "en-GB"  # one label translated, the rest still English
    assert untranslated(load_guide("resilience")) is None
    assert untranslated(load_guide("resilience"), ("labels", "handout")) is None


def test_a_session_plan_whose_headings_are_untranslated_is_named(tmp_path: Path) -> None:
    """Every slide label in Welsh, the session plan's own words left in English: the deck is
    translated, the plan is not (the number of answer lines is in no language)."""
    shipped = yaml.safe_load((content_dir() / "wording.yaml").read_text(encoding="utf-8"))
    (tmp_path / "wording-cy.yaml").write_text(
        yaml.safe_dump({"language": "cy", "labels": shipped["labels"]}, allow_unicode=True), encoding="utf-8"
    )
    guide = tmp_path / "cy.yaml"
    guide.write_text("extends: resilience\nlanguage: cy\nwording: wording-cy.yaml\n", encoding="utf-8")
    loaded = load_guide(guide)
    assert untranslated(loaded) is None
    assert untranslated(loaded, ("labels", "handout")) == "en-GB"
    words = {k: v for k, v in shipped["handout"].items() if k != "question_lines"}
    (tmp_path / "wording-cy.yaml").write_text(
        yaml.safe_dump({"language": "cy", "labels": shipped["labels"], "handout": words}, allow_unicode=True),
        encoding="utf-8",
    )
    assert untranslated(load_guide(guide), ("labels", "handout")) is None
