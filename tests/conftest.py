"""Shared fixtures: the CLI runner, the built packs, LibreOffice, the validator."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from dnadeck import build as lib
from dnadeck.catalogue import pack_ids

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(os.environ.get("DNADECK_SHARED", ROOT.parent / "shared"))
REQUIRE_OFFICE = os.environ.get("DNADECK_REQUIRE_OFFICE") == "1"


def need(program: str) -> str:
    """The program's path; skip (or, with DNADECK_REQUIRE_OFFICE=1, fail) if missing."""
    found = shutil.which(program)
    if found:
        return found
    message = f"{program} is not installed (Debian: apt-get install libreoffice-impress poppler-utils)"
    if REQUIRE_OFFICE:
        pytest.fail(message + " and DNADECK_REQUIRE_OFFICE=1")
    pytest.skip(message)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def validator() -> ModuleType:
    """shared/ooxml/validate_pptx.py, the ECMA-376 schema and package checker."""
    path = SHARED / "ooxml" / "validate_pptx.py"
    if not path.is_file():
        pytest.skip(f"the OOXML validator is not here ({path}); it comes with ../shared")
    spec = importlib.util.spec_from_file_location("validate_pptx", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def examples() -> list[Path]:
    folder = SHARED / "examples"
    if not folder.is_dir():
        pytest.skip(f"no examples folder at {folder}; it comes with ../shared")
    return sorted(folder.glob("*.yaml"))


@pytest.fixture(scope="session")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every bundled pack, built once for the session: id -> .pptx path."""
    out = tmp_path_factory.mktemp("packs")
    results = lib.build_all(out, jobs=2)
    assert all(r.error is None for r in results), [r.error for r in results]
    return {Path(r.path).stem: Path(r.path) for r in results if r.path}


@pytest.fixture(scope="session")
def to_pdf(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    """Convert a deck to PDF with the real LibreOffice (once per deck)."""
    done: dict[Path, Path] = {}

    def convert(deck: Path) -> Path:
        if deck not in done:
            need("soffice")
            from dnadeck.office import to_pdf as office_to_pdf

            done[deck] = office_to_pdf(deck, tmp_path_factory.mktemp("pdf"))
        return done[deck]

    return convert


def pdf_pages(pdf: Path) -> int:
    """Pages in a PDF, counted by poppler's pdfinfo."""
    need("pdfinfo")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


ALL_PACKS = pack_ids()


def slide_title(slide: object) -> str:
    """The text of the slide's title placeholder ('' if it has none)."""
    title = slide.shapes.title  # type: ignore[attr-defined]
    return title.text_frame.text if title is not None else ""


def slide_text(slide: object) -> str:
    """All the text on a slide, one shape per line."""
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)  # type: ignore[attr-defined]


def slide_links(slide: object) -> list[str]:
    """Every hyperlink on a slide: in text runs and on pictures."""
    links = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        if shape.has_text_frame:
            links += [r.hyperlink.address for p in shape.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
        elif shape.shape_type == 13 and shape.click_action.hyperlink.address:  # a picture
            links.append(shape.click_action.hyperlink.address)
    return links


def slide_notes(slide: object) -> str:
    if not slide.has_notes_slide:  # type: ignore[attr-defined]
        return ""
    return slide.notes_slide.notes_text_frame.text  # type: ignore[attr-defined]
