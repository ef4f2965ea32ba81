"""What lies beneath a layout's text, as PowerPoint and LibreOffice draw it.

A slide's background comes from its layout, else its master: a solid
colour, a gradient (text must read on every stop, so its worst one
counts), a picture (measured: its colours on a grid of cells), or a
theme background reference. Colours are resolved through the layout's
colour map (``p:clrMapOvr``, else the master's ``p:clrMap``) and with
their modifiers (lumMod, lumOff, tint, shade), as renderers do.

A picture background is looked at further: cells unlike the picture's
dominant colour (a logo printed on it, a photograph) are its "busy"
regions. A few small busy regions are furniture (text keeps clear of
them); a picture that is mostly busy is a photograph, on which dnadeck's
own artwork and the logo are left out. On a photograph that black (or
white) text reads on nearly everywhere, the few marks it does not read on
(blots of ink on parchment, a dark ribbon) are its busy regions.
"""

from __future__ import annotations

import colorsys
import io
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from lxml import etree
from PIL import Image, UnidentifiedImageError

from .. import theme
from ..limits import BACKDROP_MAX_PIXELS

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
GRID = (48, 27)  # cells a picture background is measured in
PLAIN_DIFF = 40  # a cell this close (largest channel difference) to the dominant colour is plain
PHOTO_SHARE = 0.3  # a picture with more busy cells than this is a photograph
MARK_SHARE = 0.05  # a photograph's cells that text readable on the rest cannot be read on, at most this share
SYSTEM = {"windowText": "000000", "window": "FFFFFF", "btnText": "000000", "btnFace": "F0F0F0"}
PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF"}


@dataclass(frozen=True)
class Backdrop:
    """A layout's background as drawn: the colours under its text, and its busy regions.

    ``busy`` holds (left, top, width, height) as shares of the slide.
    """

    kind: Literal["solid", "gradient", "picture", "photo", "none"]
    colours: tuple[str, ...]
    busy: tuple[tuple[float, float, float, float], ...] = ()

    @property
    def plain(self) -> bool:
        """Whether our artwork and a logo may go on it (no photograph)."""
        return self.kind != "photo"


def colour_of(
    el: etree._Element | None, scheme: Mapping[str, str], colour_map: Mapping[str, str], placeholder: str | None = None
) -> str | None:
    """Six hex digits for a DrawingML colour element, its modifiers applied (a theme colour
    through ``colour_map``; ``phClr`` is ``placeholder``, the colour a style is used with)."""
    if el is None or not isinstance(el.tag, str):
        return None
    tag = etree.QName(el).localname
    value: str | None = None
    if tag == "srgbClr":
        value = el.get("val")
    elif tag == "schemeClr":
        name = el.get("val", "")
        value = placeholder if name == "phClr" else theme.scheme_rgb(name, scheme, colour_map)
    elif tag == "sysClr":
        value = el.get("lastClr") or SYSTEM.get(el.get("val", ""))
    elif tag == "prstClr":
        value = PRESET.get(el.get("val", ""))
    elif tag == "scrgbClr":
        try:
            value = "".join(f"{round(min(1.0, int(el.get(c, '0')) / 100000) * 255):02X}" for c in "rgb")
        except ValueError:
            value = None
    if not value or len(value) != 6 or any(c not in "0123456789abcdefABCDEF" for c in value):
        return None
    return _modified(value.upper(), el)


MODIFIERS = frozenset({"lumMod", "lumOff", "tint", "shade"})  # the colour modifiers applied


def _modified(rgb: str, el: etree._Element) -> str:
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    for mod in el:
        if not isinstance(mod.tag, str):
            continue
        try:
            v = int(mod.get("val", "0")) / 100000
        except ValueError:
            continue
        name = etree.QName(mod).localname
        if name in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            lum = lum * v if name == "lumMod" else lum + v
            r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, lum)), s)
        elif name == "tint":
            r, g, b = (c + (1 - c) * (1 - v) for c in (r, g, b))
        elif name == "shade":
            r, g, b = (c * v for c in (r, g, b))
    return "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in (r, g, b))


@dataclass(frozen=True)
class Fill:
    """A placeholder's own fill, as drawn behind its text: its colours and how opaque they are."""

    colours: tuple[str, ...]
    alpha: float = 1.0

    @classmethod
    def read(cls, fill: etree._Element, scheme: Mapping[str, str], colour_map: Mapping[str, str]) -> Fill | None:
        """A DrawingML fill element as drawn: None for one without colours (no fill, a picture)."""
        colours = fill_colours(fill, scheme, colour_map)
        if not colours:
            return None
        found = fill.find(f".//{A}alpha")
        try:
            alpha = int(found.get("val", "100000")) / 100000 if found is not None else 1.0
        except ValueError:
            alpha = 1.0
        return cls(colours, min(1.0, max(0.0, alpha)))

    def over(self, beneath: Sequence[str]) -> tuple[str, ...]:
        """The colours it shows over ``beneath`` (a translucent fill lets it through)."""
        if self.alpha >= 1:
            return self.colours
        return tuple(dict.fromkeys(blend(c, b, self.alpha) for c in self.colours for b in beneath))


def fill_colours(
    fill: etree._Element | None, scheme: Mapping[str, str], colour_map: Mapping[str, str]
) -> tuple[str, ...]:
    """The colours a DrawingML fill draws: a solid fill's colour, every stop of a gradient (or both
    colours of a pattern); none for another fill, or one whose colour cannot be resolved."""
    if fill is None or not isinstance(fill.tag, str):
        return ()
    kind = etree.QName(fill).localname
    if kind == "solidFill":
        found = next((colour_of(c, scheme, colour_map) for c in fill), None)
        return (found,) if found else ()
    if kind in ("gradFill", "pattFill"):
        stops = [
            colour_of(next(iter(s), None), scheme, colour_map) for s in fill.iter(f"{A}gs", f"{A}fgClr", f"{A}bgClr")
        ]
        return tuple(dict.fromkeys(s for s in stops if s))
    return ()


def blend(top: str, under: str, alpha: float) -> str:
    """The colour ``top`` shows at opacity ``alpha`` over ``under`` (six hex digits each)."""
    mixed = (alpha * int(top[i : i + 2], 16) + (1 - alpha) * int(under[i : i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c):02X}" for c in mixed)


def backdrop(
    bg: etree._Element | None,
    scheme: Mapping[str, str],
    colour_map: Mapping[str, str],
    image: Callable[[str], bytes | None],
) -> Backdrop:
    """The backdrop a ``p:bg`` element draws (``image`` reads a picture by relationship id)."""
    if bg is None:
        return Backdrop("solid", (theme.scheme_rgb("bg1", scheme, colour_map) or "FFFFFF",))
    ref = bg.find(f"{P}bgRef")
    if ref is not None:
        found = next((colour_of(c, scheme, colour_map) for c in ref), None)
        return Backdrop("solid", (found or "FFFFFF",))
    props = bg.find(f"{P}bgPr")
    fill = props[0] if props is not None and len(props) else None
    if fill is None or not isinstance(fill.tag, str):
        return Backdrop("none", ("FFFFFF",))
    kind = etree.QName(fill).localname
    if kind == "solidFill":
        return Backdrop("solid", fill_colours(fill, scheme, colour_map) or ("FFFFFF",))
    if kind in ("gradFill", "pattFill"):
        return Backdrop("gradient", fill_colours(fill, scheme, colour_map) or ("FFFFFF",))
    if kind == "blipFill":
        blip = fill.find(f"{A}blip")
        data = image(blip.get(f"{R}embed", "")) if blip is not None else None
        return measure_picture(data)
    return Backdrop("none", ("FFFFFF",))


def _on_white(img: Image.Image) -> Image.Image:
    """The picture as a viewer shows it on a slide: what is transparent shows the white beneath
    (taken as it is, transparent pixels keep whatever colour they were stored with, often black)."""
    if img.mode in ("RGBA", "LA", "PA") or (img.mode in ("P", "L", "RGB") and "transparency" in img.info):
        rgba = img.convert("RGBA")
        return Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("RGB")
    return img.convert("RGB")


def measure_picture(data: bytes | None) -> Backdrop:
    """A picture background's colours and busy regions, measured on a grid of cells."""
    if not data:
        return Backdrop("photo", ("FFFFFF", "000000"))
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > BACKDROP_MAX_PIXELS:
                return Backdrop("photo", ("FFFFFF", "000000"))
            cells = _on_white(img).resize(GRID, Image.Resampling.BOX)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return Backdrop("photo", ("FFFFFF", "000000"))
    w, h = GRID
    pixels = [cells.getpixel((x, y)) for y in range(h) for x in range(w)]
    dominant = Counter(tuple(c // 16 for c in p) for p in pixels).most_common(1)[0][0]  # type: ignore[union-attr]
    centre = tuple(c * 16 + 8 for c in dominant)
    busy = [max(abs(a - b) for a, b in zip(p, centre, strict=True)) > PLAIN_DIFF for p in pixels]  # type: ignore[arg-type]
    if sum(busy) > PHOTO_SHARE * len(pixels):
        return _photo([_hex(p) for p in pixels], w, h)
    colours = tuple(dict.fromkeys(_hex(p) for p, b in zip(pixels, busy, strict=True) if not b))
    return Backdrop("picture", colours, tuple(_regions(busy, w, h)))


def _photo(cells: list[str], w: int, h: int) -> Backdrop:
    """A photograph: its colours, and the marks on it that the text colour readable on the rest of it
    cannot be read on (when they are few), which are kept out of its colours."""
    for ink in ("000000", "FFFFFF"):
        marks = [theme.contrast(ink, cell) < theme.AA for cell in cells]
        if 0 < sum(marks) <= MARK_SHARE * len(cells):
            rest = tuple(dict.fromkeys(c for c, m in zip(cells, marks, strict=True) if not m))
            return Backdrop("photo", rest, tuple(_regions(marks, w, h)))
    return Backdrop("photo", tuple(dict.fromkeys(cells)))


def _hex(p: object) -> str:
    assert isinstance(p, tuple)
    return "".join(f"{int(c):02X}" for c in p[:3])


def _regions(busy: list[bool], w: int, h: int) -> list[tuple[float, float, float, float]]:
    """Bounding boxes of the connected busy cells, as shares of the picture."""
    seen = [False] * len(busy)
    out = []
    for start, is_busy in enumerate(busy):
        if not is_busy or seen[start]:
            continue
        seen[start] = True
        todo, x0, y0, x1, y1 = [start], w, h, 0, 0
        while todo:
            i = todo.pop()
            x, y = i % w, i // w
            x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
            for nx, ny in ((x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)):
                j = ny * w + nx
                if 0 <= nx < w and 0 <= ny < h and busy[j] and not seen[j]:
                    seen[j] = True
                    todo.append(j)
        out.append((x0 / w, y0 / h, (x1 - x0 + 1) / w, (y1 - y0 + 1) / h))
    return out
