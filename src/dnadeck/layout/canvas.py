"""Laid-out slides: boxes, paragraphs and runs in EMU, ready to be written.

Layout turns a DeckPlan into a DeckDraw; the writer (``ooxml``) turns a
DeckDraw into slide XML inside the template's package. Nothing here is
measured or decided any more: every position, size and colour is final.

Colours are theme colour names (``theme.COLOUR_NAMES``: ``tx1``, ``bg1``,
``accent1`` .. ``accent6``, ``hlink``, ...), written as
``<a:schemeClr>`` so a trust's template gives a trust's colours, or six hex
digits (``005EB8``) written as ``<a:srgbClr>``. Fonts are ``+mj-lt`` (the
theme's heading font), ``+mn-lt`` (its body font) or a font name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..text import Block, Span

EMU_PER_INCH = 914400

Colour = str  # a name in theme.COLOUR_NAMES, or six hex digits


@dataclass(frozen=True)
class Rect:
    """A rectangle on the slide, in EMU."""

    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class TextPara:
    """A paragraph as set in a text box: the plan's ``block``, aligned, with the gap above it.

    A bullet ("•") or an automatic number (``block.number`` is where it
    starts) stands in a hanging indent of ``indent`` EMU. A newline in a
    span is a line break (``<a:br/>``); a span's ``link`` (http, https or
    mailto only) makes it a hyperlink with its ``tip`` as the ScreenTip,
    in ``link_colour`` where not the theme's hyperlink colour.
    """

    block: Block
    align: Literal["l", "ctr", "r"] | None = "l"  # None: as the placeholder's style says
    indent: int = 0
    space_before: int = 0  # hundredths of a point
    link_colour: Colour | None = None

    @property
    def runs(self) -> tuple[Span, ...]:
        return self.block.spans

    @property
    def marker(self) -> Literal["bullet", "number"] | None:
        style = self.block.style
        return style if style == "bullet" or style == "number" else None

    @property
    def number(self) -> int | None:
        """Where the automatic numbering starts, for a numbered item."""
        return self.block.number if self.block.style == "number" else None


@dataclass(frozen=True)
class TextShape:
    """A text box (or, with ``placeholder``, the layout's placeholder of that type,
    placed at ``rect``). Text wraps, never auto-fits; one size for all runs.

    ``field`` "slidenum" makes the text a slide-number field (the number
    stays right when slides are moved); its ``paras`` give the number as shown.
    """

    name: str
    rect: Rect
    paras: tuple[TextPara, ...]
    size: int  # hundredths of a point
    colour: Colour  # "" keeps the colour the placeholder's style gives
    font: str = "+mn-lt"
    anchor: Literal["t", "ctr", "b"] = "t"
    inset_x: int = 91440  # EMU: 0.1 in
    inset_y: int = 45720  # EMU: 0.05 in
    placeholder: Literal["title", "ctrTitle", "body", "obj", "subTitle", "ftr", "sldNum", "dt"] | None = None
    placeholder_idx: int | None = None
    field: Literal["slidenum"] | None = None


@dataclass(frozen=True)
class PictureShape:
    """A picture. ``alt`` None marks it decorative (screen readers skip it)."""

    name: str
    rect: Rect
    image: bytes
    content_type: Literal["image/png", "image/jpeg"]
    alt: str | None
    link: str | None = None
    tip: str | None = None


@dataclass(frozen=True)
class RectShape:
    """A filled rectangle with no outline, marked decorative."""

    name: str
    rect: Rect
    fill: Colour


Shape = TextShape | PictureShape | RectShape


@dataclass(frozen=True)
class SlideDraw:
    """One slide: the layout it uses (by name, as in the template), its
    background (None: the layout's), shapes in z-order, and speaker notes."""

    layout: str
    title: str
    shapes: tuple[Shape, ...]
    notes: str
    background: Colour | None = None
    position: int = 0  # the DeckPlan slide it draws (continuation slides share it)
    notes_lang: str | None = None  # where not the deck's language


@dataclass(frozen=True)
class DeckDraw:
    """The whole deck as drawn, with its document properties."""

    width: int  # EMU
    height: int
    slides: tuple[SlideDraw, ...]
    title: str
    subject: str
    author: str
    keywords: str
    language: str  # BCP 47, written on every run, notes included
    warnings: tuple[str, ...] = ()  # what the template made dnadeck change (colours, fonts), for the user
