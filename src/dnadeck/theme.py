"""The look of a deck: colours, fonts, text sizes, geometry, layout names.

Colours are roles (``Colours``) named by the template theme's colour slots,
so a trust's template gives a trust's colours; ours hold the NHS identity
palette. Every pair of text and background role the renderer draws is
listed in ``TEXT_ON``; ``colours_for`` checks each against a template's
actual colours at WCAG's 4.5:1 and, where one fails, chooses another theme
colour for the role and says so.

Sizes are in points. Body text never goes below 20 pt and titles below
28 pt (24 pt for a title so long that it would take half the slide): from
the back of a training room, smaller text is hard to read. Past the floor,
text moves on to a continuation slide instead of shrinking further.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

# NHS identity colours
NHS_BLUE = "005EB8"
DARK_BLUE = "003087"
BRIGHT_BLUE = "0072CE"
LIGHT_BLUE = "41B6E6"
AQUA_BLUE = "00A9CE"
BLACK = "231F20"
DARK_GREY = "425563"
MID_GREY = "768692"
PALE_GREY = "E8EDEE"
WHITE = "FFFFFF"
WARM_YELLOW = "FFB81C"
AQUA_GREEN = "00A499"
PURPLE = "330072"

FONT = "Arial"  # what the bundled template's theme names; measured with Liberation Sans
HEADING_FONT = "+mj-lt"  # the template theme's heading font
BODY_FONT = "+mn-lt"  # the template theme's body font
FONT_FILES = {
    (False, False): "LiberationSans-Regular.ttf",
    (True, False): "LiberationSans-Bold.ttf",
    (False, True): "LiberationSans-Italic.ttf",
    (True, True): "LiberationSans-BoldItalic.ttf",
}


@dataclass(frozen=True)
class Size:
    """A text role's largest size and its floor, in points."""

    largest: float
    floor: float


TITLE = Size(36, 28)
TITLE_LONG_FLOOR = 24
TITLE_SLIDE_TITLE = Size(44, 32)
SECTION_TITLE = Size(48, 32)
BODY = Size(28, 20)
QUOTE = Size(32, 20)
SMALL = 18  # who said it, who told it, links, citations
CAPTION = 14  # attribution line, QR caption
FOOTER = 12

LINE_SPACING = 1.0  # paragraph line spacing we set (a multiple of single)
LINE_HEIGHT = 1.2  # a line's height, as a multiple of the font size
PARA_GAP = 0.45  # space before a list item, as a multiple of the font size

# Geometry, in inches, on the design canvas: a 13.333 x 7.5 in (16:9) slide.
# Other slide sizes are scaled to it (see layout/page.py).
DESIGN_WIDTH = 13.333
DESIGN_HEIGHT = 7.5
MARGIN = 0.6
TITLE_HEIGHT = 1.0
NUMBER_WIDTH = 0.9
TITLE_TOP = 0.35
CONTENT_GAP = 0.2
FOOTER_TOP = 6.95
FOOTER_HEIGHT = 0.35
INSET_X = 0.1
INSET_Y = 0.05
ACCENT_BAR = 0.12
QR_SIZE = 2.4

# Layouts are chosen by their type (``p:sldLayout/@type``, the same in every
# language), then by name as a hint, then by their placeholders; the first
# that exists and leaves room is used. "text" (text and questions slides)
# wants a layout with a body placeholder, so their text shows in
# PowerPoint's outline view; the others draw their own.
LAYOUT_TYPES = {
    "title": ("title",),
    "section": ("secHead",),
    "content": ("titleOnly", "obj", "tx"),
    "text": ("obj", "tx"),
}
LAYOUTS = {
    "title": ("Title Slide", "Title", "Title Only"),
    "section": ("Section Header", "Section", "Title Only"),
    "content": ("Title Only", "Title and Content", "Title"),
    "text": ("Title and Content", "Title and Text", "Title, Content", "Title and Body", "Title Only"),
}
ROLES = tuple(LAYOUTS)


# Title-slide design: the artwork's share of the slide, the logo's height.
ART_SHARE = 0.6  # artwork width as a share of the slide's height
ART_MAX_SHARE = 0.4  # ... and at most this share of its width
TITLE_SLIDE_TOP = 0.9
TITLE_SLIDE_BOTTOM = 0.6
LOGO_HEIGHT = 1.1
LOGO_MAX_WIDTH = 3.0
TITLE_SLIDE_SCALES = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4)
KICKER, SUBTITLE, DETAILS = 18, 26, 20
RULE_WIDTH, RULE_HEIGHT = 1.6, 0.08
SECTION_RULE_WIDTH, SECTION_RULE_HEIGHT = 2.0, 0.1
QUOTE_INDENT = 0.35  # the quotation sits right of its accent bar


@dataclass(frozen=True)
class Colours:
    """The colour of each role, as the template theme's colour names."""

    background: str = "bg1"
    title: str = "tx2"
    text: str = "tx1"
    muted: str = "accent6"
    link: str = "hlink"
    followed: str = "folHlink"  # a link once followed
    accent: str = "accent2"
    section_background: str = "accent1"
    section_text: str = "bg1"
    panel: str = "bg2"


COLOURS = Colours()

# The theme's twelve colour slots, in a:clrScheme's order.
SCHEME_SLOTS = ("dk1", "lt1", "dk2", "lt2", *(f"accent{i}" for i in range(1, 7)), "hlink", "folHlink")
# The names shapes give colours by (tx1, bg1, ...) and the slots a standard master's
# colour map (p:clrMap) gives them; a template's own map can say otherwise.
STANDARD_MAP = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}
# Every theme colour name a shape may be given (written as a:schemeClr).
COLOUR_NAMES = frozenset(SCHEME_SLOTS) | frozenset(STANDARD_MAP)

# The bundled template's theme: the NHS identity palette in its colour slots
# (tools/make_template.py writes these; a test checks the template has them).
BUNDLED_SCHEME = dict(
    zip(
        SCHEME_SLOTS,
        (
            "000000",  # dk1: the system colour windowText
            WHITE,  # lt1: the system colour window
            DARK_BLUE,
            PALE_GREY,
            NHS_BLUE,
            WARM_YELLOW,
            AQUA_GREEN,
            PURPLE,
            LIGHT_BLUE,
            DARK_GREY,
            NHS_BLUE,  # hlink
            PURPLE,  # folHlink
        ),
        strict=True,
    )
)
AA = 4.5  # WCAG 2 AA contrast for text
# The background roles each text role is drawn on.
TEXT_ON = {
    "title": ("background", "panel"),
    "text": ("background", "panel"),
    "muted": ("background", "panel"),
    "link": ("background", "panel"),
    "followed": ("background", "panel"),
    "section_text": ("section_background",),
}
BAR_TEXT = ("bg1", "tx1")  # what text on its placeholder's own fill (a title bar) falls back to first
# Theme colours a role may fall back to, most like the role first.
FALLBACKS = {
    "title": ("tx2", "tx1", "accent1", "accent4", "accent6", "hlink", "bg1", "dk2", "dk1", "lt1"),
    "text": ("tx1", "tx2", "bg1", "dk1", "lt1"),
    "muted": ("accent6", "tx2", "tx1", "bg1", "dk2", "dk1", "lt1"),
    "link": ("hlink", "accent1", "tx2", "accent4", "tx1", "bg1", "dk2", "dk1", "lt1"),
    "followed": ("folHlink",),
    "section_text": ("bg1", "tx1", "tx2", "dk1", "lt1"),
    "section_background": ("accent1", "tx2", "accent4", "tx1"),
    "panel": ("bg2", "bg1"),
}
ROLE_NAMES = {
    "title": "title",
    "text": "text",
    "muted": "muted text",
    "link": "link",
    "followed": "followed link",
    "section_text": "section title",
    "background": "background",
    "panel": "panel",
    "section_background": "section background",
}


def slot_of(name: str, colour_map: Mapping[str, str] | None = None) -> str:
    """The theme slot (``dk2``, ``accent1``, ...) a colour name stands for under a colour map
    (a master's ``p:clrMap`` with its layout's override; None or a name it lacks: the standard map)."""
    return (colour_map or STANDARD_MAP).get(name, STANDARD_MAP.get(name, name))


def scheme_rgb(name: str, scheme: Mapping[str, str], colour_map: Mapping[str, str] | None = None) -> str | None:
    """Six hex digits for a colour name in a theme's scheme, as a slide under ``colour_map``
    shows it (None for a name the scheme does not have). The deck's layout, its contrast
    checks and the page's preview all resolve theme colours here."""
    return scheme.get(slot_of(name, colour_map)) or scheme.get(name)


def rgb_of(name: str, scheme: Mapping[str, str], colour_map: Mapping[str, str] | None = None) -> str:
    """Six hex digits for a colour name (``tx2``, ``accent1``, ...) in a theme's scheme."""
    return scheme_rgb(name, scheme, colour_map) or BUNDLED_SCHEME.get(slot_of(name, colour_map), "000000")


@dataclass(frozen=True)
class PairCheck:
    """One text role on one background role, as a template's colours give it."""

    text_role: str
    background_role: str
    text: str  # colour name
    background: str
    ratio: float
    drawn: str = ""  # the background's worst colour as drawn (a gradient's stop, a picture's cell), if not solid

    @property
    def passes(self) -> bool:
        return self.ratio >= AA

    def describe(self, scheme: dict[str, str], colour_map: dict[str, str] | None = None) -> str:
        t, b = rgb_of(self.text, scheme, colour_map), rgb_of(self.background, scheme, colour_map)
        under = f"as drawn, #{self.drawn} at worst" if self.drawn else f"{self.background} #{b}"
        return f"{ROLE_NAMES[self.text_role]} {self.text} #{t} on {ROLE_NAMES[self.background_role]} {under}: {self.ratio:.1f}:1"


def _under(
    name: str, colours: Colours, scheme: dict[str, str], colour_map: dict[str, str] | None, backdrop: Sequence[str]
) -> Sequence[str]:
    """The colours a background role stands for: the layout's backdrop as drawn, or a theme colour."""
    return backdrop if backdrop and name == colours.background else (rgb_of(name, scheme, colour_map),)


def _worst(text: str, under: Sequence[str]) -> tuple[float, str]:
    return min((contrast(text, u), u) for u in under)


def check_pairs(
    colours: Colours,
    scheme: dict[str, str],
    colour_map: dict[str, str] | None = None,
    backdrop: Sequence[str] = (),
) -> list[PairCheck]:
    """Every text role on every background it is drawn on, with its contrast (the worst, on a gradient or picture)."""
    out = []
    for role, backgrounds in TEXT_ON.items():
        for bg_role in backgrounds:
            t, b = getattr(colours, role), getattr(colours, bg_role)
            under = _under(b, colours, scheme, colour_map, backdrop)
            ratio, worst = _worst(rgb_of(t, scheme, colour_map), under)
            drawn = worst if worst != rgb_of(b, scheme, colour_map) else ""
            out.append(PairCheck(role, bg_role, t, b, ratio, drawn))
    return out


def colours_for(
    scheme: dict[str, str],
    colour_map: dict[str, str] | None = None,
    base: Colours | None = None,
    backdrop: Sequence[str] = (),
) -> tuple[Colours, tuple[str, ...]]:
    """The colour roles for a theme, each text role reaching 4.5:1 where the theme allows.

    A role whose colour fails on a background it is drawn on falls back to
    the first theme colour in ``FALLBACKS`` that passes on all of them (the
    best one there is if none does). ``backdrop`` gives the colours the
    layout's background draws under the text (every stop of a gradient, a
    picture's cells); the worst counts. A followed link that fails takes
    the link's colour (written so that renderers use it: see ooxml).
    Returns the roles and what was changed, as warnings.
    """
    colours = base or COLOURS
    warnings: list[str] = []

    def ratio(text: str, background: str) -> float:
        return _worst(rgb_of(text, scheme, colour_map), _under(background, colours, scheme, colour_map, backdrop))[0]

    def change(role: str, new: str, why: str) -> None:
        nonlocal colours
        old = getattr(colours, role)
        colours = replace(colours, **{role: new})
        warnings.append(
            f"the template's {ROLE_NAMES[role]} colour ({old} #{rgb_of(old, scheme, colour_map)}) {why}; "
            f"using {new} #{rgb_of(new, scheme, colour_map)} instead"
        )

    def readable_share(text: str, backgrounds: Sequence[str]) -> float:
        """How much of what lies under ``text`` it reaches 4.5:1 on. On a photograph no colour may
        reach it everywhere (a dark blot on parchment): the colour readable on most of it wins, where
        the best worst case alone would tie black with white."""
        rgb = rgb_of(text, scheme, colour_map)
        under = [u for b in backgrounds for u in _under(b, colours, scheme, colour_map, backdrop)]
        return sum(contrast(rgb, u) >= AA for u in under) / len(under)

    # A panel too unlike the background for one text colour to suit both becomes the background.
    def suits_both(c: str) -> bool:
        return min(ratio(c, colours.background), ratio(c, colours.panel)) >= AA

    if ratio(colours.text, colours.panel) < AA <= ratio(colours.text, colours.background) or not any(
        suits_both(c) for c in (colours.text, *FALLBACKS["text"])
    ):
        change("panel", colours.background, f"leaves {colours.text} text below {AA}:1")
    # The section slide: its title on its background, changing the background only if no title colour suits it.
    section = [(t, colours.section_background) for t in FALLBACKS["section_text"]]
    section += [(t, b) for b in FALLBACKS["section_background"] for t in FALLBACKS["section_text"]]
    if ratio(colours.section_text, colours.section_background) < AA:
        text, background = next(((t, b) for t, b in section if ratio(t, b) >= AA), (colours.section_text, "tx2"))
        bg = colours.section_background
        why = f"gives {ratio(colours.section_text, bg):.1f}:1 on {bg} #{rgb_of(bg, scheme, colour_map)}, below {AA}:1"
        if background != colours.section_background:
            change("section_background", background, f"is too close to every title colour ({why})")
        if text != colours.section_text:
            change("section_text", text, why)
    for role in ("title", "text", "muted", "link", "followed"):
        backgrounds = [getattr(colours, b) for b in TEXT_ON[role]]
        current = getattr(colours, role)
        worst = {c: min(ratio(c, b) for b in backgrounds) for c in (current, *FALLBACKS[role])}
        if worst[current] >= AA:
            continue
        options = (colours.link,) if role == "followed" else FALLBACKS[role]
        worst.update({c: min(ratio(c, b) for b in backgrounds) for c in options})
        passing = [c for c in options if worst[c] >= AA]
        chosen = passing[0] if passing else max(options, key=lambda c: (readable_share(c, backgrounds), worst[c]))
        on = " or ".join(
            "the background as drawn"
            if backdrop and b == colours.background
            else f"{b} #{rgb_of(b, scheme, colour_map)}"
            for b in dict.fromkeys(backgrounds)
        )
        if chosen != current:
            change(role, chosen, f"gives {worst[current]:.1f}:1 on {on}, below {AA}:1")
    return colours, tuple(warnings)


def colour_on_fill(
    current: str,
    fill: Sequence[str],
    scheme: dict[str, str],
    colour_map: dict[str, str] | None = None,
    role: str = "title",
    placeholder: str = "title",
    on: str = "",
) -> tuple[str, tuple[str, ...]]:
    """The colour of ``role`` text (title, section_text, text, muted) meant to be ``current``, drawn
    on its ``placeholder``'s own ``fill`` (a title bar, a filled text box, a footer band): ``current``
    if it reaches 4.5:1 on every colour of the fill, else the text or background colour, whichever
    reads better on it (as a bar's text is), else the first of the role's fallbacks that does (the
    best if none does); with what was changed, as a warning worded as ``colours_for`` words its own
    (``on`` names what the fill is, where it is not the placeholder's own)."""
    if not fill:
        return current, ()
    options = (current, *BAR_TEXT, *FALLBACKS[role])
    worst = {c: _worst(rgb_of(c, scheme, colour_map), fill) for c in options}
    if worst[current][0] >= AA:
        return current, ()
    plain = max(BAR_TEXT, key=lambda c: worst[c][0])
    passing = [c for c in (plain, *FALLBACKS[role]) if worst[c][0] >= AA]
    chosen = passing[0] if passing else max(worst, key=lambda c: worst[c][0])
    ratio, under = worst[current]
    own = f"its {placeholder} placeholder's own fill"
    why = (
        f"the template's {ROLE_NAMES[role]} colour ({current} #{rgb_of(current, scheme, colour_map)}) gives "
        f"{ratio:.1f}:1 on {on or own} #{under}, below {AA}:1; "
        f"using {chosen} #{rgb_of(chosen, scheme, colour_map)} instead"
    )
    return chosen, (why,)


@lru_cache(maxsize=8192)  # a picture background is checked cell by cell against every text colour
def luminance(rgb: str) -> float:
    """WCAG 2 relative luminance of a colour given as 'RRGGBB'."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@lru_cache(maxsize=65536)
def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two colours, from 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
