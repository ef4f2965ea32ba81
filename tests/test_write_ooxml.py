"""The template reader and the deck writer, on hand-drawn decks and hostile templates.

Decks are checked the way their users meet them: the OOXML validator,
python-pptx reopening the file, and LibreOffice converting it.
"""

from __future__ import annotations

import io
import re
import struct
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import pdf_pages, slide_links, slide_notes, slide_text, slide_title
from lxml import etree
from PIL import Image
from pptx import Presentation
from templates_corpus import make

from dnadeck import deck_bytes, load_guide
from dnadeck.catalogue import assets_dir
from dnadeck.errors import GuideError
from dnadeck.layout.canvas import (
    DeckDraw,
    PictureShape,
    Rect,
    RectShape,
    SlideDraw,
    TextPara,
    TextShape,
)
from dnadeck.layout.template import Template, open_template
from dnadeck.limits import TEMPLATE_MAX_PART
from dnadeck.text import Block, Span, block
from dnadeck.write.ooxml import FINGERPRINT, clean, pptx_bytes
from dnadeck.write.stamp import recorded_fingerprint

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
WIDE, FOUR_THREE, A4_PORTRAIT = (12192000, 6858000), (9144000, 6858000), (7560000, 10692000)
INCH = 914400
LONG_TITLE = "A very long title " * 17  # 306 characters
BAD_TITLE = "Bad\x00 title\x0b with\x1f controls\ud800 and\ufffe more"


def png(colour: tuple[int, int, int], size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 30), colour).save(out, "JPEG")
    return out.getvalue()


LOGO, ART, PHOTO = png((0, 94, 184)), png((255, 184, 28), (20, 60)), jpeg((0, 164, 153))


def title(text: str, width: int, kind: Any = "title") -> TextShape:
    return TextShape(
        "Title 1",
        Rect(INCH // 2, INCH // 3, width - INCH, INCH),
        (TextPara(block(text, bold=True)),),
        3600,
        "tx2",
        font="+mj-lt",
        anchor="b",
        placeholder=kind,
    )


def slides(width: int, height: int) -> tuple[SlideDraw, ...]:
    """Four slides drawing every kind of shape and text the writer knows."""
    body = Rect(INCH // 2, int(1.6 * INCH), width - 4 * INCH, height - 3 * INCH)
    side = Rect(width - 3 * INCH, int(1.6 * INCH), int(2.4 * INCH), int(2.4 * INCH))
    number = TextShape(
        "Slide number",
        Rect(width - INCH, height - INCH // 2, int(0.8 * INCH), INCH // 3),
        (TextPara(block("2"), align="r"),),
        1200,
        "tx1",
        field="slidenum",
    )
    return (
        SlideDraw(
            layout="Title Slide",
            title="Opening",
            shapes=(
                title("Opening", width),  # the layout has a ctrTitle: the writer follows it
                TextShape(
                    "Subtitle",
                    body,
                    (TextPara(block("A facilitator's guide", italic=True), align="ctr"),),
                    2600,
                    "accent1",
                ),
                PictureShape("Artwork", side, ART, "image/png", None),
                RectShape("Accent bar", Rect(INCH // 2, int(1.5 * INCH), 2 * INCH, INCH // 12), "FFB81C"),
            ),
            notes="Welcome everyone.",
        ),
        SlideDraw(
            layout="Title Only",
            title="Every kind of text",
            shapes=(
                title("Every kind of text", width),
                TextShape(
                    "Text",
                    body,
                    (
                        TextPara(block("First line\nsecond line & <more>")),
                        TextPara(block("Point one", "bullet"), indent=342900, space_before=1260),
                        TextPara(block("Point two", "bullet", bold=True), indent=342900, space_before=1260),
                        TextPara(Block((Span("Question four"),), "number", 4), indent=457200),
                        TextPara(
                            Block(
                                (
                                    Span("Watch: ", bold=True),
                                    Span(
                                        "https://example.org/a?b=1&c=2",
                                        link="https://example.org/a?b=1&c=2",
                                        tip="Opens the story",
                                    ),
                                    Span(" or write to "),
                                )
                            ),
                            align="l",
                        ),
                        TextPara(block("us", link="mailto:someone@example.org"), link_colour="C8102E"),
                    ),
                    2800,
                    "231F20",
                    anchor="ctr",
                ),
                PictureShape(
                    "QR code",
                    side,
                    LOGO,
                    "image/png",
                    "QR code for the story",
                    link="https://example.org/qr",
                    tip="Watch it",
                ),
                number,
            ),
            notes="Ask the group.\n\nThen listen.",
            background="E8EDEE",
        ),
        SlideDraw(
            layout="Title Only",
            title=BAD_TITLE,
            shapes=(
                title(BAD_TITLE, width),
                PictureShape("Artwork again", side, ART, "image/png", None),
                PictureShape("Photo", body, PHOTO, "image/jpeg", "A photo\nwith two lines"),
            ),
            notes="",
        ),
        SlideDraw(
            layout="Title Only",
            title=LONG_TITLE,
            shapes=(title(LONG_TITLE, width),),
            notes="Line one\nline two",
        ),
    )


def deck(size: tuple[int, int] = WIDE) -> DeckDraw:
    return DeckDraw(
        size[0],
        size[1],
        slides(*size),
        title="Deck \x07title " + LONG_TITLE,
        subject="DNA of Care staff stories",
        author="Sam Patel",
        keywords="DNA of Care",
        language="en-GB",
    )


@pytest.fixture(scope="module")
def bundled() -> Template:
    return open_template(None)


@pytest.fixture(scope="module")
def written(bundled: Template, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[int, int], Path]:
    """The four-slide deck at three slide sizes, on the bundled template."""
    out = tmp_path_factory.mktemp("decks")
    paths = {}
    for size in (WIDE, FOUR_THREE, A4_PORTRAIT):
        path = out / f"deck-{size[0]}x{size[1]}.pptx"
        path.write_bytes(pptx_bytes(bundled, deck(size)))
        paths[size] = path
    return paths


def parts(path: Path | bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(path if isinstance(path, Path) else io.BytesIO(path)) as z:
        return {name: z.read(name) for name in z.namelist()}


def assert_valid(validator: ModuleType, path: Path) -> None:
    report = validator.validate_deck(str(path))
    assert not report.unusable
    assert [str(e) for e in report.errors + report.warnings] == []


# -- the writer -----------------------------------------------------------------


@pytest.mark.parametrize("size", [WIDE, FOUR_THREE, A4_PORTRAIT])
def test_decks_are_valid_ooxml(
    validator: ModuleType, written: dict[tuple[int, int], Path], size: tuple[int, int]
) -> None:
    assert_valid(validator, written[size])


@pytest.mark.parametrize(
    ("size", "kind", "fmt"),
    [(WIDE, None, "Widescreen"), (FOUR_THREE, "screen4x3", "On-screen Show (4:3)"), (A4_PORTRAIT, None, "Custom")],
)
def test_slide_size_and_document_properties(
    written: dict[tuple[int, int], Path], size: tuple[int, int], kind: str | None, fmt: str
) -> None:
    files = parts(written[size])
    pres = etree.fromstring(files["ppt/presentation.xml"])
    sld_sz = pres.find(f"{P}sldSz")
    assert sld_sz is not None
    # The bundled template wrongly says screen4x3 for its 16:9 slides; the deck must not.
    assert (int(sld_sz.get("cx", "")), int(sld_sz.get("cy", "")), sld_sz.get("type")) == (*size, kind)
    assert pres.find(f"{P}notesSz") is not None
    assert pres.find(f"{P}notesMasterIdLst/{P}notesMasterId") is not None
    assert [int(s.get("id", "")) for s in pres.iterfind(f"{P}sldIdLst/{P}sldId")] == [256, 257, 258, 259]
    assert pres.find(f"{P}defaultTextStyle/{A}defPPr/{A}defRPr").get("lang") == "en-GB"
    app = files["docProps/app.xml"].decode()
    for expected in (
        "<Application>dnadeck</Application>",
        "<Slides>4</Slides>",
        "<Notes>4</Notes>",
        f"<PresentationFormat>{fmt}<",
    ):
        assert expected in app
    prs = Presentation(str(written[size]))
    props = prs.core_properties
    assert props.title == ("Deck title " + LONG_TITLE)[:255]
    assert (props.author, props.last_modified_by, props.revision, props.language) == (
        "Sam Patel",
        "dnadeck",
        1,
        "en-GB",
    )
    assert props.created.year == props.modified.year == 2016 and props.last_printed is None
    assert "python-pptx" not in files["docProps/core.xml"].decode()
    recorded, now = recorded_fingerprint(written[size].read_bytes())
    assert recorded == now and (recorded or "").startswith("sha256:")  # what was written, so it is not "edited"


def test_python_pptx_reads_titles_text_notes_links(written: dict[tuple[int, int], Path]) -> None:
    prs = Presentation(str(written[WIDE]))
    shown = list(prs.slides)
    assert [slide_title(s) for s in shown] == ["Opening", "Every kind of text", clean(BAD_TITLE), LONG_TITLE]
    assert [slide_notes(s) for s in shown] == [
        "Welcome everyone.",
        "Ask the group.\n\nThen listen.",
        "",
        "Line one\nline two",
    ]
    text = slide_text(shown[1])
    assert "First line\vsecond line & <more>" in text  # python-pptx shows a line break as \v
    assert "Question four" in text
    assert slide_links(shown[1]) == [
        "https://example.org/a?b=1&c=2",
        "mailto:someone@example.org",
        "https://example.org/qr",
    ]
    # Drawn as "title"; written as the centre title its layout has (PP_PLACEHOLDER.CENTER_TITLE).
    assert shown[0].shapes.title.placeholder_format.type == 3
    assert shown[1].shapes.title.placeholder_format.type == 1
    tips = [el.get("tooltip") for el in shown[1].shapes._spTree.iter(f"{A}hlinkClick")]
    assert tips == ["Opens the story", None, "Watch it"]


def test_pictures_alt_text_decorative_and_shared_media(written: dict[tuple[int, int], Path]) -> None:
    prs = Presentation(str(written[WIDE]))
    pictures = [(s.name, s._element.nvPicPr.cNvPr) for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    described = {name: (c.get("descr"), c.find(f".//{DECORATIVE}") is not None) for name, c in pictures}
    assert described == {
        "Artwork": ("", True),
        "QR code": ("QR code for the story", False),
        "Artwork again": ("", True),
        "Photo": ("A photo\nwith two lines", False),
    }
    bars = [s for s in prs.slides[0].shapes if s.name == "Accent bar"]
    assert bars[0]._element.find(f".//{DECORATIVE}").get("val") == "1"
    media = sorted(n for n in parts(written[WIDE]) if n.startswith("ppt/media/"))
    assert media == ["ppt/media/image1.png", "ppt/media/image2.png", "ppt/media/image3.jpeg"]  # the artwork once


def test_text_markup(written: dict[tuple[int, int], Path]) -> None:
    files = parts(written[WIDE])
    slide = etree.fromstring(files["ppt/slides/slide2.xml"])
    body = next(sp for sp in slide.iter(f"{P}sp") if sp.find(f".//{P}cNvPr").get("name") == "Text")
    pr = body.find(f"{P}txBody/{A}bodyPr")
    assert pr.get("wrap") == "square" and pr.get("anchor") == "ctr" and pr[0].tag == f"{A}noAutofit"
    paras = body.findall(f"{P}txBody/{A}p")
    assert paras[0].find(f"{A}br") is not None
    bullet = paras[1].find(f"{A}pPr")
    assert (bullet.get("marL"), bullet.get("indent")) == ("342900", "-342900")
    assert bullet.find(f"{A}buChar").get("char") == "•" and bullet.find(f"{A}buFont") is not None
    assert bullet.find(f"{A}spcBef/{A}spcPts").get("val") == "1260"
    number = paras[3].find(f"{A}pPr/{A}buAutoNum")
    assert (number.get("type"), number.get("startAt")) == ("arabicPeriod", "4")
    link, own = paras[4].findall(f"{A}r")[1], paras[5].findall(f"{A}r")[0]
    assert link.find(f"{A}rPr").get("u") == "sng"
    assert link.find(f"{A}rPr/{A}solidFill/{A}schemeClr").get("val") == "hlink"
    assert own.find(f"{A}rPr/{A}solidFill/{A}srgbClr").get("val") == "C8102E"
    assert all(
        r.find(f"{A}rPr").get("cap") == "none" and r.find(f"{A}rPr").get("sz") == "2800" for r in body.iter(f"{A}r")
    )
    field = slide.find(f".//{A}fld")
    assert field.get("type") == "slidenum" and field.find(f"{A}t").text == "2"
    assert slide.find(f"{P}cSld/{P}bg/{P}bgPr/{A}solidFill/{A}srgbClr").get("val") == "E8EDEE"
    title_ph = slide.find(f".//{P}nvPr/{P}ph")
    assert title_ph.get("type") == "title"
    ids = [c.get("id") for c in slide.iter(f"{P}cNvPr")]
    assert len(ids) == len(set(ids))


def test_every_run_has_the_language(written: dict[tuple[int, int], Path]) -> None:
    files = parts(written[WIDE])
    checked = 0
    for name, data in files.items():
        if not re.fullmatch(r"ppt/(slides/slide|notesSlides/notesSlide)\d+\.xml", name):
            continue
        root = etree.fromstring(data)
        for run in root.iter(f"{A}r", f"{A}fld", f"{A}br"):
            assert run.find(f"{A}rPr").get("lang") == "en-GB", name
            checked += 1
        for end in root.iter(f"{A}endParaRPr"):
            assert end.get("lang") == "en-GB", name
    assert checked > 20


def test_illegal_characters_never_reach_a_part(written: dict[tuple[int, int], Path]) -> None:
    for name, data in parts(written[WIDE]).items():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(data)  # well-formed
            assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf\xbe|\xed[\xa0-\xbf]", data), name
    assert clean("a\x00b\ud800c\uffffd\r\ne") == "abcd\ne"


def test_the_same_deck_gives_the_same_bytes(bundled: Template) -> None:
    first = pptx_bytes(bundled, deck())
    assert pptx_bytes(open_template(None), deck()) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        names = z.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(2016, 11, 2, 0, 0, 0)}
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}


def test_bad_drawings_are_refused(bundled: Template) -> None:
    unknown = SlideDraw("Nonesuch", "x", (), "")
    with pytest.raises(ValueError, match="no layout named 'Nonesuch'"):
        pptx_bytes(bundled, DeckDraw(*WIDE, (unknown,), "t", "s", "a", "k", "en-GB"))
    evil = SlideDraw(
        "Title Only",
        "x",
        (PictureShape("p", Rect(0, 0, 9, 9), LOGO, "image/png", "x", link="javascript:alert(1)"),),
        "",
    )
    with pytest.raises(ValueError, match="http, https or mailto"):
        pptx_bytes(bundled, DeckDraw(*WIDE, (evil,), "t", "s", "a", "k", "en-GB"))
    painted = SlideDraw("Title Only", "x", (RectShape("r", Rect(0, 0, 9, 9), "red"),), "")
    with pytest.raises(ValueError, match="not a colour"):
        pptx_bytes(bundled, DeckDraw(*WIDE, (painted,), "t", "s", "a", "k", "en-GB"))


def test_an_empty_deck_is_valid(bundled: Template, validator: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "empty.pptx"
    path.write_bytes(pptx_bytes(bundled, DeckDraw(*WIDE, (), "Empty", "", "", "", "en-GB")))
    assert_valid(validator, path)
    assert len(Presentation(str(path)).slides) == 0
    # A deck drawn without a fingerprint gets one computed from what was written.
    recorded, now = recorded_fingerprint(path.read_bytes())
    assert recorded == now and (now or "").startswith("sha256:")
    assert FINGERPRINT in parts(path)["docProps/custom.xml"].decode()


@pytest.mark.office
def test_libreoffice_shows_every_slide(written: dict[tuple[int, int], Path], to_pdf: Callable[[Path], Path]) -> None:
    assert pdf_pages(to_pdf(written[WIDE])) == 4


# -- the template -------------------------------------------------------------------


def test_bundled_template_geometry(bundled: Template) -> None:
    assert (bundled.width, bundled.height) == WIDE
    assert bundled.layout_names[:2] == ["Title Slide", "Title and Content"]
    assert bundled.layout_for(["Nope", "Title Only", "Title Slide"]) == "Title Only"
    assert bundled.layout_for(["Nope"]) == "Title Slide"
    only = bundled.layouts["Title Only"]
    assert only.has_title and only.placeholder("title").rect == Rect(609600, 274638, 10972800, 1143000)
    assert bundled.major_font == bundled.minor_font == "Arial"
    assert bundled.colours["dk1"] == "000000" and bundled.colours["lt1"] == "FFFFFF"  # sysClr lastClr
    assert bundled.colours["accent1"] == "005EB8"
    names = set(bundled.parts)
    assert not names & {"docProps/thumbnail.jpeg", "ppt/printerSettings/printerSettings1.bin"}
    assert bundled.notes_master in names  # the bundled template has none: one is added


def repack(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """``data`` (a zip) with parts replaced, added or (None) removed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if name not in changes:
                dst.writestr(name, src.read(name))
        for name, value in changes.items():
            if value is not None:
                dst.writestr(name, value)
    return out.getvalue()


def edit(data: bytes, name: str, old: str, new: str, count: int = 1) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        text = z.read(name).decode()
    assert old in text, (name, old)
    return {name: text.replace(old, new, count).encode()}


@pytest.fixture(scope="module")
def with_slides() -> bytes:
    """The bundled template after someone added a slide with a picture and notes."""
    prs = Presentation(str(assets_dir() / "template.pptx"))
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Old slide"
    slide.shapes.add_picture(io.BytesIO(png((1, 2, 3), (7, 7))), 0, 0)
    slide.notes_slide.notes_text_frame.text = "Old notes"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_a_template_loses_its_slides_and_their_media(with_slides: bytes, tmp_path: Path, validator: ModuleType) -> None:
    data = repack(with_slides, edit(with_slides, "[Content_Types].xml", "presentation.main+xml", "template.main+xml"))
    path = tmp_path / "trust.potx"
    path.write_bytes(data)
    template = open_template(path)
    old_picture = png((1, 2, 3), (7, 7))
    assert not any(n.startswith(("ppt/slides/", "ppt/notesSlides/")) for n in template.parts)
    assert old_picture not in template.parts.values()
    out = tmp_path / "from-potx.pptx"
    out.write_bytes(pptx_bytes(template, deck()))
    assert_valid(validator, out)
    files = parts(out)
    assert b"presentation.main+xml" in files["[Content_Types].xml"]
    assert b"template.main+xml" not in files["[Content_Types].xml"]
    assert old_picture not in files.values()
    assert slide_title(Presentation(str(out)).slides[0]) == "Opening"


def test_a_macro_enabled_deck_renamed_pptx_comes_out_plain(
    with_slides: bytes, tmp_path: Path, validator: ModuleType
) -> None:
    rels = "ppt/_rels/presentation.xml.rels"
    extra = (
        '<Relationship Id="rId90" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'
        '<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"/>'
        '<Relationship Id="rId92" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/commentAuthors" Target="commentAuthors.xml"/>'
        "</Relationships>"
    )
    types = (
        '<Override PartName="/ppt/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        '<Override PartName="/ppt/commentAuthors.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml"/>'
        "</Types>"
    )
    changes = edit(with_slides, rels, "</Relationships>", extra)
    ct = edit(with_slides, "[Content_Types].xml", "</Types>", types)["[Content_Types].xml"].decode()
    ct = ct.replace(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    )
    changes |= {
        "[Content_Types].xml": ct.encode(),
        "ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0 pretend macros",
        "customXml/item1.xml": b"<secret>customer data</secret>",
        "ppt/commentAuthors.xml": b'<p:cmAuthorLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
    }
    path = tmp_path / "macros.pptx"
    path.write_bytes(repack(with_slides, changes))
    out = tmp_path / "plain.pptx"
    out.write_bytes(pptx_bytes(open_template(path), deck()))
    assert_valid(validator, out)
    files = parts(out)
    assert not [n for n in files if re.search(r"vba|customXml|commentAuthors|printerSettings|thumbnail", n)]
    assert b"macroEnabled" not in files["[Content_Types].xml"] and b"vbaProject" not in files["[Content_Types].xml"]
    assert b"customer data" not in b"".join(files.values())


def test_unsafe_links_and_linked_pictures_leave_the_layouts(tmp_path: Path, validator: ModuleType) -> None:
    base = (assets_dir() / "template.pptx").read_bytes()
    layout = "ppt/slideLayouts/slideLayout6.xml"
    shapes = (
        '<p:sp><p:nvSpPr><p:cNvPr id="20" name="Links"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr/>'
        '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB"><a:hlinkClick r:id="rId90"/></a:rPr><a:t>evil</a:t></a:r>'
        '<a:r><a:rPr lang="en-GB"><a:hlinkClick r:id="rId91"/></a:rPr><a:t>fine</a:t></a:r>'
        '<a:r><a:rPr lang="en-GB"><a:hlinkClick r:id="" action="ppaction://macro?name=Evil"/></a:rPr><a:t>macro</a:t></a:r></a:p></p:txBody></p:sp>'
        + "".join(
            f'<p:pic><p:nvPicPr><p:cNvPr id="{21 + i}" name="Linked {i}"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:link="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
            for i, rid in enumerate(("rId92", "rId93"))
        )
        + "</p:spTree>"
    )
    ext = 'TargetMode="External"'
    rels = (
        f'<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="javascript:alert(1)" {ext}/>'
        f'<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/kept" {ext}/>'
        f'<Relationship Id="rId92" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="https://tracker.example/pixel.png" {ext}/>'
        f'<Relationship Id="rId93" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="file:///C:/secret.png" {ext}/>'
        "</Relationships>"
    )
    changes = edit(base, layout, "</p:spTree>", shapes) | edit(
        base, "ppt/slideLayouts/_rels/slideLayout6.xml.rels", "</Relationships>", rels
    )
    path = tmp_path / "hostile.pptx"
    path.write_bytes(repack(base, changes))
    template = open_template(path)
    cleaned = template.parts[layout].decode() + template.parts["ppt/slideLayouts/_rels/slideLayout6.xml.rels"].decode()
    for gone in ("javascript", "tracker.example", "secret.png", "r:link", "ppaction://macro", "Linked 0"):
        assert gone not in cleaned
    assert "https://example.org/kept" in cleaned and "evil" in cleaned  # the text stays, without its link
    out = tmp_path / "cleaned.pptx"
    out.write_bytes(pptx_bytes(template, deck()))
    assert_valid(validator, out)


def test_geometry_inherited_furniture_and_theme_colours(tmp_path: Path, validator: ModuleType) -> None:
    base = (assets_dir() / "template.pptx").read_bytes()
    master = "ppt/slideMasters/slideMaster1.xml"
    band = (
        '<p:sp><p:nvSpPr><p:cNvPr id="40" name="Band"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm>'
        '<a:off x="0" y="6400000"/><a:ext cx="12192000" cy="458000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:schemeClr val="accent1"/></a:solidFill></p:spPr></p:sp>'
        '<p:pic><p:nvPicPr><p:cNvPr id="41" name="Logo" descr="Trust logo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        '<p:blipFill><a:blip r:embed="rId90"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm>'
        '<a:off x="11000000" y="100000"/><a:ext cx="900000" cy="600000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
        "</p:spTree>"
    )
    changes = edit(base, master, "</p:spTree>", band)
    changes |= edit(
        base,
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        "</Relationships>",
        '<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/logo.png"/></Relationships>',
    )
    changes |= edit(
        base,
        "[Content_Types].xml",
        "<Default Extension=",
        '<Default Extension="png" ContentType="image/png"/><Default Extension=',
    )
    changes["ppt/media/logo.png"] = LOGO
    layout = edit(
        base,
        "ppt/slideLayouts/slideLayout6.xml",
        '<a:xfrm><a:off x="609600" y="274638"/><a:ext cx="10972800" cy="1143000"/></a:xfrm>',
        "",
    )
    changes |= layout
    changes |= edit(base, "ppt/theme/theme1.xml", 'lastClr="000000"', 'lastClr="1A2B3C"')
    path = tmp_path / "furnished.pptx"
    path.write_bytes(repack(base, changes))
    template = open_template(path)
    assert template.master_furniture == (Rect(0, 6400000, 12192000, 458000), Rect(11000000, 100000, 900000, 600000))
    assert template.furniture("Title Only") == template.master_furniture
    assert template.layouts["Title Only"].placeholder("title").rect == Rect(609600, 274638, 10972800, 1143000)
    assert template.colours["dk1"] == "1A2B3C"
    out = tmp_path / "furnished-deck.pptx"
    out.write_bytes(pptx_bytes(template, deck()))
    assert_valid(validator, out)
    assert parts(out)["ppt/media/logo.png"] == LOGO


def test_a_template_without_a_title_layout_is_refused(tmp_path: Path) -> None:
    base = (assets_dir() / "template.pptx").read_bytes()
    changes: dict[str, bytes | None] = {}
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        for name in z.namelist():
            if name.startswith("ppt/slideLayouts/slideLayout"):
                changes[name] = re.sub(rb'type="(ctrTitle|title)"', b'type="body"', z.read(name))
    path = tmp_path / "untitled.pptx"
    path.write_bytes(repack(base, changes))
    with pytest.raises(GuideError, match="no slide layout with a title placeholder") as info:
        open_template(path, ("guide.yaml", 7))
    assert str(info.value).startswith("guide.yaml:7: template: 'untitled.pptx' has no slide layout")


# -- hostile files ------------------------------------------------------------------


def raw_zip(entries: list[tuple[str, bytes, int]]) -> bytes:
    """A zip of raw deflate streams, each with the unpacked size it declares."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, stream, declared in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, 0, len(stream), declared, len(encoded), 0))
        out.write(encoded + stream)
        central.write(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0x21,
                0,
                len(stream),
                declared,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
        )
        central.write(encoded)
    start = out.tell()
    out.write(central.getvalue())
    out.write(
        struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central.getvalue()), start, 0)
    )
    return out.getvalue()


def zeros(gigabytes: int) -> bytes:
    """A raw deflate stream of ``gigabytes`` GiB of zeros, made without compressing them all."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(1 << 24)) + packer.flush(zlib.Z_FULL_FLUSH)  # 16 MiB; state reset after
    return block * (64 * gigabytes) + packer.flush()


def valid_entries() -> Iterator[tuple[str, bytes, int]]:
    with zipfile.ZipFile(assets_dir() / "template.pptx") as z:
        for name in z.namelist():
            data = z.read(name)
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            yield name, packer.compress(data) + packer.flush(), len(data)


@cache
def hostile_files() -> dict[str, tuple[bytes, str]]:
    bomb = zeros(2)
    entries = list(valid_entries())
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as z:
        for i in range(2100):
            z.writestr(f"ppt/junk/{i}.xml", b"")
    return {
        "bomb.pptx": (raw_zip([*entries, ("ppt/media/huge.png", bomb, 2**31 - 1)]), "too large"),
        "liar.pptx": (
            raw_zip(
                [(n, s, size) for n, s, size in entries if n != "[Content_Types].xml"]
                + [("[Content_Types].xml", bomb, 4000)]
            ),
            "damaged",
        ),
        "liar-big.pptx": (
            raw_zip(
                [(n, s, size) for n, s, size in entries if n != "[Content_Types].xml"]
                + [("[Content_Types].xml", bomb, TEMPLATE_MAX_PART - 1)]
            ),
            "damaged|too large",
        ),
        "encrypted.pptx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "encrypted"),
        "notes.pptx": (b"These are my notes, not a deck.\n", "not a PowerPoint file"),
        "cut.pptx": ((assets_dir() / "template.pptx").read_bytes()[:20000], "damaged|not a PowerPoint"),
        "many.pptx": (many.getvalue(), "too many parts"),
        "dtd.pptx": (
            repack(
                (assets_dir() / "template.pptx").read_bytes(),
                {
                    "ppt/presProps.xml": None,
                    "[Content_Types].xml": b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa">]><Types/>',
                },
            ),
            "damaged",
        ),
    }


@pytest.mark.parametrize("name", sorted(hostile_files()))
def test_hostile_templates_are_refused_quickly_in_one_line(name: str, tmp_path: Path) -> None:
    data, message = hostile_files()[name]
    path = tmp_path / name
    path.write_bytes(data)
    tracemalloc.start()
    start = time.process_time()  # CPU time, not the clock: a busy machine does not fail it
    with pytest.raises(GuideError) as info:
        open_template(path, ("guide.yaml", 3))
    seconds = time.process_time() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    text = str(info.value)
    assert "\n" not in text and text.startswith(f"guide.yaml:3: template: '{name}'")
    assert re.search(message, text), text
    assert seconds < 3 and peak < 120 * 2**20, (seconds, peak)


def test_a_missing_template_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(GuideError, match=r"^[^\n]*template: cannot read 'gone.pptx': [^\n]*$"):
        open_template(tmp_path / "gone.pptx")


def test_text_is_set_without_the_templates_spacing_between_letters(tmp_path: Path) -> None:
    """Text is measured without spacing between letters: on a template whose styles add some, every run
    says it has none (else titles and bullets would run wider than measured); elsewhere runs say nothing."""
    spaced = deck_bytes(load_guide("resilience", template=str(make("letter-spacing", tmp_path))))
    plain = deck_bytes(load_guide("resilience"))
    for deck, wanted in ((spaced, True), (plain, False)):
        with zipfile.ZipFile(io.BytesIO(deck)) as z:
            runs = [
                r
                for n in z.namelist()
                if re.match(r"ppt/slides/slide\d+\.xml$", n)
                for r in re.findall(r"<a:rPr [^>]*>", z.read(n).decode())
            ]
        assert runs and all(('spc="0"' in r) == wanted for r in runs)


def test_a_template_saved_without_view_settings_gets_powerpoints(tmp_path: Path, validator: ModuleType) -> None:
    """LibreOffice saves a presentation without view settings (ppt/viewProps.xml), which PowerPoint then
    offers to repair: the deck gets PowerPoint's defaults. A template's own are kept as they are."""
    bundled = (assets_dir() / "template.pptx").read_bytes()
    rels = "ppt/_rels/presentation.xml.rels"
    with zipfile.ZipFile(io.BytesIO(bundled)) as z:
        text = z.read(rels).decode()
    without = re.sub(r'<Relationship [^>]*relationships/viewProps"[^>]*/>', "", text)
    assert without != text
    path = tmp_path / "from-libreoffice.pptx"
    path.write_bytes(repack(bundled, {rels: without.encode(), "ppt/viewProps.xml": None}))
    out = tmp_path / "deck.pptx"
    out.write_bytes(pptx_bytes(open_template(path), deck()))
    assert_valid(validator, out)
    files = parts(out)
    assert re.search(rb'relationships/viewProps" Target="viewProps.xml"', files[rels])
    assert (
        b'PartName="/ppt/viewProps.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml"'
        in files["[Content_Types].xml"]
    )
    assert etree.fromstring(files["ppt/viewProps.xml"]).tag == f"{P}viewPr"
    kept = parts(pptx_bytes(open_template(assets_dir() / "template.pptx"), deck()))
    assert kept["ppt/viewProps.xml"] == parts(bundled)["ppt/viewProps.xml"]
