"""Text measurement and fitting with the bundled font (Liberation Sans).

Liberation Sans has the same advance widths as Arial, the font the deck
names, so a line measured here breaks where PowerPoint and LibreOffice
break it. Words wrap greedily at spaces; a word wider than the line is
broken between characters, as both programs do. Text is shrunk down to a
floor and, past it, split into pages (continuation slides): a list between
items, prose between sentences, and only as a last resort between words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from PIL import ImageFont

from . import theme
from .catalogue import assets_dir

_SCALE = 100.0  # fonts are loaded at 100 pt; widths scale linearly
WIDTH_SLACK = 1.03  # renderers differ by a hair: keep 3% in hand
HEIGHT_SLACK = 1.0  # LINE_HEIGHT (1.2) is already above the font's own 1.15


@dataclass(frozen=True)
class Run:
    """A piece of text with one style; ``link`` makes it a hyperlink."""

    text: str
    link: str | None = None
    bold: bool = False
    italic: bool = False
    tip: str | None = None


@dataclass(frozen=True)
class Para:
    """A paragraph: runs of text, perhaps a bullet or a number."""

    runs: tuple[Run, ...]
    bullet: bool = False
    number: int | None = None  # numbered list item
    origin: int | None = None  # pieces of one split paragraph share this
    heading: bool = False  # a heading within the text: kept with what follows

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def bold(self) -> bool:
        return any(r.bold for r in self.runs)

    @property
    def italic(self) -> bool:
        return any(r.italic for r in self.runs)

    @property
    def marked(self) -> bool:
        return self.bullet or self.number is not None

    @property
    def spaced(self) -> bool:
        """Whether the paragraph has a gap above it (when not first)."""
        return self.marked or self.heading


def para(text: str, **style: object) -> Para:
    """A one-run paragraph; ``style`` is Run's link/bold/italic."""
    return Para((Run(text, **style),))  # type: ignore[arg-type]


@cache
def _font(bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    path = assets_dir() / "fonts" / theme.FONT_FILES[(bold, italic)]
    return ImageFont.truetype(str(path), int(_SCALE))


@cache
def text_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """The width of ``text`` at ``size`` points, in points."""
    return float(_font(bold, italic).getlength(text)) * size / _SCALE * WIDTH_SLACK


def indent(size: float, numbered: bool = False) -> float:
    """The hanging indent of a bullet or number ("10." needs more room), in points."""
    return size * (1.7 if numbered else 1.1)


def wrap(text: str, size: float, width: float, bold: bool = False, italic: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points."""
    lines: list[str] = []
    for hard_line in text.split("\n"):
        line = ""
        for word in hard_line.split():
            trial = f"{line} {word}" if line else word
            if text_width(trial, size, bold, italic) <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            while text_width(word, size, bold, italic) > width:  # break a very long word
                cut = max(1, _longest_prefix(word, size, width, bold, italic))
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _longest_prefix(word: str, size: float, width: float, bold: bool, italic: bool) -> int:
    lo, hi = 0, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(word[:mid], size, bold, italic) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def para_lines(p: Para, size: float, width: float) -> list[str]:
    usable = width - (indent(size, p.number is not None) if p.marked else 0)
    return wrap(p.text, size, usable, p.bold, p.italic)


def height(paras: Sequence[Para], size: float, width: float) -> float:
    """The height, in points, of ``paras`` set at ``size`` in ``width`` points."""
    total = 0.0
    for i, p in enumerate(paras):
        total += len(para_lines(p, size, width)) * size * theme.LINE_HEIGHT
        if i and p.spaced:
            total += size * theme.PARA_GAP
    return total * HEIGHT_SLACK


def largest_fit(paras: Sequence[Para], width: float, box_height: float, size: theme.Size) -> float | None:
    """The largest size (whole points) at which ``paras`` fit, or None below the floor."""
    s = size.largest
    while s >= size.floor:
        if height(paras, s, width) <= box_height:
            return s
        s -= 1
    return None


def paginate(
    paras: Sequence[Para], width: float, box_height: float, size: theme.Size
) -> tuple[float, list[list[Para]]]:
    """Split ``paras`` into pages that each fit; return one size for all pages.

    As few pages as fit at the floor size, filled evenly: the smallest page
    height that still needs no more pages is found by bisection, so a list
    never ends with one lonely item on its last page.
    """
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


def _pack(paras: Sequence[Para], size: float, width: float, cap: float) -> list[list[Para]]:
    """Fill pages of height ``cap`` in order, splitting what cannot fit one."""

    def fits(page: list[Para]) -> bool:
        return height(_merge(page), size, width) <= cap

    pages: list[list[Para]] = []
    page: list[Para] = []
    for origin, p in enumerate(paras):
        pieces = [p] if fits([p]) else _pieces(replace(p, origin=origin), size, width, cap)
        for piece in pieces:
            if page and not fits([*page, piece]):
                carried: list[Para] = []
                while page and page[-1].heading:  # a heading goes with its text
                    carried.insert(0, page.pop())
                if page:
                    pages.append(_merge(page))
                page = carried
            page.append(piece)
    if page:
        pages.append(_merge(page))
    return pages


def _pieces(p: Para, size: float, width: float, box_height: float) -> list[Para]:
    """Split one paragraph that cannot fit a page: at sentences, else words."""
    text = p.text
    style = p.runs[0]
    sentences = [s for s in re.split(r"(?<=[.!?;:])\s+", text) if s]
    pieces: list[str] = []
    for sentence in sentences:
        candidate = replace(p, runs=(replace(style, text=sentence),))
        if height([candidate], size, width) <= box_height:
            pieces.append(sentence)
            continue
        words = sentence.split(" ")
        while words:
            lo, hi = 1, len(words)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                trial = replace(p, runs=(replace(style, text=" ".join(words[:mid])),))
                if height([trial], size, width) <= box_height:
                    lo = mid
                else:
                    hi = mid - 1
            pieces.append(" ".join(words[:lo]))
            words = words[lo:]
    return [
        replace(p, runs=(replace(style, text=t),), bullet=p.bullet and i == 0, number=p.number if i == 0 else None)
        for i, t in enumerate(pieces)
    ]


def _merge(page: list[Para]) -> list[Para]:
    """Join neighbouring pieces of one split paragraph back into one."""
    out: list[Para] = []
    for p in page:
        if out and p.origin is not None and out[-1].origin == p.origin and not p.marked:
            prev = out[-1]
            out[-1] = replace(prev, runs=(replace(prev.runs[0], text=f"{prev.text} {p.text}"),))
        else:
            out.append(p)
    return out


def fit_title(text: str, width: float, size: theme.Size, max_lines: int = 2) -> tuple[float, int]:
    """Size and line count for a title: the largest size giving at most
    ``max_lines`` lines, down to the floor; a longer title goes down to the
    long-title floor and takes the lines it needs."""
    s = size.largest
    while s >= size.floor:
        lines = len(wrap(text, s, width, bold=True))
        if lines <= max_lines:
            return s, lines
        s -= 1
    floor = min(size.floor, theme.TITLE_LONG_FLOOR)
    lines = len(wrap(text, floor, width, bold=True))
    for s in range(int(size.floor) - 1, int(floor) - 1, -1):
        lines = len(wrap(text, s, width, bold=True))
        if lines <= max_lines + 1:
            return s, lines
    return floor, lines


def ellipsize(text: str, size: float, width: float) -> str:
    """``text`` cut to one line of ``width`` points, ending in '…' if cut."""
    if text_width(text, size) <= width:
        return text
    cut = _longest_prefix(text, size, width - text_width("…", size), False, False)
    return text[:cut].rstrip() + "…"
