"""The PDF writer: pdf_bytes, the one function that makes a document's PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import need, pdf_pages
from pptx import Presentation

from dnadeck import deck_bytes, load_guide
from dnadeck.errors import OfficeError
from dnadeck.write.pdf import pdf_bytes


@pytest.mark.office
def test_a_decks_pdf_has_a_page_per_slide(tmp_path: Path) -> None:
    need("soffice")
    deck = deck_bytes(load_guide("resilience", stories=["floristry-perhaps"]))
    data = pdf_bytes(deck, "resilience.pptx")
    assert data.startswith(b"%PDF-")
    (tmp_path / "r.pdf").write_bytes(data)
    assert pdf_pages(tmp_path / "r.pdf") == len(Presentation(io.BytesIO(deck)).slides)


def test_only_decks_and_session_plans_are_made_pdfs() -> None:
    with pytest.raises(OfficeError, match=r"x\.odp: dnadeck makes PDFs of \.pptx, \.potx and \.docx files only"):
        pdf_bytes(b"not a deck", "x.odp")
