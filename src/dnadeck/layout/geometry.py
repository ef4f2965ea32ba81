"""The layout's primitives: the design canvas a slide is laid out on, a box
on it, and the error for a box left with no room. The template's areas and
the layout both build on these (so neither imports the other for them).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import theme
from ..errors import GuideError
from ..plan.slides import SlidePlan
from .canvas import EMU_PER_INCH

PT_PER_INCH = 72


def design_scale(width_emu: int, height_emu: int) -> tuple[float, float, float]:
    """(scale, width, height): the design canvas for a slide, in inches.

    ``scale`` turns design inches into the slide's: the canvas is the slide
    divided by it, at least 13.333 x 7.5 in both directions.
    """
    w, h = width_emu / EMU_PER_INCH, height_emu / EMU_PER_INCH
    scale = min(w / theme.DESIGN_WIDTH, h / theme.DESIGN_HEIGHT)
    if not scale > 0:
        raise ValueError(f"a slide of {w:.2f} x {h:.2f} in has no room")
    return scale, w / scale, h / scale


@dataclass
class Box:
    """A rectangle on the design canvas, in inches."""

    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def text_width(self) -> float:
        """Usable text width in points, inside the insets."""
        return (self.width - 2 * theme.INSET_X) * PT_PER_INCH

    @property
    def text_height(self) -> float:
        return (self.height - 2 * theme.INSET_Y) * PT_PER_INCH


class NoRoom(GuideError):
    """A box left with no room for its text (a tiny or odd slide size, or a crowded template).

    ``slide`` is the planned slide that did not fit, once known.
    """

    slide: SlidePlan | None = None

    def on(self, slide: SlidePlan) -> NoRoom:
        self.slide = slide
        return self
