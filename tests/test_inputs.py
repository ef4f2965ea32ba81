"""Reading files a user names: regular files only, within a size, and
templates checked before anything unpacks them; "did you mean" names."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from dnadeck.inputs import FileProblem, check_package, nearest_file, read_capped
from dnadeck.limits import TEMPLATE_MAX_PARTS


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "guide.yaml"
    path.write_bytes(b"title: A\n" * 100)
    assert read_capped(path, 10_000, "guide file") == b"title: A\n" * 100


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a folder, not a guide file"),
        (lambda p: os.mkfifo(p), "is not a guide file (a device or a pipe); name a file"),
        (lambda p: p.write_bytes(b"x" * 2001), "is too big for a guide file"),
        (lambda p: p.symlink_to(p), "is a link that points to itself"),
    ],
)
def test_what_cannot_be_read_says_why(tmp_path: Path, make, said: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "g.yaml"
    make(path)
    with pytest.raises(FileProblem) as caught:
        read_capped(path, 2000, "guide file")
    assert said in str(caught.value)


def test_a_file_that_reports_no_size_is_still_capped() -> None:
    maps = Path("/proc/self/maps")  # a regular file of size 0 that reads as many lines
    assert maps.stat().st_size == 0
    with pytest.raises(FileProblem, match="is too big for a file \\(more than "):
        read_capped(maps, 10)


def test_did_you_mean_names_the_nearest_file_as_it_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "ward7-logo.png").write_bytes(b"")
    (tmp_path / "other.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    assert nearest_file("sub/ward7-logo.jpg") == "sub/ward7-logo.png"
    assert nearest_file("ward7-logo.png") is None  # nothing like it here
    assert nearest_file("nosuchfolder/x.png") is None


def _pptx(path: Path, parts: int, size: int = 10) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(parts):
            z.writestr(f"ppt/part{i}.xml", b"\0" * size)
    return path


def test_a_template_is_checked_before_it_is_unpacked(tmp_path: Path) -> None:
    check_package(_pptx(tmp_path / "fine.pptx", 20))
    with pytest.raises(FileProblem, match=f"parts inside \\(at most {TEMPLATE_MAX_PARTS}\\)"):
        check_package(_pptx(tmp_path / "many.pptx", TEMPLATE_MAX_PARTS + 1))
    with pytest.raises(FileProblem, match=r"unpacks to .* remove large pictures"):
        check_package(_pptx(tmp_path / "bomb.pptx", 5, 60_000_000))
    (tmp_path / "text.pptx").write_text("hello")
    with pytest.raises(FileProblem, match="is not a PowerPoint file"):
        check_package(tmp_path / "text.pptx")
    with pytest.raises(FileProblem, match="is not a template; name a file"):
        check_package(tmp_path)
