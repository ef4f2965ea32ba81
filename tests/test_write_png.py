"""A contact sheet: every page's picture in a numbered grid, as one PNG."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from dnadeck import theme
from dnadeck.write.png import COLUMNS, GAP, LABEL, contact_sheet


def _pages(folder: Path, colours: list[str]) -> list[Path]:
    paths = []
    for n, colour in enumerate(colours):
        path = folder / f"page{n}.png"
        Image.new("RGB", (160, 90), colour).save(path)
        paths.append(path)
    return paths


def test_pages_are_laid_out_in_order_in_rows_of_four(tmp_path: Path) -> None:
    colours = ["#ff0000", "#00ff00", "#0000ff", "#ffff00", "#ff00ff"]
    sheet = Image.open(io.BytesIO(contact_sheet(_pages(tmp_path, colours))))
    assert sheet.format == "PNG"
    assert sheet.size == (COLUMNS * (160 + GAP) + GAP, 2 * (90 + GAP + LABEL) + GAP)
    for n, colour in enumerate(colours):
        x = GAP + (n % COLUMNS) * (160 + GAP) + 80
        y = GAP + (n // COLUMNS) * (90 + GAP + LABEL) + LABEL + 45
        assert sheet.getpixel((x, y)) == Image.new("RGB", (1, 1), colour).getpixel((0, 0))
    background = Image.new("RGB", (1, 1), "#" + theme.PALE_GREY).getpixel((0, 0))
    assert sheet.getpixel((sheet.width - 2, sheet.height - 2)) == background  # the empty places of the last row
    label = sheet.crop((GAP, GAP, GAP + 30, GAP + LABEL)).getcolors(10_000)
    assert label is not None and len(label) > 1  # the number 1 is written above the first page


def test_no_pages_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no pages"):
        contact_sheet([])
