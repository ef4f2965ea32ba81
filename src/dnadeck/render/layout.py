"""Drawing primitives: a page being laid out, boxes, measured text.

Layout works on a *design canvas*: the slide scaled so that it is at least
13.333 x 7.5 inches (our 16:9 design size) in both directions, keeping its
shape. Every position, text size and floor is chosen on that canvas and
scaled on the way out, so a 10-inch-wide slide shown full screen looks the
same as a 13.333-inch one and text wraps the same way: a 10 x 5.625 in
template gives the same deck as ours, a 4:3 or portrait one gets more
room below.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .. import fit, theme
from ..deckplan import Block, Span
from ..errors import GuideError
from ..fit import Para, Run
from .canvas import (
    EMU_PER_INCH,
    Colour,
    PictureShape,
    Rect,
    RectShape,
    Shape,
    SlideDraw,
    TextPara,
    TextRun,
    TextShape,
)

PT_PER_INCH = 72


@dataclass
class Box:
    """A rectangle on the design canvas, in inches."""

    left: float
    top: float
    width: float
    height: float

    @property
    def text_width(self) -> float:
        """Usable text width in points, inside the insets."""
        return (self.width - 2 * theme.INSET_X) * PT_PER_INCH

    @property
    def text_height(self) -> float:
        return (self.height - 2 * theme.INSET_Y) * PT_PER_INCH


def lines_height(lines: int, pt: float) -> float:
    """Inches for ``lines`` lines of ``pt``-point text, with the box's insets."""
    return lines * pt * theme.LINE_HEIGHT * fit.HEIGHT_SLACK / PT_PER_INCH + 2 * theme.INSET_Y


def block_height(paras: Sequence[Para], size: float, width: float) -> float:
    """Inches needed for ``paras`` at ``size`` in a box ``width`` inches wide."""
    inner = (width - 2 * theme.INSET_X) * PT_PER_INCH
    return fit.height(paras, size, inner) / PT_PER_INCH + 2 * theme.INSET_Y


def paras(blocks: Sequence[Block]) -> list[Para]:
    """The plan's blocks as measurable paragraphs."""
    return [
        Para(
            tuple(_run(s) for s in b.spans),
            bullet=b.style == "bullet",
            number=b.number if b.style == "number" else None,
            heading=b.style == "heading",
        )
        for b in blocks
    ]


def _run(s: Span) -> Run:
    return Run(s.text, link=s.link, bold=s.bold, italic=s.italic, tip=s.tip)


def one(text: str, **style: object) -> list[Para]:
    return [fit.para(text, **style)]


class NoRoom(GuideError):
    """A box left with no room for its text (a tiny or odd slide size)."""


@dataclass
class Canvas:
    """The slide size and what every page of one deck shares."""

    width_emu: int
    height_emu: int
    layouts: Callable[[str], str]  # role -> the template's layout name
    footer: str
    continued: str
    where: tuple[str, int | None] = ("", None)  # the guide line that chose the template
    logo_where: tuple[str, int | None] = ("", None)  # ... and the logo
    slides: list[SlideDraw] = field(default_factory=list)

    def __post_init__(self) -> None:
        w, h = self.width_emu / EMU_PER_INCH, self.height_emu / EMU_PER_INCH
        self.scale = min(w / theme.DESIGN_WIDTH, h / theme.DESIGN_HEIGHT)
        self.width, self.height = w / self.scale, h / self.scale  # design inches

    @property
    def content_width(self) -> float:
        return self.width - 2 * theme.MARGIN

    @property
    def content_bottom(self) -> float:
        return self.height - (theme.DESIGN_HEIGHT - theme.CONTENT_BOTTOM)

    @property
    def footer_top(self) -> float:
        return self.height - (theme.DESIGN_HEIGHT - theme.FOOTER_TOP)

    def emu(self, inches: float) -> int:
        return round(inches * self.scale * EMU_PER_INCH)

    def rect(self, box: Box) -> Rect:
        return Rect(self.emu(box.left), self.emu(box.top), self.emu(box.width), self.emu(box.height))

    def size(self, pt: float) -> int:
        """A design size in points as the slide's size in hundredths of a point."""
        return max(100, round(pt * self.scale * 100))

    def page(self, role: str, title: str, notes: str, position: int, background: Colour | None = None) -> Page:
        return Page(self, self.layouts(role), title, notes, position, background)

    def title_bottom(self, text: str) -> float:
        """Where a content slide's title ends; a long title pushes content down."""
        pt, lines = fit.fit_title(text, Box(0, 0, self.content_width, 1).text_width, theme.TITLE)
        return theme.TITLE_TOP + max(theme.TITLE_HEIGHT, lines_height(lines, pt))

    def continued_title(self, title: str, page: int, pages: int) -> str:
        return self.continued.replace("{title}", title).replace("{page}", str(page)).replace("{pages}", str(pages))

    def paged(
        self,
        title: str,
        notes: str,
        position: int,
        body: Sequence[Para],
        size: theme.Size,
        draw: Callable[[Page, Box, list[Para], float], None],
        reserve_below: float = 0.0,
        left: float | None = None,
        width: float | None = None,
        background: Colour | None = None,
        offset: float = 0.0,
        what: str = "text",
    ) -> None:
        """Lay ``body`` out over as many slides as it needs.

        Each slide gets ``title`` (then "... (continued, 2 of 3)"), the footer
        and ``notes``; ``draw`` adds the page's text and anything else the
        kind shows, given the box the flowing text may use: from ``offset``
        inches below the title to ``reserve_below`` inches above the footer.
        """
        left = theme.MARGIN if left is None else left
        width = self.content_width if width is None else width
        # The title's height depends on its length; measure with the longest one.
        top = self.title_bottom(self.continued_title(title, 99, 99)) + theme.CONTENT_GAP + offset
        box = Box(left, top, width, self.content_bottom - reserve_below - top)
        if box.text_width < theme.BODY.floor * 4 or box.text_height < theme.BODY.floor * theme.LINE_HEIGHT * 2:
            raise NoRoom.one(
                *self.where,
                what,
                f"the slide ({self.width_emu / EMU_PER_INCH:.2f} x {self.height_emu / EMU_PER_INCH:.2f} in) "
                f"leaves no room for the {what} of '{title[:60]}'; use a larger template",
            )
        pt, pages = fit.paginate(body, box.text_width, box.text_height, size)
        for n, chunk in enumerate(pages):
            heading = title if n == 0 else self.continued_title(title, n + 1, len(pages))
            page = self.page("content", heading, notes, position, background)
            page.content_title(heading)
            draw(page, box, chunk, pt)
            page.footer()
            page.finish()


@dataclass
class Page:
    """One slide being laid out: shapes are added in z-order."""

    canvas: Canvas
    layout: str
    title: str
    notes: str
    position: int
    background: Colour | None = None
    shapes: list[Shape] = field(default_factory=list)

    def finish(self) -> None:
        self.canvas.slides.append(
            SlideDraw(self.layout, self.title, tuple(self.shapes), self.notes, self.background, self.position)
        )

    def _name(self, name: str) -> str:
        return f"{name} {len(self.shapes) + 2}"

    def text(
        self,
        box: Box,
        body: Sequence[Para],
        size: float,
        colour: Colour = theme.COLOURS.text,
        name: str = "Text",
        align: Literal["l", "ctr", "r"] = "l",
        anchor: Literal["t", "ctr", "b"] = "t",
        placeholder: Literal["title", "ctrTitle", "body"] | None = None,
        font: str = theme.BODY_FONT,
        field: Literal["slidenum"] | None = None,
    ) -> None:
        c = self.canvas
        self.shapes.append(
            TextShape(
                name=self._name(name),
                rect=c.rect(box),
                paras=tuple(self._para(p, i, size, colour, align) for i, p in enumerate(body)),
                size=c.size(size),
                colour=colour,
                font=font,
                anchor=anchor,
                inset_x=c.emu(theme.INSET_X),
                inset_y=c.emu(theme.INSET_Y),
                placeholder=placeholder,
                field=field,
            )
        )

    def _para(self, p: Para, i: int, size: float, colour: Colour, align: Literal["l", "ctr", "r"]) -> TextPara:
        c = self.canvas
        runs = tuple(TextRun(r.text, link=r.link, tip=r.tip, bold=r.bold, italic=r.italic, colour=None) for r in p.runs)
        marker: Literal["bullet", "number"] | None = None
        if p.number is not None:
            marker = "number"
        elif p.bullet:
            marker = "bullet"
        indent = round(fit.indent(size, p.number is not None) * c.scale * 12700) if marker else 0
        gap = round(size * theme.PARA_GAP * c.scale * 100) if i and p.spaced else 0
        return TextPara(runs, align=align, marker=marker, number=p.number, indent=indent, space_before=gap)

    def title_text(
        self,
        text: str,
        box: Box,
        size: theme.Size = theme.TITLE,
        colour: Colour = theme.COLOURS.title,
        max_lines: int = 2,
        anchor: Literal["t", "ctr", "b"] = "b",
        placeholder: Literal["title", "ctrTitle"] = "title",
    ) -> float:
        """The slide's title (the layout's title placeholder) within ``box``; returns its bottom."""
        pt, lines = fit.fit_title(text, box.text_width, size, max_lines)
        box = Box(box.left, box.top, box.width, max(box.height, lines_height(lines, pt)))
        self.text(
            box,
            one(text, bold=True),
            pt,
            colour,
            "Title",
            anchor=anchor,
            placeholder=placeholder,
            font=theme.HEADING_FONT,
        )
        return box.top + box.height

    def content_title(self, text: str, colour: Colour = theme.COLOURS.title) -> float:
        """The standard title at the top of a content slide; returns where content starts."""
        box = Box(theme.MARGIN, theme.TITLE_TOP, self.canvas.content_width, theme.TITLE_HEIGHT)
        return self.title_text(text, box, colour=colour) + theme.CONTENT_GAP

    def footer(self, on_dark: bool = False) -> None:
        c = self.canvas
        colour = theme.COLOURS.section_text if on_dark else theme.COLOURS.muted
        number_width = theme.NUMBER_WIDTH
        box = Box(theme.MARGIN, c.footer_top, c.content_width - number_width, theme.FOOTER_HEIGHT)
        text = fit.ellipsize(c.footer, theme.FOOTER, box.text_width)
        self.text(box, one(text), theme.FOOTER, colour, "Footer")
        number = str(len(c.slides) + 1)
        num_box = Box(c.width - theme.MARGIN - number_width, c.footer_top, number_width, theme.FOOTER_HEIGHT)
        self.text(num_box, one(number), theme.FOOTER, colour, "Slide number", align="r", field="slidenum")

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
