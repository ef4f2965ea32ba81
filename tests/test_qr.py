"""QR codes drawn for stories of a guide's own: the symbols segno makes (same data, same
mask), they scan from the slide as LibreOffice shows it, and a link too long for one is
refused when the guide is read."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
import segno
import yaml
import zxingcpp
from click.testing import CliRunner
from conftest import need
from PIL import Image
from pptx import Presentation

from dnadeck import load_guide, save_deck
from dnadeck.cli import main
from dnadeck.limits import QR_MAX_BYTES
from dnadeck.qr import matrix

URI_CHARACTERS = "".join(map(chr, range(0x21, 0x7F)))

# a link of each length from 1 to 2,331 characters is drawn in one of the 40 versions;
# these lengths reach each version, and short ones are drawn at levels Q and H as well
LENGTHS = [*range(1, 300, 3), *range(300, QR_MAX_BYTES, 29), QR_MAX_BYTES]


def link_of(length: int) -> str:
    start = "https://example.org/"
    letters = "abcdefghijklmnopqrstuvwxyz0123456789/-_.~"
    tail = "".join(letters[(i * 7) % len(letters)] for i in range(max(0, length - len(start))))
    return (start + tail)[:length] if length >= len(start) else "mailto:a@b.org"[:length].ljust(length, "x")


def test_qr_codes_are_the_symbols_segno_makes_with_the_same_mask() -> None:
    seen = set()
    for length in LENGTHS:
        link = link_of(length)
        code = segno.make(link, error="m", micro=False, mask=0)
        assert matrix(link) == [bytes(row) for row in code.matrix], link
        seen.add(code.designator)
    assert {int(name.split("-")[0]) for name in seen} == set(range(1, 41))
    assert {"1-M", "1-Q", "1-H", "4-Q", "40-M"} <= seen


@pytest.mark.parametrize(
    ("link", "uri"),
    [
        ("https://example.org/café", "https://example.org/caf%C3%A9"),
        ("https://example.org/straeon/ŵyn?iaith=cy", "https://example.org/straeon/%C5%B5yn?iaith=cy"),
        ("https://example.org/日本?q=a%20b", "https://example.org/%E6%97%A5%E6%9C%AC?q=a%20b"),
    ],
)
def test_a_link_beyond_ascii_is_written_as_its_uri(link: str, uri: str) -> None:
    """What a reader finds is the address every browser opens for the link, in ASCII, whatever the
    phone takes the code's bytes to be (ISO 8859-1 or UTF-8); a %-escape already there is kept."""
    assert matrix(link) == [bytes(row) for row in segno.make(uri, error="m", micro=False, mask=0).matrix]
    size = len(matrix(link))
    image = Image.new("1", (size + 8, size + 8), 1)
    for y, row in enumerate(matrix(link)):
        for x, dark in enumerate(row):
            image.putpixel((x + 4, y + 4), 0 if dark else 1)
    image = image.resize((image.width * 8, image.height * 8), Image.Resampling.NEAREST)
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [uri]


def test_a_story_link_too_long_for_a_qr_code_is_refused_on_its_line(tmp_path: Path, runner: CliRunner) -> None:
    link = "https://example.org/" + "日" * 260  # 2,360 characters as a URI (%E6%97%A5 each)
    guide = tmp_path / "long.yaml"
    story = {"kind": "story", "title": "S", "url": link, "storyteller": "A nurse", "licence": "With permission."}
    guide.write_text(
        yaml.safe_dump({"id": "long", "title": "T", "slides": [story]}, allow_unicode=True), encoding="utf-8"
    )
    for args in (["validate", str(guide)], ["build", str(guide), "-o", str(tmp_path / "long.pptx")]):
        result = runner.invoke(main, args)
        assert result.exit_code == 1, result.output
        assert "long.yaml:" in result.stderr and "slides[1].url" in result.stderr
        assert "too long for the story's QR code (2,360 bytes in one, at most 2,331)" in result.stderr
        assert "Traceback" not in result.output
    assert not (tmp_path / "long.pptx").exists()


OWN_LINKS = [
    "https://a.org/",  # version 1, level H
    "https://example.org/stories/7/film",
    "https://example.org/histoires/café-du-matin",  # written as its URI: caf%C3%A9
    "https://example.org/物語/ケア",
    "https://example.org/stories/" + "a-long-path-" * 16,  # version 9: version information drawn
    "https://example.org/stories/" + "a-longer-path/" * 15,  # version 10: a 16-bit length
]


@pytest.mark.office
def test_qr_codes_of_own_stories_scan_from_the_slides_as_libreoffice_shows_them(
    tmp_path: Path,
    to_pdf,  # type: ignore[no-untyped-def]
    validator,  # type: ignore[no-untyped-def]
) -> None:
    slides: list[dict[str, object]] = [{"kind": "title"}]
    for n, link in enumerate(OWN_LINKS):
        slides.append(
            {
                "kind": "story",
                "title": f"Story {n}",
                "url": link,
                "storyteller": f"A nurse on ward {n}",
                "synopsis": "A nurse tells of a long night and a colleague's kindness.",
                "licence": "Shared by the storyteller for training, with permission.",
            }
        )
    guide = tmp_path / "own.yaml"
    guide.write_text(
        yaml.safe_dump({"id": "own", "title": "Own", "slides": slides}, allow_unicode=True), encoding="utf-8"
    )
    deck = save_deck(load_guide(guide), tmp_path / "own.pptx")
    report = validator.validate_deck(str(deck))
    assert (report.errors, report.warnings) == ([], [])
    alts = [
        shape._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr")
        for slide in Presentation(str(deck)).slides
        for shape in slide.shapes
        if shape.shape_type == 13  # a picture
    ]
    assert [a for a in alts if a.startswith("QR code: link to the story")] == [
        f"QR code: link to the story Story {n}" for n in range(len(OWN_LINKS))
    ]

    need("pdftoppm")
    subprocess.run(["pdftoppm", "-r", "110", "-png", str(to_pdf(deck)), str(tmp_path / "page")], check=True)
    found = []
    for page in sorted(tmp_path.glob("page-*.png")):  # the title page, then one story a page
        with Image.open(page) as image:
            found.append([r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)])
    assert found == [[], *([quote(link, safe=URI_CHARACTERS)] for link in OWN_LINKS)]
