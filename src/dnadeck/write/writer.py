"""What a writer is, and the job the writers of one build share.

A writer makes one file's bytes: from the deck's plan (a deck, a session
plan) or from another file of the same build (a PDF of the deck or session
plan, a contact sheet of the PDF's pages). ``Job`` holds what they share:
the plan, the drawn deck once drawn, and each file once made, so a file two
others are made from is made once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..layout.canvas import DeckDraw
    from ..plan import DeckPlan

PLAN = "plan"  # a writer that reads the deck's plan
DOCUMENT = "document"  # a writer that reads the deck or session plan its file goes with
LONG_GUIDE = 200  # slides: from here, the steps of a build are said

Say = Callable[[str], None]  # told of a step that takes a while, in a line


@dataclass(frozen=True)
class Writer:
    """One kind of output file, by its suffix."""

    suffix: str  # the file's suffix (".pdf"), its key in WRITERS
    what: str  # what messages call the file: "a PDF"
    reads: str  # PLAN, DOCUMENT, or the suffix of the file it is made from
    make: Callable[[Job, bytes], bytes]  # the file's bytes, from the job and the bytes it reads (b"" for PLAN)
    beside: str = ""  # when it can be asked for beside a deck or session plan, what that does, in a line
    needs_office: bool = False  # LibreOffice makes it: checked before anything is made
    names_document: bool = False  # an output named with this suffix means the document, with this beside it
    magic: bytes = b""  # how an existing file of this kind starts: one that does not is not replaced
    edited_in: str = ""  # for an Office file dnadeck fingerprints: the program a person edits it in


@dataclass(frozen=True)
class Rendered:
    """A deck written: its bytes, how many slides it has, what the template made us change."""

    data: bytes
    slides: int
    warnings: tuple[str, ...]


def _quiet(_: str) -> None:
    pass


@dataclass
class Job:
    """One build's work: its plan, what it is about (``document``: ".pptx" for a deck, ".docx" for a session
    plan), the name the document has, and each file made so far, by suffix."""

    plan: DeckPlan
    document: str
    name: str  # the document's file name ("resilience.pptx"): LibreOffice reads its kind from it
    writers: Mapping[str, Writer]
    say: Say = _quiet
    wanted: frozenset[str] = frozenset()  # the suffixes of the files asked for (others are steps)
    slides: int = 0  # the guide's slides, to say the steps of a long one
    rendered: Rendered | None = None  # the deck as written, once written: its slide count and warnings
    made: dict[str, bytes] = field(default_factory=dict)
    _drawn: DeckDraw | None = None

    def bytes(self, suffix: str) -> bytes:
        """The file of this suffix, made (with what it is made from) if not made yet."""
        if suffix not in self.made:
            writer = self.writers[suffix]
            reads = self.document if writer.reads == DOCUMENT else writer.reads
            self.made[suffix] = writer.make(self, b"" if reads == PLAN else self.bytes(reads))
        return self.made[suffix]

    def drawn(self) -> DeckDraw:
        """The deck laid out on its template (continuation slides included), drawn once."""
        if self._drawn is None:
            from ..layout import draw

            self._drawn = draw(self.plan)
        return self._drawn

    def long(self, step: str) -> None:
        """Say ``step`` for a long guide (a few seconds of work); short ones take no time worth a line."""
        if self.slides >= LONG_GUIDE:
            self.say(f"{step} {self.slides:,} slides...")
