"""Where dnadeck may draw on a template's layout: its safe area.

A template's furniture (the shapes its master and layouts draw on every
slide that are not placeholders: footer bands, logos, strap lines, side
bars) is the template's own, and dnadeck's text and pictures stay clear
of it. Each shape narrows the area by where it sits, on the design canvas
(see layout.py):

- a band across the top half pushes the title down; across the bottom
  half, it lifts the footer and the content above it;
- a bar down the left or right half moves that margin in;
- a logo in a top corner shortens the title's line (and keeps content
  below it); one in a bottom corner lifts the footer and content;
- a picture covering most of the slide is a background, drawn under the
  text; a shape in the middle of the slide is noted and left alone.

The layout's own footer, slide number and date placeholders, when it has
them near the bottom of the slide, are where the footer goes; its body
placeholder (on the layout for text and questions slides) holds the
slide's main text.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import theme
from .canvas import EMU_PER_INCH, Rect
from .layout import Box, NoRoom, design_scale
from .template import Template

GAP = 0.15  # inches kept between furniture and our text
FOOTER_GAP = 0.2  # between content and the footer row
BACKGROUND_SHARE = 0.6  # a shape covering this much of the slide is a background
BAND_SHARE = 0.5  # a shape this wide (or tall) is a band (or side bar)
EDGE_ZONE = 0.35  # a corner object lies within this share of the slide's edge
FOOTER_ZONE = 0.6  # footer placeholders start below this share of the slide's height
MIN_WIDTH, MIN_HEIGHT = 6.0, 3.0  # design inches the content area needs at least
BODY_TYPES = ("body", "obj")


@dataclass(frozen=True)
class Slot:
    """A layout placeholder dnadeck fills: its type and idx, and where it is (design inches)."""

    type: str
    idx: int
    box: Box
    on_furniture: bool = False  # it sits on a band or other furniture: keep the template's colour


@dataclass(frozen=True)
class Area:
    """The safe area of one layout on the design canvas, in inches."""

    layout: str
    left: float
    right: float
    title_top: float
    title_left: float
    title_right: float
    content_top: float  # content starts no higher than this (below hanging logos)
    bottom: float  # content ends above this
    floor: float  # nothing of ours goes below this (the title slide's logo, say)
    footer_top: float  # our own footer's row, when the layout has no footer placeholder
    footer: Slot | None = None
    number: Slot | None = None
    date: Slot | None = None
    body: Slot | None = None
    avoided: tuple[Box, ...] = ()  # furniture the area keeps clear of
    notes: tuple[str, ...] = ()  # furniture left alone, and why

    @property
    def width(self) -> float:
        return self.right - self.left

    def clear_of(self, box: Box) -> bool:
        """Whether ``box`` overlaps none of the furniture this area avoids."""
        return not any(_overlap(box, f) for f in self.avoided)


def _overlap(a: Box, b: Box) -> bool:
    return (
        a.left < b.left + b.width
        and b.left < a.left + a.width
        and a.top < b.top + b.height
        and b.top < a.top + a.height
    )


def _box(rect: Rect, scale: float) -> Box:
    k = 1 / (EMU_PER_INCH * scale)
    return Box(rect.x * k, rect.y * k, rect.w * k, rect.h * k)


def _clip(box: Box, width: float, height: float) -> Box | None:
    left, top = max(0.0, box.left), max(0.0, box.top)
    right, bottom = min(width, box.left + box.width), min(height, box.top + box.height)
    if right <= left or bottom <= top:
        return None
    return Box(left, top, right - left, bottom - top)


def safe_area(template: Template, layout: str, role: str, where: tuple[str, int | None] = ("", None)) -> Area:
    """The safe area of ``layout`` (chosen for ``role``) on ``template``'s slide."""
    scale, width, height = design_scale(template.width, template.height)
    left, right = theme.MARGIN, width - theme.MARGIN
    title_top, title_left, title_right = theme.TITLE_TOP, left, right
    content_top, limit = 0.0, height
    avoided: list[Box] = []
    notes: list[str] = []
    for rect in template.furniture(layout):
        box = _clip(_box(rect, scale), width, height)
        if box is None:
            continue
        bottom_edge, right_edge = box.top + box.height, box.left + box.width
        if box.width * box.height >= BACKGROUND_SHARE * width * height:
            notes.append(f"a shape covering most of the slide ({_size(box)}) is taken as a background")
            continue
        avoided.append(box)
        wide, tall = box.width >= BAND_SHARE * width, box.height >= BAND_SHARE * height
        if wide and box.top + box.height / 2 <= height / 2:  # a band across the top
            title_top = max(title_top, bottom_edge + GAP)
            content_top = max(content_top, bottom_edge + GAP)
        elif wide:  # a band across the bottom
            limit = min(limit, box.top - GAP)
        elif tall and box.left + box.width / 2 <= width / 2:  # a bar down the left
            left = title_left = max(left, title_left, right_edge + GAP)
        elif tall:  # a bar down the right
            right = title_right = min(right, title_right, box.left - GAP)
        elif bottom_edge <= EDGE_ZONE * height:  # a logo in a top corner
            if box.left + box.width / 2 >= width / 2:
                title_right = min(title_right, box.left - GAP)
            else:
                title_left = max(title_left, right_edge + GAP)
            content_top = max(content_top, bottom_edge + GAP)
        elif box.top >= (1 - EDGE_ZONE) * height:  # something in a bottom corner
            limit = min(limit, box.top - GAP)
        else:
            avoided.pop()
            notes.append(f"a shape in the middle of the slide ({_size(box)}) is left alone; text may cover it")
    chosen = template.layouts[layout]

    def slot(*types: str, zone: bool = True) -> Slot | None:
        ph = chosen.placeholder(*types)
        if ph is None or ph.rect is None:
            return None
        box = _clip(_box(ph.rect, scale), width, height)
        if box is None or (zone and box.top < FOOTER_ZONE * height):
            return None
        return Slot(ph.type, ph.idx, box, any(_overlap(box, f) for f in avoided))

    footer, number, date = slot("ftr"), slot("sldNum"), slot("dt")
    placed = [s.box for s in (footer, number) if s is not None]
    if placed:
        footer_top = min(b.top for b in placed)
        bottom = min(limit, footer_top - FOOTER_GAP)
    else:
        footer_top = min(height - (theme.DESIGN_HEIGHT - theme.FOOTER_TOP), limit - theme.FOOTER_HEIGHT)
        bottom = footer_top - FOOTER_GAP
    body = slot(*BODY_TYPES, zone=False) if role == "text" else None
    area = Area(
        layout=layout,
        left=left,
        right=right,
        title_top=title_top,
        title_left=title_left,
        title_right=title_right,
        content_top=content_top,
        bottom=bottom,
        floor=limit,
        footer_top=footer_top,
        footer=footer,
        number=number,
        date=date,
        body=body,
        avoided=tuple(avoided),
        notes=tuple(notes),
    )
    _check_room(area, template, where)
    return area


def _size(box: Box) -> str:
    return f"{box.width:.1f} x {box.height:.1f} in at {box.left:.1f}, {box.top:.1f}"


def _check_room(area: Area, template: Template, where: tuple[str, int | None]) -> None:
    spare_width = min(area.width, area.title_right - area.title_left)
    spare_height = area.bottom - max(area.title_top + theme.TITLE_HEIGHT, area.content_top)
    if spare_width >= MIN_WIDTH and spare_height >= MIN_HEIGHT:
        return
    raise NoRoom.one(
        *where,
        "template",
        f"'{template.name}': the shapes on its layout '{area.layout}' (bands, logos) leave "
        f"{max(0.0, spare_width):.1f} x {max(0.0, spare_height):.1f} in of a "
        f"{design_scale(template.width, template.height)[1]:.1f} in wide slide for text; "
        "dnadeck needs room for a title and a few lines; use a layout with less on it",
    )


def areas_for(template: Template, where: tuple[str, int | None] = ("", None)) -> dict[str, Area]:
    """The safe area of the layout each role uses (see theme.LAYOUTS)."""
    out: dict[str, Area] = {}
    for role in theme.ROLES:
        out[role] = safe_area(template, layout_for_role(template, role), role, where)
    return out


def layout_for_role(template: Template, role: str) -> str:
    """The layout a role uses: the first named in theme.LAYOUTS that suits it.

    Text and questions slides take a layout with a title and a body
    placeholder where there is one, else the content slides' layout.
    """
    if role == "text":
        for name in theme.LAYOUTS["text"]:
            found = template.layouts.get(name)
            if found and found.has_title and found.placeholder(*BODY_TYPES):
                return name
        return template.layout_for(theme.LAYOUTS["content"])
    return template.layout_for(theme.LAYOUTS[role])
