"""Drawing primitives: text measured into boxes, the reading order of shapes."""

from __future__ import annotations

from dnadeck.deckplan import Block, Span
from dnadeck.render.canvas import Rect, RectShape, TextPara, TextRun, TextShape
from dnadeck.render.layout import block_height, lines_height, paras, reading_order


def _text(name: str, rect: Rect, placeholder: str | None = None) -> TextShape:
    return TextShape(name, rect, (TextPara((TextRun(name),)),), 2400, "", placeholder=placeholder)  # type: ignore[arg-type]


def test_the_title_is_read_first_unless_that_would_change_the_slide() -> None:
    band = RectShape("band", Rect(0, 0, 100, 10), "DARK_BLUE")
    body = _text("body", Rect(0, 500_000, 1_000_000, 100_000))
    title = _text("title", Rect(0, 100_000, 1_000_000, 100_000), "title")
    assert [s.name for s in reading_order([band, body, title])] == ["title", "band", "body"]
    under = RectShape("under", Rect(0, 100_000, 1_000_000, 100_000), "DARK_BLUE")  # the title is drawn on it
    assert [s.name for s in reading_order([under, title])] == ["under", "title"]


def test_blocks_become_measurable_paragraphs() -> None:
    found = paras(
        [
            Block((Span("Look "), Span("here", link="https://example.org", bold=True)), "bullet"),
            Block((Span("2"),), "number", 2),
        ]
    )
    assert found[0].bullet and not found[0].heading and [r.text for r in found[0].runs] == ["Look ", "here"]
    assert found[0].runs[1].link == "https://example.org" and found[0].runs[1].bold
    assert found[1].number == 2


def test_more_text_needs_more_height() -> None:
    assert lines_height(2, 20) > lines_height(1, 20) > 0
    short = paras([Block((Span("A few words"),))])
    long = paras([Block((Span("A few words " * 40),))])
    assert block_height(long, 20, 6) > block_height(short, 20, 6)
    assert block_height(long, 20, 3) > block_height(long, 20, 6)  # narrower: taller
