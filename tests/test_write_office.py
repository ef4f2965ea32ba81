"""Templates, previews and PDFs: building on a trust's PowerPoint, LibreOffice output."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import need, pdf_pages, slide_title
from PIL import Image
from pptx import Presentation

from dnadeck import load_guide, save_deck
from dnadeck.cli import main
from dnadeck.write import office


def _four_by_three_template(folder: Path, potx: bool = False) -> Path:
    """A 4:3 template with a slide in it, as a trust might hand over."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = "Old slide that must not appear"
    path = folder / ("trust.potx" if potx else "trust.pptx")
    prs.save(str(path))
    if potx:
        data = io.BytesIO(path.read_bytes())
        out = io.BytesIO()
        with zipfile.ZipFile(data) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                blob = src.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    blob = blob.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
                dst.writestr(info, blob)
        path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize("potx", [False, True], ids=["pptx", "potx"])
def test_build_on_a_trust_template(tmp_path: Path, potx: bool, validator) -> None:  # type: ignore[no-untyped-def]
    template = _four_by_three_template(tmp_path, potx)
    guide_file = tmp_path / "mine.yaml"
    guide_file.write_text(f"extends: compassion\ntemplate: {template.name}\n", encoding="utf-8")
    deck = save_deck(load_guide(guide_file), tmp_path / "mine.pptx")
    prs = Presentation(str(deck))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)  # the template's 4:3
    titles = [slide_title(s) for s in prs.slides]
    assert "Old slide that must not appear" not in titles and titles[0] == "Compassion"
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height
    report = validator.validate_deck(str(deck))
    assert (report.errors, report.warnings) == ([], [])


def test_a_template_that_is_not_powerpoint_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pptx"
    bad.write_text("not a zip", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "compassion", "--template", str(bad), "-o", str(tmp_path / "x.pptx")])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "template" in result.stderr
    assert not (tmp_path / "x.pptx").exists()


@pytest.mark.office
def test_preview_writes_a_contact_sheet(tmp_path: Path) -> None:
    need("soffice")
    need("pdftoppm")
    out = tmp_path / "sheet.png"
    result = CliRunner().invoke(main, ["preview", "compassionate-leadership", "-o", str(out)])
    assert result.exit_code == 0, result.output
    slides = int(result.stdout.split("(")[1].split()[0])
    assert slides == len(
        Presentation(str(save_deck(load_guide("compassionate-leadership"), tmp_path / "d.pptx"))).slides
    )
    with Image.open(out) as sheet:
        assert sheet.width > 1000 and sheet.height > 1000


@pytest.mark.office
def test_build_pdf_writes_one_page_per_slide(tmp_path: Path) -> None:
    need("soffice")
    out = tmp_path / "resilience.pptx"
    result = CliRunner().invoke(main, ["build", "resilience", "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    assert pdf_pages(out.with_suffix(".pdf")) == len(Presentation(str(out)).slides)


def test_without_libreoffice_preview_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(main, ["preview", "compassion", "-o", str(tmp_path / "s.png")])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "LibreOffice" in lines[0] and "apt-get install libreoffice-impress" in lines[0]
    result = CliRunner().invoke(main, ["build", "compassion", "-o", str(tmp_path / "d.pptx"), "--pdf"])
    assert result.exit_code == 1 and not (tmp_path / "d.pptx").exists()
    assert os.environ["PATH"] == str(tmp_path)


def test_libreoffice_messages_name_files_not_folders() -> None:
    said = "Error: source file could not be loaded: file:///tmp/dnadeck-web-x1/out/resilience.pptx (/tmp/a/b.odp)"
    assert office.without_paths(said) == "Error: source file could not be loaded: resilience.pptx (b.odp)"


def test_converters_are_named_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DNADECK_CONVERTERS", " 127.0.0.1:2003, ,converter.example:2004 ")
    assert office.named_converters() == ["127.0.0.1:2003", "converter.example:2004"]
    monkeypatch.delenv("DNADECK_CONVERTERS")
    assert office.named_converters() == []
