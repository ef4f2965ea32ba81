"""Pictures: QR codes that scan to the story, logos made small, alt text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import zxingcpp
from conftest import ALL_PACKS, slide_title
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dnadeck import load_guide, save_deck
from dnadeck.catalogue import stories
from dnadeck.images import draw_qr
from dnadeck.limits import LOGO_MAX_BYTES

DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"


def pictures(prs: Presentation) -> list[tuple[int, object]]:  # type: ignore[valid-type]
    return [(n, sh) for n, s in enumerate(prs.slides, 1) for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]


@pytest.mark.parametrize("pack", ALL_PACKS)
def test_every_story_slide_has_a_qr_code_that_scans_to_the_story(pack: str, packs: dict[str, Path]) -> None:
    prs = Presentation(str(packs[pack]))
    by_title = {s.title: s for s in stories().values()}
    found = 0
    for slide in prs.slides:
        story = by_title.get(slide_title(slide).removesuffix(" (continued)"))
        if story is None:
            continue
        qrs = [
            sh
            for sh in slide.shapes
            if sh.shape_type == MSO_SHAPE_TYPE.PICTURE
            and sh._element.nvPicPr.cNvPr.get("descr", "").startswith("QR code")
        ]
        assert len(qrs) == 1, f"{story.title}: one QR code expected"
        assert qrs[0]._element.nvPicPr.cNvPr.get("descr") == f"QR code: link to the story {story.title}"
        decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(qrs[0].image.blob)))]
        assert decoded == [story.url]
        assert qrs[0].click_action.hyperlink.address == story.url
        found += 1
    assert found == len(load_guide(pack).story_slides())


@pytest.mark.parametrize("pack", ALL_PACKS)
def test_every_picture_has_alt_text_or_is_decorative(pack: str, packs: dict[str, Path]) -> None:
    prs = Presentation(str(packs[pack]))
    for n, pic in pictures(prs):
        c_nv_pr = pic._element.nvPicPr.cNvPr  # type: ignore[attr-defined]
        decorative = any(e.get("uri") == DECORATIVE for e in c_nv_pr.iter("{*}ext"))
        assert c_nv_pr.get("descr") or decorative, f"slide {n}: picture without alt text"


def test_title_artwork_is_decorative(packs: dict[str, Path]) -> None:
    prs = Presentation(str(packs["compassion"]))
    art = [sh for sh in prs.slides[0].shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(art) == 1
    assert any(e.get("uri") == DECORATIVE for e in art[0]._element.nvPicPr.cNvPr.iter("{*}ext"))


def test_a_big_rotated_photo_logo_is_shrunk_and_turned_upright(tmp_path: Path) -> None:
    # A 3000x2000 noisy photo, stored on its side with EXIF orientation 6,
    # big but within the logo limit.
    photo = Image.effect_noise((3000, 2000), 60).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6
    logo = tmp_path / "photo.jpg"
    photo.save(logo, quality=80, exif=exif)
    assert 2_000_000 < logo.stat().st_size <= LOGO_MAX_BYTES
    guide = load_guide("compassion", logo=str(logo), organisation="Ward 7")
    out = save_deck(guide, tmp_path / "deck.pptx")
    assert out.stat().st_size < 600_000
    prs = Presentation(str(out))
    logos = [
        sh
        for sh in prs.slides[0].shapes
        if sh.shape_type == MSO_SHAPE_TYPE.PICTURE and "Logo" in sh._element.nvPicPr.cNvPr.get("descr", "")
    ]
    assert len(logos) == 1
    assert logos[0]._element.nvPicPr.cNvPr.get("descr") == "Logo of Ward 7"
    shown = Image.open(io.BytesIO(logos[0].image.blob))
    assert max(shown.size) <= 900
    assert shown.height > shown.width  # rotated upright: 3000 wide on its side -> portrait
    assert logos[0].height > logos[0].width


def test_the_shipped_title_artwork_is_what_the_drawing_code_draws() -> None:
    from dnadeck.images import draw_helix, helix

    assert helix() == draw_helix(), "run python tools/make_art.py"


def test_the_shipped_qr_codes_are_the_catalogues_and_as_drawn() -> None:
    from dnadeck.catalogue import assets_dir, stories
    from dnadeck.images import QR_FOLDER, draw_qr, qr_code, qr_file

    wanted = {qr_file(s.url): s.url for s in stories().values()}
    assert {p.name for p in (assets_dir() / QR_FOLDER).glob("*.png")} == set(wanted), "run python tools/make_art.py"
    for url in wanted.values():
        assert qr_code(url) == draw_qr(url)
    assert qr_code("https://example.org/own-story") == draw_qr("https://example.org/own-story")


def test_qr_codes_drawn_for_own_stories_scan_to_their_links() -> None:
    for n in range(40):
        url = f"https://example.org/stories/{n}/film?part={'x' * n}"
        picture = Image.open(io.BytesIO(draw_qr(url)))
        assert [r.text for r in zxingcpp.read_barcodes(picture)] == [url]
        assert picture.size[0] == picture.size[1] and picture.getpixel((0, 0)) == 0  # white quiet zone
