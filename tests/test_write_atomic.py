"""Files written atomically: whole, together, keeping a replaced file's mode, nothing half-done."""

from __future__ import annotations

from pathlib import Path

import pytest

from dnadeck.errors import OutputError
from dnadeck.write.atomic import write_all_atomic, write_atomic


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
