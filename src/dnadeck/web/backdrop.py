"""What a template draws behind every slide, for the page's preview.

Each layout's background (a colour, a gradient or a picture, from the
layout, else its master, theme fill styles included) and the shapes the
master and the layout put on every slide (filled rectangles, ellipses,
rounded rectangles and pictures), in the order PowerPoint draws them.
What cannot be drawn in a web page as PowerPoint draws it (other shapes,
text in shapes, lines, effects) is listed in ``inexact`` in plain words,
so the page can say so rather than claim the preview is exact.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from lxml import etree

from ..layout.backdrop import MODIFIERS, colour_of
from ..layout.template import NS, Template, placeholder_fill
from ..opc import XML_PARSER

A, P, R = (f"{{{NS[k]}}}" for k in ("a", "p", "r"))
RT_MASTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster"
RT_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
SHAPES = {"rect": "rect", "ellipse": "ellipse", "roundRect": "round"}
PICTURE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}

Picture = Callable[[bytes, str], str]  # (bytes, content type) -> the key of the picture sent once


class Backdrop:
    """Reads a template's backgrounds and furniture; ``inexact`` collects what the page cannot draw exactly."""

    def __init__(self, template: Template, picture: Picture) -> None:
        self.template = template
        self.picture = picture
        self.inexact: set[str] = set()
        self.colour_map = template.colour_map  # the colour map of the layout being read

    def _read(self, name: str) -> None:
        """Read the layout called ``name`` from now on: its colour map (the master's, with the
        layout's override) is the one the deck's layout resolves its colours with."""
        look = self.template.looks.get(name)
        self.colour_map = look.colour_map if look is not None else self.template.colour_map

    def layout(self, name: str) -> dict[str, Any]:
        """``{"background": fill, "shapes": [...]}`` for the layout called ``name``."""
        layout = self.template.layouts.get(name)
        if layout is None:
            return {"background": None, "shapes": []}
        self._read(name)
        master = self._related(layout.part, RT_MASTER)
        roots = [(layout.part, self._xml(layout.part))]
        if master:
            roots.append((master, self._xml(master)))
        background = None
        for part, root in roots:
            if root is not None and root.find("p:cSld/p:bg", NS) is not None:
                background = self._background(part, root.find("p:cSld/p:bg", NS))
                break
        shapes: list[dict[str, Any]] = []
        if master and layout.shows_master and roots[1][1] is not None:
            shapes += self._shapes(master, roots[1][1])
        if roots[0][1] is not None:
            shapes += self._shapes(layout.part, roots[0][1])
        return {"background": background, "shapes": shapes}

    def placeholder_colour(self, name: str, kind: str) -> str | None:
        """The text colour the layout's (else its master's) ``kind`` placeholder gives, if it gives one."""
        layout = self.template.layouts.get(name)
        if layout is None:
            return None
        self._read(name)
        master = self._related(layout.part, RT_MASTER)
        for part in (layout.part, master):
            root = self._xml(part) if part else None
            for sp in root.iterfind("p:cSld/p:spTree/p:sp", NS) if root is not None else []:
                ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
                if ph is None or ph.get("type", "obj") != kind:
                    continue
                for fill in sp.iterfind("p:txBody//a:solidFill", NS):
                    if len(fill):
                        return self.colour(fill[0])
        return None

    def placeholder_fill(self, name: str, kind: str) -> dict[str, Any] | None:
        """The fill the layout's (else its master's) ``kind`` placeholder draws behind its text (a title
        bar), if it has one: the slide's placeholder inherits it, as the deck shows."""
        layout = self.template.layouts.get(name)
        if layout is None:
            return None
        self._read(name)
        parts = (layout.part, self._related(layout.part, RT_MASTER))
        sources = [(part, root) for part in parts if part and (root := self._xml(part)) is not None]
        found = placeholder_fill(sources, kind)
        return self.fill(found[0], found[1].getparent()) if found else None

    # -- parts ---------------------------------------------------------------------

    def _xml(self, part: str) -> etree._Element | None:
        data = self.template.parts.get(part)
        if data is None:
            return None
        try:
            return etree.fromstring(data, XML_PARSER)
        except etree.XMLSyntaxError:
            return None

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (type, part name) for ``part``'s internal relationships."""
        folder, base = posixpath.split(part)
        root = self._xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        for rel in root if root is not None else []:
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            out[rel.get("Id", "")] = (rel.get("Type", ""), target)
        return out

    def _related(self, part: str, rel_type: str) -> str | None:
        return next((target for kind, target in self._rels(part).values() if kind == rel_type), None)

    def _image(self, part: str, rid: str | None) -> str | None:
        target = self._rels(part).get(rid or "", ("", ""))[1]
        data = self.template.parts.get(target)
        kind = PICTURE_TYPES.get(posixpath.splitext(target)[1].lower())
        if data is None or kind is None:
            self.inexact.add("a picture in a format a web page cannot show")
            return None
        return self.picture(data, kind)

    # -- colours and fills --------------------------------------------------------

    def colour(self, el: etree._Element | None, placeholder: str | None = None) -> str | None:
        """Six hex digits for a colour element (schemeClr, srgbClr, ...), with lumMod, lumOff, tint
        and shade, a theme colour as the layout being read maps it (as the deck's slides show it)."""
        if el is None:
            return None
        for child in el:
            name = etree.QName(child).localname
            if name == "alpha":
                self.inexact.add("a see-through colour")
            elif name not in MODIFIERS:
                self.inexact.add("a colour changed in a way the page does not read")
        rgb = colour_of(el, self.template.colours, self.colour_map, placeholder)
        if rgb is None and etree.QName(el).localname not in ("schemeClr", "srgbClr", "sysClr"):
            self.inexact.add("a colour given in a way the page does not read")
            return placeholder or "FFFFFF"
        return rgb or placeholder

    def fill(self, part: str, props: etree._Element | None, placeholder: str | None = None) -> dict[str, Any] | None:
        """A fill (solidFill, gradFill, blipFill, noFill) in ``props`` as the page draws it."""
        if props is None:
            return None
        solid = props.find("a:solidFill", NS)
        if solid is not None:
            return {"type": "solid", "colour": self.colour(solid[0] if len(solid) else None, placeholder)}
        gradient = props.find("a:gradFill", NS)
        if gradient is not None:
            stops = []
            for stop in gradient.iterfind("a:gsLst/a:gs", NS):
                colour = self.colour(stop[0] if len(stop) else None, placeholder)
                stops.append([int(stop.get("pos", "0")) / 1000, colour])
            linear = gradient.find("a:lin", NS)
            if linear is None:
                self.inexact.add("a gradient that is not straight")
            angle = int(linear.get("ang", "0")) / 60000 if linear is not None else 0
            return {"type": "gradient", "angle": angle, "stops": stops}
        blip = props.find("a:blipFill/a:blip", NS)
        if blip is not None:
            key = self._image(part, blip.get(f"{R}embed"))
            if props.find("a:blipFill/a:tile", NS) is not None:
                self.inexact.add("a tiled picture")
            return {"type": "picture", "image": key} if key else None
        if props.find("a:noFill", NS) is not None:
            return None
        if props.find("a:pattFill", NS) is not None:
            self.inexact.add("a patterned fill")
        return None

    def _background(self, part: str, bg: etree._Element) -> dict[str, Any] | None:
        props = bg.find("p:bgPr", NS)
        if props is not None:
            return self.fill(part, props)
        ref = bg.find("p:bgRef", NS)
        if ref is None:
            return None
        colour = self.colour(ref[0] if len(ref) else None)
        idx = int(ref.get("idx", "0") or 0)
        if idx < 1001:
            return {"type": "solid", "colour": colour} if colour else None
        style = self._theme_background(part, idx - 1001)
        if style is None:
            return {"type": "solid", "colour": colour} if colour else None
        holder = etree.Element(f"{P}bgPr")
        holder.append(style)
        return self.fill(part, holder, colour)

    def _theme_background(self, part: str, n: int) -> etree._Element | None:
        master = part if "slideMaster" in part else self._related(part, RT_MASTER)
        theme_part = self._related(master, RT_THEME) if master else None
        root = self._xml(theme_part) if theme_part else None
        styles = root.find("a:themeElements/a:fmtScheme/a:bgFillStyleLst", NS) if root is not None else None
        if styles is None or n >= len(styles):
            return None
        return styles[n]

    # -- shapes ----------------------------------------------------------------------

    def _shapes(self, part: str, root: etree._Element) -> list[dict[str, Any]]:
        tree = root.find("p:cSld/p:spTree", NS)
        out: list[dict[str, Any]] = []
        for el in tree if tree is not None else []:
            tag = etree.QName(el).localname
            if tag in ("nvGrpSpPr", "grpSpPr") or el.find(".//p:nvPr/p:ph", NS) is not None:
                continue  # placeholders show only when a slide fills them
            rect = _rect(el)
            if tag == "pic" and rect:
                blip = el.find("p:blipFill/a:blip", NS)
                key = self._image(part, blip.get(f"{R}embed") if blip is not None else None)
                if key:
                    out.append({"type": "picture", "rect": rect, "image": key})
            elif tag == "sp" and rect:
                out += self._shape(part, el, rect)
            elif tag != "extLst":
                self.inexact.add("a group, chart, table or connector on the template's slides")
        return out

    def _shape(self, part: str, el: etree._Element, rect: list[int]) -> list[dict[str, Any]]:
        props = el.find("p:spPr", NS)
        geometry = props.find("a:prstGeom", NS) if props is not None else None
        form = SHAPES.get(geometry.get("prst", "") if geometry is not None else "")
        if form is None:
            self.inexact.add("a shape other than a rectangle or an ellipse")
            form = "rect"
        fill = self.fill(part, props)
        if fill is None:
            ref = el.find("p:style/a:fillRef", NS)
            if ref is not None and ref.get("idx") not in (None, "0") and len(ref):
                fill = {"type": "solid", "colour": self.colour(ref[0])}
        line = props.find("a:ln", NS) if props is not None else None
        if line is not None and line.find("a:noFill", NS) is None and len(line):
            self.inexact.add("an outlined shape")
        if "".join(el.itertext()).strip():
            self.inexact.add("text written on the template's own shapes")
        return [{"type": "shape", "form": form, "rect": rect, "fill": fill}] if fill else []


def _rect(el: etree._Element) -> list[int] | None:
    xfrm = el.find("p:spPr/a:xfrm", NS)
    off = xfrm.find("a:off", NS) if xfrm is not None else None
    ext = xfrm.find("a:ext", NS) if xfrm is not None else None
    if off is None or ext is None:
        return None
    try:
        return [int(off.get("x", "0")), int(off.get("y", "0")), int(ext.get("cx", "0")), int(ext.get("cy", "0"))]
    except ValueError:
        return None
