"""The deck plan: a deck cut down to its stories stays true, slide and note."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
import yaml
from click.testing import CliRunner
from conftest import EVERY_KIND, package_problems
from pptx import Presentation

from dnadeck import GuideError, load_guide, plan_deck, theme
from dnadeck.catalogue import pack_ids, stories, wording
from dnadeck.cli import main
from dnadeck.deck import layout_deck, save_deck
from dnadeck.deckplan import AnySlidePlan, QuestionsPlan
from dnadeck.layout.slides import DRAWERS
from dnadeck.model import SLIDE_KINDS, DefaultMinutes, DefaultNotes
from dnadeck.plan import PLANNERS

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


def test_questions_are_numbered_in_the_deck_and_keep_the_guides_numbers() -> None:
    plan = plan_deck(load_guide("compassionate-leadership", stories=["stay"], questions=[8, 1]))
    assert [(q.number, q.source_number) for q in plan.questions()] == [(1, 1), (2, 8)]
    assert plan.questions()[0].story == "stay"


def test_a_questions_slide_left_empty_goes() -> None:
    full = plan_deck(load_guide("compassionate-leadership"))
    cut = plan_deck(load_guide("compassionate-leadership", stories=["touch"]))
    full_q = [s.title for s in full.slides if isinstance(s, QuestionsPlan)]
    cut_q = [s.title for s in cut.slides if isinstance(s, QuestionsPlan)]
    assert len(cut_q) < len(full_q)
    assert all(s.questions for s in cut.slides if isinstance(s, QuestionsPlan))


def test_slide_titles_are_unique() -> None:
    for pack in pack_ids():
        titles = [s.title for s in plan_deck(load_guide(pack)).slides]
        assert len(titles) == len(set(titles)), pack


def test_every_slide_kind_is_read_by_every_stage(tmp_path: Path) -> None:
    """The registry of slide kinds is model.Slide: each stage must know every kind in it, and no other."""
    docs = (ROOT / "docs" / "guide-format.md").read_text(encoding="utf-8")
    plans = {c.__dataclass_fields__["kind"].default for c in get_args(AnySlidePlan)}
    for kind in SLIDE_KINDS:
        assert kind in plans, f"no plan class (deckplan.AnySlidePlan) for {kind}"
        assert kind in PLANNERS, f"no planner (plan.PLANNERS) for {kind}"
        assert kind in DRAWERS, f"no drawer (layout.slides.DRAWERS) for {kind}"
        assert DRAWERS[kind].role in theme.ROLES, f"the drawer of {kind} uses no layout role"
        assert kind in DefaultNotes.model_fields, f"no default notes (content/wording.yaml) for {kind}"
        assert kind in DefaultMinutes.model_fields, f"no default minutes for {kind}"
        assert f"| `{kind}` |" in docs, f"{kind} is not in the table of kinds in docs/guide-format.md"
    assert set(PLANNERS) == set(DRAWERS) == plans == set(SLIDE_KINDS)
    said = re.search(r"take their\s+kind's:\s+([^.]+)\.", docs)
    assert said, "docs/guide-format.md no longer says each kind's default minutes"
    documented = dict(m.groups() for m in re.finditer(r"([a-z]+) ([0-9.]+)", said.group(1)))
    assert documented == {k: f"{getattr(DefaultMinutes(), k):g}" for k in SLIDE_KINDS}
    # A guide with one slide of each kind: each is planned as its kind, says what it shows in the
    # session plan's run sheet, and is drawn on a slide of its own.
    guide = tmp_path / "every.yaml"
    every = {"title": "One of each", "subtitle": "Every kind of slide", "slides": EVERY_KIND}
    guide.write_text(yaml.safe_dump(every), encoding="utf-8")
    plan = plan_deck(load_guide(guide))
    assert [s.kind for s in plan.slides] == list(SLIDE_KINDS)
    for slide in plan.slides:
        assert slide.summary and all(line.text for line in slide.summary), slide.kind
        assert slide.notes and slide.minutes == getattr(wording().minutes, slide.kind), slide.kind
    drawn = layout_deck(plan)
    assert {d.position for d in drawn.slides} == {s.position for s in plan.slides}


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


def test_a_guides_own_labels_and_language_reach_the_deck(tmp_path: Path) -> None:
    guide = tmp_path / "cy.yaml"
    guide.write_text(
        "title: Straeon\nlanguage: cy\nlabels:\n  told_by: 'Adroddwyd gan {storyteller}'\n"
        "  watch: 'Gwylio’r stori: '\n"
        "slides:\n  - kind: story\n    story: stay\n",
        encoding="utf-8",
    )
    plan = plan_deck(load_guide(guide))
    assert plan.language == "cy"
    story = plan.stories()[0]
    assert story.told_by.startswith("Adroddwyd gan Rachel")
    deck = save_deck(load_guide(guide), tmp_path / "cy.pptx")
    import zipfile

    with zipfile.ZipFile(deck) as z:
        slide = z.read("ppt/slides/slide1.xml").decode()
        notes = [n for n in z.namelist() if n.startswith("ppt/notesSlides/notesSlide")]
        runs = dict(
            (text, lang) for lang, text in re.findall(r'<a:rPr lang="([^"]+)"[^>]*>.*?<a:t>([^<]*)</a:t>', slide)
        )
        # The guide's words are Welsh; the catalogue's story (title, teller, synopsis) stays English.
        assert runs["Adroddwyd gan "] == "cy" and runs["Rachel, a Supervisor of Midwives"] == "en-GB"
        assert runs["Stay"] == "en-GB"
        assert notes


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
