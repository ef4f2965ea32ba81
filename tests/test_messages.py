"""Messages in one style whoever finds the mistake: options as typed, paths as given, fixes suggested."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from dnadeck.cli import main

LOGO = Path(__file__).resolve().parent / "data" / "example-trust-logo.png"


@pytest.fixture
def here(tmp_path: Path) -> Iterator[Path]:
    old = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def test_a_mistyped_story_is_named_as_typed(runner: CliRunner) -> None:
    done = runner.invoke(main, ["show", "compassion", "--story", "touch", "--story", "stya"])
    assert done.exit_code == 1
    assert done.stderr.startswith("dnadeck show: --story stya: no story 'stya' in the catalogue (did you mean 'stay'?)")


def test_a_missing_logo_suggests_the_nearest_name_as_click_and_loader_alike(here: Path, runner: CliRunner) -> None:
    (here / "trust-logo.png").write_bytes(LOGO.read_bytes())
    missing = runner.invoke(main, ["build", "resilience", "--logo", "trust_logo.png"])
    assert missing.exit_code == 1
    assert missing.stderr == "dnadeck build: --logo: no such file 'trust_logo.png' (did you mean 'trust-logo.png'?)\n"
    (here / "notes.txt").write_text("x")
    wrong = runner.invoke(main, ["build", "resilience", "--logo", "notes.txt"])
    assert wrong.exit_code == 1
    assert wrong.stderr.startswith("dnadeck build: --logo: 'notes.txt' should be a .png")
    (here / "g.yaml").write_text("extends: resilience\nlogo: trust-logo.pgn\n")
    in_file = runner.invoke(main, ["validate", "g.yaml"])
    assert in_file.stderr == (
        "g.yaml:2: logo: 'trust-logo.pgn' should be a .png or .jpg or .jpeg or .gif or .bmp or .tif or .tiff "
        "or .webp file\n"
    )
    (here / "g.yaml").write_text("extends: resilience\nlogo: trust-logos.png\n")
    near = runner.invoke(main, ["validate", "g.yaml"])
    assert (
        near.stderr
        == "g.yaml:2: logo: no such file 'trust-logos.png' in the guide's folder (did you mean 'trust-logo.png'?)\n"
    )
    guide = runner.invoke(main, ["build", "g.yml"])
    assert guide.stderr == "dnadeck build: no such guide file 'g.yml' (did you mean 'g.yaml'?)\n"


def test_an_output_name_without_a_suffix_suggests_a_folder(here: Path, runner: CliRunner) -> None:
    done = runner.invoke(main, ["build", "resilience", "-o", "out2"])
    assert done.exit_code == 1
    assert "for a new folder write out2/, for a file out2.pptx" in done.stderr
    assert done.stderr.startswith("dnadeck build: -o 'out2': ")
    assert list(here.iterdir()) == []
    assert runner.invoke(main, ["build", "resilience", "-o", "out2/"]).exit_code == 0
    assert (here / "out2" / "resilience.pptx").is_file()


def test_written_paths_are_shown_as_given_with_control_characters_escaped(here: Path, runner: CliRunner) -> None:
    default = runner.invoke(main, ["build", "resilience"])
    assert default.output.startswith("wrote resilience.pptx (")  # relative, as the user would type it
    odd = runner.invoke(main, ["build", "resilience", "-o", "a\nb\x1b[2J.pptx"])
    assert odd.exit_code == 0, odd.output
    assert odd.output.startswith("wrote a\\nb\\x1b[2J.pptx (")
    assert (here / "a\nb\x1b[2J.pptx").is_file()
    folder = runner.invoke(main, ["build", "resilience", "-o", str(here / "decks") + "/"])
    assert folder.output.startswith(f"wrote {here / 'decks' / 'resilience.pptx'} (")
