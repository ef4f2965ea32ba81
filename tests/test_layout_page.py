"""Drawing primitives: text measured into boxes, the reading order of shapes."""

from __future__ import annotations

from pathlib import Path

from templates_corpus import make

from dnadeck import fit, load_guide, plan_deck, theme
from dnadeck.layout import draw
from dnadeck.layout.canvas import Rect, RectShape, TextPara, TextShape
from dnadeck.layout.page import block_height, footer_line, lines_height, one, reading_order
from dnadeck.text import Block, Span, block


def _text(name: str, rect: Rect, placeholder: str | None = None) -> TextShape:
    return TextShape(name, rect, (TextPara(block(name)),), 2400, "", placeholder=placeholder)  # type: ignore[arg-type]


def test_the_title_is_read_first_unless_that_would_change_the_slide() -> None:
    band = RectShape("band", Rect(0, 0, 100, 10), "DARK_BLUE")
    body = _text("body", Rect(0, 500_000, 1_000_000, 100_000))
    title = _text("title", Rect(0, 100_000, 1_000_000, 100_000), "title")
    assert [s.name for s in reading_order([band, body, title])] == ["title", "band", "body"]
    under = RectShape("under", Rect(0, 100_000, 1_000_000, 100_000), "DARK_BLUE")  # the title is drawn on it
    assert [s.name for s in reading_order([under, title])] == ["under", "title"]


def test_one_paragraph_of_one_style() -> None:
    assert one("Look here", link="https://example.org", bold=True) == [
        Block((Span("Look here", link="https://example.org", bold=True),))
    ]


def test_more_text_needs_more_height() -> None:
    assert lines_height(2, 20) > lines_height(1, 20) > 0
    short = [block("A few words")]
    long = [block("A few words " * 40)]
    assert block_height(long, 20, 6) > block_height(short, 20, 6)
    assert block_height(long, 20, 3) > block_height(long, 20, 6)  # narrower: taller


def test_a_footer_too_long_for_its_line_is_cut_within_its_parts() -> None:
    parts = (Span("Arweinyddiaeth dosturiol " * 3, lang="cy"), Span(" · DNA of Care staff stories", lang="en-GB"))
    assert footer_line(parts, 2000) == [Block(parts)]  # fits: as it is
    (cut,) = footer_line(parts, 200)
    assert [s.lang for s in cut.spans] == ["cy"] and cut.text.endswith("…")
    assert parts[0].text.startswith(cut.text[:-1])
    (longer,) = footer_line(parts, fit.text_width(parts[0].text + " · DNA of", theme.FOOTER))
    assert [s.lang for s in longer.spans] == ["cy", "en-GB"] and longer.spans[1].text.endswith("…")
    assert footer_line(parts, 1) == [Block((Span("…", lang="cy"),))]


def test_main_text_on_its_placeholders_own_fill_takes_a_colour_readable_on_it(tmp_path: Path) -> None:
    drawn = draw(plan_deck(load_guide("compassionate-leadership", template=str(make("body-fill", tmp_path)))))
    main = [
        sh for slide in drawn.slides for sh in slide.shapes if isinstance(sh, TextShape) and sh.placeholder == "obj"
    ]
    assert {sh.name.split()[0] for sh in main} == {"Text", "Questions"}
    assert all(sh.colour == "bg1" for sh in main)  # white on the navy box, not the theme's black
    others = [sh for slide in drawn.slides for sh in slide.shapes if isinstance(sh, TextShape) and not sh.placeholder]
    assert others and all(sh.colour != "bg1" for sh in others)  # text beside the box keeps its colour
    said = [w for w in drawn.warnings if "body placeholder's own fill" in w]
    assert len(said) == 1 and "text colour (tx1 #000000) gives 1.8:1" in said[0] and "using bg1 #FFFFFF" in said[0]
    plain = draw(plan_deck(load_guide("compassionate-leadership")))
    assert not [w for w in plain.warnings if "own fill" in w]


def test_footers_on_their_placeholders_own_bands_take_a_colour_readable_on_them(tmp_path: Path) -> None:
    drawn = draw(plan_deck(load_guide("resilience", template=str(make("footer-bands", tmp_path)))))
    footers = [
        sh
        for slide in drawn.slides[1:]
        for sh in slide.shapes
        if isinstance(sh, TextShape) and sh.placeholder in ("ftr", "sldNum")
    ]
    assert footers and all(sh.colour == "bg1" for sh in footers)  # white on the navy bands
    plain = draw(plan_deck(load_guide("resilience")))
    assert all(
        sh.colour != "bg1"
        for slide in plain.slides[1:]
        for sh in slide.shapes
        if isinstance(sh, TextShape) and sh.placeholder == "ftr"
    )
    assert any("footer placeholder's own fill" in w for w in drawn.warnings)


def test_text_on_a_photograph_no_colour_reads_on_stands_on_a_panel_behind_it(tmp_path: Path) -> None:
    """Each text of ours on the photograph of sweets has a panel of the theme's background colour just
    behind it, as wide as its box and as tall as its text; the title is still read first, after its
    panel. A slide with a background of its own (a section) has none."""
    drawn = draw(plan_deck(load_guide("compassionate-leadership", template=str(make("sweets", tmp_path)))))
    panelled, shorter = 0, set()
    for n, slide in enumerate(drawn.slides, 1):
        shapes = list(slide.shapes)
        for i, shape in enumerate(shapes):
            if not isinstance(shape, TextShape):
                continue
            if slide.background is not None:
                assert not any(s.name.startswith("Panel") for s in shapes), n
                continue
            panel = shapes[i - 1]
            assert isinstance(panel, RectShape) and panel.name.startswith("Panel ") and panel.fill == "bg1", (
                n,
                shape.name,
            )
            assert (panel.rect.x, panel.rect.w) == (shape.rect.x, shape.rect.w), (n, shape.name)
            assert shape.rect.y <= panel.rect.y and panel.rect.y + panel.rect.h <= shape.rect.y + shape.rect.h + 1
            panelled += 1
            if panel.rect.h < shape.rect.h:
                shorter.add(shape.name.split()[0])
        titles = [s for s in shapes if isinstance(s, TextShape) and s.placeholder in ("title", "ctrTitle")]
        if titles and slide.background is None:
            assert shapes.index(titles[0]) == 1, n  # after its panel
    assert panelled > 100
    assert "Text" in shorter  # a few bullets in a tall box: the panel ends below them
