"""A corpus of templates as trusts really have them, made by the tests.

Each starts from python-pptx's default template (scaled to 16:9) and adds
one feature that real templates carry and that dnadeck must cope with: a
layout colour-map override over a gradient background, a picture
background with a logo in it, the stock theme's thin rule under the title,
layouts named in Japanese, footer placeholders at the top of the slide,
fonts this machine does not have (Segoe UI, Consolas), an embedded OLE
object and macro-enabled document, and slide sizes PowerPoint refuses.
``CORPUS`` maps each name to its builder; ``REFUSED`` lists the ones
dnadeck must refuse (in one line) rather than build on.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.util import Emu, Inches

P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:p="{P_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}"'
WIDTH, HEIGHT = 13.333, 7.5

# The picture background's logo, in inches from the top-left corner.
PICTURE_LOGO = (10.8, 0.3, 2.2, 0.9)
PICTURE_PAPER = (244, 241, 234)  # a warm off-white


def scaled_presentation(width: float, height: float) -> object:
    """python-pptx's default template at ``width`` x ``height`` inches, every placeholder scaled to it."""
    prs = Presentation()
    sx, sy = Inches(width) / prs.slide_width, Inches(height) / prs.slide_height
    holders = [*prs.slide_master.placeholders, *(ph for lay in prs.slide_layouts for ph in lay.placeholders)]
    boxes = [(ph, ph.left, ph.top, ph.width, ph.height) for ph in holders]
    for ph, left, top, w, h in boxes:
        ph.left, ph.top, ph.width, ph.height = (Emu(round(v * k)) for v, k in ((left, sx), (top, sy), (w, sx), (h, sy)))
    prs.slide_width, prs.slide_height = Inches(width), Inches(height)
    return prs


def set_theme(prs: object, heading: str, body: str, colours: dict[str, str] | None = None) -> None:
    """Set the master theme's fonts (and colours) by editing its XML, as make_template does."""
    part = prs.slide_master.part.part_related_by(RT.THEME)  # type: ignore[attr-defined]
    xml = part.blob.decode("utf-8")
    xml = re.sub(r'(<a:majorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{heading}", xml)
    xml = re.sub(r'(<a:minorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{body}", xml)
    for slot, rgb in (colours or {}).items():
        xml = re.sub(rf"<a:{slot}>.*?</a:{slot}>", f'<a:{slot}><a:srgbClr val="{rgb}"/></a:{slot}>', xml, count=1)
    part._blob = xml.encode("utf-8")


def _base(font: str = "Arial") -> object:
    prs = scaled_presentation(WIDTH, HEIGHT)
    set_theme(prs, font, font)
    return prs


def _layout(prs: object, name: str) -> object:
    return next(lay for lay in prs.slide_layouts if lay.name == name)  # type: ignore[attr-defined]


def _set_background(csld: etree._Element, fill: str) -> None:
    """Give a master's or layout's ``p:cSld`` the background ``fill`` (DrawingML fill XML)."""
    for old in csld.findall(f"{{{P_NS}}}bg"):
        csld.remove(old)
    bg = etree.fromstring(f"<p:bg {NSDECL}><p:bgPr>{fill}<a:effectLst/></p:bgPr></p:bg>")
    csld.insert(0, bg)


def _shape(xml: str) -> etree._Element:
    return etree.fromstring(xml.replace("<p:sp>", f"<p:sp {NSDECL}>", 1))


def _rect(shape_id: int, name: str, x: float, y: float, w: float, h: float, fill: str) -> etree._Element:
    return _shape(
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>'
        f'<a:xfrm><a:off x="{Inches(x)}" y="{Inches(y)}"/><a:ext cx="{Inches(w)}" cy="{Inches(h)}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>{fill}</a:solidFill><a:ln><a:noFill/></a:ln>'
        "</p:spPr></p:sp>"
    )


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# -- the templates ---------------------------------------------------------------------------


def override_gradient(prs: object) -> None:
    """Content layouts map text to the light colour (a 'dark' style) yet draw a pale gradient:
    white text on a pale background unless dnadeck resolves colours as renderers do. Its link
    colours are pale too, so links need a colour of dnadeck's that renderers honour."""
    set_theme(prs, "Arial", "Arial", {"hlink": "9DC3E6", "folHlink": "C9A0DC"})
    gradient = (
        '<a:gradFill rotWithShape="1"><a:gsLst><a:gs pos="0"><a:srgbClr val="FFFFFF"/></a:gs>'
        '<a:gs pos="100000"><a:srgbClr val="BDD7EE"/></a:gs></a:gsLst><a:lin ang="5400000" scaled="0"/></a:gradFill>'
    )
    override = (
        f'<p:clrMapOvr {NSDECL}><a:overrideClrMapping bg1="dk1" tx1="lt1" bg2="dk2" tx2="lt2" accent1="accent1" '
        'accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
        'folHlink="folHlink"/></p:clrMapOvr>'
    )
    for name in ("Title and Content", "Title Only"):
        root = _layout(prs, name).element  # type: ignore[attr-defined]
        _set_background(root.find(f"{{{P_NS}}}cSld"), gradient)
        old = root.find(f"{{{P_NS}}}clrMapOvr")
        if old is not None:
            root.remove(old)
        root.find(f"{{{P_NS}}}cSld").addnext(etree.fromstring(override))


TITLE_BAR = "1F3864"  # the fill title_bar gives the master's title placeholder


def title_bar(prs: object) -> None:
    """The master's title placeholder filled navy, a title bar drawn by the placeholder itself (as
    many organisations' templates do): the theme's title colour, dark blue, cannot be read on it. The
    section layout's title says it has no fill, so section titles stand on the section background."""
    master = prs.slide_masters[0]  # type: ignore[attr-defined]
    title = next(ph for ph in master.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.TITLE)
    title._element.spPr.append(etree.fromstring(f'<a:solidFill {NSDECL}><a:srgbClr val="{TITLE_BAR}"/></a:solidFill>'))
    section = _layout(prs, "Section Header")
    heading = next(ph for ph in section.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.TITLE)  # type: ignore[attr-defined]
    heading._element.spPr.append(etree.fromstring(f"<a:noFill {NSDECL}/>"))


def _picture_background(prs: object, png: bytes) -> None:
    """The master's background: ``png``, stretched over the slide."""
    master = prs.slide_master  # type: ignore[attr-defined]
    _, rid = master.part.get_or_add_image_part(io.BytesIO(png))
    fill = f'<a:blipFill dpi="0" rotWithShape="1"><a:blip r:embed="{rid}"/><a:srcRect/><a:stretch><a:fillRect/></a:stretch></a:blipFill>'
    _set_background(master.element.find(f"{{{P_NS}}}cSld"), fill)


def picture_logo(prs: object) -> None:
    """The master's background is a picture: off-white paper with the trust's logo top right."""
    px = 120  # pixels per inch
    image = Image.new("RGB", (round(WIDTH * px), round(HEIGHT * px)), PICTURE_PAPER)
    x, y, w, h = (round(v * px) for v in PICTURE_LOGO)
    draw = ImageDraw.Draw(image)
    draw.rectangle((x, y, x + w, y + h), fill=(0, 94, 184))
    draw.rectangle((x + 12, y + 12, x + w // 3, y + h - 12), fill=(255, 255, 255))
    _picture_background(prs, _png(image))


INK_BLOTS = ((0.45, 6.55, 0.22), (0.35, 7.1, 0.4), (1.0, 7.05, 0.3))  # (x, y, radius) in inches, bottom left


@cache
def parchment() -> bytes:
    """A photograph of parchment, darker towards its edges and mottled, with blots of ink in the bottom
    left corner (as LibreOffice's "Vintage"): black reads on all of it but the ink. PNG."""
    px, fine = 15, 60  # pixels per inch of the paper (smooth, so made small and scaled up), of the picture
    w, h = round(WIDTH * px), round(HEIGHT * px)
    image = Image.new("RGB", (w, h))
    for y in range(h):
        for x in range(w):
            edge = max(abs(x / w - 0.5), abs(y / h - 0.5)) * 2  # 0 in the middle, 1 at the edges
            stain = round(40 * math.sin(x * fine / px / 23) * math.cos(y * fine / px / 17))  # the paper's mottling
            shade = round(60 * edge) + stain
            image.putpixel((x, y), (250 - shade, 234 - round(1.3 * shade), 200 - round(1.6 * shade)))
    image = image.resize((round(WIDTH * fine), round(HEIGHT * fine)), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(image)
    for x, y, r in INK_BLOTS:
        draw.ellipse(((x - r) * fine, (y - r) * fine, (x + r) * fine, (y + r) * fine), fill=(8, 8, 30))
    return _png(image)


def parchment_ink(prs: object) -> None:
    """The master's background is the photograph of parchment with blots of ink."""
    _picture_background(prs, parchment())


def stock_rule(prs: object) -> None:
    """A thin rule under the title on every slide, and between title and subtitle on the title
    slide, as PowerPoint's stock themes draw them."""
    master = prs.slide_master  # type: ignore[attr-defined]
    title = next(ph for ph in master.placeholders if ph.placeholder_format.type == 1)
    under = (title.top + title.height) / 914400 + 0.05
    master.shapes._spTree.insert(2, _rect(90, "Rule", 0.6, under, WIDTH - 1.2, 0.03, '<a:schemeClr val="accent1"/>'))
    layout = _layout(prs, "Title Slide")
    layout.element.set("showMasterSp", "0")  # type: ignore[attr-defined]
    sub = next(ph for ph in layout.placeholders if ph.placeholder_format.type == 4)  # type: ignore[attr-defined]
    y = sub.top / 914400 - 0.15
    layout.shapes._spTree.insert(2, _rect(91, "Rule", 1.0, y, WIDTH - 2.0, 0.04, '<a:schemeClr val="accent1"/>'))  # type: ignore[attr-defined]


JAPANESE = {
    "Title Slide": "タイトル スライド",
    "Title and Content": "タイトルとコンテンツ",
    "Section Header": "セクション見出し",
    "Two Content": "2 つのコンテンツ",
    "Comparison": "比較",
    "Title Only": "タイトルのみ",
    "Blank": "白紙",
    "Content with Caption": "タイトル付きのコンテンツ",
    "Picture with Caption": "タイトル付きの図",
    "Title and Vertical Text": "タイトルと縦書きテキスト",
    "Vertical Title and Text": "縦書きタイトルと縦書きテキスト",
}


def japanese(prs: object) -> None:
    """Layouts named in Japanese (their types are PowerPoint's own), listed blank first."""
    for layout in prs.slide_layouts:  # type: ignore[attr-defined]
        layout.element.find(f"{{{P_NS}}}cSld").set("name", JAPANESE[layout.name])
    ids = prs.slide_master.element.find(f"{{{P_NS}}}sldLayoutIdLst")  # type: ignore[attr-defined]
    blank = ids[6]
    ids.remove(blank)
    ids.insert(0, blank)


def footer_top(prs: object) -> None:
    """Footer, date and slide-number placeholders along the top of the slide, titles below them."""
    master = prs.slide_master  # type: ignore[attr-defined]
    for ph in [*master.placeholders, *(ph for lay in prs.slide_layouts for ph in lay.placeholders)]:  # type: ignore[attr-defined]
        kind = ph.placeholder_format.type
        if kind in (13, 15, 16):  # slide number, footer, date
            ph.top, ph.height = Inches(0.12), Inches(0.4)
        elif kind == 1 and ph.top < Inches(1):  # a title at the top
            ph.top = Inches(0.7)


def _with_font(font: str) -> Callable[[object], None]:
    def apply(prs: object) -> None:
        set_theme(prs, font, font)

    apply.__doc__ = f"Theme fonts {font}, which this machine does not have."
    return apply


def ole_object(prs: object) -> None:
    """The master carries an embedded OLE object (with its preview picture) and an embedded
    macro-enabled Word document, as some templates bring along from an old deck."""
    master = prs.slide_master  # type: ignore[attr-defined]
    package = master.part.package
    ole = Part(
        PackURI("/ppt/embeddings/oleObject1.bin"),
        "application/vnd.openxmlformats-officedocument.oleObject",
        package,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    )
    docm = Part(
        PackURI("/ppt/embeddings/Microsoft_Word_Macro-Enabled_Document1.docm"),
        "application/vnd.ms-word.document.macroEnabled.12",
        package,
        b"PK\x05\x06" + bytes(18),
    )
    rid_ole = master.part.relate_to(ole, RT.OLE_OBJECT)
    rid_pkg = master.part.relate_to(docm, RT.PACKAGE)
    _, rid_img = master.part.get_or_add_image_part(io.BytesIO(_png(Image.new("RGB", (40, 30), (200, 200, 200)))))
    frames = []
    for n, (rid, prog) in enumerate(((rid_ole, "Package"), (rid_pkg, "Word.DocumentMacroEnabled.12"))):
        frames.append(
            f'<p:graphicFrame {NSDECL}><p:nvGraphicFramePr><p:cNvPr id="{95 + n}" name="Object {n + 1}"/>'
            '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f'<p:xfrm><a:off x="{Inches(5 + 1.5 * n)}" y="{Inches(3)}"/><a:ext cx="{Inches(1)}" cy="{Inches(0.75)}"/></p:xfrm>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
            f'<p:oleObj showAsIcon="1" r:id="{rid}" imgW="914400" imgH="685800" progId="{prog}"><p:embed/>'
            f'<p:pic><p:nvPicPr><p:cNvPr id="0" name=""/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rid_img}"/>'
            '<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="685800"/>'
            '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic></p:oleObj></a:graphicData></a:graphic>'
            "</p:graphicFrame>"
        )
    for xml in frames:
        master.shapes._spTree.append(etree.fromstring(xml))


def _sized(width_emu: int, height_emu: int) -> Callable[[object], None]:
    def apply(prs: object) -> None:
        size = prs.part._element.find(f"{{{P_NS}}}sldSz")  # type: ignore[attr-defined]
        size.set("cx", str(width_emu))  # past python-pptx's own check, as a damaged file would be
        size.set("cy", str(height_emu))

    apply.__doc__ = f"A slide of {width_emu} x {height_emu} EMU, outside PowerPoint's 1 to 56 inches."
    return apply


def no_title(prs: object) -> None:
    """Every layout's title placeholder taken out: nothing can hold a slide's title."""
    for layout in prs.slide_layouts:  # type: ignore[attr-defined]
        for ph in list(layout.placeholders):
            if ph.placeholder_format.type in (1, 3):
                ph.element.getparent().remove(ph.element)


CORPUS: dict[str, Callable[[object], None]] = {
    "override-gradient": override_gradient,
    "picture-logo": picture_logo,
    "stock-rule": stock_rule,
    "japanese": japanese,
    "footer-top": footer_top,
    "title-bar": title_bar,
    "segoe-ui": _with_font("Segoe UI"),
    "consolas": _with_font("Consolas"),
    "ole-object": ole_object,
    "size-1-emu": _sized(1, 1),
    "size-60-in": _sized(Inches(60), Inches(33.75)),
    "no-title": no_title,
}
# What dnadeck must say (a fragment of its one line) instead of building.
REFUSED = {
    "size-1-emu": "outside the 1 to 56 inches",
    "size-60-in": "outside the 1 to 56 inches",
    "no-title": "no slide layout with a title placeholder",
}


LINE_RULE_Y = 1.45  # inches: where line_rule draws its rule


def line_rule(prs: object) -> None:
    """A rule under the title drawn as a line (a connector with no height), as many themes draw it."""
    rule = (
        f'<p:cxnSp {NSDECL}><p:nvCxnSpPr><p:cNvPr id="90" name="Rule"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{Inches(0.6)}" y="{Inches(LINE_RULE_Y)}"/><a:ext cx="{Inches(WIDTH - 1.2)}" cy="0"/>'
        '</a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="38100"><a:solidFill>'
        '<a:srgbClr val="C00000"/></a:solidFill></a:ln></p:spPr></p:cxnSp>'
    )
    prs.slide_master.shapes._spTree.append(etree.fromstring(rule))  # type: ignore[attr-defined]


# Templates made for one test, outside the corpus (which every pack is read on with LibreOffice).
def footer_bands(prs: object) -> None:
    """The master's footer, date and slide-number placeholders filled navy: bands drawn by the
    placeholders themselves, on which the theme's muted text colour cannot be read."""
    master = prs.slide_masters[0]  # type: ignore[attr-defined]
    kinds = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)
    for ph in master.placeholders:
        if ph.placeholder_format.type in kinds:
            ph._element.spPr.append(
                etree.fromstring(f'<a:solidFill {NSDECL}><a:srgbClr val="{TITLE_BAR}"/></a:solidFill>')
            )


def body_fill(prs: object) -> None:
    """The master's body placeholder filled navy: a text box with a fill of its own, which every
    content layout's placeholder inherits, on which the theme's black text cannot be read."""
    master = prs.slide_masters[0]  # type: ignore[attr-defined]
    body = next(ph for ph in master.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.BODY)
    body._element.spPr.append(etree.fromstring(f'<a:solidFill {NSDECL}><a:srgbClr val="{TITLE_BAR}"/></a:solidFill>'))


SWEETS = ((60, 20, 90), (200, 30, 40), (250, 210, 40), (40, 140, 60), (30, 90, 200), (240, 120, 180))


@cache
def sweets() -> bytes:
    """A photograph of sweets (as LibreOffice's "Candy"): pale above, heaped with bright and dark sweets
    from the middle down, so that black text cannot be read on some and white on the rest. PNG."""
    px = 30
    image = Image.new("RGB", (round(WIDTH * px), round(HEIGHT * px)), (226, 228, 230))
    draw = ImageDraw.Draw(image)
    for n in range(160):
        x, y = (n * 37 % 97) / 97 * WIDTH, 2.2 + (n * 53 % 89) / 89 * (HEIGHT - 2.2)
        r = 0.35 + (n % 5) * 0.08
        draw.ellipse(((x - r) * px, (y - r) * px, (x + r) * px, (y + r) * px), fill=SWEETS[n % len(SWEETS)])
    return _png(image)


def sweets_photo(prs: object) -> None:
    """The master's background is the photograph of sweets."""
    _picture_background(prs, sweets())


COVER = (30, 52, 96)  # the navy of the picture covering_picture lays over the slide


def covering_picture(prs: object) -> None:
    """A picture covering the whole slide on the master, over its background (as LibreOffice's
    "Metropolis" has): a slide's own background is drawn under it, unseen. Navy, lighter at the top."""
    image = Image.new("RGB", (400, 225), COVER)
    ImageDraw.Draw(image).rectangle((0, 0, 400, 40), fill=(60, 90, 150))
    master = prs.slide_master  # type: ignore[attr-defined]
    _, rid = master.part.get_or_add_image_part(io.BytesIO(_png(image)))
    pic = _shape(
        f'<p:pic {NSDECL}><p:nvPicPr><p:cNvPr id="90" name="Cover"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{Inches(WIDTH)}" cy="{Inches(HEIGHT)}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )
    master.element.find(f"{{{P_NS}}}cSld/{{{P_NS}}}spTree").insert(2, pic)


SUN = ("FFFF00", "FF8000")  # the gradient of the rectangle covering_gradient lays over its brown background
SUN_BOTTOM = 6.6  # inches: where the rectangle ends, above the footer placeholders


def covering_gradient(prs: object) -> None:
    """A rectangle filled with a yellow to orange gradient covering most of the slide on the master,
    over a dark brown background (as LibreOffice's "Sunset" has): text reads on the rectangle, not on
    the brown, where white would; the footer placeholders below the rectangle stand on the brown."""
    master = prs.slide_master  # type: ignore[attr-defined]
    csld = master.element.find(f"{{{P_NS}}}cSld")
    _set_background(csld, '<a:solidFill><a:srgbClr val="813709"/></a:solidFill>')
    stops = "".join(f'<a:gs pos="{n * 100000}"><a:srgbClr val="{c}"/></a:gs>' for n, c in enumerate(SUN))
    rect = _rect(91, "Sun", 0.4, 0.3, WIDTH - 0.8, SUN_BOTTOM - 0.3, '<a:srgbClr val="000000"/>')
    fill = rect.find(f".//{{{A_NS}}}solidFill")
    fill.addnext(
        etree.fromstring(f'<a:gradFill {NSDECL}><a:gsLst>{stops}</a:gsLst><a:lin ang="5400000"/></a:gradFill>')
    )
    fill.getparent().remove(fill)
    csld.find(f"{{{P_NS}}}spTree").insert(2, rect)


def letter_spacing(prs: object) -> None:
    """The master's title and body styles space letters 3 pt apart, as some themes do for their look."""
    master = prs.slide_masters[0]._element  # type: ignore[attr-defined]
    for style in ("titleStyle", "bodyStyle"):
        for props in master.iterfind(f"{{{P_NS}}}txStyles/{{{P_NS}}}{style}/*/{{{A_NS}}}defRPr"):
            props.set("spc", "300")


OTHERS = {
    "parchment-ink": parchment_ink,
    "line-rule": line_rule,
    "letter-spacing": letter_spacing,
    "footer-bands": footer_bands,
    "body-fill": body_fill,
    "sweets": sweets_photo,
    "covering-picture": covering_picture,
    "covering-gradient": covering_gradient,
}


def make(name: str, folder: Path) -> Path:
    """Write the corpus template ``name`` (or one of OTHERS) into ``folder``; return its path."""
    prs = _base()
    (CORPUS.get(name) or OTHERS[name])(prs)
    path = folder / f"{name}.pptx"
    prs.save(str(path))  # type: ignore[attr-defined]
    return path


def make_all(folder: Path) -> dict[str, Path]:
    return {name: make(name, folder) for name in CORPUS}
