"""Make assets/template.pptx, dnadeck's own 16:9 base template.

Run from the repository's root when the template needs to change:
    python tools/make_template.py
It starts from python-pptx's default template (4:3), widens it to 16:9,
moves every placeholder to match, puts the footer and slide number
placeholders where dnadeck's footer goes (the footer line from the left
margin, the number at the right; no date), and sets the theme's colours
(the NHS identity palette) and fonts (Arial).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches

from dnadeck import theme

OUT = Path(__file__).resolve().parent.parent / "assets" / "template.pptx"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MARGIN, NUMBER_WIDTH = Inches(0.6), Inches(0.9)  # as theme.MARGIN and theme.NUMBER_WIDTH

# The theme's colour slots: the NHS identity palette, as dnadeck.theme declares it.
# dk1 and lt1 stay the system colours windowText and window (black, white), as Office writes them.
COLOURS = {slot: rgb for slot, rgb in theme.BUNDLED_SCHEME.items() if slot in theme.SCHEME_SLOTS[2:]}


def main() -> None:
    prs = Presentation()
    scale = WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    master = prs.slide_master
    holders = [*master.placeholders, *(ph for lay in prs.slide_layouts for ph in lay.placeholders)]
    # Read every position before writing any: layouts inherit from the master.
    boxes = [(ph, ph.left, ph.top, ph.width, ph.height) for ph in holders]
    for holder, left, top, width, height in boxes:
        holder.left, holder.top = Emu(round(left * scale)), top
        holder.width, holder.height = Emu(round(width * scale)), height
    for holder in [*master.placeholders, *(ph for lay in prs.slide_layouts for ph in lay.placeholders)]:
        kind = holder.placeholder_format.type
        if kind == PP_PLACEHOLDER.DATE:
            holder._element.getparent().remove(holder._element)
        elif kind == PP_PLACEHOLDER.FOOTER:
            holder.left, holder.width = MARGIN, Emu(WIDTH - 2 * MARGIN - NUMBER_WIDTH)
        elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
            holder.left, holder.width = Emu(WIDTH - MARGIN - NUMBER_WIDTH), NUMBER_WIDTH
    # The footer line is left-aligned and muted (accent6), as dnadeck draws it.
    for sp in master.shapes._spTree.iter(f"{P}sp"):
        ph = sp.find(f".//{P}ph")
        if ph is None or ph.get("type") not in ("ftr", "sldNum"):
            continue
        for ppr in sp.iter(f"{A}lvl1pPr"):
            if ph.get("type") == "ftr":
                ppr.set("algn", "l")
        for clr in sp.iter(f"{A}schemeClr"):
            clr.set("val", "accent6")
            for child in list(clr):
                clr.remove(child)
    theme = master.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8")
    xml = xml.replace('name="Office Theme"', 'name="DNA of Care"', 1)
    for slot, rgb in COLOURS.items():
        xml = re.sub(rf"<a:{slot}>.*?</a:{slot}>", f'<a:{slot}><a:srgbClr val="{rgb}"/></a:{slot}>', xml, count=1)
    xml = xml.replace('<a:latin typeface="Calibri"/>', '<a:latin typeface="Arial"/>')
    theme._blob = xml.encode("utf-8")
    prs.core_properties.title = "DNA of Care"
    prs.core_properties.author = "dnadeck"
    prs.core_properties.last_modified_by = "dnadeck"
    buf = io.BytesIO()
    prs.save(buf)
    # Fixed timestamps keep the template byte-identical between runs.
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"<dcterms:(created|modified)([^>]*)>[^<]*<", rb"<dcterms:\1\2>2026-01-01T00:00:00Z<", data
                )
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
