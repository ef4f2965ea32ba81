"""Laid-out slides: every shape of a drawn pack on its slide, named once, with its words."""

from __future__ import annotations

import pytest
from conftest import ALL_PACKS

from dnadeck import load_guide, plan_deck
from dnadeck.layout import draw
from dnadeck.layout.canvas import DeckDraw, PictureShape, RectShape, TextShape


@pytest.fixture(scope="module")
def drawn() -> dict[str, DeckDraw]:
    return {pack: draw(plan_deck(load_guide(pack))) for pack in ALL_PACKS}


@pytest.mark.parametrize("pack", ALL_PACKS)
def test_every_shape_is_on_its_slide_and_named_once(pack: str, drawn: dict[str, DeckDraw]) -> None:
    deck = drawn[pack]
    assert deck.width > 0 and deck.height > 0 and deck.language == "en-GB"
    for slide in deck.slides:
        names = [s.name for s in slide.shapes]
        assert len(names) == len(set(names)), (slide.title, names)
        for shape in slide.shapes:
            r = shape.rect
            assert r.x >= 0 and r.y >= 0 and r.x + r.w <= deck.width and r.y + r.h <= deck.height, (
                slide.title,
                shape.name,
            )


@pytest.mark.parametrize("pack", ALL_PACKS)
def test_slides_carry_their_plans_title_and_notes(pack: str, drawn: dict[str, DeckDraw]) -> None:
    plan = plan_deck(load_guide(pack))
    deck = drawn[pack]
    assert [s.position for s in deck.slides] == sorted(s.position for s in deck.slides)
    assert {s.position for s in deck.slides} == {s.position for s in plan.slides}
    firsts = {}
    for slide in deck.slides:
        firsts.setdefault(slide.position, slide)
        assert {type(s) for s in slide.shapes} <= {TextShape, PictureShape, RectShape}
    for planned in plan.slides:
        assert firsts[planned.position].title == planned.title
        assert firsts[planned.position].notes == planned.notes
