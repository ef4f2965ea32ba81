"""Output paths checked: never over an input, a folder, an open file, nor what a person made or changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_write_stamp import edited as edited_copy

from dnadeck import deck_bytes, load_guide
from dnadeck.errors import OutputError
from dnadeck.write.output import check_output


@pytest.fixture(scope="module")
def deck() -> bytes:
    return deck_bytes(load_guide("compassion"))


def test_what_may_be_replaced_and_what_may_not(tmp_path: Path, deck: bytes) -> None:
    ours, edited, notes = tmp_path / "ours.pptx", tmp_path / "edited.pptx", tmp_path / "notes.pptx"
    ours.write_bytes(deck)
    edited.write_bytes(edited_copy(deck))
    notes.write_text("my own notes")
    check_output(ours)
    check_output(tmp_path / "new.pptx")
    with pytest.raises(OutputError, match="was changed after dnadeck wrote it"):
        check_output(edited)
    check_output(edited, force=True)
    with pytest.raises(OutputError, match="is not a deck dnadeck wrote"):
        check_output(notes)
    with pytest.raises(OutputError, match="is one of the files the deck is made from"):
        check_output(ours, inputs=[tmp_path / "." / "ours.pptx"])
    with pytest.raises(OutputError, match="is a folder"):
        check_output(tmp_path)
    (tmp_path / ".~lock.ours.pptx#").write_text("x")
    with pytest.raises(OutputError, match="is open in PowerPoint or LibreOffice"):
        check_output(ours)
    ours.chmod(0o444)
    with pytest.raises(OutputError, match="is read-only"):
        check_output(ours, force=True)


def test_a_pdf_or_png_is_replaced_only_by_one_of_its_kind(tmp_path: Path) -> None:
    pdf, png = tmp_path / "d.pdf", tmp_path / "d.png"
    pdf.write_bytes(b"%PDF-1.7 ours")
    png.write_bytes(b"\x89PNG\r\n\x1a\n ours")
    check_output(pdf)
    check_output(png)
    pdf.write_text("my notes", encoding="utf-8")
    with pytest.raises(OutputError, match="is already there and is not a PDF file"):
        check_output(pdf)
    (tmp_path / "d.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match=r"is already there$"):
        check_output(tmp_path / "d.txt")
