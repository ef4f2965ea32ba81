"""build-all: every pack, in parallel, carrying on past a broken one."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import ALL_PACKS
from pptx import Presentation

from dnadeck.build import build_all
from dnadeck.catalogue import pack_path
from dnadeck.cli import main


def test_build_all_writes_every_pack(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "decks"
    result = runner.invoke(main, ["build-all", "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in out.glob("*.pptx")) == ALL_PACKS
    for pack in ALL_PACKS:
        assert pack in result.output
        assert len(Presentation(str(out / f"{pack}.pptx")).slides) >= 10
    assert "slides" in result.output and "seconds" in result.output
    assert f"{len(ALL_PACKS)} of {len(ALL_PACKS)} decks written" in result.output


def test_a_broken_pack_does_not_stop_the_others(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    for good in ("compassion", "resilience"):
        shutil.copy(pack_path(good), packs / f"{good}.yaml")  # type: ignore[arg-type]
    (packs / "broken.yaml").write_text(
        "title: Broken\nslides:\n  - kind: story\n    story: no-such-story\n", encoding="utf-8"
    )
    out = tmp_path / "decks"
    result = CliRunner().invoke(main, ["build-all", "--packs-dir", str(packs), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["compassion.pptx", "resilience.pptx"]
    assert f"{packs / 'broken.yaml'}:4: slides[1].story: no story 'no-such-story'" in result.stderr
    assert "2 of 3 decks written" in result.output


def test_rebuilding_replaces_the_decks_but_not_a_changed_file(tmp_path: Path) -> None:
    first = build_all(tmp_path, jobs=1, sources=["compassion"])
    again = build_all(tmp_path, jobs=1, sources=["compassion"])
    assert again[0].error is None and again[0].size == first[0].size
    (tmp_path / "compassion.pptx").write_bytes(b"stale")
    refused = build_all(tmp_path, jobs=1, sources=["compassion"])
    assert refused[0].error and "not a deck dnadeck wrote" in str(refused[0].error)
    assert (tmp_path / "compassion.pptx").read_bytes() == b"stale"
    forced = build_all(tmp_path, jobs=1, sources=["compassion"], force=True)
    assert first[0].size == forced[0].size == (tmp_path / "compassion.pptx").stat().st_size
    assert [p.name for p in tmp_path.iterdir()] == ["compassion.pptx"]
