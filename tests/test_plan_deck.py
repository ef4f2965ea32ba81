"""The deck plan: plain data with every slide's final words; a deck cut down to its stories stays true, slide and note."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import package_problems
from pptx import Presentation

from dnadeck import GuideError, load_guide, plan_deck
from dnadeck.catalogue import pack_ids, stories, wording
from dnadeck.cli import main
from dnadeck.deck import save_deck
from dnadeck.model import SLIDE_KINDS
from dnadeck.plan.slides import StoryPlan

ROOT = Path(__file__).resolve().parent.parent
COUNT_WORDS = r"\b(no|one|two|three|four|five|six|seven|eight|nine|ten|\d+) (stories|films)\b"


def _cuts() -> list[tuple[str, str]]:
    return [(pack, s.key) for pack in pack_ids() for s in load_guide(pack).story_slides()]


def _mentions(story_id: str) -> list[str]:
    """Ways a deck could name a story: its title in quotes, its link, its number, its teller's name."""
    s = stories()[story_id]
    marks = [f"{a}{s.title}{b}" for a, b in (("‘", "’"), ("“", "”"), ('"', '"'))] + [s.url]
    if s.number:
        marks.append(f"Story {s.number}")
    if s.storyteller and s.storyteller[0].isupper():
        marks.append(s.storyteller.split(",")[0])
    return marks


@pytest.mark.parametrize(("pack", "story"), _cuts())
def test_a_one_story_cut_mentions_no_other_story_and_still_asks_questions(
    pack: str, story: str, tmp_path: Path
) -> None:
    deck = save_deck(load_guide(pack, stories=[story]), tmp_path / "cut.pptx")
    assert package_problems(deck) == []
    prs = Presentation(str(deck))
    texts = []
    for n, slide in enumerate(prs.slides, 1):
        words = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        texts.append((n, words, notes))
    others = [sid for sid in stories() if sid != story]
    for n, words, notes in texts:
        for other in others:
            for mark in _mentions(other):
                assert mark not in words, f"slide {n} names {other}: {mark!r}"
                assert mark not in notes, f"slide {n}'s notes name {other}: {mark!r}"
        for text in (words, notes):
            for m in re.finditer(COUNT_WORDS, text, re.I):
                assert m.group(1).lower() in ("one", "1"), f"slide {n} says '{m.group(0)}' of a one-story deck"
    plan = plan_deck(load_guide(pack, stories=[story]))
    assert [s.id for s in plan.stories()] == [story]
    assert plan.questions(), f"{pack} cut to {story} has no questions"
    cut_line = wording().labels.credits_selection_cut.replace("{series}", "DNA of Care")
    assert cut_line in " ".join(w for _, w, _ in texts)


def test_slide_titles_are_unique() -> None:
    for pack in pack_ids():
        titles = [s.title for s in plan_deck(load_guide(pack)).slides]
        assert len(titles) == len(set(titles)), pack


def test_the_plan_is_json(tmp_path: Path) -> None:
    import json

    data = plan_deck(load_guide("resilience")).to_json()
    again = json.loads(json.dumps(data))
    assert again["slides"][0]["kind"] == "title"
    assert {s["kind"] for s in again["slides"]} <= set(SLIDE_KINDS)


def test_show_prints_the_plan_of_a_cut() -> None:
    result = CliRunner().invoke(main, ["show", "compassionate-leadership", "--story", "stay", "--question", "1"])
    assert result.exit_code == 0, result.output
    assert "Q1: After watching ‘Stay’" in result.output
    assert "Floristry" not in result.output
    assert "one story, 1 questions" in result.output or "one story, 1 question" in result.output


def test_story_in_the_notes_of_a_questions_slide_is_filled_and_tied(tmp_path: Path) -> None:
    guide = tmp_path / "g.yaml"
    guide.write_text(
        "title: T\nslides:\n  - kind: story\n    story: stay\n  - kind: story\n    story: touch\n"
        "  - kind: questions\n    questions: [How did it feel?]\n    notes: |-\n      Sit with {story}.\n      Then ask.\n",
        encoding="utf-8",
    )
    full = plan_deck(load_guide(guide))
    assert full.slides[-1].notes == "Sit with ‘Touch’.\nThen ask."
    cut = plan_deck(load_guide(guide, stories=["stay"]))
    assert cut.slides[-1].notes == "Then ask."


def test_no_invented_dates_in_document_properties(tmp_path: Path) -> None:
    import zipfile

    from dnadeck import deck_bytes, deck_presentation, handout_bytes

    guide = load_guide("resilience")
    prs = deck_presentation(guide)
    prs.slides[0].shapes.title.text_frame.text = "Changed with python-pptx"
    for data, core in ((deck_bytes(guide), "docProps/core.xml"), (deck_bytes(prs), "docProps/core.xml")):
        path = tmp_path / "d.zip"
        path.write_bytes(data)
        with zipfile.ZipFile(path) as z:
            assert b"lastPrinted" not in z.read(core)
    path = tmp_path / "h.zip"
    path.write_bytes(handout_bytes(guide))
    with zipfile.ZipFile(path) as z:
        assert b"lastPrinted" not in z.read("docProps/core.xml")


def test_a_storys_own_questions_move_with_it_and_keep_their_numbers(tmp_path: Path) -> None:
    full = plan_deck(load_guide("compassion"))
    own = {q.source_number: q.story for q in full.questions() if q.story}
    order = [s.id for s in full.stories()]
    reordered = list(reversed(order))
    plan = plan_deck(load_guide("compassion", stories=reordered))
    assert [s.id for s in plan.stories()] == reordered
    # Each story's own questions come right after it, before the next story.
    current = None
    for slide in plan.slides:
        if slide.kind == "story":
            current = slide.story.id
        for q in getattr(slide, "questions", ()):
            if q.story:
                assert q.story == current, f"Q{q.source_number} about {q.story} follows {current}"
    # The numbers are the pack's, so `show` and `--question` agree whatever the order.
    assert {q.source_number: q.story for q in plan.questions() if q.story} == own
    pick = sorted(own)[-1]
    chosen = plan_deck(load_guide("compassion", stories=reordered, questions=[pick]))
    assert [(q.source_number, q.story) for q in chosen.questions()] == [(pick, own[pick])]


def test_a_custom_deck_of_a_custom_deck_chooses_by_the_numbers_show_prints(tmp_path: Path) -> None:
    (tmp_path / "team.yaml").write_text("extends: resilience\nstories: [stay, floristry-perhaps]\n", encoding="utf-8")
    team = plan_deck(load_guide(tmp_path / "team.yaml"))
    shown = [q.source_number for q in team.questions()]
    last = shown[-1]
    (tmp_path / "day.yaml").write_text(f"extends: team.yaml\nquestions: [{last}]\n", encoding="utf-8")
    day = plan_deck(load_guide(tmp_path / "day.yaml"))
    assert [q.source_number for q in day.questions()] == [last]
    missing = next(n for n in range(1, 20) if n not in shown)
    (tmp_path / "bad.yaml").write_text(f"extends: team.yaml\nquestions: [{missing}]\n", encoding="utf-8")
    with pytest.raises(GuideError, match=rf"no question {missing}: 'team' has {len(shown)} questions"):
        load_guide(tmp_path / "bad.yaml")


def test_session_plan_lines_follow_a_reordered_cut() -> None:
    """The run sheet's line for each questions slide numbers them as the cut does and names its story."""
    guide = load_guide("compassion", stories=["what-do-you-see", "touch"], questions=[5, 1, 8])
    lines = [s.summary[0].text for s in plan_deck(guide).slides if s.kind == "questions"]
    assert lines == ["Question 1, about ‘What do you see?’", "Question 2, about ‘Touch’.", "Question 3."]
    kinds = {s.kind for s in plan_deck(guide).slides if not s.summary}
    assert kinds == set(), f"slides with nothing for the run sheet: {kinds}"


def test_a_packs_plan_has_its_stories_questions_and_minutes() -> None:
    plan = plan_deck(load_guide("compassion"))
    stories = [s for s in plan.slides if isinstance(s, StoryPlan)]
    assert [s.story for s in stories if s.story] == plan.stories() and plan.stories()
    assert all(info.url.startswith("https://") for info in plan.stories())
    assert plan.questions() and plan.minutes() == sum(s.minutes for s in plan.slides)
    assert [s.position for s in plan.slides] == list(range(1, len(plan.slides) + 1))


def test_the_plan_as_json_has_every_slide_with_its_kind() -> None:
    plan = plan_deck(load_guide("compassion"))
    data = json.loads(json.dumps(plan.to_json()))
    assert data["title"] == plan.title and data["language"] == "en-GB"
    assert [s["kind"] for s in data["slides"]] == [s.kind for s in plan.slides]
    assert [s["title"] for s in data["slides"]] == [s.title for s in plan.slides]


def test_the_footer_says_the_title_in_its_language_and_the_label_in_the_wordings(tmp_path: Path) -> None:
    """A Welsh deck with the shipped (English) wording: the title is Welsh wherever it stands."""
    import zipfile

    from docx import Document

    from dnadeck import save_handout

    (tmp_path / "cy.yaml").write_text(
        "extends: compassionate-leadership\ntitle: Arweinyddiaeth dosturiol\nlanguage: cy\n"
        "stories: [just-five-minutes-more, stay]\nquestions: [8, 1, 4]\n",
        encoding="utf-8",
    )
    guide = load_guide(tmp_path / "cy.yaml")
    assert [(s.text, s.lang) for s in plan_deck(guide).footer] == [
        ("Arweinyddiaeth dosturiol", None),
        (" · DNA of Care staff stories", "en-GB"),
    ]
    with zipfile.ZipFile(save_deck(guide, tmp_path / "cy.pptx")) as z:
        slide = z.read("ppt/slides/slide2.xml").decode()
    runs = re.findall(r'<a:rPr lang="([^"]+)"[^>]*>.*?</a:rPr><a:t>([^<]*)</a:t>', slide)
    assert ("cy", "Arweinyddiaeth dosturiol") in runs and ("en-GB", " · DNA of Care staff stories") in runs
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    footer = Document(str(save_handout(guide, tmp_path / "cy.docx"))).sections[0].footer._element
    tagged = [(r.findtext(f"{w}t"), r.find(f"{w}rPr/{w}lang")) for r in footer.iter(f"{w}r") if r.findtext(f"{w}t")]
    assert tagged[0][0] == "Arweinyddiaeth dosturiol" and tagged[0][1] is None  # the document's language, Welsh
    assert tagged[1][0].startswith(" · ") and tagged[1][1].get(f"{w}val") == "en-GB"
    english = load_guide("compassion")
    assert [(s.text, s.lang) for s in plan_deck(english).footer] == [("Compassion · DNA of Care staff stories", None)]
