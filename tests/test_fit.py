"""Text fitting: measured wrapping, and nothing lost or spilling in LibreOffice."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import need, pdf_pages
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from dnadeck import fit, load_guide, save_deck, theme
from dnadeck.fit import height, paginate, wrap
from dnadeck.text import Block, Span, block

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" + "Supercalifragilisticexpialidocious"[:34] + "X"
assert len(LONG_WORD) == 80


def test_wrap_breaks_at_spaces_within_the_width() -> None:
    lines = wrap("the quick brown fox jumps over the lazy dog " * 5, 24, 300)
    assert len(lines) > 1
    assert all(line == line.strip() for line in lines)
    assert " ".join(lines).split() == ("the quick brown fox jumps over the lazy dog " * 5).split()


def test_a_word_wider_than_the_box_is_broken() -> None:
    lines = wrap(LONG_WORD, 28, 200)
    assert len(lines) > 2 and "".join(lines) == LONG_WORD


def test_wrapped_lines_are_remembered_per_font_and_forgotten_past_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "the quick brown fox jumps over the lazy dog " * 5
    first = wrap(text, 24, 300)
    first.append("changed by the caller")
    assert wrap(text, 24, 300) == first[:-1]  # a copy: what a caller does to its lines is not remembered
    assert wrap(text, 24, 300, heading=True) == wrap(text, 24, 300)  # both fonts are Liberation Sans here
    assert wrap(text, 24, 300, bold=True) != first[:-1]  # bold is wider: remembered apart
    monkeypatch.setattr(fit, "WRAP_CACHE", 3)
    kept = fit._MEASURE.get()[False].lines
    for n in range(10):
        assert "".join(wrap(f"{n} {text}", 24, 300)).replace(" ", "") == f"{n}{text}".replace(" ", "")
        assert len(kept) <= 3


def test_paginate_shrinks_before_splitting_and_splits_lists_between_items() -> None:
    items = [block(f"Item {i} has a few words in it", "bullet") for i in range(8)]
    size, pages = paginate(items, 800, 400, theme.BODY)
    assert len(pages) == 1 and theme.BODY.floor <= size <= theme.BODY.largest
    many = [
        block(f"Item {i} has a good many more words in it than fit on one line of the box", "bullet") for i in range(30)
    ]
    size, pages = paginate(many, 800, 300, theme.BODY)
    assert len(pages) > 1 and size >= theme.BODY.floor
    assert [p.text for page in pages for p in page] == [p.text for p in many]
    assert all(height(page, size, 800) <= 300 for page in pages)


def test_a_long_quotation_splits_between_sentences() -> None:
    text = " ".join(f"Sentence number {i} is here to make the quotation long." for i in range(40))
    _size, pages = paginate([block(text)], 800, 300, theme.QUOTE)
    assert len(pages) > 1
    assert all(page[0].text.endswith(".") for page in pages)
    assert " ".join(page[0].text for page in pages) == text


def _long_guide(folder: Path) -> Path:
    """A guide whose every text is about ten times longer than ours."""
    cl = load_guide("compassionate-leadership")
    quote = next(s for s in cl.slides if s.kind == "quote" and s.by == "Fiona Jones")
    synopsis = next(s for s in cl.story_slides()).synopsis
    # Questions about no particular story, so the one-story deck keeps them all.
    questions = [q for q in cl.questions() if "{" not in q and "‘" not in q]
    guide = {
        "title": "Compassionate leadership in teams that care for each other and for patients, " * 3,
        "subtitle": "A facilitator's guide to the DNA of Care staff stories, for a long afternoon. " * 3,
        "presenter": "Sam Patel, Practice Educator and Lead for Staff Wellbeing and Organisational Development",
        "organisation": "Example NHS Foundation Trust, with partners across the integrated care system",
        "date": "2026-12-03",
        "slides": [
            {"kind": "title"},
            {"kind": "quote", "text": (quote.text + " ") * 9 + LONG_WORD + ".", "by": quote.by, "role": quote.role},
            {
                "kind": "text",
                "title": "What compassionate leaders do, and why it matters so much in health care " * 2,
                "points": [
                    f"{p} {LONG_WORD if i == 3 else ''}".strip()
                    for i, p in enumerate(["Attend to people and what they face at work and at home"] * 40)
                ],
            },
            {
                "kind": "text",
                "title": "Background",
                "body": ("Leaders shape the culture of their teams. " * 60).strip(),
                "cite": "Michael West (2017), The King's Fund",
            },
            {"kind": "section", "title": "Stories of compassionate leadership from NHS staff " * 4},
            {"kind": "warning", "text": ("These stories can stir strong feelings; look after yourself. " * 25).strip()},
            {
                "kind": "story",
                "title": "A story of our own with a long title that goes on " * 3,
                "url": "https://example.org/story",
                "storyteller": "a ward sister",
                "synopsis": (synopsis + " ") * 9 + LONG_WORD,
                "licence": "Shared with permission",
            },
            {"kind": "story", "story": "stay"},
            {"kind": "questions", "questions": [f"{q} {q}" for q in questions] * 3},
            {"kind": "credits", "points": ["The choice of stories is this guide's own. " * 6]},
        ],
    }
    path = folder / "long.yaml"
    path.write_text(yaml.safe_dump(guide, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _source_words(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = [data[k] for k in ("title", "subtitle", "presenter", "organisation")]
    for s in data["slides"]:
        for key in ("text", "title", "body", "synopsis", "storyteller", "licence", "cite", "by", "role"):
            if isinstance(s.get(key), str):
                texts.append(s[key])
        texts += s.get("points", []) + s.get("questions", [])
    return [w for t in texts for w in re.findall(r"[A-Za-z']+", t)]


def _boxes(prs: Presentation) -> list[list[tuple[float, float, float, float]]]:  # type: ignore[valid-type]
    """Each slide's text boxes as (left, top, right, bottom) in points."""
    pt = Emu(12700)
    return [
        [
            (sh.left / pt, sh.top / pt, (sh.left + sh.width) / pt, (sh.top + sh.height) / pt)
            for sh in slide.shapes
            if sh.has_text_frame and sh.text_frame.text.strip()
        ]
        for slide in prs.slides
    ]


@pytest.mark.office
def test_ten_times_longer_text_stays_inside_its_boxes_and_is_all_there(tmp_path: Path, to_pdf) -> None:  # type: ignore[no-untyped-def]
    need("pdftotext")
    source = _long_guide(tmp_path)
    deck = save_deck(load_guide(source), tmp_path / "long.pptx")
    prs = Presentation(str(deck))
    pdf = to_pdf(deck)
    assert pdf_pages(pdf) == len(prs.slides)
    bbox = tmp_path / "bbox.html"
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(bbox)], check=True)
    tree = etree.parse(str(bbox), etree.HTMLParser(encoding="utf-8"))
    pages = tree.findall(".//page")
    assert len(pages) == len(prs.slides)
    boxes = _boxes(prs)
    slack = 2.0  # points: anti-aliasing and rounding
    seen: list[str] = []
    for n, (page, slide_boxes) in enumerate(zip(pages, boxes, strict=True), 1):
        width, height_ = float(page.get("width")), float(page.get("height"))
        for word in page.findall("word"):
            x0, y0, x1, y1 = (float(word.get(k)) for k in ("xmin", "ymin", "xmax", "ymax"))
            text = word.text or ""
            seen.append(text)
            assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height_, f"slide {n}: '{text}' is off the slide"
            inside = any(
                left - slack <= x0 and x1 <= r + slack and t - slack <= y0 and y1 <= b + slack
                for left, t, r, b in slide_boxes
            )
            assert inside, f"slide {n}: '{text}' at {(x0, y0, x1, y1)} spills out of its text box"
    pdf_words = {w for t in seen for w in re.findall(r"[A-Za-z']+", t)}
    despaced = "".join(seen)
    missing = {w for w in _source_words(source) if w not in pdf_words and w not in despaced}
    assert not missing, f"words lost from the deck: {sorted(missing)[:20]}"
    assert LONG_WORD in despaced
    assert len(prs.slides) > 15  # the long texts went on to continuation slides
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert any("(continued, 2 of " in t for t in titles)


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ,.;:?!'", min_size=1, max_size=30)
paragraphs = st.lists(st.lists(words, min_size=1, max_size=60).map(" ".join), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(texts=paragraphs, width=st.floats(150, 900), box_height=st.floats(80, 400), listed=st.booleans())
def test_paginate_never_overflows_and_never_loses_a_word(
    texts: list[str], width: float, box_height: float, listed: bool
) -> None:
    paras = [Block((Span(t),), "bullet" if listed else "plain") for t in texts]
    size, pages = paginate(paras, width, box_height, theme.BODY)
    assert theme.BODY.floor <= size <= theme.BODY.largest
    for page in pages:
        assert height(page, size, width) <= box_height + 0.01 or (len(page) == 1 and len(page[0].text.split()) == 1)
    assert " ".join(p.text for page in pages for p in page).split() == " ".join(texts).split()


def test_line_breaks_in_a_quotation_are_kept(tmp_path: Path) -> None:
    guide = tmp_path / "poem.yaml"
    guide.write_text(
        "title: A\nslides:\n  - kind: quote\n    text: |\n      If not now,\n      when?\n    by: Rabbi Hillel the Elder\n",
        encoding="utf-8",
    )
    prs = Presentation(str(save_deck(load_guide(guide), tmp_path / "poem.pptx")))
    quote = next(s for s in prs.slides[0].shapes if s.name.startswith("Quotation"))
    assert quote.text_frame.text == "“If not now,\vwhen?”"  # python-pptx shows a line break as \v
    assert len(wrap("If not now,\nwhen?", 28, 900)) == 2
