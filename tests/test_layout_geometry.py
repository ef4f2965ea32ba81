"""The layout's primitives: the design canvas for any slide size, and boxes on it."""

from __future__ import annotations

import pytest

from dnadeck import theme
from dnadeck.layout.canvas import EMU_PER_INCH
from dnadeck.layout.geometry import PT_PER_INCH, Box, design_scale


def inches(w: float, h: float) -> tuple[int, int]:
    return round(w * EMU_PER_INCH), round(h * EMU_PER_INCH)


@pytest.mark.parametrize(
    ("size", "scale", "canvas"),
    [
        ((13.333, 7.5), 1.0, (13.333, 7.5)),  # ours
        ((10, 5.625), 0.75, (13.333, 7.5)),  # 16:9 smaller: the same deck, smaller
        ((10, 7.5), 0.75, (13.333, 10)),  # 4:3: more room below
        ((7.5, 13.333), 0.5625, (13.333, 23.7)),  # portrait
    ],
)
def test_the_canvas_keeps_the_slides_shape_and_is_never_smaller_than_ours(
    size: tuple[float, float], scale: float, canvas: tuple[float, float]
) -> None:
    got_scale, width, height = design_scale(*inches(*size))
    assert got_scale == pytest.approx(scale, rel=1e-3)
    assert (width, height) == pytest.approx(canvas, rel=1e-3)
    assert width >= theme.DESIGN_WIDTH - 1e-6 and height >= theme.DESIGN_HEIGHT - 1e-6


def test_a_slide_with_no_size_has_no_room() -> None:
    with pytest.raises(ValueError, match="has no room"):
        design_scale(0, 5_000_000)


def test_a_box_knows_its_bottom_and_room_for_text() -> None:
    box = Box(1, 2, 4, 1.5)
    assert box.bottom == 3.5
    assert box.text_width == pytest.approx((4 - 2 * theme.INSET_X) * PT_PER_INCH)
    assert box.text_height == pytest.approx((1.5 - 2 * theme.INSET_Y) * PT_PER_INCH)
