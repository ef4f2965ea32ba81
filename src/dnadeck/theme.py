"""The look of a deck: colours, fonts, text sizes, geometry, layout names.

Colours come from the NHS identity palette. Every pair of text and
background colour the renderer uses is listed in ``TEXT_PAIRS`` so a test
can check each meets WCAG's 4.5:1 contrast ratio.

Sizes are in points. Body text never goes below 20 pt and titles below
28 pt (24 pt for a title so long that it would take half the slide): from
the back of a training room, smaller text is hard to read. Past the floor,
text moves on to a continuation slide instead of shrinking further.
"""

from __future__ import annotations

from dataclasses import dataclass

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
LANGUAGE = "en-GB"
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
# Other slide sizes are scaled to it (see render/layout.py).
DESIGN_WIDTH = 13.333
DESIGN_HEIGHT = 7.5
MARGIN = 0.6
TITLE_HEIGHT = 1.0
NUMBER_WIDTH = 0.9
TITLE_TOP = 0.35
CONTENT_GAP = 0.2
CONTENT_BOTTOM = 6.75
FOOTER_TOP = 6.95
FOOTER_HEIGHT = 0.35
INSET_X = 0.1
INSET_Y = 0.05
ACCENT_BAR = 0.12
QR_SIZE = 2.4

# Layouts found by name in the template; the first that exists is used.
LAYOUTS = {
    "title": ("Title Slide", "Title", "Title Only"),
    "section": ("Section Header", "Section", "Title Only"),
    "content": ("Title Only", "Title and Content", "Title"),
}


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
    accent: str = "accent2"
    section_background: str = "accent1"
    section_text: str = "bg1"
    panel: str = "bg2"


COLOURS = Colours()

# The bundled template's theme: the NHS identity palette in theme slots.
BUNDLED_SCHEME = {
    "tx1": BLACK,
    "dk1": BLACK,
    "bg1": WHITE,
    "lt1": WHITE,
    "tx2": DARK_BLUE,
    "dk2": DARK_BLUE,
    "bg2": PALE_GREY,
    "lt2": PALE_GREY,
    "accent1": NHS_BLUE,
    "accent2": WARM_YELLOW,
    "accent3": AQUA_GREEN,
    "accent4": PURPLE,
    "accent5": LIGHT_BLUE,
    "accent6": DARK_GREY,
    "hlink": NHS_BLUE,
    "folHlink": PURPLE,
}


def text_pairs(scheme: dict[str, str] | None = None) -> dict[str, tuple[str, str]]:
    """(text, background) colour pairs the renderer draws, as RGB in ``scheme``."""
    rgb = scheme or BUNDLED_SCHEME
    return {name: (rgb[t], rgb[b]) for name, (t, b) in ROLE_PAIRS.items()}


# (text, background) role pairs the renderer draws; each must reach 4.5:1.
ROLE_PAIRS = {
    "title on white": (COLOURS.title, COLOURS.background),
    "text on white": (COLOURS.text, COLOURS.background),
    "muted on white": (COLOURS.muted, COLOURS.background),
    "link on white": (COLOURS.link, COLOURS.background),
    "section title on blue": (COLOURS.section_text, COLOURS.section_background),
    "title on panel": (COLOURS.title, COLOURS.panel),
    "text on panel": (COLOURS.text, COLOURS.panel),
    "muted on panel": (COLOURS.muted, COLOURS.panel),
    "link on panel": (COLOURS.link, COLOURS.panel),
}
TEXT_PAIRS = text_pairs()


def luminance(rgb: str) -> float:
    """WCAG 2 relative luminance of a colour given as 'RRGGBB'."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two colours, from 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
