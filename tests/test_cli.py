"""The dnadeck command: help everywhere, builds, errors that are one line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import ALL_PACKS, ROOT, slide_title
from pptx import Presentation

from dnadeck import __version__
from dnadeck.cli import main

COMMANDS = sorted(main.commands)


def test_the_commands_exist() -> None:
    assert {"build", "build-all", "list", "preview", "show", "validate"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert main.commands[command].help and len(main.commands[command].help) > 30
    assert "Example" in result.output and f"dnadeck {command}" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"dnadeck {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_build_a_pack_into_the_current_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", "resilience"])
    assert result.exit_code == 0, result.output
    assert "resilience.pptx" in result.output
    assert Presentation(str(tmp_path / "resilience.pptx")).slides


def test_build_with_options(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "team.pptx"
    result = runner.invoke(
        main,
        [
            "build",
            "compassion",
            "-o",
            str(out),
            "--title",
            "Compassion: team day",
            "--presenter",
            "Sam Patel",
            "--organisation",
            "Ward 7",
            "--date",
            "2026-12-03",
            "--story",
            "touch",
            "--question",
            "2",
            "--question",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    prs = Presentation(str(out))
    first = prs.slides[0]
    text = " ".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
    assert "Compassion: team day" in text and "Sam Patel" in text and "Ward 7" in text and "3 December 2026" in text
    titles = [slide_title(s) for s in prs.slides]
    assert "Touch" in titles and "Stay" not in titles


def test_bad_guide_is_one_line_on_stderr_and_writes_nothing(tmp_path: Path) -> None:
    runner = CliRunner()
    guide = tmp_path / "bad.yaml"
    guide.write_text("title: A\nslides:\n  - kind: story\n    story: stya\n", encoding="utf-8")
    out = tmp_path / "bad.pptx"
    result = runner.invoke(main, ["build", str(guide), "-o", str(out)])
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == f"{guide}:4: slides[1].story: no story 'stya' in the catalogue (did you mean 'stay'?); stories are "
        + result.stderr.split("stories are ", 1)[1].strip()
    )
    assert "Traceback" not in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [guide]


def test_failed_build_leaves_an_existing_deck_alone(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "deck.pptx"
    assert runner.invoke(main, ["build", "compassion", "-o", str(out)]).exit_code == 0
    before = out.read_bytes()
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"this is not a picture")
    result = runner.invoke(main, ["build", "compassion", "-o", str(out), "--logo", str(broken)])
    assert result.exit_code == 1
    assert "logo" in result.stderr and "not an image" in result.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.png", "deck.pptx"]


def test_usage_errors_exit_2_and_values_that_cannot_be_used_1_whoever_finds_them(runner: CliRunner) -> None:
    assert runner.invoke(main, ["build"]).exit_code == 2
    assert runner.invoke(main, ["build", "compassion", "--frobnicate"]).exit_code == 2
    click_found = runner.invoke(main, ["build", "compassion", "--question", "one"])
    we_found = runner.invoke(main, ["build", "compassion", "--question", "99"])
    assert click_found.exit_code == we_found.exit_code == 1
    assert click_found.stderr.startswith("dnadeck build: --question: 'one' is not a question number")
    assert we_found.stderr.startswith("dnadeck build: --question 99: no question 99")


def test_validate(runner: CliRunner, tmp_path: Path, examples: list[Path]) -> None:
    result = runner.invoke(main, ["validate", *map(str, examples), "compassionate-leadership"])
    assert result.exit_code == 0, result.output
    assert result.output.count("ok: ") == len(examples) + 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: A\nslides:\n  - kind: quote\n    text: x\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(bad), "compassion"])
    assert result.exit_code == 1
    assert f"{bad}:3: slides[1].by: missing" in result.stderr
    assert "ok: compassion" in result.stdout
    assert not list(tmp_path.glob("*.pptx"))


def test_a_deck_whose_fixed_words_are_in_another_language_says_how_to_translate_them(
    runner: CliRunner, tmp_path: Path
) -> None:
    guide = tmp_path / "cy.yaml"
    guide.write_text("extends: resilience\ntitle: Gwydnwch\nlanguage: cy\n", encoding="utf-8")
    plan = ["handout", str(guide), "-o", str(tmp_path / "cy.docx")]
    for command in (["build", str(guide), "-o", str(tmp_path / "cy.pptx")], ["validate", str(guide)], plan):
        result = runner.invoke(main, command)
        assert result.exit_code == 0, result.output
        (note,) = [line for line in result.stderr.splitlines() if "note:" in line]
        assert "fixed words" in note and "in en-GB" in note and "dnadeck wording -o wording.yaml" in note
        assert ("of the session plan" in note) == (command == plan), note
    assert runner.invoke(main, ["wording", "-o", str(tmp_path / "wording.yaml")]).exit_code == 0
    shipped = (tmp_path / "wording.yaml").read_text(encoding="utf-8")
    (tmp_path / "wording.yaml").write_text(
        shipped.replace("\nlanguage: en-GB ", "\nlanguage: cy ", 1), encoding="utf-8"
    )
    guide.write_text(guide.read_text(encoding="utf-8") + "wording: wording.yaml\n", encoding="utf-8")
    english = runner.invoke(main, ["build", "resilience", "-o", str(tmp_path / "en.pptx")])
    translated = runner.invoke(main, [*plan, "--force"])
    for result in (runner.invoke(main, ["validate", str(guide)]), english, translated):
        assert result.exit_code == 0 and "note:" not in result.stderr, result.output


def test_list_shows_packs_and_stories(runner: CliRunner) -> None:
    result = runner.invoke(main, ["list"])
    assert result.exit_code == 0
    for word in ("compassionate-leadership", "Compassionate leadership", "stay", "Floristry, perhaps?", "1018"):
        assert word in result.output


def test_show_numbers_the_questions(runner: CliRunner) -> None:
    result = runner.invoke(main, ["show", "compassionate-leadership"])
    assert result.exit_code == 0
    assert "Q1:" in result.output and "Q10:" in result.output and "Q11:" not in result.output


def test_installed_command_runs_outside_the_repo(tmp_path: Path) -> None:
    exe = shutil.which("dnadeck", path=str(Path(sys.executable).parent)) or shutil.which("dnadeck")
    if exe is None:
        pytest.skip("the dnadeck command is not installed")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [exe, "build", "compassionate-leadership"], cwd=tmp_path, capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "compassionate-leadership.pptx").is_file()
    done = subprocess.run([exe, "build-all"], cwd=tmp_path, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "decks").iterdir()) == [f"{p}.pptx" for p in ALL_PACKS]
    assert done.stderr == ""  # no progress bar when not on a terminal
    module = subprocess.run(
        [sys.executable, "-m", "dnadeck", "--help"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert module.returncode == 0 and "build-all" in module.stdout


def test_click_is_the_cli() -> None:
    assert isinstance(main, click.Group)


def test_a_broken_logo_in_a_guide_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"not a png")
    guide = tmp_path / "mine.yaml"
    guide.write_text("extends: compassion\norganisation: Ward 7\nlogo: logo.png\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(guide), "-o", str(tmp_path / "mine.pptx")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{guide}:3: logo: 'logo.png' is not an image")
    assert not (tmp_path / "mine.pptx").exists()


def test_a_chosen_question_about_a_story_left_out_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "cut.pptx"
    result = runner.invoke(
        main, ["build", "compassionate-leadership", "--story", "stay", "--question", "3", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "question 3 is about ‘Floristry, perhaps?’ (floristry-perhaps)" in result.output
    assert "add floristry-perhaps to the stories" in result.output
    assert not out.exists()


def test_usage_errors_are_one_line(runner: CliRunner) -> None:
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 2
    assert result.stderr == "dnadeck build: Missing argument 'SOURCE' (see dnadeck build --help)\n"
    result = runner.invoke(main, ["build", "compassion", "--date", "3/12/2026"])
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1
    assert "'3/12/2026' is not a date: write it as YYYY-MM-DD" in result.stderr


def test_questions_may_be_given_with_commas(runner: CliRunner, tmp_path: Path) -> None:
    one = runner.invoke(
        main, ["build", "compassionate-leadership", "--question", "1,4,8", "-o", str(tmp_path / "a.pptx")]
    )
    many = ["--question", "1", "--question", "4", "--question", "8"]
    other = runner.invoke(main, ["build", "compassionate-leadership", *many, "-o", str(tmp_path / "b.pptx")])
    assert one.exit_code == other.exit_code == 0, one.output + other.output
    assert (tmp_path / "a.pptx").read_bytes() == (tmp_path / "b.pptx").read_bytes()


@pytest.mark.parametrize(
    ("raised", "code", "line"),
    [
        (
            RuntimeError("boom\n\x1b[2Jagain"),
            70,
            "dnadeck: internal error: RuntimeError: boom\\n\\x1b[2Jagain (please report this to the dnadeck "
            "maintainers; run with --debug for details)",
        ),
        (KeyboardInterrupt(), 130, "dnadeck: interrupted"),
    ],
    ids=["internal-error", "interrupted"],
)
def test_the_last_resort_is_one_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, raised: BaseException, code: int, line: str
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise raised

    monkeypatch.setattr("dnadeck.write_deck", fail)
    monkeypatch.delenv("DNADECK_DEBUG", raising=False)
    result = runner.invoke(main, ["build", "compassion"])
    assert (result.exit_code, result.stderr) == (code, line + "\n")


def test_debug_shows_the_traceback(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("dnadeck.write_deck", fail)
    monkeypatch.delenv("DNADECK_DEBUG", raising=False)
    result = runner.invoke(main, ["--debug", "build", "compassion"])
    assert result.exit_code == 70 and "Traceback" in result.stderr and "RuntimeError: boom" in result.stderr
    monkeypatch.setenv("DNADECK_DEBUG", "1")
    result = runner.invoke(main, ["build", "compassion"])
    assert result.exit_code == 70 and "Traceback" in result.stderr


def test_output_rules(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "new-folder"
    result = runner.invoke(main, ["build", "compassion", "-o", f"{folder}/"])
    assert result.exit_code == 0, result.output
    deck = folder / "compassion.pptx"
    assert deck.is_file()
    result = runner.invoke(main, ["build", "resilience", "-o", str(deck)])  # a deck we wrote: replaced
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(deck) as src:  # changed since, as PowerPoint would save it: refused
        parts = {name: src.read(name) for name in src.namelist()}
    parts["ppt/slides/slide1.xml"] = parts["ppt/slides/slide1.xml"].replace(b"Resilience", b"Strength")
    with zipfile.ZipFile(deck, "w") as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    before = deck.read_bytes()
    result = runner.invoke(main, ["build", "compassion", "-o", str(deck)])
    assert result.exit_code == 1 and "use --force to replace it" in result.stderr
    assert deck.read_bytes() == before
    assert runner.invoke(main, ["build", "compassion", "-o", str(deck), "--force"]).exit_code == 0
    result = runner.invoke(main, ["build", "compassion", "-o", str(tmp_path / "deck.odp")])
    assert result.exit_code == 1 and "a deck is written to a .pptx or .pdf file, or into a folder" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new-folder"]


def test_a_locked_output_is_named_not_its_temporary_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied", str(src))  # as Windows says for a file open in PowerPoint

    monkeypatch.setattr("os.replace", locked)
    out = tmp_path / "deck.pptx"
    result = runner.invoke(main, ["build", "compassion", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"dnadeck: cannot write '{out}' (permission denied): if it is open, close it in PowerPoint; "
        "or use -o to write elsewhere\n"
    )
    assert list(tmp_path.iterdir()) == []  # the temporary file is gone too
