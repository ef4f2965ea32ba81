"""The laid-out deck as JSON for the page's preview: every slide, every box.

The preview draws what the library laid out, the boxes the writer puts in
the .pptx, so it shows the same slides, continuation slides included, on
the template's own backgrounds and furniture (``backdrop``) in its fonts.
Theme colour names become the template's own colours; each picture is sent
once, as a data URL, however many slides show it. The template's build
warnings come in plain words.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from .. import fit, theme
from ..catalogue import assets_dir
from ..layout import Template, open_template
from ..layout.canvas import DeckDraw, PictureShape, RectShape, TextShape
from .backdrop import Backdrop
from .form import tidy

FONT_ROLES = {"+mj-lt": "heading", "+mn-lt": "body"}


def draw_json(deck: DeckDraw, template: Template | Path | None = None) -> dict[str, Any]:
    """``deck`` as the preview draws it: sizes in EMU and hundredths of a point, colours as
    RRGGBB, the template's backgrounds and furniture per layout, its fonts, and what the
    template made dnadeck change (``warnings``, in plain words, about the template field).
    ``template``: the one ``deck`` was laid out on, opened or by path (None: the bundled one)."""
    if not isinstance(template, Template):
        template = open_template(template)
    images: dict[str, str] = {}

    def keep(data: bytes, content_type: str) -> str:
        key = hashlib.sha256(data).hexdigest()[:16]
        if key not in images:
            images[key] = f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"
        return key

    def colour(value: str | None, layout: str) -> str | None:
        """A shape's colour as the slide shows it: a theme colour through its layout's colour map."""
        if value is None:
            return None
        if len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value):
            return value.upper()
        look = template.looks.get(layout)
        return theme.rgb_of(value, template.colours, look.colour_map if look else template.colour_map)

    def picture(shape: PictureShape) -> dict[str, Any]:
        key = keep(shape.image, shape.content_type)
        return {"type": "picture", "name": shape.name, "rect": _rect(shape.rect), "image": key, "alt": shape.alt}

    def text(shape: TextShape, layout: str) -> dict[str, Any]:
        inherited = backdrop.placeholder_colour(layout, shape.placeholder) if shape.placeholder else None
        return {
            "type": "text",
            "name": shape.name,
            "rect": _rect(shape.rect),
            "size": shape.size,
            "colour": colour(shape.colour, layout) if shape.colour else inherited or colour("tx1", layout),
            "font": FONT_ROLES.get(shape.font, shape.font),
            "anchor": shape.anchor,
            "inset": [shape.inset_x, shape.inset_y],
            "title": shape.placeholder in ("title", "ctrTitle"),
            "fill": backdrop.placeholder_fill(layout, shape.placeholder) if shape.placeholder else None,
            "paras": [
                {
                    "align": p.align,
                    "marker": p.marker,
                    "number": p.number,
                    "indent": p.indent,
                    "space_before": p.space_before,
                    "runs": [
                        {
                            "text": r.text,
                            "bold": r.bold,
                            "italic": r.italic,
                            "link": r.link is not None,
                            "colour": colour(p.link_colour if r.link else None, layout),
                        }
                        for r in p.runs
                    ],
                }
                for p in shape.paras
            ],
        }

    backdrop = Backdrop(template, keep)
    layouts = {name: backdrop.layout(name) for name in dict.fromkeys(s.layout for s in deck.slides)}
    slides = []
    for slide in deck.slides:
        shapes: list[dict[str, Any]] = []
        for shape in slide.shapes:
            if isinstance(shape, TextShape):
                shapes.append(text(shape, slide.layout))
            elif isinstance(shape, PictureShape):
                shapes.append(picture(shape))
            elif isinstance(shape, RectShape):
                shapes.append({"type": "rect", "rect": _rect(shape.rect), "fill": colour(shape.fill, slide.layout)})
        own = {"type": "solid", "colour": colour(slide.background, slide.layout)} if slide.background else None
        slides.append(
            {
                "position": slide.position,
                "title": slide.title,
                "layout": slide.layout,
                "background": own
                or layouts[slide.layout]["background"]
                or {"type": "solid", "colour": colour("bg1", slide.layout)},
                "shapes": shapes,
                "notes": slide.notes,
            }
        )
    fonts = fit.fonts_for(template.major_font, template.minor_font)
    return {
        "width": deck.width,
        "height": deck.height,
        "slides": slides,
        "images": images,
        "layouts": {name: layout["shapes"] for name, layout in layouts.items()},
        "fonts": {role: _font(getattr(fonts, role)) for role in ("heading", "body")},
        "inexact": sorted(backdrop.inexact),
        "warnings": [{"field": "template", "message": plain_warning(w)} for w in deck.warnings],
    }


def _font(source: fit.FontSource) -> dict[str, Any]:
    """A theme font as the page loads it: the family the template names, the one it is drawn
    with here, and its four files (regular, bold, italic, bold italic) by key for ``/api/font``."""
    return {
        "family": source.family,
        "drawn_with": source.measured_with,
        "exact": source.how in ("bundled", "installed"),
        "same_widths": source.how != "fallback",
        "files": [font_key(Path(f)) for f in source.files],
    }


FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


def font_key(path: Path) -> str:
    """A font file's name in a URL: its path's digest, so that no path is sent or taken."""
    return hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:24]


@cache
def font_files() -> dict[str, Path]:
    """Every font file the page may fetch, by key: the bundled ones and those fontconfig
    lists here. Fixed for the life of the process, whatever is asked for."""
    found = [p for p in (assets_dir() / "fonts").iterdir() if p.suffix.lower() in FONT_SUFFIXES]
    program = shutil.which("fc-list")
    if program:
        try:
            listed = subprocess.run(
                [program, "--format", "%{file}\\n"], capture_output=True, text=True, timeout=30, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            listed = ""
        found += [Path(line) for line in listed.splitlines() if line.lower().endswith(FONT_SUFFIXES)]
    return {font_key(p): p for p in found}


_TEMPLATE_PREFIX = re.compile(r"^template '[^']*': ")
_SLOT = re.compile(r"\b(?:tx1|tx2|bg1|bg2|dk1|dk2|lt1|lt2|accent[1-6]|hlink|folHlink) (?=#)")
_FAINT = re.compile(
    r"the template's (.+?) colour \((#\w+)\) gives ([\d.]+):1 on (.+?), below ([\d.]+):1; using (#\w+) instead"
)
_PANELS = re.compile(
    r"no text colour reads on all of its background \((#\w+) gives ([\d.]+):1 on (#\w+) in places, below ([\d.]+):1\); "
    r"dnadeck puts its text on panels of (#\w+)"
)
_MISSING_FONT = re.compile(
    r"its (heading|body) font '(.+?)' is not on this machine; text is measured with (.+?)(,| and)"
)


def plain_warning(warning: str) -> str:
    """A build warning about the template, in a facilitator's words."""
    text = _TEMPLATE_PREFIX.sub("", warning)
    font = _MISSING_FONT.match(text)
    if font:
        role, family, instead, how = font.groups()
        room = ", as computers without it do" if how == "," else ", with extra room left for the text"
        return (
            f"The template's {role} font ‘{family}’ is not on this server, so the preview and the PDF show "
            f"{instead} instead{room}. The PowerPoint deck still uses ‘{family}’ "
            "on a computer that has it: check the deck there."
        )
    text = _SLOT.sub("", text)
    panels = _PANELS.search(text)
    if panels:
        _, ratio, on, needed, panel = panels.groups()
        said = (
            f"no text colour can be read on all of the template's background picture (as little as {ratio}:1 "
            f"on {on}, where text needs {needed}:1), so the deck puts its text on panels of {panel}."
        )
        return _sentence(text[: panels.start()], said)
    faint = _FAINT.search(text)  # after "on 'Title Only': " where only some layouts have it
    if faint:
        role, old, ratio, on, needed, new = faint.groups()
        said = (
            f"the template's {role} colour ({old}) is too faint to read on {on} ({ratio}:1, where text needs "
            f"{needed}:1), so the deck uses {new} instead."
        )
        return _sentence(text[: faint.start()], said)
    return tidy(text)


def _sentence(before: str, said: str) -> str:
    """``said`` after what came before it ("on 'Title Only': "), starting with a capital."""
    text = before + said
    return text[:1].upper() + text[1:]


def _rect(rect: Any) -> list[int]:
    return [rect.x, rect.y, rect.w, rect.h]


def data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def read_pages(paths: list[Path]) -> list[str]:
    """PNG pages as data URLs."""
    return [data_url(p.read_bytes()) for p in paths]
