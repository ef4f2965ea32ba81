"""Every pack on every template of the corpus (templates_corpus.py), read as a viewer would.

Each deck is converted with LibreOffice (the warm converter, when a test first asks) and
checked through its PDF: no two words overlap, no word leaves the slide
or lies on the template's own furniture, and every word's rendered
contrast against the pixels around it is at least 4.5:1 (the page is
rendered with pdftoppm; the text colour is the word's pixel farthest from
the background, the background the commonest colour around the word).
The deck that shows every kind of slide is also checked by the package validators (openxml-audit,
and the ECMA-376 schema checker where ../shared is present).
Templates that cannot be used are refused in one line.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner
from conftest import ALL_PACKS, need
from PIL import Image
from templates_corpus import CORPUS, P_NS, PICTURE_LOGO, REFUSED, TITLE_BAR, make, make_all
from test_layout_template import Built, Key, Word, _overlap, built_on_demand, pdf_words, pdfs_on_demand
from test_write_ooxml import assert_valid

import dnadeck
from dnadeck import theme
from dnadeck.cli import main
from dnadeck.errors import GuideError
from dnadeck.layout import draw
from dnadeck.layout.canvas import PictureShape, TextShape
from dnadeck.layout.look import inspect_template
from dnadeck.model import SLIDE_KINDS

BUILT = [name for name in CORPUS if name not in REFUSED]
MATRIX = [(pack, name) for name in BUILT for pack in ALL_PACKS]
DPI = 110  # pages are rendered at this to sample words' colours
# Text is anti-aliased as a viewer shows it; shapes' edges are not (a third of the time, and no word's
# measured contrast changes: the same lowest ratio on every deck of the corpus either way).
RENDER = ["pdftoppm", "-r", str(DPI), "-aaVector", "no"]
PT = 12700
BACKGROUND_SHARE = 0.2  # a colour this much of a word's surroundings shows is a background there


@pytest.fixture(scope="module")
def pdfs(
    built: dict[Key, Built], tmp_path_factory: pytest.TempPathFactory, warm_converter: str | None
) -> dict[Key, Path]:
    return pdfs_on_demand(built, tmp_path_factory.mktemp("corpus-pdfs"), warm_converter)


@pytest.fixture(scope="module")
def built(corpus: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[Key, Built]:
    return built_on_demand(corpus, tmp_path_factory.mktemp("corpus-decks"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_all(tmp_path_factory.mktemp("corpus"))


# -- refused in one line ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_an_unusable_template_is_refused_in_one_line(name: str, corpus: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(main, ["build", "resilience", "--template", str(corpus[name]), "-o", str(out)])
    assert result.exit_code != 0 and not out.exists()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and REFUSED[name] in lines[0] and f"'{name}.pptx'" in lines[0], result.stderr
    inspected = CliRunner().invoke(main, ["template", "inspect", str(corpus[name])])
    assert inspected.exit_code != 0 and len(inspected.stderr.strip().splitlines()) == 1
    assert "internal error" not in result.stderr + inspected.stderr


def test_a_template_without_a_title_layout_names_the_layouts_it_has(corpus: dict[str, Path]) -> None:
    with pytest.raises(GuideError) as info:
        dnadeck.deck_bytes(dnadeck.load_guide("resilience", template=str(corpus["no-title"])))
    assert "'Title Slide', 'Title and Content'" in str(info.value)


# -- every pack on every template: the PDF a viewer sees -----------------------------------------


def word_contrast(page: Image.Image, word: Word, scale: float) -> float:
    """The rendered contrast of ``word``: its darkest-or-lightest pixel that is no background colour
    around it, against the commonest colour around it."""
    x0, y0 = int(word.x0 * scale), int(word.y0 * scale)
    x1, y1 = max(x0 + 1, int(word.x1 * scale + 0.999)), max(y0 + 1, int(word.y1 * scale + 0.999))
    pad = 3
    ring = page.crop((max(0, x0 - pad), max(0, y0 - pad), min(page.width, x1 + pad), min(page.height, y1 + pad)))
    inner = page.crop((x0, y0, x1, y1))
    around = {c: n for n, c in _colours(ring)}
    colours = _colours(inner)
    for n, c in colours:
        around[c] = around.get(c, 0) - n
    background = _luminance(max(around, key=around.__getitem__))
    # A colour much of the ring shows is a background, not ink, also where it reaches into the word's box
    # (white below a title bar the word stands at the foot of): only the rest can be the word's ink.
    ring_size = sum(n for n in around.values() if n > 0)
    grounds = {c for c, n in around.items() if n >= BACKGROUND_SHARE * ring_size}
    inked = {_luminance(c) for n, c in colours if n >= 2 and c not in grounds} or {_luminance(c) for _, c in colours}
    darkest, lightest = min(inked), max(inked)
    return max((background + 0.05) / (darkest + 0.05), (lightest + 0.05) / (background + 0.05))


def _colours(image: Image.Image) -> list[tuple[int, tuple[int, ...]]]:
    return image.getcolors(image.width * image.height) or []  # type: ignore[return-value]


@cache
def _luminance(rgb: tuple[int, ...]) -> float:
    return theme.luminance("".join(f"{v:02X}" for v in rgb[:3]))


def _furniture_words(built: Built, n: int, words: list[Word]) -> list[str]:
    """Words of ours on the picture background's logo."""
    if built.template.stem != "picture-logo":
        return []
    x, y, w, h = (v * 72 for v in PICTURE_LOGO)
    return [
        f"slide {n}: '{a.text}' lies on the logo"
        for a in words
        if a.x1 > x and a.x0 < x + w and a.y1 > y and a.y0 < y + h
    ]


@dataclass(frozen=True)
class Reading:
    problems: list[str]
    lowest: float


def read_pdf(built: Built, pdf: Path, folder: Path) -> Reading:
    need("pdftoppm")
    problems: list[str] = []
    lowest = 21.0
    pages = pdf_words(pdf)
    if len(pages) != len(built.drawn.slides):
        return Reading([f"{len(pages)} pages for {len(built.drawn.slides)} slides"], 0)
    # Plain pixmaps: the same pixels as pdftoppm's PNGs, written several times faster.
    subprocess.run([*RENDER, str(pdf), str(folder / "p")], check=True)
    images = sorted(folder.glob("p-*.ppm"), key=lambda p: int(p.stem.split("-")[-1]))
    for n, ((width, height, words), png) in enumerate(zip(pages, images, strict=True), 1):
        with Image.open(png) as opened:
            page = opened.convert("RGB")
        scale = page.width / width
        for i, a in enumerate(words):
            if a.x0 < -0.5 or a.y0 < -0.5 or a.x1 > width + 0.5 or a.y1 > height + 0.5:
                problems.append(f"slide {n}: '{a.text}' is off the slide")
            problems += [f"slide {n}: '{a.text}' overlaps '{b.text}'" for b in words[i + 1 :] if _overlap(a, b)]
            if not any(ch.isalnum() for ch in a.text):
                continue  # a lone mark (a dot, a dash) has too few pixels to sample
            ratio = word_contrast(page, a, scale)
            lowest = min(lowest, ratio)
            if ratio < theme.AA:
                problems.append(f"slide {n}: '{a.text}' reads at {ratio:.2f}:1")
        problems += _furniture_words(built, n, words)
    return Reading(problems, lowest)


@pytest.mark.office
@pytest.mark.parametrize("key", MATRIX, ids=["-".join(k) for k in MATRIX])
def test_every_pack_reads_on_every_corpus_template(
    key: tuple[str, str], built: dict[Key, Built], pdfs: dict, tmp_path: Path
) -> None:
    reading = read_pdf(built[key], pdfs[key], tmp_path)
    assert not reading.problems, reading.problems[:10]


# The package validators read each template's deck of the pack that has every kind of slide: the packs
# differ in words and in which kinds they show, and every pack's deck is checked on the bundled
# template (test_catalogue); what a template changes in the package, this pack's deck shows.
EVERY_KIND_PACK = "compassionate-leadership"


@pytest.mark.parametrize("name", BUILT)
def test_every_kind_of_slide_passes_the_package_validators(
    name: str, built: dict[Key, Built], validator: ModuleType
) -> None:
    assert_valid(validator, built[(EVERY_KIND_PACK, name)].deck)


def test_every_kind_pack_shows_every_kind_of_slide() -> None:
    plan = dnadeck.plan_deck(dnadeck.load_guide(EVERY_KIND_PACK))
    assert {s.kind for s in plan.slides} == set(SLIDE_KINDS)


@pytest.mark.office
def test_text_on_a_photograph_no_colour_reads_on_reads_on_its_panels(
    tmp_path: Path, to_pdf: Callable[[Path], Path]
) -> None:
    """The photograph of sweets (templates_corpus.sweets_photo), where black cannot be read on some
    sweets and white on the rest, read through LibreOffice: every word reads, on its panel."""
    b = built_on_demand({"sweets": make("sweets", tmp_path)}, tmp_path)[(EVERY_KIND_PACK, "sweets")]
    reading = read_pdf(b, to_pdf(b.deck), tmp_path)
    assert not reading.problems, reading.problems[:10]


# -- what each template asks of dnadeck ------------------------------------------------------------


@pytest.mark.parametrize("name", BUILT)
def test_inspect_and_build_agree(name: str, corpus: dict[str, Path]) -> None:
    report = inspect_template(corpus[name])
    drawn = draw(dnadeck.plan_deck(dnadeck.load_guide("resilience", template=str(corpus[name]))))
    assert report.warnings == drawn.warnings
    text = report.text()
    for warning in drawn.warnings:
        assert warning in text


def _layouts_used(b: Built) -> set[str]:
    return {s.layout for s in b.drawn.slides}


def test_japanese_layouts_are_chosen_by_type(built: dict[Key, Built]) -> None:
    b = built[("resilience", "japanese")]
    kinds = {s.layout for s in b.drawn.slides}
    assert {"タイトル スライド", "タイトルとコンテンツ", "タイトルのみ"} <= kinds
    assert "白紙" not in kinds
    text = [sh for s in b.drawn.slides for sh in s.shapes if isinstance(sh, TextShape) and sh.name.startswith("Text")]
    assert text and all(sh.placeholder == "obj" for sh in text)


def test_the_stock_rule_divides_title_from_subtitle(built: dict[Key, Built]) -> None:
    b = built[("resilience", "stock-rule")]
    first = b.drawn.slides[0]
    title = next(sh for sh in first.shapes if isinstance(sh, TextShape) and sh.placeholder == "ctrTitle")
    subtitle = next(sh for sh in first.shapes if isinstance(sh, TextShape) and sh.name.startswith("Subtitle"))
    rule = 4.25 * 914400 - 0.15 * 914400  # the template's rule, in EMU
    assert title.rect.y + title.rect.h <= rule <= subtitle.rect.y
    assert not [sh for sh in first.shapes if sh.name.startswith("Accent")]  # ours is left out


def test_footers_at_the_top_fill_the_templates_placeholders(built: dict[Key, Built]) -> None:
    b = built[("resilience", "footer-top")]
    for slide in b.drawn.slides[1:]:
        footers = [sh for sh in slide.shapes if isinstance(sh, TextShape) and sh.placeholder in ("ftr", "sldNum")]
        assert len(footers) == 2 and all(sh.rect.y < 914400 for sh in footers), slide.title
        title = next(sh for sh in slide.shapes if isinstance(sh, TextShape) and sh.placeholder == "title")
        assert title.rect.y >= max(sh.rect.y + sh.rect.h for sh in footers)


def test_titles_on_the_title_placeholders_own_fill_take_a_colour_readable_on_it(built: dict[Key, Built]) -> None:
    b = built[("compassionate-leadership", "title-bar")]
    titles: dict[str, set[str]] = {}
    for slide in b.drawn.slides:
        for sh in slide.shapes:
            if isinstance(sh, TextShape) and sh.placeholder in ("title", "ctrTitle"):
                titles.setdefault(slide.layout, set()).add(sh.colour)
    on_bar = ("Title Slide", "Title and Content", "Title Only")
    assert all(titles[layout] == {"bg1"} for layout in on_bar), titles  # white on the navy bar
    assert "bg1" not in titles["Section Header"]  # its title has no fill: it stands on the section colour
    tellers = [
        sh for s in b.drawn.slides for sh in s.shapes if isinstance(sh, TextShape) and sh.name.startswith("Storyteller")
    ]
    assert tellers and all(sh.colour == "tx2" for sh in tellers)  # off the bar, the theme's title colour
    said = [w for w in b.drawn.warnings if "title colour (tx2" in w and "own fill" in w]
    assert len(said) == 1 and f"#{TITLE_BAR}" in said[0] and "using bg1 #FFFFFF" in said[0], b.drawn.warnings


def test_embedded_objects_are_removed_and_said(built: dict[Key, Built]) -> None:
    b = built[("resilience", "ole-object")]
    with zipfile.ZipFile(b.deck) as z:
        names = z.namelist()
        xml = "".join(z.read(n).decode("utf-8") for n in names if n.endswith(".xml") or n.endswith(".rels"))
    assert not [n for n in names if "embeddings" in n] and "oleObj" not in xml and "oleObject" not in xml
    assert any("1 embedded object, 1 embedded document" in w for w in b.drawn.warnings)


@pytest.mark.parametrize(("name", "measured"), [("segoe-ui", "DejaVu Sans"), ("consolas", "DejaVu Sans Mono")])
def test_a_missing_font_is_measured_as_viewers_substitute_it(name: str, measured: str, built: dict[Key, Built]) -> None:
    warnings = [w for w in built[("resilience", name)].drawn.warnings if "font" in w]
    assert len(warnings) == 1 and f"measured with {measured}, which viewers" in warnings[0], warnings


def test_links_on_pale_link_colours_take_effect(built: dict[Key, Built]) -> None:
    b = built[("resilience", "override-gradient")]
    with zipfile.ZipFile(b.deck) as z:
        slides = [z.read(n).decode("utf-8") for n in z.namelist() if re.match(r"ppt/slides/slide\d+\.xml$", n)]
    runs = [m for xml in slides for m in re.findall(r"<a:rPr .*?</a:rPr>", xml)]
    links = [m for m in runs if "<a:hlinkClick" in m]
    assert links and all("{A12FA001-AC4F-418D-AE19-62706E023703}" in m and 'val="tx"' in m for m in links)


def test_art_keeps_off_the_logo_in_a_picture_background(built: dict[Key, Built]) -> None:
    b = built[("resilience", "picture-logo")]
    x, y, w, h = (round(v * 914400) for v in PICTURE_LOGO)
    for slide in b.drawn.slides:
        for sh in slide.shapes:
            if isinstance(sh, (TextShape, PictureShape)):
                r = sh.rect
                assert not (r.x < x + w and x < r.x + r.w and r.y < y + h and y < r.y + r.h), (slide.title, sh.name)


def test_the_contrast_probe_sees_faint_text() -> None:
    """White words on a pale gradient (what the corpus's override template gave before) read as failing."""
    page = Image.new("RGB", (200, 60), (0xBD, 0xD7, 0xEE))
    page.paste((255, 255, 255), (20, 20, 120, 40))
    faint = word_contrast(page, Word("faint", 20, 20, 120, 40), 1.0)
    page.paste((0, 0, 0), (30, 25, 110, 35))
    dark = word_contrast(page, Word("dark", 20, 20, 120, 40), 1.0)
    assert faint < 1.5 and dark > theme.AA


def test_names_from_the_template_are_printed_escaped(tmp_path: Path) -> None:
    """A layout or font name with a line break or a right-to-left override cannot forge a line."""
    from templates_corpus import scaled_presentation, set_theme

    prs = scaled_presentation(13.333, 7.5)
    set_theme(prs, "Nonesuch\u202eSans", "Arial")
    layout = prs.slide_layouts[1]  # type: ignore[attr-defined]
    layout.element.find(f"{{{P_NS}}}cSld").set("name", "Content\nWarnings: none")
    path = tmp_path / "names.pptx"
    prs.save(str(path))  # type: ignore[attr-defined]
    result = CliRunner().invoke(main, ["template", "inspect", str(path)])
    assert result.exit_code == 0, result.output
    assert "\u202e" not in result.output and "Nonesuch\\u202eSans" in result.output
    assert "'Content\\nWarnings: none'" in result.output
    assert not [line for line in result.output.splitlines() if line.startswith("Warnings: none")]


def test_a_theme_without_colours_or_fonts_gets_the_defaults(tmp_path: Path, validator: ModuleType) -> None:
    from openxml_audit import validate_pptx
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from templates_corpus import scaled_presentation

    prs = scaled_presentation(13.333, 7.5)
    part = prs.slide_master.part.part_related_by(RT.THEME)  # type: ignore[attr-defined]
    xml = part.blob.decode("utf-8")
    xml = re.sub(r"<a:clrScheme .*?</a:clrScheme>", "", xml, flags=re.S)
    part._blob = re.sub(r"<a:fontScheme .*?</a:fontScheme>", "", xml, flags=re.S).encode("utf-8")
    path = tmp_path / "bare-theme.pptx"
    prs.save(str(path))  # type: ignore[attr-defined]
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(main, ["build", "resilience", "--template", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "its theme has no colours or fonts; using Office's defaults" in result.stderr
    assert_valid(validator, out)
    assert validate_pptx(str(out)).is_valid
