"""Each slide kind's plan and planner: every kind known to every stage, and what each planner decides."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import yaml
from conftest import EVERY_KIND

from dnadeck import load_guide, plan_deck, theme
from dnadeck.catalogue import wording
from dnadeck.deck import layout_deck, save_deck
from dnadeck.layout.slides import DRAWERS
from dnadeck.model import SLIDE_KINDS, DefaultMinutes, DefaultNotes
from dnadeck.plan.slides import PLANNERS, AnySlidePlan, QuestionsPlan, QuotePlan, licence_line, shown_address
from dnadeck.schema import with_kinds

ROOT = Path(__file__).resolve().parent.parent


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


def test_every_slide_kind_is_read_by_every_stage(tmp_path: Path) -> None:
    """The registry of slide kinds is model.Slide: each stage must know every kind in it, and no other."""
    docs = (ROOT / "docs" / "guide-format.md").read_text(encoding="utf-8")
    plans = {c.__dataclass_fields__["kind"].default for c in get_args(AnySlidePlan)}
    for kind in SLIDE_KINDS:
        assert kind in plans, f"no plan class (plan.slides.AnySlidePlan) for {kind}"
        assert kind in PLANNERS, f"no planner (plan.slides.PLANNERS) for {kind}"
        assert kind in DRAWERS, f"no drawer (layout.slides.DRAWERS) for {kind}"
        assert DRAWERS[kind].role in theme.ROLES, f"the drawer of {kind} uses no layout role"
        assert kind in DefaultNotes.model_fields, f"no default notes (content/wording.yaml) for {kind}"
        assert kind in DefaultMinutes.model_fields, f"no default minutes for {kind}"
    assert set(PLANNERS) == set(DRAWERS) == plans == set(SLIDE_KINDS)
    # The documentation's table of kinds and their minutes is made from the models (tests/test_schema.py).
    assert with_kinds(docs) == docs, (
        "docs/guide-format.md's slide kinds differ from the models: run tools/write_docs.py"
    )
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


def test_a_quotation_keeps_its_words_and_says_who_said_them(tmp_path: Path) -> None:
    said = {"kind": "quote", "text": "Kindness is a practice.", "by": "A ward sister", "year": "2016"}
    guide = tmp_path / "q.yaml"
    guide.write_text(yaml.safe_dump({"title": "T", "slides": [said | {"source": "https://example.org/words"}]}))
    quote = plan_deck(load_guide(guide)).slides[0]
    assert isinstance(quote, QuotePlan)
    assert quote.text == "Kindness is a practice." and quote.shown == "“Kindness is a practice.”"
    assert quote.title == "In the words of A ward sister"
    assert quote.attribution[0].text == "— A ward sister, 2016"
    link = quote.attribution[-1].spans[0]
    assert link.link == "https://example.org/words" and quote.attribution[-1].text.endswith(
        "(https://example.org/words)"
    )


def test_a_licence_line_ends_in_one_full_stop_and_an_email_shows_without_mailto() -> None:
    assert licence_line("CC BY-NC-ND  4.0") == "CC BY-NC-ND 4.0."
    assert licence_line("All rights reserved.") == "All rights reserved."
    assert shown_address("mailto:team@example.org") == "team@example.org"
    assert shown_address("https://example.org") == "https://example.org"


def test_a_storys_number_is_shown_under_its_qr_code(tmp_path: Path) -> None:
    own = {
        "kind": "story",
        "title": "Night shift",
        "url": "https://example.org/film",
        "licence": "Shared with permission.",
    }
    guide = tmp_path / "ward7.yaml"
    slides = [{"kind": "title"}, {"kind": "story", "story": "touch"}, {**own, "number": 12}, own]
    guide.write_text(yaml.safe_dump({"title": "Ward 7", "slides": slides}), encoding="utf-8")
    captions = [s.caption for s in plan_deck(load_guide(guide)).slides if s.kind == "story"]
    assert captions == [("Scan to watch", "Story 1006"), ("Scan to watch", "Story 12"), ("Scan to watch",)]
