"""The session plan's writer: the same document from a build's job and from the library's calls."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document

from dnadeck import handout_bytes, load_guide, plan_deck
from dnadeck.write import WRITERS, Job
from dnadeck.write.docx import WRITER, save_handout


def test_the_writer_makes_the_same_session_plan_as_handout_bytes(tmp_path: Path) -> None:
    guide = load_guide("resilience", stories=["floristry-perhaps"])
    job = Job(plan_deck(guide), ".docx", "plan.docx", WRITERS)
    data = job.bytes(".docx")
    assert WRITERS[".docx"] is WRITER and data == handout_bytes(guide)
    assert job.rendered is None  # the deck is drawn for its slide numbers, not written
    path = save_handout(guide, tmp_path / "plan.docx")
    assert path.read_bytes() == data
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "Floristry, perhaps?" in text
