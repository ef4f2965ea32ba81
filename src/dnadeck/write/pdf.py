"""The PDF of a deck or session plan: tagged PDF/UA, made by LibreOffice (see ``office.py``).

``pdf_bytes`` is the one function that makes a PDF of a document; the
build, the preview and the web page all come through it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .writer import DOCUMENT, Job, Writer

MAKING_PDF = "Making the PDF with LibreOffice (a few seconds)..."
DRAWING = "Drawing the {} with LibreOffice (a few seconds)..."  # when the PDF is only a step: slides, pages


def pdf_bytes(data: bytes, name: str, converter: str | None = None) -> bytes:
    """The accessible PDF of a document's bytes (``name`` is its file name:
    ``resilience.pptx``, ``resilience-handout.docx``), made in a temporary folder
    by the converter at ``converter`` (``host:port``), else as ``office.to_pdf`` chooses."""
    from .office import to_pdf

    with tempfile.TemporaryDirectory(prefix="dnadeck-pdf-") as tmp:
        path = Path(tmp) / Path(name).name
        path.write_bytes(data)
        return to_pdf(path, Path(tmp) / "pdf", converter).read_bytes()


def _pdf(job: Job, document: bytes) -> bytes:
    job.say(MAKING_PDF if ".pdf" in job.wanted else DRAWING.format("slides" if job.document == ".pptx" else "pages"))
    return pdf_bytes(document, job.name)


WRITER = Writer(
    ".pdf",
    "a PDF",
    DOCUMENT,
    _pdf,
    beside="Also write a PDF beside it (needs LibreOffice).",
    needs_office=True,
    names_document=True,
    magic=b"%PDF-",
)
