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
- a thin rule (a line under the title, as stock themes draw) is not a
  band: one under the title keeps the title above it and the content
  below; one across the middle of the title slide divides its title from
  the rest;
- a picture covering most of the slide is a background, drawn under the
  text; a shape in the middle of the slide is noted and left alone.

The layout's own footer, slide number and date placeholders, when it has
them along the bottom (or the top) of the slide, are where the footer
goes; its body placeholder (on the layout for text and questions slides)
holds the slide's main text.

Each role (theme.LAYOUT_TYPES) takes the first layout, by type, then name,
then placeholders, that has a title and leaves room for text; a template
is refused only when none does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import theme
from ..errors import shown
from .canvas import EMU_PER_INCH, Rect
from .geometry import Box, NoRoom, design_scale
from .template import BACKGROUND_SHARE, BODY_TYPES, TITLE_TYPES, Template

GAP = 0.15  # inches kept between furniture and our text
FOOTER_GAP = 0.2  # between content and the footer row
BAND_SHARE = 0.5  # a shape this wide (or tall) is a band (or side bar)
EDGE_ZONE = 0.35  # a corner object lies within this share of the slide's edge
FOOTER_ZONE = 0.6  # footer placeholders start below this share of the slide's height
TOP_ZONE = 0.2  # ... or end above this share of it
THIN = 0.12  # design inches: a shape this thin is a rule, not a band
TITLE_ROOM = 0.8  # design inches a title needs above a rule under it
MIN_WIDTH, MIN_HEIGHT = 6.0, 3.0  # design inches the content area needs at least
MARK = "a mark on the background picture"  # what a busy region of a picture background is called
# What a section slide, drawn on its own background, is told of its colours: only its own roles.
SECTION_NOTES = tuple(f"the template's {theme.ROLE_NAMES[r]} colour" for r in ("section_text", "section_background"))


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
    marks: tuple[Box, ...] = ()  # those of them that are marks on the background picture, not shapes
    notes: tuple[str, ...] = ()  # furniture left alone, and why
    title_limit: float | None = None  # a rule under the title: the title ends above it
    divider: Box | None = None  # a rule across the middle (the title slide's, between title and subtitle)
    colours: theme.Colours = theme.COLOURS  # the colour roles on this layout, as checked
    colour_notes: tuple[str, ...] = ()  # the roles changed, and why
    checks: tuple[theme.PairCheck, ...] = ()  # the template's own role colours on this layout
    drawn_checks: tuple[theme.PairCheck, ...] = ()  # ... and as dnadeck draws them
    plain: bool = True  # the background is plain (no photograph): our artwork and the logo may go on it
    # (placeholder type, colour) unreadable on that placeholder's own fill (a title bar, a filled text box)
    # -> the colour used instead.
    recolour: tuple[tuple[tuple[str, str], str], ...] = ()
    # Where no text colour reads on all of a photograph or gradient: the theme colour of the panels
    # dnadeck's text stands on (the roles are then checked on it).
    panel: str | None = None
    own_background: bool = True  # a slide's own background shows (no picture covers the layout's)

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


def _within(inner: Box, outer: Box, slack: float = 0.02) -> bool:
    return (
        inner.left >= outer.left - slack
        and inner.top >= outer.top - slack
        and inner.left + inner.width <= outer.left + outer.width + slack
        and inner.top + inner.height <= outer.top + outer.height + slack
    )


def _box(rect: Rect, scale: float) -> Box:
    k = 1 / (EMU_PER_INCH * scale)
    return Box(rect.x * k, rect.y * k, rect.w * k, rect.h * k)


def _clip(box: Box, width: float, height: float) -> Box | None:
    left, top = max(0.0, box.left), max(0.0, box.top)
    right, bottom = min(width, box.left + box.width), min(height, box.top + box.height)
    if right <= left or bottom < top:
        return None  # off the slide, or nothing; a line across it (a rule, with no height) is kept
    return Box(left, top, right - left, bottom - top)


def safe_area(template: Template, layout: str, role: str, where: tuple[str, int | None] = ("", None)) -> Area:
    """The safe area of ``layout`` (chosen for ``role``) on ``template``'s slide."""
    scale, width, height = design_scale(template.width, template.height)
    left, right = theme.MARGIN, width - theme.MARGIN
    title_top, title_left, title_right = theme.TITLE_TOP, left, right
    content_top, limit = 0.0, height
    avoided: list[Box] = []
    notes: list[str] = []
    title_limit: float | None = None
    divider: Box | None = None
    marks, mark_boxes = set(template.layouts[layout].marks), []
    for rect in template.furniture(layout):
        box = _clip(_box(rect, scale), width, height)
        if box is None:
            continue
        if rect in marks:
            mark_boxes.append(box)
            what = MARK
        else:
            what = "a shape"
        bottom_edge, right_edge = box.top + box.height, box.left + box.width
        if box.width * box.height >= BACKGROUND_SHARE * width * height:
            notes.append(f"{what} covering most of the slide ({_size(box)}) is taken as a background")
            continue
        wide, tall = box.width >= BAND_SHARE * width, box.height >= BAND_SHARE * height
        if wide and box.height <= THIN and EDGE_ZONE * height < box.top < (1 - EDGE_ZONE) * height:
            divider = box if divider is None or box.top < divider.top else divider  # a rule across the middle
            avoided.append(box)  # our artwork keeps off it
            continue
        if wide and box.height <= THIN and box.top >= title_top + TITLE_ROOM and box.top < EDGE_ZONE * height:
            title_limit = min(title_limit or box.top, box.top) - GAP / 2  # the rule under the title
            content_top = max(content_top, bottom_edge + GAP)
            continue
        avoided.append(box)
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
            notes.append(f"{what} in the middle of the slide ({_size(box)}) is left alone; text may cover it")
    cover = template.looks[layout].cover
    inside = _clip(_box(cover, scale), width, height) if cover is not None else None
    if inside is not None:  # our text stands on the shape covering the slide, not on what is around it
        left, title_left = max(left, inside.left + GAP), max(title_left, inside.left + GAP)
        right = min(right, inside.left + inside.width - GAP)
        title_right = min(title_right, inside.left + inside.width - GAP)
        title_top = max(title_top, inside.top + GAP)
        limit = min(limit, inside.top + inside.height - GAP)
    chosen = template.layouts[layout]

    def slot(*types: str, zone: bool = True) -> Slot | None:
        ph = chosen.placeholder(*types)
        if ph is None or ph.rect is None:
            return None
        box = _clip(_box(ph.rect, scale), width, height)
        if box is None:
            return None
        at_top = box.top + box.height <= TOP_ZONE * height
        if zone and box.top < FOOTER_ZONE * height and not at_top:
            return None
        if any(_overlap(box, f) and f.width < BAND_SHARE * width for f in avoided):
            return None  # over a logo: ours goes where it is clear instead
        if ph.type == "sldNum" and box.width < theme.NUMBER_WIDTH:  # room for "999" on one line
            box = Box(max(0.0, box.left + box.width - theme.NUMBER_WIDTH), box.top, theme.NUMBER_WIDTH, box.height)
        return Slot(ph.type, ph.idx, box, any(_overlap(box, f) for f in avoided))

    footer, number, date = slot("ftr"), slot("sldNum"), slot("dt")
    placed = [s.box for s in (footer, number) if s is not None]
    for b in [s.box for s in (footer, number, date) if s is not None]:
        if b.top + b.height <= TOP_ZONE * height:  # footers along the top: the title goes below them
            title_top = max(title_top, b.top + b.height + GAP)
            content_top = max(content_top, b.top + b.height + GAP)
    below = [b for b in placed if b.top >= FOOTER_ZONE * height]
    if placed:
        footer_top = min(b.top for b in placed)
    else:
        footer_top = min(height - (theme.DESIGN_HEIGHT - theme.FOOTER_TOP), limit - theme.FOOTER_HEIGHT)
    if below:
        bottom = min(limit, min(b.top for b in below) - FOOTER_GAP)
    elif placed:
        bottom = min(limit, height - (theme.DESIGN_HEIGHT - theme.FOOTER_TOP)) - FOOTER_GAP
    else:
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
        marks=tuple(b for b in avoided if b in mark_boxes),
        notes=tuple(notes),
        title_limit=title_limit,
        divider=divider if role == "title" else None,
    )
    if divider is not None and role != "title":
        area = replace(area, notes=(*area.notes, f"a rule across the middle ({_size(divider)}) is left alone"))
    return _coloured(area, template, role)


def _coloured(area: Area, template: Template, role: str) -> Area:
    """``area`` with its colour roles checked against the layout's colours as renderers draw them."""
    look = template.looks[area.layout]
    under = look.backdrop.colours
    scheme, colour_map = template.colours, look.colour_map
    colours, notes = theme.colours_for(scheme, colour_map, backdrop=under)
    # A section slide has a background of its own, unless a picture covering the slide hides it.
    section = role == "section" and not look.covered
    unread = [
        c
        for c in theme.check_pairs(colours, scheme, colour_map, under)
        if c.background_role == "background" and not c.passes
    ]
    panel = None
    if unread and len(set(under)) > 1 and not section:
        # No colour reads on all of it: each of our texts goes on a panel of the theme's background colour.
        panel = theme.COLOURS.background
        worst = min(unread, key=lambda c: c.ratio)
        colours, plain_notes = theme.colours_for(scheme, colour_map)
        text = f"{worst.text} #{theme.rgb_of(worst.text, scheme, colour_map)}"
        notes = (
            f"no text colour reads on all of its background ({text} gives {worst.ratio:.1f}:1 on "
            f"#{worst.drawn or under[0]} in places, below {theme.AA}:1); "
            f"dnadeck puts its text on panels of {panel} #{theme.rgb_of(panel, scheme, colour_map)}",
            *plain_notes,
        )
        under = (theme.rgb_of(panel, scheme, colour_map),)
    # Text on its placeholder's own fill (a title bar, a footer band) needs a colour readable on it: the
    # one it is meant to have (a section slide's own, on its own background), or another.
    beneath = (theme.rgb_of(colours.section_background, scheme, colour_map),) if section else under
    recolour: list[tuple[tuple[str, str], str]] = []
    fill_notes: tuple[str, ...] = ()
    for kind, fill in look.fills.items():
        placeholder = "body" if kind in BODY_TYPES else "title" if kind in TITLE_TYPES else "footer"
        if section and placeholder == "body":
            continue  # a section slide has no main text
        role = "section_text" if section else {"body": "text", "title": "title", "footer": "muted"}[placeholder]
        meant = getattr(colours, role)
        chosen, said = theme.colour_on_fill(meant, fill.over(beneath), scheme, colour_map, role, placeholder)
        if chosen != meant:
            recolour.append(((kind, meant), chosen))
            fill_notes += tuple(n for n in said if n not in fill_notes)
    if look.cover is not None:  # footers in the template's placeholders outside the cover stand on what is around it
        cover = _box(look.cover, design_scale(template.width, template.height)[0])
        for slot in (area.footer, area.number, area.date):
            if slot is None or slot.on_furniture or _within(slot.box, cover):
                continue
            meant = colours.muted
            if (slot.type, meant) in dict(recolour):
                continue  # on a band of its own
            on = "the background around the shape covering the slide"
            around = look.uncovered + (look.backdrop.colours if _overlap(slot.box, cover) else ())  # astride its edge
            chosen, said = theme.colour_on_fill(meant, around, scheme, colour_map, "muted", on=on)
            if chosen != meant:
                recolour.append(((slot.type, meant), chosen))
                fill_notes += tuple(n for n in said if n not in fill_notes)
    notes_list = list(area.notes)
    if not look.backdrop.plain and area.layout and not section:
        notes_list.append("its background is a photograph: dnadeck's artwork and the logo are left out")
    return replace(
        area,
        colours=colours,
        colour_notes=(tuple(n for n in notes if n.startswith(SECTION_NOTES)) if section else notes) + fill_notes,
        recolour=tuple(recolour),
        checks=tuple(theme.check_pairs(theme.COLOURS, scheme, colour_map, look.backdrop.colours)),
        drawn_checks=tuple(theme.check_pairs(colours, scheme, colour_map, under)),
        plain=look.backdrop.plain,
        panel=panel,
        own_background=not look.covered,
        notes=tuple(notes_list),
    )


def _size(box: Box) -> str:
    return f"{box.width:.1f} x {box.height:.1f} in at {box.left:.1f}, {box.top:.1f}"


def _room(area: Area) -> tuple[float, float]:
    """The width and height left for text below the title."""
    spare_width = min(area.width, area.title_right - area.title_left)
    title_end = area.title_limit if area.title_limit is not None else area.title_top + theme.TITLE_HEIGHT
    spare_height = area.bottom - max(title_end, area.content_top)
    return spare_width, spare_height


def _roomy(area: Area) -> bool:
    width, height = _room(area)
    return width >= MIN_WIDTH and height >= MIN_HEIGHT


def areas_for(template: Template, where: tuple[str, int | None] = ("", None)) -> dict[str, Area]:
    """The safe area of the layout each role uses: the first candidate (see ``candidates``) with room.

    A role with no candidate that leaves room takes the roomiest layout any
    role found; a template is refused only when no layout with a title
    leaves room for text.
    """
    out: dict[str, Area] = {}
    tried: dict[str, Area] = {}
    for role in theme.ROLES:
        for name in candidates(template, role):
            area = tried.get(f"{role}/{name}") or safe_area(template, name, role, where)
            tried[f"{role}/{name}"] = area
            if _roomy(area):
                out[role] = area
                break
    if len(out) < len(theme.ROLES):
        roomy = [name for name, layout in template.layouts.items() if layout.has_title]
        fallback = next(
            (a for n in roomy if _roomy(a := safe_area(template, n, "content", where))),
            None,
        )
        if fallback is None:
            names = ", ".join(shown(n, 40) for n in roomy)
            raise NoRoom.one(
                *where,
                "template",
                f"{shown(template.name)}: none of its layouts with a title ({names}) leaves room for a title and a "
                "few lines of text once its shapes (bands, logos) are kept clear of; "
                "give one of them less furniture in PowerPoint's Slide Master view",
            )
        for role in theme.ROLES:
            if role not in out:
                out[role] = safe_area(template, fallback.layout, role, where)
    return out


def candidates(template: Template, role: str) -> list[str]:
    """The layouts a role may use, best first: by type, then by name, then by placeholders.

    Every candidate has a title placeholder; text and questions slides
    want a body placeholder too, and fall back to the content slides'.
    """
    titled = {name: layout for name, layout in template.layouts.items() if layout.has_title}
    wants_body = role == "text"

    def fits(name: str) -> bool:
        return not wants_body or titled[name].placeholder(*BODY_TYPES) is not None

    out: list[str] = []
    for kind in theme.LAYOUT_TYPES[role]:
        out += [n for n, layout in titled.items() if layout.type == kind and fits(n)]
    out += [n for n in theme.LAYOUTS[role] if n in titled and fits(n)]
    if role == "title":
        out += [n for n, layout in titled.items() if layout.placeholder("ctrTitle")]
    # Then the plainest layouts with a title: fewest other placeholders first.
    out += sorted((n for n in titled if fits(n)), key=lambda n: len(titled[n].placeholders))
    if wants_body:
        out += candidates(template, "content")
    return list(dict.fromkeys(out))
