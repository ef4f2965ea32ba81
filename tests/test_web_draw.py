"""The page's preview colours every slide as the deck does.

The deck names theme colours (``tx1``, ``bg1``, ...); what a viewer shows
for a name depends on the slide's layout, whose colour map can override its
master's. The preview must resolve each name through the same map, so it
cannot show white text where the deck has black. The colours here are read
back from the written .pptx and resolved by this test itself, from the
package's own layout, master and theme parts.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from lxml import etree
from templates_corpus import TITLE_BAR, make

from dnadeck.deck import deck_bytes, layout_deck
from dnadeck.load import load_guide
from dnadeck.web.draw import draw_json

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/package/2006/relationships",
}


class Package:
    """A written deck, read with lxml only."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))

    def xml(self, part: str) -> etree._Element:
        return etree.fromstring(self.zip.read(part))

    def related(self, part: str, kind: str) -> str:
        folder, base = posixpath.split(part)
        rels = self.xml(f"{folder}/_rels/{base}.rels")
        target = next(r.get("Target") for r in rels.iterfind("r:Relationship", NS) if r.get("Type").endswith(kind))
        return posixpath.normpath(posixpath.join(folder, target))

    def colours_of(self, slide: str) -> dict[str, set[str]]:
        """Each named text shape's run colours on ``slide``, resolved as a viewer does."""
        layout = self.related(slide, "/slideLayout")
        master = self.related(layout, "/slideMaster")
        scheme = self.xml(self.related(master, "/theme")).find("a:themeElements/a:clrScheme", NS)
        assert scheme is not None
        slots = {etree.QName(el).localname: el[0].get("lastClr") or el[0].get("val") for el in scheme}
        mapping = dict(self.xml(master).find("p:clrMap", NS).attrib)
        override = self.xml(layout).find("p:clrMapOvr/a:overrideClrMapping", NS)
        if override is not None:
            mapping.update(override.attrib)
        out: dict[str, set[str]] = {}
        for sp in self.xml(slide).iterfind("p:cSld/p:spTree/p:sp", NS):
            name = sp.find("p:nvSpPr/p:cNvPr", NS).get("name")
            for run in sp.xpath("p:txBody/a:p/a:r | p:txBody/a:p/a:fld", namespaces=NS):  # a field: the slide number
                if not (run.findtext("a:t", namespaces=NS) or "").strip():
                    continue
                found = run.find("a:rPr/a:solidFill/*", NS)
                assert found is not None, f"{slide}: {name} has a run without a colour"
                value = found.get("val")
                if etree.QName(found).localname == "schemeClr":
                    value = slots[mapping.get(value, value)]
                out.setdefault(name, set()).add(value.upper())
        return out


def test_the_preview_colours_text_through_each_layouts_colour_map(tmp_path: Path) -> None:
    template = make("override-gradient", tmp_path)  # content layouts map tx1 to lt1, bg1 to dk1
    guide = load_guide("resilience", template=str(template))
    package = Package(deck_bytes(guide))
    preview = draw_json(layout_deck(guide), template)
    overridden = 0
    for n, slide in enumerate(preview["slides"], start=1):
        part = f"ppt/slides/slide{n}.xml"
        in_deck = package.colours_of(part)
        shown = {
            shape["name"]: {
                (run["colour"] or shape["colour"]) for p in shape["paras"] for run in p["runs"] if run["text"].strip()
            }
            for shape in slide["shapes"]
            if shape["type"] == "text" and any(run["text"].strip() for p in shape["paras"] for run in p["runs"])
        }
        assert shown == in_deck, f"slide {n} ({slide['layout']})"
        overridden += slide["layout"] in ("Title and Content", "Title Only")
    assert overridden >= 3, "the pack should use the layouts whose colour map is overridden"


def test_the_preview_draws_a_title_bar_the_title_placeholder_brings(tmp_path: Path) -> None:
    """The deck's titles stand on the title placeholder's own fill (white on navy): so must the preview's."""
    template = make("title-bar", tmp_path)
    guide = load_guide("resilience", template=str(template))
    preview = draw_json(layout_deck(guide), template)
    titles = {
        slide["layout"]: (shape["fill"], shape["colour"])
        for slide in preview["slides"]
        for shape in slide["shapes"]
        if shape["type"] == "text" and shape["title"]
    }
    bar = ({"type": "solid", "colour": TITLE_BAR}, "FFFFFF")
    assert titles["Title Slide"] == titles["Title and Content"] == titles["Title Only"] == bar, titles
    bundled = draw_json(layout_deck(load_guide("resilience")), None)
    assert all(s["fill"] is None for slide in bundled["slides"] for s in slide["shapes"] if s["type"] == "text")


def test_the_preview_draws_the_fill_a_body_placeholder_brings(tmp_path: Path) -> None:
    """Bullets on the master's navy body placeholder: white on navy in the deck, so in the preview."""
    template = make("body-fill", tmp_path)
    preview = draw_json(layout_deck(load_guide("resilience", template=str(template))), template)
    main = [
        (shape["fill"], shape["colour"])
        for slide in preview["slides"]
        for shape in slide["shapes"]
        if shape["type"] == "text" and shape["name"].startswith(("Text ", "Questions "))
    ]
    assert main and all(m == ({"type": "solid", "colour": TITLE_BAR}, "FFFFFF") for m in main), main
