"""Text measurement and fitting with the template's fonts.

Text is measured with the font the deck names, so a line measured here
breaks where PowerPoint and LibreOffice break it. Arial (our template's
font) is measured with the bundled Liberation Sans, which has the same
advance widths. A template's own theme fonts are found on this machine
with fontconfig (``fc-match``, how Debian and most Linux systems find
fonts; no extra dependency), or a metric-compatible twin (Carlito for
Calibri, Liberation Serif for Times New Roman, ...). A font found neither
way is measured with what viewers without it draw in its place: DejaVu
Sans (DejaVu Sans Mono for a monospace font), the widest common fallback
and the one LibreOffice and most Linux viewers use; on a machine without
DejaVu, Liberation Sans with ``UNKNOWN_FONT_MARGIN`` extra width in hand
(DejaVu Sans is that much wider, bold). ``measuring(fonts)`` sets the
fonts for one deck.

Words wrap greedily at spaces; a word wider than the line is broken
between characters, as both programs do. Text is shrunk down to a floor
and, past it, split into pages (continuation slides): a list between
items, prose between sentences, and only as a last resort between words.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Literal

from PIL import ImageFont

from . import theme
from .catalogue import assets_dir
from .text import Block, BlockStyle

_SCALE = 100.0  # fonts are loaded at 100 pt; widths scale linearly
WIDTH_SLACK = 1.03  # renderers differ by a hair: keep 3% in hand
HEIGHT_SLACK = 1.0  # LINE_HEIGHT (1.2) is already above the font's own 1.15
UNKNOWN_FONT_MARGIN = 1.19  # a font nothing here stands in for: DejaVu Sans Bold's extra width in hand
FC_TIMEOUT = 10  # seconds for one fc-match
WRAP_CACHE = 20_000  # wrapped paragraphs kept per font, then forgotten all at once
# fontconfig's style constants, in FontSource.files order
STYLES = {(False, False): "", (True, False): ":bold", (False, True): ":italic", (True, True): ":bold:italic"}
# Fonts measured with the bundled Liberation Sans (same advance widths), on any machine.
BUNDLED_ALIASES = frozenset({"arial", "helvetica", "liberation sans", "arimo"})
# Fonts with the same advance widths as a freely available one (fontconfig's own metric aliases).
METRIC_TWINS = {
    "arial": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "arial narrow": "Liberation Sans Narrow",
    "times new roman": "Liberation Serif",
    "times": "Liberation Serif",
    "courier new": "Liberation Mono",
    "calibri": "Carlito",
    "cambria": "Caladea",
    "georgia": "Gelasio",
    "courier": "Liberation Mono",
}
# What viewers draw for a font they lack and that has no metric twin.
SUBSTITUTE, SUBSTITUTE_MONO = "DejaVu Sans", "DejaVu Sans Mono"
MONOSPACE = frozenset(
    {
        "consolas",
        "lucida console",
        "lucida sans typewriter",
        "menlo",
        "monaco",
        "andale mono",
        "inconsolata",
        "sf mono",
        "courier",
    }
)


class NoSpace(ValueError):
    """Text asked to fit a width or height of zero or less (layout turns this into NoRoom)."""


@dataclass(frozen=True)
class FontSource:
    """How one theme font is measured on this machine.

    ``how`` is "bundled" (Liberation Sans for Arial), "installed" (the font
    itself), "metric-compatible" (a twin with the same widths),
    "substitute" (what viewers without it draw: DejaVu Sans or DejaVu Sans
    Mono) or "fallback" (Liberation Sans with ``margin`` extra width).
    """

    family: str  # as the template names it
    measured_with: str  # the family whose files measure it
    files: tuple[str, str, str, str]  # regular, bold, italic, bold italic
    how: Literal["bundled", "installed", "metric-compatible", "substitute", "fallback"]
    margin: float = 1.0

    def file(self, bold: bool, italic: bool) -> str:
        return self.files[2 * italic + bold]


class _Meter:
    """Widths of text in one font, cached by (text, bold, italic) at 1 pt."""

    def __init__(self, source: FontSource) -> None:
        self.source = source
        self.factor = WIDTH_SLACK * source.margin / _SCALE
        self.faces: dict[tuple[bool, bool], ImageFont.FreeTypeFont] = {}
        self.cache: dict[tuple[str, bool, bool], float] = {}
        # Pagination measures the same paragraph at one size and width many times over.
        self.lines: dict[tuple[str, float, float, bool, bool], tuple[str, ...]] = {}

    def face(self, bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
        found = self.faces.get((bold, italic))
        if found is None:
            found = self.faces[(bold, italic)] = ImageFont.truetype(self.source.file(bold, italic), int(_SCALE))
        return found

    def width(self, text: str, size: float, bold: bool, italic: bool) -> float:
        # Widths scale with the size: one measurement serves every size tried.
        key = (text, bold, italic)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = float(self.face(bold, italic).getlength(text)) * self.factor
        return found * size


@dataclass(frozen=True)
class Fonts:
    """The deck's two theme fonts as measured: headings (titles) and body text."""

    heading: FontSource
    body: FontSource


def _bundled(family: str, margin: float = 1.0) -> FontSource:
    folder = assets_dir() / "fonts"
    files = tuple(str(folder / theme.FONT_FILES[key]) for key in STYLES)
    how: Literal["bundled", "fallback"] = "bundled" if margin == 1.0 else "fallback"
    return FontSource(family, "Liberation Sans", files, how, margin)  # type: ignore[arg-type]


def _fc_escape(family: str) -> str:
    return re.sub(r"([\\\-:,=])", r"\\\1", family)


@cache
def fc_match(family: str, style: str = "") -> tuple[str, tuple[str, ...]] | None:
    """(file, family names) fontconfig picks for ``family`` in ``style``; None without fontconfig."""
    program = shutil.which("fc-match")
    if program is None or not family.strip() or len(family) > 200:
        return None
    pattern = _fc_escape(family) + style
    try:
        done = subprocess.run(
            [program, "-f", "%{file}\\n%{family}", pattern],
            capture_output=True,
            text=True,
            timeout=FC_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = done.stdout.split("\n")
    if done.returncode != 0 or len(lines) < 2 or not lines[0]:
        return None
    return lines[0], tuple(name.strip() for name in lines[1].split(","))


def _installed(family: str, wanted: str) -> tuple[str, str, str, str] | None:
    """The files of ``wanted`` in the four styles, if fontconfig has it (and Pillow reads it)."""
    files = []
    for style in STYLES.values():
        found = fc_match(wanted, style)
        if found is None or wanted.lower() not in (name.lower() for name in found[1]):
            return None
        if Path(found[0]).suffix.lower() not in (".ttf", ".otf", ".ttc"):
            return None
        files.append(found[0])
    return files[0], files[1], files[2], files[3]


@cache
def find_font(family: str) -> FontSource:
    """How ``family`` is measured here: bundled, installed, a metric twin, or the fallback."""
    key = family.strip().lower()
    if key in BUNDLED_ALIASES:
        return _bundled(family)
    files = _installed(family, family.strip())
    if files:
        return FontSource(family, family.strip(), files, "installed")
    twin = METRIC_TWINS.get(key)
    if twin:
        if twin == "Liberation Sans":
            return _bundled(family)
        files = _installed(family, twin)
        if files:
            return FontSource(family, twin, files, "metric-compatible")
    mono = key in MONOSPACE or any(w in key.split() for w in ("mono", "code", "console", "typewriter"))
    substitute = SUBSTITUTE_MONO if mono else SUBSTITUTE
    files = _installed(family, substitute)
    if files:
        return FontSource(family, substitute, files, "substitute")
    return _bundled(family, UNKNOWN_FONT_MARGIN)


@cache
def fonts_for(heading: str, body: str) -> Fonts:
    """The deck's fonts, found once per process for each pair of names."""
    return Fonts(find_font(heading), find_font(body))


@cache
def _meter(source: FontSource) -> _Meter:
    return _Meter(source)


DEFAULT_FONTS = Fonts(_bundled(theme.FONT), _bundled(theme.FONT))
_MEASURE: ContextVar[tuple[_Meter, _Meter]] = ContextVar(
    "dnadeck_measure", default=(_meter(DEFAULT_FONTS.heading), _meter(DEFAULT_FONTS.body))
)


@contextmanager
def measuring(fonts: Fonts) -> Iterator[None]:
    """Measure text with ``fonts`` within the block (per thread or task)."""
    token = _MEASURE.set((_meter(fonts.heading), _meter(fonts.body)))
    try:
        yield
    finally:
        _MEASURE.reset(token)


def text_width(text: str, size: float, bold: bool = False, italic: bool = False, heading: bool = False) -> float:
    """The width of ``text`` at ``size`` points, in points, in the body (or ``heading``) font."""
    return _MEASURE.get()[heading].width(text, size, bold, italic)


def indent(size: float, numbered: bool = False) -> float:
    """The hanging indent of a bullet or number ("10." needs more room), in points."""
    return size * (1.7 if numbered else 1.1)


def wrap(
    text: str, size: float, width: float, bold: bool = False, italic: bool = False, heading: bool = False
) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points.

    A word wider than the line is broken between characters (at least one
    to a line, so a line narrower than one character still ends). Raises
    NoSpace for a width of zero or less.
    """
    if not width > 0:
        raise NoSpace(f"no room for text: a line {width:.1f} pt wide")
    meter = _MEASURE.get()[heading]
    key = (text, size, width, bold, italic)
    found = meter.lines.get(key)
    if found is None:
        if len(meter.lines) >= WRAP_CACHE:
            meter.lines.clear()
        found = meter.lines[key] = tuple(_wrap(meter, text, size, width, bold, italic))
    return list(found)


def _wrap(meter: _Meter, text: str, size: float, width: float, bold: bool, italic: bool) -> list[str]:
    lines: list[str] = []
    for hard_line in text.split("\n"):
        line = ""
        joined = hard_line.replace("\u00a0", "\x00").split()  # a no-break space joins words
        for word in (w.replace("\x00", "\u00a0") for w in joined):
            trial = f"{line} {word}" if line else word
            if meter.width(trial, size, bold, italic) <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            while len(word) > 1 and meter.width(word, size, bold, italic) > width:  # break a long word
                cut = max(1, _longest_prefix(meter, word, size, width, bold, italic))
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _longest_prefix(meter: _Meter, word: str, size: float, width: float, bold: bool, italic: bool) -> int:
    lo, hi = 0, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if meter.width(word[:mid], size, bold, italic) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def para_lines(p: Block, size: float, width: float) -> list[str]:
    usable = width - (indent(size, p.style == "number") if p.marked else 0)
    # LibreOffice wraps a link's text as one word (it is a field there), so it is measured so.
    text = "".join(r.text.replace(" ", "\u00a0") if r.link else r.text for r in p.spans)
    return wrap(text, size, usable, p.bold, p.italic)


def height(paras: Sequence[Block], size: float, width: float) -> float:
    """The height, in points, of ``paras`` set at ``size`` in ``width`` points."""
    total = 0.0
    for i, p in enumerate(paras):
        total += len(para_lines(p, size, width)) * size * theme.LINE_HEIGHT
        if i and p.spaced:
            total += size * theme.PARA_GAP
    return total * HEIGHT_SLACK


def largest_fit(paras: Sequence[Block], width: float, box_height: float, size: theme.Size) -> float | None:
    """The largest size (whole points) at which ``paras`` fit, or None below the floor."""
    s = size.largest
    while s >= size.floor:
        if height(paras, s, width) <= box_height:
            return s
        s -= 1
    return None


def paginate(
    paras: Sequence[Block], width: float, box_height: float, size: theme.Size
) -> tuple[float, list[list[Block]]]:
    """Split ``paras`` into pages that each fit; return one size for all pages.

    As few pages as fit at the floor size, filled evenly: the smallest page
    height that still needs no more pages is found by bisection, so a list
    never ends with one lonely item on its last page.
    """
    if not (width > 0 and box_height > 0):
        raise NoSpace(f"no room for text: a box {width:.1f} x {box_height:.1f} pt")
    fits_all = largest_fit(paras, width, box_height, size)
    if fits_all is not None:
        return fits_all, [list(paras)]
    pages = _pack(paras, size.floor, width, box_height)
    low, high = box_height / len(pages), box_height
    for _ in range(12):
        mid = (low + high) / 2
        if len(_pack(paras, size.floor, width, mid)) == len(pages):
            high = mid
        else:
            low = mid
    pages = _pack(paras, size.floor, width, high)
    best = min((largest_fit(pg, width, box_height, size) or size.floor) for pg in pages)
    return best, pages


# A paragraph on a page being filled, with the index of the paragraph it is (a piece of).
_Placed = tuple[int, Block]


def _pack(paras: Sequence[Block], size: float, width: float, cap: float) -> list[list[Block]]:
    """Fill pages of height ``cap`` in order, splitting what cannot fit one."""

    def fits(page: list[_Placed]) -> bool:
        return height(_merge(page), size, width) <= cap

    pages: list[list[Block]] = []
    page: list[_Placed] = []
    for origin, p in enumerate(paras):
        pieces = [p] if fits([(origin, p)]) else _pieces(p, size, width, cap)
        for piece in pieces:
            if page and not fits([*page, (origin, piece)]):
                carried: list[_Placed] = []
                while page and page[-1][1].style == "heading":  # a heading goes with its text
                    carried.insert(0, page.pop())
                if page:
                    pages.append(_merge(page))
                page = carried
            page.append((origin, piece))
    if page:
        pages.append(_merge(page))
    return pages


def _pieces(p: Block, size: float, width: float, box_height: float) -> list[Block]:
    """Split one paragraph that cannot fit a page: at sentences, else words.

    Only the first piece keeps a bullet or number; every piece of a heading is a heading.
    """
    text = p.text
    style = p.spans[0]
    sentences = [s for s in re.split(r"(?<=[.!?;:])\s+", text) if s]
    pieces: list[str] = []
    for sentence in sentences:
        candidate = replace(p, spans=(replace(style, text=sentence),))
        if height([candidate], size, width) <= box_height:
            pieces.append(sentence)
            continue
        words = sentence.split(" ")
        while words:
            lo, hi = 1, len(words)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                trial = replace(p, spans=(replace(style, text=" ".join(words[:mid])),))
                if height([trial], size, width) <= box_height:
                    lo = mid
                else:
                    hi = mid - 1
            pieces.append(" ".join(words[:lo]))
            words = words[lo:]
    rest: BlockStyle = "heading" if p.style == "heading" else "plain"
    return [
        replace(
            p, spans=(replace(style, text=t),), style=p.style if i == 0 else rest, number=p.number if i == 0 else None
        )
        for i, t in enumerate(pieces)
    ]


def _merge(page: list[_Placed]) -> list[Block]:
    """Join neighbouring pieces of one split paragraph back into one."""
    out: list[Block] = []
    last = -1
    for origin, p in page:
        if out and origin == last and not p.marked:
            prev = out[-1]
            out[-1] = replace(prev, spans=(replace(prev.spans[0], text=f"{prev.text} {p.text}"),))
        else:
            out.append(p)
        last = origin
    return out


def fit_title(text: str, width: float, size: theme.Size, max_lines: int = 2) -> tuple[float, int]:
    """Size and line count for a title (bold, in the heading font).

    The largest size giving at most ``max_lines`` lines, down to the floor;
    a longer title goes down to the long-title floor and may take one line
    more; a title longer still takes the lines it needs at that floor. A
    size that would break a word between characters is never chosen while
    a smaller one keeps every word whole.
    """
    words = text.split()

    def whole(s: float) -> bool:
        return all(text_width(w, s, True, False, True) <= width for w in words)

    def lines(s: float) -> int:
        return len(wrap(text, s, width, bold=True, heading=True))

    s = size.largest
    while s >= size.floor:
        if whole(s) and (n := lines(s)) <= max_lines:
            return s, n
        s -= 1
    floor = min(size.floor, theme.TITLE_LONG_FLOOR)
    for s in range(int(size.floor) - 1, int(floor) - 1, -1):
        if whole(s) and (n := lines(s)) <= max_lines + 1:
            return s, n
    return floor, lines(floor)


def ellipsize(text: str, size: float, width: float) -> str:
    """``text`` cut to one line of ``width`` points, ending in '…' if cut."""
    if text_width(text, size) <= width:
        return text
    cut = _longest_prefix(_MEASURE.get()[False], text, size, width - text_width("…", size), False, False)
    return text[:cut].rstrip() + "…"
