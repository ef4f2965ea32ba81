"""The web form as a custom deck: the YAML file it makes (which builds the deck
the form chose), safe upload names, problems in a facilitator's words."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dnadeck import load_guide, plan_deck
from dnadeck.catalogue import pack_ids
from dnadeck.errors import Problem
from dnadeck.web.form import (
    DeckForm,
    SettingsProblem,
    Upload,
    chosen_language,
    is_language,
    problem_json,
    read_settings,
    safe_name,
    tidy,
    untranslated_note,
)


def test_the_form_is_a_custom_deck_that_builds_what_it_chose(tmp_path: Path) -> None:
    form = DeckForm(
        "resilience",
        stories=["floristry-perhaps"],
        questions=["1", "8"],
        text={"title": "Team day: #1 & more", "presenter": "007"},
        date="2026-12-03",
    )
    text = form.to_yaml({"floristry-perhaps": "Floristry, perhaps?"}, {1: "What wore\nthe storyteller down?"})
    assert "  - floristry-perhaps  # Floristry, perhaps?" in text and "  - 1  # What wore the storyteller down?" in text
    data = yaml.safe_load(text)
    assert data["extends"] == "resilience" and data["title"] == "Team day: #1 & more"
    assert data["presenter"] == "007" and str(data["date"]) == "2026-12-03"
    path = tmp_path / form.file_name
    path.write_text(text, encoding="utf-8")
    plan = plan_deck(load_guide(path))
    assert plan.title == "Team day: #1 & more" and [s.title for s in plan.stories()] == ["Floristry, perhaps?"]
    assert len(plan.questions()) == 2


def test_uploads_are_named_in_the_file() -> None:
    form = DeckForm("compassion", uploads={"logo": Upload("logo", "trust-logo.png", b"")})
    assert "logo: trust-logo.png  # put this file in the same folder as this one" in form.to_yaml()
    assert "stories" not in form.to_yaml()  # not chosen: the pack's own
    assert "stories: []" in DeckForm("compassion", stories=[]).to_yaml()


@pytest.mark.parametrize(
    ("given", "safe"),
    [
        ("trust logo.png", "trust logo.png"),
        ("logo\n<b>.png", "logo-b-.png"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\sam\\logo.png", "logo.png"),
        ("...", "upload.png"),
        ("x" * 200 + ".png", "x" * 76 + ".png"),
    ],
)
def test_upload_names_are_safe(given: str, safe: str) -> None:
    assert safe_name(given, ".png") == safe


def test_a_name_already_taken_is_not_reused() -> None:
    assert safe_name("logo.png", ".png", taken=["logo.png"]) == "upload-logo.png"


def test_problems_in_the_pages_words() -> None:
    assert tidy("no story 'stya' (did you mean 'stay'?)") == "No story 'stya' (did you mean 'stay'?)."
    assert tidy("Choose one.") == "Choose one."
    assert tidy("cannot read it (UnidentifiedImageError: x)", about_a_file=True).endswith(".")
    problem = Problem("my.yaml", 4, "stories[1]", "no story 'stya' in the catalogue")
    assert problem_json(problem) == {"field": "story", "message": "No story 'stya' in the catalogue."}
    assert problem_json(Problem("my.yaml", 3, "date", "write it as YYYY-MM-DD"))["field"] == "date"


def test_a_settings_file_reads_back_and_others_are_refused() -> None:
    made = DeckForm("resilience", stories=["stay"], text={"title": "Team day"}, date="2026-12-03").to_yaml()
    assert read_settings(made.encode(), pack_ids()) == {
        "source": "resilience",
        "title": "Team day",
        "date": "2026-12-03",
        "stories": ["stay"],
    }
    for bad, said in [
        (b"\xff\xfe", "This is not a settings file."),
        (b"extends: nosuch\n", "is not for one of the packs here"),
        (b"extends: resilience\nslides: []\n", r"choices the page cannot show \(slides\)"),
    ]:
        with pytest.raises(SettingsProblem, match=said):
            read_settings(bad, pack_ids())


def test_a_language_is_written_only_when_not_english(tmp_path: Path) -> None:
    plain = DeckForm("resilience", text={"title": "Team day"}, date="2026-12-03")
    assert "language" not in plain.to_yaml()
    welsh = DeckForm("resilience", text={"title": "Diwrnod tîm"}, date="2026-12-03", language="cy")
    text = welsh.to_yaml()
    assert text == plain.to_yaml().replace("Team day", "Diwrnod tîm").replace(
        "date: 2026-12-03\n", "date: 2026-12-03\nlanguage: cy\n"
    )
    path = tmp_path / welsh.file_name
    path.write_text(text, encoding="utf-8")
    guide = load_guide(path)
    assert guide.language == "cy" and plan_deck(guide).long_date == "3 Rhagfyr 2026"
    assert read_settings(text.encode(), pack_ids())["language"] == "cy"


def test_a_bad_language_is_the_language_fields_problem() -> None:
    assert is_language("cy") and is_language("en-GB") and is_language("gd")
    assert not any(is_language(bad) for bad in ("", "xx-!!", "Cymraeg (Welsh)", "c", "cy\nextends: x", "a" * 40))
    assert [chosen_language(v) for v in ("", " cy ", "en-GB", "en-gb", "gd")] == [None, "cy", None, None, "gd"]
    with pytest.raises(ValueError, match="choose one from the list"):
        chosen_language("Cymraeg (Welsh)")
    said = problem_json(Problem("my.yaml", 3, "language", "'xx-!!' is not a language tag"))
    assert said == {
        "field": "language",
        "message": "This is not a language that can be used: choose one from the list.",
    }
    # A settings file with a language the page cannot use opens without it.
    assert "language" not in read_settings(b"extends: resilience\nlanguage: 'xx-!!'\n", pack_ids())


def test_the_note_about_words_left_in_english_names_the_language() -> None:
    assert untranslated_note("en-GB") == (
        "The words dnadeck adds to the slides (labels, speaker notes, credits) are in English (en-GB): "
        "this page has no translation of them."
    )
    assert "are in qq-x:" in untranslated_note("qq-x")  # a language Babel does not know: its tag
