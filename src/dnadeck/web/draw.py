"""The laid-out deck as JSON for the page's preview: every slide, every box.

The preview draws what ``dnadeck.layout_deck`` laid out, the boxes the
writer puts in the .pptx, so it shows the same slides, continuation slides
included. Theme colour names become the template's own colours; each
picture is sent once, as a data URL, however many slides show it.
"""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from ..catalogue import assets_dir
from ..render.canvas import DeckDraw, PictureShape, RectShape, TextShape

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
SCHEME_ALIASES = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}
FALLBACK = "231F20"


def theme_colours(template: Path | None) -> dict[str, str]:
    """The colour scheme of the template's first theme: name -> RRGGBB."""
    path = template or assets_dir() / "template.pptx"
    colours: dict[str, str] = {}
    try:
        with zipfile.ZipFile(path) as z:
            names = sorted(n for n in z.namelist() if n.startswith("ppt/theme/theme") and n.endswith(".xml"))
            if not names:
                return colours
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            root = etree.fromstring(z.read(names[0]), parser)
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return colours
    scheme = root.find(f".//{A}clrScheme")
    for child in scheme if scheme is not None else []:
        name = etree.QName(child).localname
        for colour in child:
            value = colour.get("val") if etree.QName(colour).localname == "srgbClr" else colour.get("lastClr")
            if value and len(value) == 6:
                colours[name] = value.upper()
    return colours


def _colour(value: str | None, scheme: dict[str, str]) -> str | None:
    if value is None:
        return None
    if len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value):
        return value.upper()
    return scheme.get(SCHEME_ALIASES.get(value, value), FALLBACK)


def draw_json(deck: DeckDraw, template: Path | None = None) -> dict[str, Any]:
    """``deck`` as the preview draws it: sizes in EMU and hundredths of a point, colours as RRGGBB."""
    scheme = theme_colours(template)
    images: dict[str, str] = {}

    def picture(shape: PictureShape) -> dict[str, Any]:
        key = hashlib.sha256(shape.image).hexdigest()[:16]
        if key not in images:
            images[key] = f"data:{shape.content_type};base64,{base64.b64encode(shape.image).decode('ascii')}"
        return {"type": "picture", "name": shape.name, "rect": _rect(shape.rect), "image": key, "alt": shape.alt}

    def text(shape: TextShape) -> dict[str, Any]:
        return {
            "type": "text",
            "name": shape.name,
            "rect": _rect(shape.rect),
            "size": shape.size,
            "colour": _colour(shape.colour, scheme),
            "anchor": shape.anchor,
            "inset": [shape.inset_x, shape.inset_y],
            "title": shape.placeholder in ("title", "ctrTitle"),
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
                            "colour": _colour(r.colour, scheme),
                        }
                        for r in p.runs
                    ],
                }
                for p in shape.paras
            ],
        }

    slides = []
    for slide in deck.slides:
        shapes: list[dict[str, Any]] = []
        for shape in slide.shapes:
            if isinstance(shape, TextShape):
                shapes.append(text(shape))
            elif isinstance(shape, PictureShape):
                shapes.append(picture(shape))
            elif isinstance(shape, RectShape):
                shapes.append({"type": "rect", "rect": _rect(shape.rect), "fill": _colour(shape.fill, scheme)})
        slides.append(
            {
                "position": slide.position,
                "title": slide.title,
                "layout": slide.layout,
                "background": _colour(slide.background or "bg1", scheme) or "FFFFFF",
                "shapes": shapes,
            }
        )
    return {"width": deck.width, "height": deck.height, "slides": slides, "images": images}


def _rect(rect: Any) -> list[int]:
    return [rect.x, rect.y, rect.w, rect.h]


def data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def read_pages(paths: list[Path]) -> list[str]:
    """PNG pages as data URLs."""
    return [data_url(p.read_bytes()) for p in paths]
