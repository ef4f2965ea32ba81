"""The theme: every text colour on its background reaches WCAG's 4.5:1."""

from __future__ import annotations

import pytest

from dnadeck import theme


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert theme.contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert theme.contrast("FFFFFF", "FFFFFF") == pytest.approx(1.0)
    assert theme.contrast("767676", "FFFFFF") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("pair", sorted(theme.TEXT_PAIRS))
def test_every_text_pair_meets_4_5_to_1(pair: str) -> None:
    text, background = theme.TEXT_PAIRS[pair]
    assert theme.contrast(text, background) >= 4.5


def test_pairs_cover_every_colour_the_renderer_uses_for_text() -> None:
    c = theme.COLOURS
    used_text = {c.title, c.text, c.muted, c.link, c.section_text}
    assert used_text <= {t for t, _ in theme.ROLE_PAIRS.values()}
    assert {c.background, c.panel, c.section_background} == {b for _, b in theme.ROLE_PAIRS.values()}
