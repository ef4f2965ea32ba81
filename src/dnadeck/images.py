"""Pictures made or prepared with Pillow: logos, QR codes, title artwork.

Every function returns PNG or JPEG bytes, the same bytes for the same
input, so decks stay byte-identical between builds.
"""

from __future__ import annotations

import hashlib
import io
import math
import struct
import warnings
import zlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from . import qr, theme
from .catalogue import assets_dir
from .inputs import FileProblem, read_capped
from .limits import LOGO_MAX_BYTES, LOGO_MAX_PIXELS, LOGO_MAX_PIXELS_JPEG, LOGO_MAX_SIDE

LOGO_MAX_PX = (900, 450)  # plenty for a logo about 3 in wide
LOGO_FORMATS = ["PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP"]  # never EPS/PS: Pillow runs Ghostscript on those
QR_SCALE = 12  # pixels per QR module


class ImageProblem(ValueError):
    """An image file that cannot be used; the message says why."""


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return (int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16))


def logo(path: Path) -> tuple[bytes, tuple[int, int]]:
    """A logo turned upright (EXIF), shrunk and compressed: (bytes, pixel size).

    Only the formats in LOGO_FORMATS are decoded (never PostScript, which
    Pillow would hand to Ghostscript), and the pixel count is checked before
    decoding, so a small file cannot unpack into gigabytes.
    """
    try:
        data = read_capped(path, LOGO_MAX_BYTES, "logo")
    except FileProblem as exc:
        raise ImageProblem(f"'{path.name}' {exc}") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=LOGO_FORMATS) as opened:
                _check_pixels(path, opened)
                if opened.format == "JPEG":  # decode at 1/2, 1/4 or 1/8 size when that is plenty
                    opened.draft("RGB", (LOGO_MAX_PX[0] * 2, LOGO_MAX_PX[1] * 2))
                opened.load()
                return _prepared(ImageOps.exif_transpose(opened))
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(
            f"'{path.name}' has far more pixels than a logo needs; save a smaller copy, e.g. 1000 pixels wide"
        ) from None
    except Exception as exc:  # a decoder can fail in many ways on a damaged or hostile file
        raise ImageProblem(
            f"'{path.name}' is not an image that can be read ({exc.__class__.__name__}); use a PNG or JPEG"
        ) from None


def _prepared(im: Image.Image) -> tuple[bytes, tuple[int, int]]:
    has_alpha = im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)
    im = im.convert("RGBA" if has_alpha else "RGB")
    im.thumbnail(LOGO_MAX_PX, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if has_alpha or _few_colours(im):
        im.save(out, format="PNG", optimize=True)
    else:
        im.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue(), im.size


def _check_pixels(path: Path, im: Image.Image) -> None:
    """Refuse an image whose pixels would not fit in memory, before decoding it."""
    width, height = im.size
    limit = LOGO_MAX_PIXELS_JPEG if im.format == "JPEG" else LOGO_MAX_PIXELS
    if width * height > limit or width > LOGO_MAX_SIDE or height > LOGO_MAX_SIDE:
        raise ImageProblem(
            f"'{path.name}' is {width} × {height} pixels, far more than a logo needs "
            f"(at most {limit // 1_000_000} million pixels); save a smaller copy, e.g. 1000 pixels wide"
        )


def _few_colours(im: Image.Image) -> bool:
    """Flat artwork (few colours) stays PNG; photographs become JPEG."""
    return im.getcolors(maxcolors=256) is not None


QR_FOLDER = "qr"  # in assets: the catalogue stories' codes, drawn ahead by tools/make_art.py


def qr_file(url: str) -> str:
    """The file name a pre-drawn QR code for ``url`` has in ``assets/qr``."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:20] + ".png"


@cache
def qr_code(url: str) -> bytes:
    """A PNG QR code for ``url``: pre-drawn for the catalogue's stories, else drawn now."""
    name = qr_file(url)
    if name in _drawn_ahead():
        return (assets_dir() / QR_FOLDER / name).read_bytes()
    return draw_qr(url)


@cache
def _drawn_ahead() -> frozenset[str]:
    """The names of the pre-drawn codes: looked up once, not once a story."""
    return frozenset(p.name for p in (assets_dir() / QR_FOLDER).glob("*.png"))


def draw_qr(url: str) -> bytes:
    """A PNG QR code for ``url``, dark on white with a quiet zone (``qr.matrix``: mask 0,
    level M or better, the same symbol segno draws with that mask)."""
    return two_colour_png(qr.matrix(url), QR_SCALE, QR_BORDER, theme.BLACK)


QR_BORDER = 4  # modules of quiet zone, as the standard asks
_BIT_CHARS = bytes.maketrans(b"\0\1", b"01")


def two_colour_png(rows: Sequence[Sequence[int]], scale: int, border: int, dark: str) -> bytes:
    """A 1-bit PNG of ``rows`` (1 = dark, drawn in ``dark``; 0 = white), each cell ``scale``
    pixels square, with ``border`` white cells around: a few hundred bytes, made in well under a ms."""
    cells = len(rows[0]) + 2 * border
    width = cells * scale
    pad = b"0" * (-width % 8)
    margin = b"0" * (border * scale)
    on, off = b"1" * scale, b"0" * scale
    blank = b"\0" + bytes((width + len(pad)) // 8)
    lines = [blank * (border * scale)]
    for row in rows:
        # each cell widened to ``scale`` bits, the ones first (which adds no zeros to widen)
        widened = bytes(row).translate(_BIT_CHARS).replace(b"1", on).replace(b"0", off)
        bits = margin + widened + margin + pad
        lines.append((b"\0" + int(bits, 2).to_bytes(len(bits) // 8, "big")) * scale)
    lines.append(blank * (border * scale))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, width, 1, 3, 0, 0, 0)  # 1 bit a pixel, palette colour
    palette = bytes((255, 255, 255, *_rgb(dark)))
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"PLTE", palette),
            chunk(b"IDAT", zlib.compress(b"".join(lines))),
            chunk(b"IEND", b""),
        )
    )


HELIX_FILE = "helix.png"


@cache
def helix() -> bytes:
    """The title slide's decorative double-helix artwork (``assets/helix.png``).

    It is drawn once, by ``tools/make_art.py`` with ``draw_helix``, and
    shipped: drawing it takes longer than building the rest of a deck.
    """
    return (assets_dir() / HELIX_FILE).read_bytes()


def draw_helix(width_px: int = 720, height_px: int = 1200) -> bytes:
    """Decorative double-helix artwork in the NHS palette (the DNA of care)."""
    ss = 3  # draw large and shrink: smooth edges without anti-aliasing support
    w, h = width_px * ss, height_px * ss
    im = Image.new("RGB", (w, h), _rgb(theme.PALE_GREY))
    draw = ImageDraw.Draw(im)
    turns, cx, amp = 2.25, w / 2, w * 0.3
    rungs, steps = 28, 280

    def strand(sign: int, count: int) -> list[tuple[float, float]]:
        return [
            (cx + sign * amp * math.sin(2 * math.pi * turns * i / count), h * (0.04 + 0.92 * i / count))
            for i in range(count + 1)
        ]

    rung_colours = [theme.NHS_BLUE, theme.AQUA_GREEN, theme.WARM_YELLOW, theme.LIGHT_BLUE]
    for i, ((xa, y), (xb, _)) in enumerate(zip(strand(1, rungs), strand(-1, rungs), strict=True)):
        draw.line([(xa, y), (xb, y)], fill=_rgb(rung_colours[i % 4]), width=7 * ss)
        for x in (xa, xb):
            r = 10 * ss
            draw.ellipse([x - r, y - r, x + r, y + r], fill=_rgb(theme.DARK_BLUE))
    for sign, colour in ((1, theme.DARK_BLUE), (-1, theme.NHS_BLUE)):
        draw.line(strand(sign, steps), fill=_rgb(colour), width=16 * ss, joint="curve")
    im = im.resize((width_px, height_px), Image.Resampling.LANCZOS)
    im = im.quantize(colors=64, dither=Image.Dither.NONE)
    out = io.BytesIO()
    im.save(out, format="PNG", optimize=True)
    return out.getvalue()
