"""Every fixed word in one wording file that a guide can override in full.

A guide in a made-up language (``qaa``, reserved for local use) that gives
every wording key its own words gets a deck, speaker notes and session
plan with none of our English fixed words; each run is tagged with the
language of the text it holds: the pack's own English stays en-GB.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from pydantic import BaseModel

from dnadeck import load_guide, plan_deck
from dnadeck.catalogue import content_dir, stories, wording
from dnadeck.cli import main
from dnadeck.deck import save_deck
from dnadeck.model import LabelOverrides, Labels, Wording, WordingOverrides
from dnadeck.write.docx import save_handout

PLACEHOLDER = re.compile(r"(\{[a-z_0-9]*\})")
WORD = re.compile(r"[A-Za-z]+")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def made_up(text: str) -> str:
    """Every English word turned into a made-up one ("Told by" -> "Qdlot Qyb"); placeholders kept."""
    pieces = PLACEHOLDER.split(text)
    return "".join(
        p if PLACEHOLDER.fullmatch(p) else WORD.sub(lambda m: "Q" + m.group(0)[::-1].lower(), p) for p in pieces
    )


def translate(value: Any) -> Any:
    if isinstance(value, str):
        return made_up(value)
    if isinstance(value, list):
        return [translate(v) for v in value]
    if isinstance(value, dict):
        return {k: translate(v) for k, v in value.items()}
    return value


def fixed_pieces(value: Any) -> Iterator[str]:
    """The English words of the wording: the text between placeholders, two words or more, and single
    words of five letters or more."""
    if isinstance(value, str):
        for piece in PLACEHOLDER.split(value):
            piece = piece.strip(" :.,;·()‘’—\n\t☐")
            words = WORD.findall(piece)
            if not PLACEHOLDER.fullmatch(piece) and (len(words) >= 2 or (len(words) == 1 and len(words[0]) >= 5)):
                yield piece
    elif isinstance(value, list):
        for v in value:
            yield from fixed_pieces(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from fixed_pieces(v)


def _keys(model: type[BaseModel], prefix: str = "") -> set[str]:
    out = set()
    for name, info in model.model_fields.items():
        annotation = info.annotation
        inner = [a for a in getattr(annotation, "__args__", (annotation,)) if isinstance(a, type)]
        section = next((a for a in inner if issubclass(a, BaseModel)), None)
        out |= _keys(section, f"{prefix}{name}.") if section else {prefix + name}
    return out


def test_every_wording_key_can_be_overridden() -> None:
    assert _keys(WordingOverrides) == _keys(Wording) | {"file"}  # file: a wording file of them
    assert set(LabelOverrides.model_fields) == set(Labels.model_fields)


@pytest.fixture(scope="module")
def made_up_deck(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("qaa")
    bundled = yaml.safe_load((content_dir() / "wording.yaml").read_text(encoding="utf-8"))
    own = translate({k: v for k, v in bundled.items() if k != "language"})
    own["language"] = "qaa"
    (folder / "wording-qaa.yaml").write_text(yaml.safe_dump(own, allow_unicode=True), encoding="utf-8")
    (folder / "guide.yaml").write_text(
        "extends: compassion\nlanguage: qaa\ntitle: Qnoissapmoc\ndate: 2026-12-03\n"
        "stories: [what-do-you-see, touch]\nquestions: [5, 2, 7]\nwording: wording-qaa.yaml\n",
        encoding="utf-8",
    )
    guide = load_guide(folder / "guide.yaml")
    deck = save_deck(guide, folder / "deck.pptx")
    handout = save_handout(guide, folder / "deck.docx")
    with zipfile.ZipFile(deck) as z:
        slides = [z.read("docProps/core.xml").decode()] + [
            z.read(n).decode() for n in sorted(z.namelist()) if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)
        ]
        notes = [z.read(n).decode() for n in sorted(z.namelist()) if re.fullmatch(r"ppt/notesSlides/\w+\.xml", n)]
    doc = Document(str(handout))
    runs = [
        (r.text, r.find(f"{W}rPr/{W}lang").get(f"{W}val") if r.find(f"{W}rPr/{W}lang") is not None else "qaa")
        for part in [doc.element.body, *(s.footer._element for s in doc.sections)]
        for r in part.iter(f"{W}r")
        if r.text
    ]
    return {"guide": guide, "slides": slides, "notes": notes, "handout": runs, "plan": plan_deck(guide)}


def _runs(xml: str) -> list[tuple[str, str]]:
    """(text, lang) of every run in a slide or notes part (and the document's subject)."""
    subject = re.findall(r"<dc:subject>([^<]*)</dc:subject>", xml)
    return [(s, "qaa") for s in subject] + [
        (t, lang) for lang, t in re.findall(r'<a:rPr lang="([^"]+)"[^>]*?(?:/>|>.*?</a:rPr>)<a:t>([^<]*)</a:t>', xml)
    ]


def test_a_made_up_language_has_no_english_fixed_word(made_up_deck: dict[str, Any]) -> None:
    pieces = set(fixed_pieces(wording().model_dump()))
    assert len(pieces) > 100
    texts = {
        "slides": " ".join(t for x in made_up_deck["slides"] for t, _ in _runs(x)),
        "notes": " ".join(t for x in made_up_deck["notes"] for t, _ in _runs(x)),
        "handout": " ".join(t for t, _ in made_up_deck["handout"]),
    }
    guide = made_up_deck["guide"]
    pack = load_guide("compassion").model_dump(include={"slides"})
    pack_text = " ".join(" ".join(str(v).split()) for s in pack["slides"] for v in s.values() if v)
    pack_text += " ".join(s.synopsis or "" for s in stories().values())
    for where, text in texts.items():
        english = sorted(p for p in pieces if p in text and p not in pack_text)
        assert not english, f"English fixed words in the {where}: {english}"
    title = made_up_deck["plan"].slides[0]
    assert "3 Qrebmeced 2026" in title.details
    assert guide.language == "qaa"


def test_runs_are_tagged_with_the_language_of_their_text(made_up_deck: dict[str, Any]) -> None:
    slides = [run for x in made_up_deck["slides"] for run in _runs(x)]
    notes = [run for x in made_up_deck["notes"] for run in _runs(x)]
    handout = made_up_deck["handout"]
    for name, runs in (("slides", slides), ("notes", notes), ("handout", handout)):
        # Text that starts in the made-up language is in it (a placeholder's made-up words inside the
        # pack's English sentence do not make the sentence made-up).
        made = [(t, lang) for t, lang in runs if re.match(r"\W*Q[a-z]{2,}", t)]
        assert made, name
        assert all(lang == "qaa" for _, lang in made), f"{name}: {[r for r in made if r[1] != 'qaa'][:5]}"
    # The pack's own English (its slide titles, quotations, questions, notes; the catalogue's synopses
    # and tellers) stays English in a deck in another language.
    english = {
        "What we mean by compassion",
        "“The whole idea of compassion is based on a keen awareness of the interdependence of all these living"
        " beings, which are all part of one another, and all involved in one another.”",
        "Emily, a junior doctor",
        "Who shows compassion to Emily, the junior doctor, and who could have?",
        "Compassion in our own work",
    }
    tagged = dict(slides)
    for text in english:
        assert tagged.get(text) == "en-GB", (text, tagged.get(text))
    assert any(lang == "en-GB" and "Play ‘Touch’" in t for t, lang in notes)
    assert any(lang == "en-GB" and t == "Compassion in our own work" for t, lang in handout)
    assert any(lang == "en-GB" and t.startswith("Who shows compassion to Emily") for t, lang in handout)


def test_the_wording_command_writes_the_whole_file_and_a_guide_can_use_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["wording", "-o", str(tmp_path / "w.yaml")])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "w.yaml").read_text(encoding="utf-8")
    assert written == (content_dir() / "wording.yaml").read_text(encoding="utf-8")
    (tmp_path / "g.yaml").write_text("extends: resilience\nwording: w.yaml\n", encoding="utf-8")
    assert plan_deck(load_guide(tmp_path / "g.yaml")).slides == plan_deck(load_guide("resilience")).slides
    (tmp_path / "bad.yaml").write_text("extends: resilience\nwording:\n  labels:\n    tld_by: x\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"bad.yaml:4: wording.labels.tld_by"):
        load_guide(tmp_path / "bad.yaml")


def test_welsh_dates_and_lists_come_from_babel(tmp_path: Path) -> None:
    (tmp_path / "cy.yaml").write_text(
        "extends: resilience\nlanguage: cy\ndate: 2026-12-03\nstories: [stay, touch, floristry-perhaps]\n",
        encoding="utf-8",
    )
    plan = plan_deck(load_guide(tmp_path / "cy.yaml"))
    assert "3 Rhagfyr 2026" in plan.slides[0].details
    guide = load_guide(tmp_path / "cy.yaml")
    from babel.lists import format_list

    from dnadeck.ties import story_words

    titles = ["‘Stay’", "‘Touch’", "‘Floristry, perhaps?’"]
    assert story_words(["Stay", "Touch", "Floristry, perhaps?"], guide.wording.words)["stories"] == format_list(
        titles, locale="cy"
    )
