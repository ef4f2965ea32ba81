"""The library's deck functions: guide -> plan -> laid-out deck -> bytes or file,
the same deck whichever step a caller starts from."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import slide_title
from pptx import Presentation

from dnadeck import GuideError, OutputError, load_guide, plan_deck
from dnadeck.deck import deck_bytes, deck_presentation, layout_deck, save_deck


def test_every_way_in_gives_the_same_deck(tmp_path: Path) -> None:
    guide = load_guide("resilience")
    plan = plan_deck(guide)
    data = deck_bytes(guide)
    assert deck_bytes(plan) == data
    assert save_deck(guide, tmp_path / "r.pptx").read_bytes() == data
    titles = [slide_title(s) for s in Presentation(io.BytesIO(data)).slides]
    assert titles == [slide_title(s) for s in deck_presentation(plan).slides]
    laid_out = layout_deck(guide)
    assert len(laid_out.slides) == len(titles) >= len(plan.slides)


def test_save_refuses_to_write_over_a_file_of_another_kind(tmp_path: Path) -> None:
    mine = tmp_path / "mine.pptx"
    mine.write_text("my own notes")
    with pytest.raises(OutputError):
        save_deck(load_guide("resilience"), mine)
    assert mine.read_text() == "my own notes"
    save_deck(load_guide("resilience"), mine, force=True)
    assert len(Presentation(str(mine)).slides) > 3


def test_a_guide_error_is_raised_before_anything_is_written(tmp_path: Path) -> None:
    bad = tmp_path / "g.yaml"
    bad.write_text("title: A\nslides:\n  - kind: story\n    story: nosuch\n")
    with pytest.raises(GuideError):
        save_deck(load_guide(bad), tmp_path / "out.pptx")
    assert not (tmp_path / "out.pptx").exists()
