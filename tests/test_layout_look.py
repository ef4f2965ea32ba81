"""What dnadeck makes of a template: ``dnadeck template inspect`` (size, layouts,
fonts, colours, warnings) and the warnings a build on it gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import need
from PIL import Image
from templates_corpus import make
from test_layout_template import TINY, _installed, made, plain_template  # noqa: F401  (made is a fixture)

from dnadeck import fit
from dnadeck.cli import main
from dnadeck.layout.area import areas_for
from dnadeck.layout.look import inspect_template, template_warnings
from dnadeck.layout.template import open_template


def test_inspect_the_trust_template(made: dict[str, Path]) -> None:  # noqa: F811
    result = CliRunner().invoke(main, ["template", "inspect", str(made["trust"])])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Slide size: 13.33 x 7.50 in (landscape)" in out
    assert re.search(r"text\s+'Title and Content' \(its obj placeholder, idx 1", out)
    heading = _installed("DejaVu Serif", "Liberation Serif")
    assert re.search(rf"headings\s+'{heading}': measured with /\S+ \(installed here\)", out), out
    assert "FAIL  muted text accent6 #B0B0B0 on background bg1 #FFFFFF" in out
    assert "Used instead:" in out and "pass  muted text tx2 #1F4E79" in out
    assert "keeps clear of a shape 13.33 x 0.60 at 0.00, 6.90" in out
    assert "footer: in the layout's placeholders ftr" in out
    assert "Warnings:" in out and "muted text colour" in out


@pytest.mark.parametrize("name", ["parchment-ink", "picture-logo"])
def test_inspect_names_marks_on_the_background_picture_as_such(name: str, tmp_path: Path) -> None:
    """A facilitator looking for what the text keeps clear of finds no such shape in the Slide Master:
    the ink, or the logo printed on the picture, is part of the background picture."""
    out = inspect_template(make(name, tmp_path)).text()
    assert "keeps clear of a mark on the background picture" in out
    assert "keeps clear of a shape" not in out


def test_inspect_the_bundled_template_and_one_with_problems(made: dict[str, Path], tmp_path: Path) -> None:  # noqa: F811
    report = inspect_template(None)
    text = report.text()
    assert "'Arial': measured with the bundled Liberation Sans" in text
    assert "FAIL" not in text and text.endswith("Warnings: none\n")
    odd = plain_template(tmp_path, "odd-font", *TINY, font="Frutiger Nonesuch")
    text = inspect_template(odd).text()
    assert "not on this machine; measured with DejaVu Sans, which viewers without it draw in its place" in text
    assert "the slide is only 3.00 x 2.00 in" in text
    portrait = inspect_template(made["a4-portrait"]).text()
    assert "(portrait)" in portrait and "QR code below its synopsis" in portrait


@pytest.mark.office
def test_inspect_writes_a_preview(made: dict[str, Path], tmp_path: Path) -> None:  # noqa: F811
    need("soffice")
    out = tmp_path / "sheet.png"
    result = CliRunner().invoke(main, ["template", "inspect", str(made["trust"]), "--preview", str(out)])
    assert result.exit_code == 0, result.output
    assert "of the resilience pack on this template" in result.output
    with Image.open(out) as sheet:
        assert sheet.size[0] > 1000


def test_a_build_warns_of_what_the_template_made_it_change(made: dict[str, Path], tmp_path: Path) -> None:  # noqa: F811
    bundled = open_template(None)
    assert template_warnings(bundled, fit.DEFAULT_FONTS, areas_for(bundled)) == ()
    tiny = open_template(plain_template(tmp_path, "tiny", *TINY))
    warned = template_warnings(tiny, fit.DEFAULT_FONTS, areas_for(tiny))
    assert any("the slide is only 3.00 x 2.00 in, so text is scaled with it" in w for w in warned)
    assert all(w.startswith("template 'tiny.pptx': ") for w in warned), warned
    assert len(warned) == len(set(warned))
