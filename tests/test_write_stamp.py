"""Writing a deck: fixed bytes for the same deck, a fingerprint that tells an
edited deck from ours, atomic writes, and never over what a person made."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from dnadeck import deck_bytes, load_guide
from dnadeck.errors import OutputError
from dnadeck.save import check_output, recorded_fingerprint, stamp, write_all_atomic, write_atomic


@pytest.fixture(scope="module")
def deck() -> bytes:
    return deck_bytes(load_guide("compassion"))


def _edited(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            part = src.read(info)
            dst.writestr(
                info, part.replace(b"Compassion", b"Kindness", 1) if info.filename.endswith("slide1.xml") else part
            )
    return out.getvalue()


def test_a_deck_records_the_fingerprint_of_its_parts(deck: bytes) -> None:
    recorded, now = recorded_fingerprint(deck)
    assert recorded is not None and recorded == now
    recorded, now = recorded_fingerprint(_edited(deck))
    assert recorded is not None and recorded != now
    assert recorded_fingerprint(b"not a zip") == (None, None)


def test_stamping_is_deterministic_and_keeps_every_part(deck: bytes) -> None:
    again = stamp(deck)
    assert stamp(again) == again
    with zipfile.ZipFile(io.BytesIO(again)) as z:
        names = z.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(2016, 11, 2, 0, 0, 0)}
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        assert set(z.namelist()) == set(names)


def test_what_may_be_replaced_and_what_may_not(tmp_path: Path, deck: bytes) -> None:
    ours, edited, notes = tmp_path / "ours.pptx", tmp_path / "edited.pptx", tmp_path / "notes.pptx"
    ours.write_bytes(deck)
    edited.write_bytes(_edited(deck))
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


def test_files_are_written_whole_together_and_keep_their_mode(tmp_path: Path) -> None:
    kept = tmp_path / "kept.pptx"
    kept.write_bytes(b"old")
    kept.chmod(0o600)
    write_all_atomic([(kept, b"new"), (tmp_path / "plan.docx", b"plan")])
    assert kept.read_bytes() == b"new" and (kept.stat().st_mode & 0o777) == 0o600
    assert (tmp_path / "plan.docx").read_bytes() == b"plan"
    (tmp_path / "afile").write_text("x")
    with pytest.raises(OutputError, match=r"afile/b\.pptx"):
        write_all_atomic([(tmp_path / "a.pptx", b"a"), (tmp_path / "afile" / "b.pptx", b"b")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "kept.pptx", "plan.docx"]  # nothing half-done
    write_atomic(tmp_path / "one.pptx", b"1")
    assert (tmp_path / "one.pptx").read_bytes() == b"1"
