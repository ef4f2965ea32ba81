"""The tagged PDF's preparation: the language a document declares, and the
copy LibreOffice is given with decorative shapes and pagination marked.
(The finished PDFs are checked in test_accessible_pdf.py, with LibreOffice.)"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from dnadeck import load_guide, save_deck
from dnadeck.write.taggedpdf import DECORATIVE_MARK, NS, PAGINATION, document_language, marked_copy


def test_the_declared_language_is_read_from_the_core_properties(tmp_path: Path) -> None:
    deck = save_deck(load_guide("compassion"), tmp_path / "deck.pptx")
    assert document_language(deck) == "en-GB"
    (tmp_path / "not.pptx").write_text("no zip")
    assert document_language(tmp_path / "not.pptx") is None


def test_decorative_shapes_and_pagination_are_marked_and_nothing_else(tmp_path: Path) -> None:
    deck = save_deck(load_guide("compassion"), tmp_path / "deck.pptx")
    (tmp_path / "copy").mkdir()
    copy = marked_copy(deck, tmp_path / "copy")
    assert copy != deck and deck.read_bytes() != copy.read_bytes()
    with zipfile.ZipFile(deck) as original, zipfile.ZipFile(copy) as marked:
        assert original.namelist() == marked.namelist()
        slide = etree.fromstring(marked.read("ppt/slides/slide2.xml"))
    marked_shapes = [p for p in slide.iterfind(".//p:cNvPr", NS) if p.get("descr") == DECORATIVE_MARK]
    assert marked_shapes
    for props in slide.iterfind(".//p:cNvPr", NS):
        placeholder = props.find("../p:nvPr/p:ph", NS)
        decorative = props.find("a:extLst/a:ext/adec:decorative", NS)
        expected = (placeholder is not None and placeholder.get("type") in PAGINATION) or decorative is not None
        assert (props.get("descr") == DECORATIVE_MARK) == expected, etree.tostring(props)


def test_a_document_other_than_a_deck_is_copied_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "plan.docx").write_bytes(b"PK\x03\x04 anything")
    (tmp_path / "copy").mkdir()
    assert marked_copy(tmp_path / "plan.docx", tmp_path / "copy").read_bytes() == b"PK\x03\x04 anything"
