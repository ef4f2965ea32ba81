"""The writers' table: one module and one command-line flag for each kind of output file."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType, ModuleType

import click
import pytest
from click.testing import CliRunner
from conftest import need, pdf_pages
from PIL import Image
from pptx import Presentation

import dnadeck
import dnadeck.cli
import dnadeck.write
from dnadeck import build
from dnadeck.write import PLAN, WRITERS, Job, Writer

# The commands whose main output each document writer makes (the others go beside these).
DOCUMENT_COMMANDS = {".pptx": "build", ".docx": "handout"}


def _writer_modules() -> dict[str, ModuleType]:
    """Every module of dnadeck.write that declares a WRITER, by name."""
    found = {}
    for info in pkgutil.iter_modules(dnadeck.write.__path__):
        module = importlib.import_module(f"dnadeck.write.{info.name}")
        if hasattr(module, "WRITER"):
            found[info.name] = module
    return found


def test_every_writer_in_the_table_has_its_module_and_every_writer_module_its_entry() -> None:
    modules = _writer_modules()
    assert sorted(modules) == sorted(suffix.lstrip(".") for suffix in WRITERS)
    for suffix, writer in WRITERS.items():
        assert writer.suffix == suffix
        assert modules[suffix.lstrip(".")].WRITER is writer
        assert writer.what.startswith(("a ", "an "))  # messages say "is not a deck"
        reads = writer.reads
        assert reads in (PLAN, dnadeck.write.DOCUMENT) or reads in WRITERS, f"{suffix} reads {reads}"


def _flags(command: click.Command) -> dict[str, str]:
    """A command's flags that ask for a file beside its document: flag -> help."""
    return {
        p.opts[0]: p.help or ""
        for p in command.params
        if isinstance(p, click.Option) and (p.name or "").startswith("beside_")
    }


def test_every_writer_has_its_command_line_option_and_every_option_its_writer() -> None:
    documents = {suffix for suffix, w in WRITERS.items() if w.reads == PLAN and not w.beside}
    assert documents == set(DOCUMENT_COMMANDS)
    commands = dnadeck.cli.main.commands
    wanted = {f"--{w.suffix[1:]}": w.beside for w in WRITERS.values() if w.beside}
    assert {w.suffix for w in WRITERS.values() if w.beside} | documents == set(WRITERS)
    for name in DOCUMENT_COMMANDS.values():
        assert _flags(commands[name]) == wanted, name
    result = CliRunner().invoke(dnadeck.cli.main, ["build", "--help"])
    for flag in wanted:
        assert flag in result.stdout


def test_outputs_puts_each_file_beside_the_document_in_the_tables_order(tmp_path: Path) -> None:
    files = build.outputs(tmp_path / "deck.pptx", "x.pptx", "a deck", None, [".png", ".pdf"])
    assert files == [
        (tmp_path / "deck.pptx", ".pptx"),
        (tmp_path / "deck.pdf", ".pdf"),
        (tmp_path / "deck.png", ".png"),
    ]
    # -o naming the PDF: the document goes beside it, and the PDF keeps the name as given
    files = build.outputs(tmp_path / "Plan.PDF", "x-handout.docx", "a session plan", None)
    assert files == [(tmp_path / "Plan.docx", ".docx"), (tmp_path / "Plan.PDF", ".pdf")]
    assert build.outputs(None, "x.pptx", "a deck", tmp_path) == [(tmp_path / "x.pptx", ".pptx")]


def test_a_file_no_writer_makes_beside_a_document_is_refused() -> None:
    with pytest.raises(ValueError, match=r"\.docx"):
        build.outputs(None, "x.pptx", "a deck", None, [".docx"])


def _titles(job: Job, _: bytes) -> bytes:
    return "\n".join(slide.title for slide in job.plan.slides).encode("utf-8")


OUTLINE = Writer(".txt", "an outline", PLAN, _titles, beside="Also write the slide titles.")


@pytest.fixture
def with_outline(monkeypatch: pytest.MonkeyPatch) -> Iterator[click.Group]:
    """The command line as it is with one more entry in the table, and as it was after."""
    table = MappingProxyType({**WRITERS, ".txt": OUTLINE})
    for owner in (dnadeck.write, build, dnadeck):
        monkeypatch.setattr(owner, "WRITERS", table)
    try:
        yield importlib.reload(dnadeck.cli).main
    finally:
        monkeypatch.undo()
        importlib.reload(dnadeck.cli)


def test_a_new_kind_of_output_is_one_table_entry_away_from_its_flag(with_outline: click.Group, tmp_path: Path) -> None:
    result = CliRunner().invoke(with_outline, ["build", "resilience", "--txt", "-o", str(tmp_path / "r.pptx")])
    assert result.exit_code == 0, result.output
    assert f"wrote {tmp_path / 'r.txt'}" in result.stdout
    titles = (tmp_path / "r.txt").read_text(encoding="utf-8").splitlines()
    assert titles[0] == dnadeck.load_guide("resilience").title
    result = CliRunner().invoke(with_outline, ["handout", "resilience", "--txt", "-o", str(tmp_path / "p.docx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "p.txt").read_text(encoding="utf-8").splitlines() == titles


@pytest.mark.office
def test_build_writes_the_pdf_and_the_contact_sheet_beside_the_deck(tmp_path: Path) -> None:
    need("soffice")
    need("pdftoppm")
    out = tmp_path / "resilience.pptx"
    result = CliRunner().invoke(dnadeck.cli.main, ["build", "resilience", "-o", str(out), "--pdf", "--png"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [f"wrote {out.with_suffix('.pdf')}", f"wrote {out.with_suffix('.png')}"]
    slides = len(Presentation(str(out)).slides)
    assert pdf_pages(out.with_suffix(".pdf")) == slides
    with Image.open(out.with_suffix(".png")) as sheet:
        assert sheet.format == "PNG" and sheet.width > 1000 and sheet.height > 1000
    # the contact sheet is the preview's, of the same deck
    preview = tmp_path / "preview.png"
    result = CliRunner().invoke(dnadeck.cli.main, ["preview", "resilience", "-o", str(preview)])
    assert result.exit_code == 0, result.output
    with Image.open(preview) as one, Image.open(out.with_suffix(".png")) as other:
        assert one.size == other.size


def test_a_contact_sheet_is_not_written_over_a_file_that_is_not_a_png(tmp_path: Path) -> None:
    (tmp_path / "d.png").write_text("my notes", encoding="utf-8")
    result = CliRunner().invoke(dnadeck.cli.main, ["build", "resilience", "-o", str(tmp_path / "d.pptx"), "--png"])
    assert result.exit_code == 1
    assert "d.png' is already there and is not a PNG file" in result.stderr
    assert (tmp_path / "d.png").read_text(encoding="utf-8") == "my notes" and not (tmp_path / "d.pptx").exists()
