"""A line on stderr before a step that takes a while; progress on a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dnadeck.cli import main

ROOT = Path(__file__).resolve().parent.parent


def long_guide(folder: Path, slides: int) -> Path:
    path = folder / "long.yaml"
    body = [{"kind": "text", "title": f"Part {n}", "body": "A few words to say."} for n in range(slides - 1)]
    path.write_text(yaml.safe_dump({"title": "Long", "slides": [{"kind": "title"}, *body]}), encoding="utf-8")
    return path


def test_a_long_guide_says_what_it_is_doing_and_the_output_stays_clean(runner: CliRunner, tmp_path: Path) -> None:
    path = long_guide(tmp_path, 250)
    done = runner.invoke(main, ["handout", str(path), "-o", str(tmp_path / "plan.docx")])
    assert done.exit_code == 0, done.output
    assert done.stderr.splitlines() == [
        "dnadeck: Laying out the deck's 250 slides...",
        "dnadeck: Writing the session plan for 250 slides...",
    ]
    assert done.stdout.startswith("wrote ")
    built = runner.invoke(main, ["build", str(path), "-o", str(tmp_path / "deck.pptx")])
    assert built.stderr == "dnadeck: Laying out and writing the deck's 250 slides...\n"
    short = runner.invoke(main, ["build", "resilience", "-o", str(tmp_path / "r.pptx")])
    assert short.stderr == ""  # quick: not a word


@pytest.mark.office
def test_a_pdf_says_it_is_being_made_first(runner: CliRunner, tmp_path: Path, need_soffice: None) -> None:
    done = runner.invoke(main, ["build", "resilience", "--pdf", "-o", str(tmp_path / "r.pptx")])
    assert done.exit_code == 0, done.output
    assert done.stderr == "dnadeck: Making the PDF with LibreOffice (a few seconds)...\n"
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")


@pytest.fixture
def need_soffice() -> None:
    from conftest import need

    need("soffice")


def test_build_all_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    parent, child = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "100"}
    process = subprocess.Popen(
        [sys.executable, "-m", "dnadeck", "build-all", "-o", str(tmp_path / "decks")],
        stdout=subprocess.PIPE,
        stderr=child,
        env=env,
    )
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(parent, 4096)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        seen += chunk
    out, _ = process.communicate()
    os.close(parent)
    assert process.returncode == 0
    assert b"Building packs" in seen and b"100%" in seen, seen
    assert b"5 of 5 decks written" in out
