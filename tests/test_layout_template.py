"""Decks on other templates: any slide size, a trust's fonts and colours, its footer band and logo left alone.

Templates are made here with python-pptx, as a trust's designer would
leave them: placeholders scaled to the slide, and for the trust template a
footer band across the bottom of the master (with the footer and slide
number placeholders on it), a logo in the top-right corner, theme fonts
this machine has (so LibreOffice draws what dnadeck measured) and theme
colours one of which is too faint for text. Decks are checked through
LibreOffice's PDF: no two words overlap, every word is on its slide, no
title word is broken, no word of ours lies on the band or the logo.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ALL_PACKS, OnDemand, need
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.util import Emu, Inches
from templates_corpus import TITLE_BAR, make, scaled_presentation, set_theme

import dnadeck
from dnadeck import fit, theme
from dnadeck.cli import main
from dnadeck.errors import GuideError
from dnadeck.layout import draw, open_template
from dnadeck.layout.area import areas_for
from dnadeck.layout.backdrop import Fill
from dnadeck.layout.canvas import DeckDraw, TextShape
from dnadeck.text import block
from dnadeck.write.office import to_pdf

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PT = 12700  # EMU per point

SIZES = {
    "16x9": (13.333, 7.5),
    "16x9-small": (10, 5.625),
    "odd": (11.02, 6.2),
    "4x3": (10, 7.5),
    "a4-portrait": (8.27, 11.69),
}
TINY = (3, 2)
# A trust's palette: dark text and titles, a light blue accent (too faint for
# white section titles), a light grey accent6 (too faint for muted text).
TRUST_COLOURS = {
    "dk1": "231F20",
    "lt1": "FFFFFF",
    "dk2": "1F4E79",
    "lt2": "F2F2F2",
    "accent1": "41B6E6",
    "accent2": "ED8B00",
    "accent3": "78BE20",
    "accent4": "7C2855",
    "accent5": "00A9CE",
    "accent6": "B0B0B0",
    "hlink": "005EB8",
    "folHlink": "7C2855",
}
NHS_RGB = {v.upper() for v in theme.BUNDLED_SCHEME.values()} - {"FFFFFF", "000000"}
BAND_HEIGHT, LOGO = 0.6, (1.6, 0.8)  # inches, on a 13.333 x 7.5 in trust slide


def _installed(*families: str) -> str:
    for family in families:
        found = fit.fc_match(family)
        if found and family.lower() in (n.lower() for n in found[1]):
            return family
    pytest.skip(f"none of {families} is installed (Debian: apt-get install fonts-dejavu-core)")


def plain_template(folder: Path, name: str, width: float, height: float, font: str = "Arial") -> Path:
    """A template of the given size, in Arial, with nothing on its master but placeholders."""
    prs = scaled_presentation(width, height)
    set_theme(prs, font, font)
    path = folder / f"{name}.pptx"
    prs.save(str(path))  # type: ignore[attr-defined]
    return path


def _logo_png() -> bytes:
    image = Image.new("RGB", (320, 160), "#7C2855")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def trust_template(folder: Path, width: float = 13.333, height: float = 7.5) -> Path:
    """A trust's template: a footer band (with the footer and number placeholders on it, in white),
    a logo top right, its own fonts and colours."""
    prs = scaled_presentation(width, height)
    heading = _installed("DejaVu Serif", "Liberation Serif")
    body = _installed("DejaVu Sans", "Liberation Sans Narrow", "Liberation Serif")
    set_theme(prs, heading, body, TRUST_COLOURS)
    master = prs.slide_master  # type: ignore[attr-defined]
    tree = master.shapes._spTree
    band_top = Inches(height - BAND_HEIGHT)
    _, rid = master.part.get_or_add_image_part(io.BytesIO(_logo_png()))
    logo_w, logo_h = Inches(LOGO[0]), Inches(LOGO[1])
    logo_x, logo_y = Inches(width) - Inches(0.3) - logo_w, Inches(0.25)
    furniture = (
        f'<p:sp xmlns:p="{P[1:-1]}" xmlns:a="{A_NS}"><p:nvSpPr><p:cNvPr id="90" name="Footer band"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="{band_top}"/><a:ext cx="{Inches(width)}" cy="{Inches(BAND_HEIGHT)}"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="tx2"/></a:solidFill>'
        "</p:spPr></p:sp>",
        f'<p:pic xmlns:p="{P[1:-1]}" xmlns:a="{A_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><p:nvPicPr><p:cNvPr id="91" name="Trust logo" descr="Example NHS Trust"/><p:cNvPicPr/><p:nvPr/>'
        f'</p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr><a:xfrm><a:off x="{logo_x}" y="{logo_y}"/><a:ext cx="{logo_w}" cy="{logo_h}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>',
    )
    for xml in furniture:
        tree.insert(2, etree.fromstring(xml))  # behind the placeholders
    # The footer, number and date placeholders sit on the band, in white, as a trust's designer puts them.
    holders = [*master.placeholders, *(ph for lay in prs.slide_layouts for ph in lay.placeholders)]  # type: ignore[attr-defined]
    for ph in holders:
        if ph.placeholder_format.type in (15, 13, 16):  # footer, slide number, date
            ph.top, ph.height = Emu(band_top + Inches(0.1)), Inches(BAND_HEIGHT - 0.2)
    for sp in tree.iter(f"{P}sp"):
        ph = sp.find(f".//{P}ph")
        if ph is not None and ph.get("type") in ("ftr", "sldNum", "dt"):
            for clr in sp.iter(f"{{{A_NS}}}schemeClr"):
                clr.set("val", "bg1")
                for child in list(clr):
                    clr.remove(child)
    path = folder / "trust.pptx"
    prs.save(str(path))
    return path


# -- building and reading back -------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    pack: str
    template: Path
    deck: Path
    drawn: DeckDraw


def _build(pack: str, template: Path, out: Path) -> Built:
    guide = dnadeck.load_guide(pack, template=str(template))
    plan = dnadeck.plan_deck(guide)
    drawn = draw(plan)
    deck = out / f"{pack}--{template.stem}.pptx"
    dnadeck.save_deck(guide, deck)
    return Built(pack, template, deck, drawn)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def pdf_words(pdf: Path) -> list[tuple[float, float, list[Word]]]:
    """Each page's (width, height, words) in points, as pdftotext -bbox reads them."""
    need("pdftotext")
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    tree = etree.fromstring(html, etree.HTMLParser(encoding="utf-8"))
    pages = []
    for page in tree.iter("page"):
        words = [
            Word(w.text or "", *(float(w.get(k)) for k in ("xmin", "ymin", "xmax", "ymax"))) for w in page.iter("word")
        ]
        pages.append((float(page.get("width")), float(page.get("height")), words))
    return pages


def _overlap(a: Word, b: Word) -> bool:
    """Two words' boxes overlapping by more than anti-aliasing and line spacing account for."""
    dx = min(a.x1, b.x1) - max(a.x0, b.x0)
    dy = min(a.y1, b.y1) - max(a.y0, b.y0)
    return dx > 0.5 and dy > 0.3 * min(a.y1 - a.y0, b.y1 - b.y0)


def check_pdf(built: Built, pdf: Path) -> list[str]:
    """Problems in a deck's PDF: words overlapping, off the slide, outside their text box, or title words broken."""
    problems = []
    pages = pdf_words(pdf)
    if len(pages) != len(built.drawn.slides):
        return [f"{len(pages)} pages for {len(built.drawn.slides)} slides"]
    for n, ((width, height, words), slide) in enumerate(zip(pages, built.drawn.slides, strict=True), 1):
        boxes = [
            (r.x / PT - 2, r.y / PT - 2, (r.x + r.w) / PT + 2, (r.y + r.h) / PT + 2)
            for r in (sh.rect for sh in slide.shapes if isinstance(sh, TextShape))
        ]
        for i, a in enumerate(words):
            if a.x0 < -0.5 or a.y0 < -0.5 or a.x1 > width + 0.5 or a.y1 > height + 0.5:
                problems.append(f"slide {n}: '{a.text}' is off the slide")
            # pdftotext's word box is the font's whole bounding box, taller than its line in some fonts
            dy = 0.15 * (a.y1 - a.y0)
            if not any(x0 <= a.x0 and a.x1 <= x1 and y0 - dy <= a.y0 and a.y1 <= y1 + dy for x0, y0, x1, y1 in boxes):
                problems.append(f"slide {n}: '{a.text}' spills out of its text box")
            problems += [f"slide {n}: '{a.text}' overlaps '{b.text}'" for b in words[i + 1 :] if _overlap(a, b)]
        shown = {w.text for w in words}
        problems += [f"slide {n}: title word '{t}' is broken" for t in slide.title.split() if t not in shown]
    return problems


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    templates = {name: plain_template(folder, name, *size) for name, size in SIZES.items()}
    templates["tiny"] = plain_template(folder, "tiny", *TINY)
    templates["trust"] = trust_template(folder)
    return templates


# All packs on two sizes (16:9 at 10 in wide, A4 portrait) and on the trust
# template; the longest pack on the other sizes and the tiny slide.
LONGEST = "compassionate-leadership"
MATRIX = [(p, s) for s in ("16x9-small", "a4-portrait", "trust") for p in ALL_PACKS]
MATRIX += [(LONGEST, s) for s in ("16x9", "odd", "4x3", "tiny")]


Key = tuple[str, str]  # (pack, template name)


def built_on_demand(templates: dict[str, Path], out: Path) -> OnDemand[Key, Built]:
    """Each (pack, template name) built into ``out`` when a test first asks for it."""
    return OnDemand(lambda key: _build(key[0], templates[key[1]], out))


def pdfs_on_demand(built: dict[Key, Built], out: Path, converter: str | None) -> OnDemand[Key, Path]:
    """Each deck of ``built`` as a PDF (through ``converter``, the warm one) when a test first asks for it."""

    def convert(key: Key) -> Path:
        need("soffice")
        return to_pdf(built[key].deck, out, converter)

    return OnDemand(convert)


@pytest.fixture(scope="session")
def decks(made: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[Key, Built]:
    return built_on_demand(made, tmp_path_factory.mktemp("decks"))


@pytest.fixture(scope="session")
def pdfs(
    decks: dict[Key, Built], tmp_path_factory: pytest.TempPathFactory, warm_converter: str | None
) -> dict[Key, Path]:
    return pdfs_on_demand(decks, tmp_path_factory.mktemp("pdfs"), warm_converter)


@pytest.fixture(scope="session")
def standard_counts() -> dict[str, int]:
    return {pack: len(draw(dnadeck.plan_deck(dnadeck.load_guide(pack))).slides) for pack in ALL_PACKS}


# -- every size --------------------------------------------------------------------------------


@pytest.mark.parametrize(("pack", "size"), MATRIX)
@pytest.mark.office
def test_deck_on_another_template_reads_cleanly(
    pack: str,
    size: str,
    decks: dict[Key, Built],
    pdfs: dict[tuple[str, str], Path],
    standard_counts: dict[str, int],
) -> None:
    built = decks[(pack, size)]
    assert abs(len(built.drawn.slides) - standard_counts[pack]) <= 2, (len(built.drawn.slides), standard_counts[pack])
    problems = check_pdf(built, pdfs[(pack, size)])
    assert not problems, problems[:10]


def test_the_slide_size_is_the_templates(decks: dict[Key, Built]) -> None:
    for size in sorted({size for _, size in MATRIX}):  # the longest pack is on every one
        prs = Presentation(str(decks[(LONGEST, size)].deck))
        w, h = SIZES.get(size, TINY if size == "tiny" else (13.333, 7.5))
        assert abs(prs.slide_width - Inches(w)) < 2000 and abs(prs.slide_height - Inches(h)) < 2000, size


def test_a_portrait_story_slide_stacks_the_qr_code_below_the_synopsis(decks: dict[Key, Built]) -> None:
    drawn = decks[(LONGEST, "a4-portrait")].drawn
    story = next(s for s in drawn.slides if any(sh.name.startswith("Synopsis") for sh in s.shapes))
    synopsis = next(sh.rect for sh in story.shapes if sh.name.startswith("Synopsis"))
    qr = next(sh.rect for sh in story.shapes if sh.name.startswith("Picture"))
    assert synopsis.w > 0.8 * drawn.width  # the full width, the QR code below it
    assert qr.y >= synopsis.y + synopsis.h


# -- the trust's template --------------------------------------------------------------------


def _slide_xml(deck: Path) -> dict[str, str]:
    with zipfile.ZipFile(deck) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if re.match(r"ppt/slides/slide\d+\.xml$", n)}


def test_the_trust_deck_uses_the_trust_fonts_and_colours(decks: dict[Key, Built]) -> None:
    built = decks[(LONGEST, "trust")]
    for name, xml in _slide_xml(built.deck).items():
        assert 'typeface="Arial"' not in xml, name
        runs = re.findall(r"<a:rPr[^>]*>.*?</a:rPr>", xml)
        assert not [r for r in runs if re.search(r'srgbClr val="([0-9A-F]{6})"', r)], name
        assert not {c for c in re.findall(r'srgbClr val="([0-9A-F]{6})"', xml)} & NHS_RGB, name
        assert "+mn-lt" in xml and "+mj-lt" in xml, name


@pytest.mark.office
def test_the_trust_pdf_is_set_in_the_trust_fonts(pdfs: dict[tuple[str, str], Path]) -> None:
    need("pdffonts")
    listed = subprocess.run(["pdffonts", str(pdfs[(LONGEST, "trust")])], capture_output=True, text=True, check=True)
    names = listed.stdout.replace("-", "").replace(" ", "")
    heading = _installed("DejaVu Serif", "Liberation Serif").replace(" ", "")
    body = _installed("DejaVu Sans", "Liberation Sans Narrow", "Liberation Serif").replace(" ", "")
    assert heading in names and body in names, listed.stdout
    assert "Arial" not in names and "LiberationSans" not in names.replace("LiberationSansNarrow", "")


def test_faint_trust_colours_fall_back_and_are_reported(decks: dict[Key, Built], made: dict[str, Path]) -> None:
    drawn = decks[(LONGEST, "trust")].drawn
    warnings = " ".join(drawn.warnings)
    assert "muted text colour (accent6 #B0B0B0)" in warnings and "section title colour" in warnings
    colours, _ = theme.colours_for(TRUST_COLOURS)
    for check in theme.check_pairs(colours, TRUST_COLOURS):
        assert check.passes, check.describe(TRUST_COLOURS)
    result = CliRunner().invoke(
        main, ["build", LONGEST, "--template", str(made["trust"]), "-o", str(made["trust"].with_name("cli.pptx"))]
    )
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warned) == 1, "said once, in one line"
    assert warned[0].startswith("dnadeck: warning: dnadeck made ")
    assert warned[0].endswith(f"for the details: dnadeck template inspect {made['trust']}")


def _trust_furniture() -> list[tuple[float, float, float, float]]:
    """The band and the logo, in PDF points."""
    w, h = 13.333 * 72, 7.5 * 72
    band = (0.0, h - BAND_HEIGHT * 72, w, h)
    logo = (w - 0.3 * 72 - LOGO[0] * 72, 0.25 * 72, w - 0.3 * 72, 0.25 * 72 + LOGO[1] * 72)
    return [band, logo]


@pytest.mark.parametrize("pack", ALL_PACKS)
@pytest.mark.office
def test_no_word_of_ours_lies_on_the_band_or_the_logo(
    pack: str, decks: dict[Key, Built], pdfs: dict[tuple[str, str], Path]
) -> None:
    built = decks[(pack, "trust")]
    # The footer and slide number go in the template's own placeholders, on the band: those words are meant there.
    slots = []
    for slide in built.drawn.slides:
        slots.append(
            [
                tuple(v / PT for v in (s.rect.x, s.rect.y, s.rect.x + s.rect.w, s.rect.y + s.rect.h))
                for s in slide.shapes
                if getattr(s, "placeholder", None) in ("ftr", "sldNum", "dt")
            ]
        )
    for n, ((_w, _h, words), own) in enumerate(zip(pdf_words(pdfs[(pack, "trust")]), slots, strict=True), 1):
        for word in words:
            if any(
                x0 - 1 <= word.x0 and word.x1 <= x1 + 1 and y0 - 1 <= word.y0 and word.y1 <= y1 + 1
                for x0, y0, x1, y1 in own
            ):
                continue
            for x0, y0, x1, y1 in _trust_furniture():
                assert not (word.x1 > x0 and word.x0 < x1 and word.y1 > y0 and word.y0 < y1), (
                    f"slide {n}: '{word.text}' lies on the template's furniture"
                )


def test_trust_footer_and_number_fill_the_templates_placeholders(decks: dict[Key, Built]) -> None:
    prs = Presentation(str(decks[(LONGEST, "trust")].deck))
    for slide in list(prs.slides)[1:]:
        kinds = {sh.placeholder_format.type for sh in slide.placeholders}
        assert {15, 13} <= kinds  # PP_PLACEHOLDER.FOOTER, SLIDE_NUMBER


def test_the_session_date_fills_the_layouts_date_placeholder(made: dict[str, Path]) -> None:
    guide = dnadeck.load_guide("resilience", template=str(made["trust"]), date="2026-12-03")
    drawn = draw(dnadeck.plan_deck(guide))
    dates = [sh for s in drawn.slides[1:] for sh in s.shapes if isinstance(sh, TextShape) and sh.placeholder == "dt"]
    assert len(dates) == len(drawn.slides) - 1
    assert all(sh.paras[0].runs[0].text == "3 December 2026" and sh.colour == "" for sh in dates)


@pytest.mark.parametrize("size", ["16x9", "trust"])
def test_text_and_questions_fill_the_body_placeholder(size: str, decks: dict[Key, Built]) -> None:
    """Their text shows in PowerPoint's outline view."""
    prs = Presentation(str(decks[(LONGEST, size)].deck))
    named = [sh for slide in prs.slides for sh in slide.shapes if sh.name.split()[0] in ("Text", "Questions")]
    assert named and all(sh.is_placeholder and sh.placeholder_format.idx == 1 for sh in named)
    xml = "".join(_slide_xml(decks[(LONGEST, size)].deck).values())
    assert "<a:noAutofit/>" in xml and "normAutofit" not in xml


# -- measuring, bounds and room -------------------------------------------------------------


def test_a_title_word_that_fits_the_line_is_never_broken() -> None:
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    width = fit.text_width(word, theme.TITLE.floor, bold=True, heading=True) + 1  # fits only near the floor
    pt, lines = fit.fit_title(f"{word} and more words after it", width, theme.TITLE)
    assert fit.text_width(word, pt, bold=True, heading=True) <= width
    assert word in fit.wrap(f"{word} and more words after it", pt, width, bold=True, heading=True)
    assert lines >= 2


@pytest.mark.parametrize("width", [0.0, -5.0])
def test_fitting_into_no_width_raises_instead_of_hanging(width: float) -> None:
    with pytest.raises(fit.NoSpace):
        fit.wrap("some words", 20, width)
    with pytest.raises(fit.NoSpace):
        fit.paginate([block("some words")], width, 100, theme.BODY)
    with pytest.raises(fit.NoSpace):
        fit.paginate([block("some words")], 100, width, theme.BODY)


def test_a_line_narrower_than_one_character_still_ends() -> None:
    assert fit.wrap("abc de", 20, 1.0) == ["a", "b", "c", "d", "e"]
    size, pages = fit.paginate([block("abc de " * 5)], 1.0, 30, theme.BODY)
    assert size == theme.BODY.floor and len(pages) > 1


def test_furniture_that_leaves_no_room_is_one_clear_error(tmp_path: Path) -> None:
    prs = scaled_presentation(13.333, 7.5)
    master = prs.slide_master  # type: ignore[attr-defined]
    band = (
        f'<p:sp xmlns:p="{P[1:-1]}" xmlns:a="{A_NS}"><p:nvSpPr><p:cNvPr id="90" name="Big band"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="{Inches(3.3)}"/><a:ext cx="{Inches(13.333)}" cy="{Inches(4.2)}"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:sp>'
    )
    master.shapes._spTree.insert(2, etree.fromstring(band))
    path = tmp_path / "crowded.pptx"
    prs.save(str(path))  # type: ignore[attr-defined]
    with pytest.raises(GuideError) as info:
        dnadeck.deck_bytes(dnadeck.load_guide("resilience", template=str(path)))
    text = str(info.value)
    assert "\n" not in text and "template: 'crowded.pptx'" in text and "leave" in text, text


def test_a_box_with_no_room_left_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A QR code as wide as the slide leaves the story no width: one line naming the slide, not a hang."""
    monkeypatch.setattr(theme, "QR_SIZE", 12.5)
    with pytest.raises(GuideError) as info:
        draw(dnadeck.plan_deck(dnadeck.load_guide("resilience")))
    text = str(info.value)
    assert "\n" not in text and "template: the slide (13.33 x 7.50 in) leaves no room for the text of" in text, text


def test_the_trust_safe_area_keeps_clear_of_the_band_and_logo(made: dict[str, Path]) -> None:
    template = open_template(made["trust"])
    areas = areas_for(template)
    content = areas["content"]
    assert content.bottom <= 7.5 - BAND_HEIGHT - 0.1
    assert content.title_right <= 13.333 - 0.3 - LOGO[0]
    assert content.footer is not None and content.footer.on_furniture
    assert all(len(a.avoided) == 2 for a in areas.values())


def test_fonts_are_found_with_fontconfig_or_fall_back(monkeypatch: pytest.MonkeyPatch) -> None:
    assert fit.find_font("Arial").how == "bundled"
    _installed("DejaVu Sans")
    missing = fit.find_font("Frutiger Nonesuch")
    assert (missing.how, missing.measured_with, missing.margin) == ("substitute", "DejaVu Sans", 1.0)
    assert fit.find_font("Consolas").measured_with == "DejaVu Sans Mono"
    assert fit.find_font("Calibri").measured_with == "Carlito"
    assert fit.find_font("Cambria").measured_with == "Caladea"
    monkeypatch.setattr(fit, "SUBSTITUTE", "Nonesuch Sans")  # a machine without DejaVu
    bare = fit.find_font.__wrapped__("Frutiger Nonesuch")
    assert bare.how == "fallback" and bare.margin == fit.UNKNOWN_FONT_MARGIN
    if shutil.which("fc-match"):
        installed = fit.find_font(_installed("DejaVu Sans", "Liberation Serif"))
        assert installed.how == "installed" and Path(installed.file(True, False)).is_file()
        assert fit.find_font("Times New Roman").how in ("installed", "metric-compatible")


def test_text_is_measured_in_the_template_font() -> None:
    wide = fit.find_font(_installed("DejaVu Sans"))
    narrow = fit.text_width("Compassionate leadership", 20)
    with fit.measuring(fit.Fonts(wide, wide)):
        assert fit.text_width("Compassionate leadership", 20) > narrow * 1.05
    assert fit.text_width("Compassionate leadership", 20) == narrow


def test_a_layout_with_warm_caches_is_the_same_as_the_first() -> None:
    """The measuring caches a second build reuses change nothing drawn (its speed is measured in bench/)."""
    plan = dnadeck.plan_deck(dnadeck.load_guide(LONGEST))
    from dnadeck.layout import template_for

    template = template_for(plan)
    first = draw(plan, template)
    again = draw(plan, template)
    assert len(first.slides) >= 29
    assert again == first


def test_a_placeholders_own_fill_is_read_from_the_layout_else_the_master(tmp_path: Path) -> None:
    bar = open_template(make("title-bar", tmp_path))
    navy = Fill((TITLE_BAR,))
    assert bar.looks["Title Only"].fills == {"title": navy}  # the master's title placeholder's
    assert bar.looks["Title Slide"].fills["ctrTitle"] == navy  # the centred title inherits the master's title
    assert "title" not in bar.looks["Section Header"].fills  # the layout's own noFill
    bands = open_template(make("footer-bands", tmp_path))
    assert {kind for kind in bands.looks["Title Only"].fills} == {"ftr", "sldNum", "dt"}
    boxed = open_template(make("body-fill", tmp_path))  # the master's body placeholder stands for a content one
    assert boxed.looks["Title and Content"].fills == {"obj": navy}
    assert boxed.looks["Title Only"].fills == {}  # no body placeholder: nothing drawn on a fill
    assert all(look.fills == {} for look in open_template(None).looks.values())


def test_spacing_between_letters_in_the_templates_styles_is_found_and_said(tmp_path: Path) -> None:
    spaced = open_template(make("letter-spacing", tmp_path))
    assert spaced.letter_spacing == 3
    assert any("space letters apart (up to 3 pt)" in note for note in spaced.notes)
    assert open_template(None).letter_spacing == 0
    stock = scaled_presentation(13.333, 7.5)  # LibreOffice writes spc="-1" (-0.01 pt) everywhere: none
    for props in stock.slide_masters[0]._element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}defRPr"):
        props.set("spc", "-1")
    stock.save(tmp_path / "stock.pptx")
    assert open_template(tmp_path / "stock.pptx").letter_spacing == 0
