"""Write: one writer per output file, chosen from ``WRITERS`` by the file's suffix.

A deck (``pptx.py``) and a session plan (``docx.py``) are made from the
deck's plan; a PDF (``pdf.py``) of either, and a contact sheet (``png.py``)
of the PDF's pages, from those. ``writer.py`` says what a writer is;
``stamp.py`` makes an Office file's bytes the same for the same guide;
``output.py`` checks an output path and writes files atomically;
``office.py`` runs LibreOffice and poppler, ``taggedpdf.py`` finishes
their PDFs.

A new kind of output is a module here with its ``WRITER``, and its entry
below: the build and the command line read this table (a writer with a
``beside`` line is a flag named for its suffix, ``--pdf``, on the commands
that write a deck or a session plan).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from . import docx, pdf, png, pptx
from .writer import DOCUMENT, PLAN, Job, Writer

WRITERS: Mapping[str, Writer] = MappingProxyType(
    {
        ".pptx": pptx.WRITER,
        ".docx": docx.WRITER,
        ".pdf": pdf.WRITER,
        ".png": png.WRITER,
    }
)

__all__ = ["DOCUMENT", "PLAN", "WRITERS", "Job", "Writer"]
