"""One drawer per slide kind: what each kind's slide shows, and text too long
for one slide carried on to "(continued)" slides with nothing lost."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import EVERY_KIND
from templates_corpus import COVER, make

from dnadeck import load_guide, plan_deck, theme
from dnadeck.layout import draw, open_template
from dnadeck.layout.canvas import PictureShape, SlideDraw, TextShape
from dnadeck.layout.slides import DRAWERS
from dnadeck.model import SLIDE_KINDS, QuoteSlide


def words(slide: SlideDraw) -> str:
    return " ".join(r.text for s in slide.shapes if isinstance(s, TextShape) for p in s.paras for r in p.runs)


def guide(tmp_path: Path, slides: list[dict[str, object]]) -> Path:
    path = tmp_path / "g.yaml"
    path.write_text(
        yaml.safe_dump({"title": "Ward 7 away day", "slides": [{"kind": "title"}, *slides]}), encoding="utf-8"
    )
    return path


def test_every_kind_is_drawn_with_its_words(tmp_path: Path) -> None:
    path = guide(tmp_path, EVERY_KIND[1:])
    plan = plan_deck(load_guide(path))
    assert [s.kind for s in plan.slides] == list(SLIDE_KINDS)
    deck = draw(plan)
    slides = {s.position: s for s in reversed(deck.slides)}
    assert "Ward 7 away day" in words(slides[1])
    assert "Part one" in words(slides[2])
    assert "Listen first" in words(slides[3]) and "Speak second" in words(slides[3])
    said = QuoteSlide.EXAMPLE
    assert f"{said['text']}" in words(slides[4]) and f"{said['by']}" in words(slides[4])
    story = slides[6]
    film = plan.slides[5].story
    assert film is not None and film.title in words(story)
    links = [s.link for s in story.shapes if isinstance(s, PictureShape)]
    assert film.url in links  # the QR code links to the film
    assert "What stayed with you?" in words(slides[7])


def test_text_too_long_for_one_slide_carries_on_and_loses_nothing(tmp_path: Path) -> None:
    points = [f"Point number {n} with a few more words to say about it" for n in range(40)]
    plan = plan_deck(load_guide(guide(tmp_path, [{"kind": "text", "title": "Many points", "points": points}])))
    deck = draw(plan)
    pages = [s for s in deck.slides if s.position == 2]
    assert len(pages) > 1
    assert pages[0].title == "Many points"
    expected = [plan.continued.format(title="Many points", page=n, pages=len(pages)) for n in range(2, len(pages) + 1)]
    assert [p.title for p in pages[1:]] == expected
    shown = " ".join(words(p) for p in pages)
    assert all(point in shown for point in points)


def test_every_kind_is_drawn_on_a_layout_role_the_template_provides() -> None:
    assert set(DRAWERS) == set(SLIDE_KINDS)
    assert {drawer.role for drawer in DRAWERS.values()} <= set(theme.ROLES)


def test_a_section_slide_under_a_picture_covering_the_slide_reads_on_the_picture(tmp_path: Path) -> None:
    """A picture covering the slide on the master hides a slide's own background: a section slide
    there is drawn without one, its title in a colour checked on the picture (white on navy; the
    section colour's title would be black on navy). With the bundled template it keeps its colour."""
    template = make("covering-picture", tmp_path)
    drawn = draw(plan_deck(load_guide("compassionate-leadership", template=str(template))))
    scheme = open_template(template).colours
    sections = [s for s in drawn.slides if s.title in ("Sharing values and vision", "The power of stories")]
    assert len(sections) == 2
    navy = "{:02X}{:02X}{:02X}".format(*COVER)
    for slide in sections:
        assert slide.background is None
        title = next(s for s in slide.shapes if isinstance(s, TextShape) and s.placeholder == "title")
        assert theme.contrast(theme.rgb_of(title.colour, scheme), navy) >= theme.AA, title.colour
    bundled = draw(plan_deck(load_guide("compassionate-leadership")))
    assert all(s.background == "accent1" for s in bundled.slides if s.title == "The power of stories")
