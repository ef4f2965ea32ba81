"""The README's quick start, run as written in an empty folder (so the README and this test cannot drift)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation

from dnadeck.catalogue import assets_dir
from dnadeck.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(heading: str) -> str:
    start = README.index(f"\n## {heading}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def commands(text: str) -> list[list[str]]:
    """Every command in the section's ```sh blocks, continuation lines joined, comments dropped."""
    found: list[list[str]] = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words:
                found.append(words)
    return found


def test_the_quick_start_runs_as_written_in_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = commands(section("Quick start"))
    assert steps and all(step[0] == "dnadeck" for step in steps), steps
    assert steps[0] == ["dnadeck", "new", "--example"]
    monkeypatch.chdir(tmp_path)
    for step in steps:  # in this process: the installed command itself is run in test_cli.py
        done = CliRunner().invoke(main, step[1:], prog_name="dnadeck")
        assert done.exit_code == 0, (step, done.stdout, done.stderr, done.exception)
        assert "warning" not in done.stderr, (step, done.stderr)
    # What the section says the commands write is there, and is what it says.
    for name in re.findall(r"writes `?([\w.-]+\.(?:pptx|docx|yaml))", section("Quick start")):
        assert (tmp_path / name).is_file(), name
    deck = Presentation(str(tmp_path / "away-day.pptx"))
    texts = [sh.text_frame.text for slide in deck.slides for sh in slide.shapes if sh.has_text_frame]
    assert "Compassionate leadership: Ward 7 away day" in texts
    pictures = [sh for sh in deck.slides[0].shapes if sh.shape_type == 13]
    assert pictures, "the sample logo is on the title slide"


def test_the_example_file_is_the_one_the_readme_shows() -> None:
    shown = re.search(r"```yaml\n(extends: compassionate-leadership\n.*?)```", README, re.S)
    assert shown is not None
    written = (assets_dir() / "example" / "ward7-away-day.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(shown.group(1)) == yaml.safe_load(written)
    assert {"example-trust-logo.png", "example-trust-template.pptx"} <= {
        p.name for p in (assets_dir() / "example").iterdir()
    }


def test_new_example_refuses_a_file_name_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["new", "--example", "-o", "x.yaml"], prog_name="dnadeck")
    assert done.exit_code == 1
    assert (
        done.stderr
        == "dnadeck new: -o 'x.yaml': the example is several files, written into a folder; name a folder (e.g. x/)\n"
    )
    assert list(tmp_path.iterdir()) == []
