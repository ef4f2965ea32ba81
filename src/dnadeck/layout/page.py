"""Drawing primitives: a page being laid out, boxes, measured text.

Layout works on a *design canvas*: the slide scaled so that it is at least
13.333 x 7.5 inches (our 16:9 design size) in both directions, keeping its
shape. Every position, text size and floor is chosen on that canvas and
scaled on the way out, so a 10-inch-wide slide shown full screen looks the
same as a 13.333-inch one and text wraps the same way: a 10 x 5.625 in
template gives the same deck as ours, a 4:3 or portrait one gets more
room below, and a tiny one the same deck, small. Within the canvas each
layout has a safe area (area.py) clear of the template's furniture.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from .. import fit, theme
from ..text import Block, Span, block
from .canvas import (
    EMU_PER_INCH,
    Colour,
    PictureShape,
    Rect,
    RectShape,
    Shape,
    SlideDraw,
    TextPara,
    TextShape,
)
from .geometry import PT_PER_INCH, Box, NoRoom, design_scale

if TYPE_CHECKING:
    from .area import Area, Slot

Align = Literal["l", "ctr", "r"]
Anchor = Literal["t", "ctr", "b"]
PANEL = "Panel"  # the name of a panel under our text, where no text colour reads on the background
PlaceholderType = Literal["title", "ctrTitle", "body", "obj", "ftr", "sldNum", "dt"]


def lines_height(lines: int, pt: float) -> float:
    """Inches for ``lines`` lines of ``pt``-point text, with the box's insets."""
    return lines * pt * theme.LINE_HEIGHT * fit.HEIGHT_SLACK / PT_PER_INCH + 2 * theme.INSET_Y


def block_height(paras: Sequence[Block], size: float, width: float) -> float:
    """Inches needed for ``paras`` at ``size`` in a box ``width`` inches wide."""
    inner = (width - 2 * theme.INSET_X) * PT_PER_INCH
    return fit.height(paras, size, inner) / PT_PER_INCH + 2 * theme.INSET_Y


def one(text: str, **style: Any) -> list[Block]:
    """A one-span paragraph; ``style`` is the Span's link, tip, bold, italic or lang."""
    return [block(text, **style)]


def footer_line(spans: Sequence[Span], width: float) -> list[Block]:
    """The footer's parts cut to one line of ``width`` points, ending in '…' if cut."""
    whole = "".join(s.text for s in spans)
    shown = fit.ellipsize(whole, theme.FOOTER, width)
    if shown == whole:
        return [Block(tuple(spans))]
    left, kept = len(shown) - 1, []
    for s in spans:
        if left <= 0:
            break
        kept.append(replace(s, text=s.text[:left]))
        left -= len(s.text)
    if not kept:  # not even one letter fits
        return [Block((replace(spans[0], text="…"),))]
    kept[-1] = replace(kept[-1], text=kept[-1].text + "…")
    return [Block(tuple(kept))]


@dataclass
class Canvas:
    """The slide size and what every page of one deck shares.

    ``areas`` gives each role (theme.LAYOUTS: title, section, content,
    text) its layout, safe area and colour roles (as checked against the
    layout's colours as drawn).
    """

    width_emu: int
    height_emu: int
    areas: Mapping[str, Area]
    footer: tuple[Span, ...]  # each part in its own language
    continued: str
    continued_notes: str = ""  # a continuation slide's notes ({title}: the first slide's), else the same notes
    # The languages, where not the deck's, of the slide being drawn: its title and notes.
    title_lang: str | None = None
    notes_lang: str | None = None
    continued_notes_lang: str | None = None
    date: str | None = None  # for a layout's date placeholder
    where: tuple[str, int | None] = ("", None)  # the guide line that chose the template
    logo_where: tuple[str, int | None] = ("", None)  # ... and the logo
    slides: list[SlideDraw] = field(default_factory=list)
    role: str = "content"  # the layout role of the slide kind being drawn (``slides.DRAWERS``)

    def __post_init__(self) -> None:
        self.scale, self.width, self.height = design_scale(self.width_emu, self.height_emu)

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    def area(self, role: str | None = None) -> Area:
        """The area of layout ``role``: by default, of the slide kind being drawn."""
        return self.areas[role or self.role]

    def emu(self, inches: float) -> int:
        return round(inches * self.scale * EMU_PER_INCH)

    def rect(self, box: Box) -> Rect:
        return Rect(self.emu(box.left), self.emu(box.top), self.emu(box.width), self.emu(box.height))

    def size(self, pt: float) -> int:
        """A design size in points as the slide's size in hundredths of a point."""
        return max(100, round(pt * self.scale * 100))

    def page(self, title: str, notes: str, position: int, background: Colour | None = None) -> Page:
        area = self.area()
        return Page(self, area, area.layout, title, notes, position, background, notes_lang=self.notes_lang)

    def no_room(self, what: str, title: str) -> NoRoom:
        """The error for a box with no room for ``what`` on the slide titled ``title``."""
        return NoRoom.one(
            *self.where,
            "template",
            f"the slide ({self.width_emu / EMU_PER_INCH:.2f} x {self.height_emu / EMU_PER_INCH:.2f} in) "
            f"leaves no room for the {what} of '{title[:60]}'; use a larger template or one with less on its layouts",
        )

    def title_box(self, area: Area, text: str | None = None) -> Box:
        """Where a content slide's title goes; above a rule under the title, as tall as ``text`` needs."""
        box = Box(area.title_left, area.title_top, area.title_right - area.title_left, theme.TITLE_HEIGHT)
        if area.title_limit is None:
            return box
        needed = theme.TITLE_HEIGHT
        if text is not None:
            pt, lines = fit.fit_title(text, box.text_width, theme.TITLE)
            needed = max(needed, lines_height(lines, pt))
        top = max(min(area.title_top, area.title_limit - needed), theme.INSET_Y)
        return Box(box.left, top, box.width, max(theme.TITLE_HEIGHT, area.title_limit - top))

    def title_bottom(self, text: str, area: Area) -> float:
        """Where a content slide's title ends; a long title pushes content down."""
        box = self.title_box(area, text)
        pt, lines = fit.fit_title(text, box.text_width, theme.TITLE)
        return box.top + max(box.height, lines_height(lines, pt))

    def continued_title(self, title: str, page: int, pages: int) -> str:
        return self.continued.replace("{title}", title).replace("{page}", str(page)).replace("{pages}", str(pages))

    def paged(
        self,
        title: str,
        notes: str,
        position: int,
        body: Sequence[Block],
        size: theme.Size,
        draw: Callable[[Page, Box, list[Block], float], None],
        reserve_below: float = 0.0,
        indent: float = 0.0,
        reserve_right: float = 0.0,
        background: Colour | None = None,
        offset: float = 0.0,
        what: str = "text",
    ) -> None:
        """Lay ``body`` out over as many slides as it needs.

        Each slide gets ``title`` (then "... (continued, 2 of 3)"), the footer
        and ``notes``; ``draw`` adds the page's text and anything else the
        kind shows, given the box the flowing text may use: across the safe
        area less ``indent`` on the left and ``reserve_right`` on the right,
        from ``offset`` inches below the title to ``reserve_below`` inches
        above the footer.
        """
        area = self.area()
        # The title's height depends on its length; measure with the longest one.
        top = max(self.title_bottom(self.continued_title(title, 99, 99), area) + theme.CONTENT_GAP, area.content_top)
        top += offset
        box = Box(area.left + indent, top, area.width - indent - reserve_right, area.bottom - reserve_below - top)
        if box.text_width < theme.BODY.floor * 4 or box.text_height < theme.BODY.floor * theme.LINE_HEIGHT * 2:
            raise self.no_room(what, title)
        pt, pages = fit.paginate(body, box.text_width, box.text_height, size)
        for n, chunk in enumerate(pages):
            heading = title if n == 0 else self.continued_title(title, n + 1, len(pages))
            said = notes if n == 0 or not self.continued_notes else self.continued_notes.replace("{title}", title)
            page = self.page(heading, said, position, background)
            if said is not notes:
                page.notes_lang = self.continued_notes_lang
            page.content_title(heading)
            draw(page, box, chunk, pt)
            page.footer()
            page.finish()


def reading_order(shapes: Sequence[Shape]) -> tuple[Shape, ...]:
    """Shapes in the order screen readers read them (the shape tree's order):
    the title first (after its panel, if it stands on one), the rest as drawn.
    The title moves behind only shapes that do not overlap it, so the slide
    looks the same (the tests check every pack's titles come first)."""
    for i, shape in enumerate(shapes):
        if isinstance(shape, TextShape) and shape.placeholder in ("title", "ctrTitle"):
            start = i - 1 if i and _is_panel(shapes[i - 1]) else i
            if any(_overlap(shape.rect, other.rect) for other in shapes[:start]):
                break
            return (*shapes[start : i + 1], *shapes[:start], *shapes[i + 1 :])
    return tuple(shapes)


def _is_panel(shape: Shape) -> bool:
    return isinstance(shape, RectShape) and shape.name.startswith(PANEL + " ")


def _panel(box: Box, body: Sequence[Block], size: float, anchor: Anchor) -> Box:
    """The part of ``box`` its text fills, where it is drawn on a panel: a box of short text is not
    filled to its foot."""
    height = min(box.height, block_height(body, size, box.width))
    top = {"t": box.top, "ctr": box.top + (box.height - height) / 2, "b": box.top + box.height - height}[anchor]
    return Box(box.left, top, box.width, height)


def _overlap(a: Rect, b: Rect, slack: int = 12700) -> bool:
    """Whether two boxes overlap by more than ``slack`` EMU (1 pt: boxes that touch, rounded, do not)."""
    return a.x + slack < b.x + b.w and b.x + slack < a.x + a.w and a.y + slack < b.y + b.h and b.y + slack < a.y + a.h


@dataclass
class Page:
    """One slide being laid out: shapes are added in z-order; ``finish`` puts them in reading order."""

    canvas: Canvas
    area: Area
    layout: str
    title: str
    notes: str
    position: int
    background: Colour | None = None
    shapes: list[Shape] = field(default_factory=list)
    notes_lang: str | None = None  # where not the deck's language

    def finish(self) -> None:
        shapes = reading_order(self.shapes)
        self.canvas.slides.append(
            SlideDraw(
                self.layout,
                self.title,
                shapes,
                self.notes,
                self.background,
                self.position,
                self.notes_lang,
            )
        )

    def _name(self, name: str) -> str:
        return f"{name} {len(self.shapes) + 2}"

    def text(
        self,
        box: Box,
        body: Sequence[Block],
        size: float,
        colour: Colour | None = None,
        name: str = "Text",
        align: Align | None = "l",
        anchor: Anchor = "t",
        placeholder: PlaceholderType | None = None,
        font: str = theme.BODY_FONT,
        field: Literal["slidenum"] | None = None,
        placeholder_idx: int | None = None,
    ) -> None:
        """A text box (or the layout's placeholder) at ``box``; ``colour`` "" keeps the template's."""
        c = self.canvas
        colour = self.area.colours.text if colour is None else colour
        if placeholder:  # on a placeholder's own fill (a title bar), a colour readable on it
            colour = dict(self.area.recolour).get((placeholder, colour), colour)
        if self.area.panel and self.background is None and colour:  # colour "": on the template's band
            self.shapes.append(RectShape(self._name(PANEL), c.rect(_panel(box, body, size, anchor)), self.area.panel))
        self.shapes.append(
            TextShape(
                name=self._name(name),
                rect=c.rect(box),
                paras=tuple(self._para(p, i, size, align) for i, p in enumerate(body)),
                size=c.size(size),
                colour=colour,
                font=font,
                anchor=anchor,
                inset_x=c.emu(theme.INSET_X),
                inset_y=c.emu(theme.INSET_Y),
                placeholder=placeholder,
                placeholder_idx=placeholder_idx,
                field=field,
            )
        )

    def _para(self, p: Block, i: int, size: float, align: Align | None) -> TextPara:
        c = self.canvas
        roles = self.area.colours
        # The writer's default is the theme's hyperlink colours; another is written with the extension that makes
        # renderers use it for links and followed links alike.
        plain = roles.link == theme.COLOURS.link and roles.followed == theme.COLOURS.followed
        indent = round(fit.indent(size, p.style == "number") * c.scale * 12700) if p.marked else 0
        gap = round(size * theme.PARA_GAP * c.scale * 100) if i and p.spaced else 0
        return TextPara(p, align=align, indent=indent, space_before=gap, link_colour=None if plain else roles.link)

    def title_text(
        self,
        text: str,
        box: Box,
        size: theme.Size = theme.TITLE,
        colour: Colour | None = None,
        max_lines: int = 2,
        anchor: Anchor = "b",
        placeholder: Literal["title", "ctrTitle"] = "title",
    ) -> float:
        """The slide's title (the layout's title placeholder) within ``box``; returns its bottom."""
        pt, lines = fit.fit_title(text, box.text_width, size, max_lines)
        box = Box(box.left, box.top, box.width, max(box.height, lines_height(lines, pt)))
        self.text(
            box,
            one(text, bold=True, lang=self.canvas.title_lang),
            pt,
            self.area.colours.title if colour is None else colour,
            "Title",
            anchor=anchor,
            placeholder=placeholder,
            font=theme.HEADING_FONT,
        )
        return box.top + box.height

    def content_title(self, text: str) -> float:
        """The standard title at the top of a content slide; returns where content starts."""
        return self.title_text(text, self.canvas.title_box(self.area, text)) + theme.CONTENT_GAP

    def footer(self, on_dark: bool = False) -> None:
        """The footer line and slide number: in the layout's placeholders when it has them."""
        c, a = self.canvas, self.area
        colour = a.colours.section_text if on_dark else a.colours.muted
        number = str(len(c.slides) + 1)
        width = theme.NUMBER_WIDTH
        own_number = Box(a.right - width, a.footer_top, width, theme.FOOTER_HEIGHT)
        if a.footer is None and a.number is None:
            box = Box(a.left, a.footer_top, a.width - width, theme.FOOTER_HEIGHT)
            self.text(box, footer_line(c.footer, box.text_width), theme.FOOTER, colour, "Footer")
            self.text(own_number, one(number), theme.FOOTER, colour, "Slide number", align="r", field="slidenum")
            return
        if a.footer is not None:
            self._in_slot(a.footer, footer_line(c.footer, a.footer.box.text_width), "ftr", colour)
        if a.number is not None:
            self._in_slot(a.number, one(number), "sldNum", colour, field="slidenum")
        elif a.footer is not None and a.footer.box.left + a.footer.box.width <= own_number.left:
            self.text(own_number, one(number), theme.FOOTER, colour, "Slide number", align="r", field="slidenum")
        if a.footer is None and a.number is not None and a.number.box.left - a.left > 1:
            box = Box(a.left, a.number.box.top, a.number.box.left - a.left, a.number.box.height)
            self.text(box, footer_line(c.footer, box.text_width), theme.FOOTER, colour, "Footer", anchor="ctr")
        if a.date is not None and c.date:
            self._in_slot(a.date, one(fit.ellipsize(c.date, theme.FOOTER, a.date.box.text_width)), "dt", colour)

    def _in_slot(
        self,
        slot: Slot,
        paras: list[Block],
        kind: Literal["ftr", "sldNum", "dt"],
        colour: Colour,
        field: Literal["slidenum"] | None = None,
    ) -> None:
        """Footer-sized text in the layout's footer, slide-number or date placeholder.

        On a band of the template's, the text keeps the template's own colour.
        """
        names = {"ftr": "Footer", "sldNum": "Slide number", "dt": "Date"}
        self.text(
            slot.box,
            paras,
            theme.FOOTER,
            "" if slot.on_furniture else colour,
            names[kind],
            align=None,
            anchor="ctr",
            placeholder=kind,
            placeholder_idx=slot.idx,
            field=field,
        )

    def picture(
        self,
        data: bytes,
        box: Box,
        alt: str | None,
        link: str | None = None,
        tip: str | None = None,
        content_type: Literal["image/png", "image/jpeg"] = "image/png",
    ) -> None:
        """A picture with alt text, or marked decorative when ``alt`` is None."""
        self.shapes.append(
            PictureShape(self._name("Picture"), self.canvas.rect(box), data, content_type, alt, link, tip)
        )

    def bar(self, box: Box, colour: Colour) -> None:
        """A decorative coloured rectangle."""
        self.shapes.append(RectShape(self._name("Accent"), self.canvas.rect(box), colour))
