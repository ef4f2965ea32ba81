"""The contact sheet (.png): every page of the PDF (a slide, or a page of the
session plan) in a grid, numbered, as one PNG."""

from __future__ import annotations

import io
import math
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .writer import Job, Writer

COLUMNS = 4
GAP = 16
LABEL = 28


def contact_sheet(pages: Sequence[Path], columns: int = COLUMNS) -> bytes:
    """PNG bytes of ``pages`` laid out in ``columns``, each with its number."""
    from PIL import Image, ImageDraw, ImageFont  # Pillow loads only for a contact sheet

    from .. import theme
    from ..catalogue import assets_dir

    if not pages:
        raise ValueError("no pages to put on a contact sheet")
    shots = [Image.open(p).convert("RGB") for p in pages]
    w, h = shots[0].size
    rows = math.ceil(len(shots) / columns)
    sheet = Image.new("RGB", (columns * (w + GAP) + GAP, rows * (h + GAP + LABEL) + GAP), "#" + theme.PALE_GREY)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(assets_dir() / "fonts" / theme.FONT_FILES[(True, False)]), 18)
    for i, shot in enumerate(shots):
        x = GAP + (i % columns) * (w + GAP)
        y = GAP + (i // columns) * (h + GAP + LABEL)
        draw.text((x, y), f"{i + 1}", fill="#" + theme.DARK_BLUE, font=font)
        sheet.paste(shot.resize((w, h)), (x, y + LABEL))
        draw.rectangle([x - 1, y + LABEL - 1, x + w, y + LABEL + h], outline="#" + theme.MID_GREY)
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _sheet(job: Job, pdf: bytes) -> bytes:
    from .office import pdf_pages_to_png

    with tempfile.TemporaryDirectory(prefix="dnadeck-preview-") as tmp:
        work = Path(tmp)
        made = work / f"{Path(job.name).stem}.pdf"
        made.write_bytes(pdf)
        return contact_sheet(pdf_pages_to_png(made, work))


WRITER = Writer(
    ".png",
    "a contact sheet",
    ".pdf",
    _sheet,
    beside="Also write a contact sheet of its pages beside it, as a PNG (needs LibreOffice).",
    needs_office=True,
    magic=b"\x89PNG\r\n\x1a\n",
)
