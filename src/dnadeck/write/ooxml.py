"""DeckDraw -> .pptx bytes: slide XML written directly into the template's package.

``pptx_bytes(template, deck)`` writes every slide and its notes slide as one
string each (escaped here, with characters XML cannot hold removed), names
parts and relationships from the slide's index, adds one media part per
distinct picture, sets the document properties, and zips the lot with fixed
timestamps in a fixed order: the same deck gives the same bytes.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import etree

from ..layout.canvas import Colour, DeckDraw, PictureShape, RectShape, SlideDraw, TextPara, TextShape
from ..limits import PROPERTY_MAX_CHARS
from ..opc import (
    A_NS,
    CP_NS,
    CT_APP,
    CT_CORE,
    CT_CUSTOM,
    CT_NOTES,
    CT_SLIDE,
    DECLARATION,
    FINGERPRINT,
    FIXED_DATE,
    NAMESPACES,
    P_NS,
    PROPERTY_FMTID,
    R_NS,
    RT,
    RT_APP,
    RT_CORE,
    RT_CUSTOM,
    RT_DOCUMENT,
    RT_LAYOUT,
    RT_NOTES_MASTER,
    RT_NOTES_SLIDE,
    RT_SLIDE,
    VT_NS,
    Rel,
    attr,
    children_before,
    clean,
    content_types_xml,
    fingerprint,
    free_rids,
    insert_after,
    relative_target,
    rels_xml,
    text,
    zip_parts,
)
from ..text import LINK_SCHEMES, Block, Span
from ..theme import COLOUR_NAMES

if TYPE_CHECKING:
    from ..layout.template import Template

TITLE_KINDS = ("title", "ctrTitle")

DECORATIVE = (
    '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
    "</a:ext></a:extLst>"
)
SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
GROUP = (
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>'
    '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
)
LINE_SPACING = '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpeg"}
# ST_SlideSizeType names PowerPoint gives exact sizes; any other size is "custom" (the default).
SIZE_TYPES = {
    (9144000, 6858000): ("screen4x3", "letter", "overhead"),
    (9144000, 5143500): ("screen16x9",),
    (9144000, 5715000): ("screen16x10",),
    (9906000, 6858000): ("A4",),
}
FORMATS = {
    (12192000, 6858000): "Widescreen",
    (9144000, 5143500): "On-screen Show (16:9)",
    (9144000, 5715000): "On-screen Show (16:10)",
    (9144000, 6858000): "On-screen Show (4:3)",
    (9906000, 6858000): "A4 Paper (210x297 mm)",
}


# Office 2019's hyperlink-colour extension: draw the link in the run's own colour, not the theme's.
LINK_COLOUR_EXT = (
    '<a:ext uri="{A12FA001-AC4F-418D-AE19-62706E023703}"><ahyp:hlinkClr '
    'xmlns:ahyp="http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor" val="tx"/></a:ext>'
)


@lru_cache(maxsize=256)
def colour(value: str) -> str:
    """A colour element: a theme colour by name, else six hex digits."""
    if value in COLOUR_NAMES:
        return f'<a:schemeClr val="{value}"/>'
    if len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value):
        return f'<a:srgbClr val="{value.upper()}"/>'
    raise ValueError(f"not a colour: {value!r} (a theme colour name or six hex digits)")


def _fill(value: str) -> str:
    return f"<a:solidFill>{colour(value)}</a:solidFill>"


def _xfrm(x: int, y: int, w: int, h: int) -> str:
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def _check_link(url: str) -> str:
    if not url.strip().lower().startswith(LINK_SCHEMES):
        raise ValueError(f"links must be http, https or mailto: {url!r}")
    return url


class _SlideRels:
    """A slide's relationships: rId1 its layout, rId2 its notes, then pictures and links."""

    def __init__(self, layout: str, notes: str) -> None:
        self.items = [Rel("rId1", RT_LAYOUT, layout), Rel("rId2", RT_NOTES_SLIDE, notes)]
        self.ids: dict[tuple[str, bool], str] = {}

    def add(self, kind: str, target: str, external: bool = False) -> str:
        key = (target, external)
        rid = self.ids.get(key)
        if rid is None:
            rid = self.ids[key] = f"rId{len(self.items) + 1}"
            self.items.append(Rel(rid, RT + kind, target, external))
        return rid


class _Writer:
    """Writes one deck: slides, notes, media, then the package around them."""

    def __init__(self, template: Template, deck: DeckDraw) -> None:
        self.template = template
        # Text is measured without spacing between letters: where the template's styles add some, ours has none.
        self.spacing = ' spc="0"' if template.letter_spacing else ""
        self.deck = deck
        self.lang = attr(deck.language)
        self.media: dict[bytes, str] = {}  # content hash -> part name
        self.media_parts: list[tuple[str, bytes]] = []
        self.by_identity: dict[int, tuple[bytes, str, str]] = {}
        self.taken = {name.lower() for name in template.parts}
        self.layout_targets = {
            name: relative_target("ppt/slides/slide1.xml", layout.part) for name, layout in template.layouts.items()
        }
        self.notes_master_target = relative_target("ppt/notesSlides/notesSlide1.xml", template.notes_master)
        # A title is written as the kind of title its layout has (ctrTitle on most title slides).
        self.title_kind = {
            name: next((p.type for p in layout.placeholders if p.type in TITLE_KINDS), "title")
            for name, layout in template.layouts.items()
        }
        self.layout = ""

    # -- slides ----------------------------------------------------------------

    def slide(self, n: int, slide: SlideDraw) -> tuple[bytes, bytes, bytes, bytes]:
        """Slide ``n``'s XML and relationships, and its notes slide's."""
        target = self.layout_targets.get(slide.layout)
        if target is None:
            raise ValueError(f"slide {n}: the template has no layout named {slide.layout!r}")
        rels = _SlideRels(target, f"../notesSlides/notesSlide{n}.xml")
        self.layout = slide.layout
        out = [f"{DECLARATION}<p:sld {NAMESPACES}><p:cSld>"]
        if slide.background is not None:
            out.append(f"<p:bg><p:bgPr>{_fill(slide.background)}<a:effectLst/></p:bgPr></p:bg>")
        out.append(f"<p:spTree>{GROUP}")
        for shape_id, shape in enumerate(slide.shapes, start=2):
            if isinstance(shape, TextShape):
                out.append(self.text_shape(shape_id, shape, rels))
            elif isinstance(shape, PictureShape):
                out.append(self.picture(shape_id, shape, rels))
            elif isinstance(shape, RectShape):
                out.append(self.rectangle(shape_id, shape))
            else:  # pragma: no cover - the Shape union is closed
                raise TypeError(f"not a shape: {shape!r}")
        out.append("</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>")
        notes_rels = (
            Rel("rId1", RT_NOTES_MASTER, self.notes_master_target),
            Rel("rId2", RT_SLIDE, f"../slides/slide{n}.xml"),
        )
        notes = self.notes(slide.notes, slide.notes_lang)
        return "".join(out).encode(), rels_xml(rels.items), notes, rels_xml(notes_rels)

    def text_shape(self, shape_id: int, shape: TextShape, rels: _SlideRels) -> str:
        r = shape.rect
        if shape.placeholder:
            kind = self.title_kind[self.layout] if shape.placeholder in TITLE_KINDS else shape.placeholder
            idx = "" if shape.placeholder_idx is None else f' idx="{shape.placeholder_idx}"'
            head = (
                f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{attr(shape.name)}"/>'
                f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="{kind}"{idx}/></p:nvPr>'
                f"</p:nvSpPr><p:spPr>{_xfrm(r.x, r.y, r.w, r.h)}</p:spPr>"
            )
        else:
            head = (
                f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{attr(shape.name)}"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
                f'</p:nvSpPr><p:spPr>{_xfrm(r.x, r.y, r.w, r.h)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
                "<a:noFill/></p:spPr>"
            )
        body = (
            f'<p:txBody><a:bodyPr wrap="square" lIns="{shape.inset_x}" tIns="{shape.inset_y}" rIns="{shape.inset_x}"'
            f' bIns="{shape.inset_y}" rtlCol="0" anchor="{shape.anchor}"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
        )
        paras = shape.paras or (TextPara(Block(())),)
        end = f'<a:endParaRPr lang="{self.lang}" sz="{shape.size}" dirty="0"/></a:p>'
        out = [head, body]
        for i, para in enumerate(paras):
            out.append(f"<a:p>{self.para_props(para, shape)}")
            if i == 0 and shape.field == "slidenum":
                first = para.runs[0] if para.runs else Span("")
                number = "".join(run.text for run in para.runs).replace("\n", " ")
                props = self.run_props(first, shape, rels, para.link_colour)
                out.append(
                    f'<a:fld id="{SLIDE_NUMBER_FIELD_ID}" type="slidenum">{props}<a:t>{text(number)}</a:t></a:fld>'
                )
            else:
                for run in para.runs:
                    out.append(self.run(run, shape, rels, para.link_colour))
            out.append(end)
        out.append("</p:txBody></p:sp>")
        return "".join(out)

    @staticmethod
    def para_props(para: TextPara, shape: TextShape) -> str:
        spacing = f'{LINE_SPACING}<a:spcBef><a:spcPts val="{para.space_before}"/></a:spcBef>'
        spacing += '<a:spcAft><a:spcPts val="0"/></a:spcAft>'
        align = f' algn="{para.align}"' if para.align else ""
        if para.marker is None:
            return f'<a:pPr marL="0" indent="0"{align}>{spacing}<a:buNone/></a:pPr>'
        if para.marker == "number":
            kind = f'<a:buAutoNum type="arabicPeriod" startAt="{para.number or 1}"/>'
        else:
            kind = '<a:buChar char="•"/>'
        return (
            f'<a:pPr marL="{para.indent}" indent="{-para.indent}"{align}>{spacing}'
            f'<a:buClr>{colour(shape.colour)}</a:buClr><a:buFont typeface="{attr(shape.font)}"/>{kind}</a:pPr>'
        )

    def run_props(self, run: Span, shape: TextShape, rels: _SlideRels, link_colour: Colour | None) -> str:
        link = ""
        fill = shape.colour
        underline = ""
        if run.link:
            rid = rels.add("hyperlink", _check_link(run.link), external=True)
            tip = f' tooltip="{attr(run.tip)}"' if run.tip else ""
            # A colour of our own takes effect on a link (and a followed link) only with this extension.
            ext = f"<a:extLst>{LINK_COLOUR_EXT}</a:extLst></a:hlinkClick>" if link_colour else ""
            link = f'<a:hlinkClick r:id="{rid}"{tip}{">" + ext if ext else "/>"}'
            fill = link_colour or "hlink"
            underline = ' u="sng"'
        return (
            f'<a:rPr lang="{attr(run.lang) if run.lang else self.lang}" sz="{shape.size}" b="{int(run.bold)}"'
            f' i="{int(run.italic)}"{underline}'
            f' cap="none"{self.spacing} dirty="0">{_fill(fill) if fill else ""}<a:latin typeface="{attr(shape.font)}"/>'
            f"{link}</a:rPr>"
        )

    def run(self, run: Span, shape: TextShape, rels: _SlideRels, link_colour: Colour | None) -> str:
        props = self.run_props(run, shape, rels, link_colour)
        value = clean(run.text)
        if "\n" not in value:
            return f"<a:r>{props}<a:t>{text(value)}</a:t></a:r>"
        lang = attr(run.lang) if run.lang else self.lang
        brk = f'<a:br><a:rPr lang="{lang}" sz="{shape.size}" dirty="0"/></a:br>'
        return brk.join(f"<a:r>{props}<a:t>{text(line)}</a:t></a:r>" for line in value.split("\n"))

    def picture(self, shape_id: int, shape: PictureShape, rels: _SlideRels) -> str:
        name = self.media_part(shape)
        rid = rels.add("image", relative_target("ppt/slides/slide1.xml", name))
        extras = ""
        if shape.link:
            rid_link = rels.add("hyperlink", _check_link(shape.link), external=True)
            tip = f' tooltip="{attr(shape.tip)}"' if shape.tip else ""
            extras = f'<a:hlinkClick r:id="{rid_link}"{tip}/>'
        if shape.alt is None:
            extras += DECORATIVE
        r = shape.rect
        return (
            f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{attr(shape.name)}" descr="{attr(shape.alt or "")}">'
            f'{extras}</p:cNvPr><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f'<p:spPr>{_xfrm(r.x, r.y, r.w, r.h)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
        )

    def media_part(self, shape: PictureShape) -> str:
        """The media part for a picture's bytes: one part per distinct image."""
        seen = self.by_identity.get(id(shape.image))  # the same bytes object: no need to hash again
        if seen is not None and seen[0] is shape.image and seen[1] == shape.content_type:
            return seen[2]
        key = hashlib.sha256(shape.content_type.encode() + b"\0" + shape.image).digest()
        name = self.media.get(key)
        if name is None:
            ext = EXTENSIONS[shape.content_type]
            n = len(self.media) + 1
            while f"ppt/media/image{n}.{ext}" in self.taken:
                n += 1
            name = f"ppt/media/image{n}.{ext}"
            self.taken.add(name)
            self.media[key] = name
            self.media_parts.append((name, shape.image))
        self.by_identity[id(shape.image)] = (shape.image, shape.content_type, name)
        return name

    @staticmethod
    def rectangle(shape_id: int, shape: RectShape) -> str:
        r = shape.rect
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{attr(shape.name)}">{DECORATIVE}</p:cNvPr><p:cNvSpPr/>'
            f'<p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(r.x, r.y, r.w, r.h)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f"{_fill(shape.fill)}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
        )

    def notes(self, notes: str, language: str | None = None) -> bytes:
        t = self.template
        lang = attr(language) if language else self.lang
        image_idx = f' idx="{t.notes_image_idx}"' if t.notes_image_idx else ""
        body_idx = f' idx="{t.notes_body_idx}"' if t.notes_body_idx else ""
        paras = "".join(
            f'<a:p><a:r><a:rPr lang="{lang}" dirty="0"/><a:t>{text(line)}</a:t></a:r></a:p>'
            if line
            else f'<a:p><a:endParaRPr lang="{lang}" dirty="0"/></a:p>'
            for line in clean(notes).split("\n")
        )
        return (
            f"{DECLARATION}<p:notes {NAMESPACES}><p:cSld><p:spTree>{GROUP}"
            '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr>'
            '<a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph type="sldImg"{image_idx}/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>'
            '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
            f'</p:cNvSpPr><p:nvPr><p:ph type="body"{body_idx}/></p:nvPr></p:nvSpPr><p:spPr/>'
            f"<p:txBody><a:bodyPr/><a:lstStyle/>{paras}</p:txBody></p:sp>"
            "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
        ).encode()

    # -- the package -------------------------------------------------------------

    def package(self) -> bytes:
        t, deck = self.template, self.deck
        pres_rels = list(t.presentation_rels)
        used = {r.id for r in pres_rels}
        slide_rids: list[str] = []
        free = free_rids(used)
        for i in range(len(deck.slides)):
            rid = next(free)
            used.add(rid)
            slide_rids.append(rid)
            pres_rels.append(Rel(rid, RT_SLIDE, relative_target(t.presentation, f"ppt/slides/slide{i + 1}.xml")))

        slide_parts: list[tuple[str, bytes]] = []
        for i, slide in enumerate(deck.slides, start=1):
            xml, rels, notes, notes_rels = self.slide(i, slide)
            slide_parts += [
                (f"ppt/slides/slide{i}.xml", xml),
                (f"ppt/slides/_rels/slide{i}.xml.rels", rels),
                (f"ppt/notesSlides/notesSlide{i}.xml", notes),
                (f"ppt/notesSlides/_rels/notesSlide{i}.xml.rels", notes_rels),
            ]

        root = [
            Rel("rId1", RT_DOCUMENT, t.presentation),
            Rel("rId2", RT_CORE, "docProps/core.xml"),
            Rel("rId3", RT_APP, "docProps/app.xml"),
        ]
        props = [("docProps/app.xml", self.app()), ("docProps/core.xml", self.core())]
        types = dict(t.types)
        types |= {"docProps/app.xml": CT_APP, "docProps/core.xml": CT_CORE}
        # Every deck records a fingerprint of what was written, so a later build
        # can tell whether the file was edited since (see write.output.check_output).
        root.append(Rel("rId4", RT_CUSTOM, "docProps/custom.xml"))
        types["docProps/custom.xml"] = CT_CUSTOM
        for i in range(1, len(deck.slides) + 1):
            types[f"ppt/slides/slide{i}.xml"] = CT_SLIDE
            types[f"ppt/notesSlides/notesSlide{i}.xml"] = CT_NOTES
        for name, _ in self.media_parts:
            types[name] = "image/" + posixpath.splitext(name)[1].lstrip(".")

        pres_name = t.presentation
        pres_rels_name = posixpath.join(posixpath.dirname(pres_name), "_rels", posixpath.basename(pres_name) + ".rels")
        rest = [
            (name, self.notes_master(data) if name == t.notes_master else data)
            for name, data in t.parts.items()
            if name not in (pres_name, pres_rels_name)
        ]
        parts = [
            ("[Content_Types].xml", content_types_xml(types)),
            ("_rels/.rels", rels_xml(root)),
            *props,
            (pres_name, self.presentation(slide_rids)),
            (pres_rels_name, rels_xml(pres_rels)),
            *rest,
            *slide_parts,
            *self.media_parts,
        ]
        parts.insert(2 + len(props), ("docProps/custom.xml", self.custom(fingerprint(dict(parts)))))
        return zip_parts(parts)

    def presentation(self, slide_rids: Sequence[str]) -> bytes:
        """presentation.xml: the slide list, the slide size, the default language."""
        p, r, a = f"{{{P_NS}}}", f"{{{R_NS}}}", f"{{{A_NS}}}"
        root = etree.fromstring(self.template.parts[self.template.presentation])
        if slide_rids:
            ids = etree.Element(p + "sldIdLst")
            for i, rid in enumerate(slide_rids):
                etree.SubElement(ids, p + "sldId", {"id": str(256 + i), r + "id": rid})
            insert_after(root, ids, children_before("sldIdLst"))
        size = root.find(p + "sldSz")
        if size is None:
            size = etree.Element(p + "sldSz")
            insert_after(root, size, children_before("sldSz"))
        stated = size.get("type")
        size.attrib.clear()
        size.set("cx", str(self.deck.width))
        size.set("cy", str(self.deck.height))
        if stated in SIZE_TYPES.get((self.deck.width, self.deck.height), ()):
            size.set("type", stated)
        elif (self.deck.width, self.deck.height) in SIZE_TYPES:
            size.set("type", SIZE_TYPES[(self.deck.width, self.deck.height)][0])
        style = root.find(p + "defaultTextStyle")
        if style is None:
            style = etree.Element(p + "defaultTextStyle")
            insert_after(root, style, children_before("defaultTextStyle"))
        if style.find(a + "defPPr") is None:
            style.insert(0, etree.Element(a + "defPPr"))
        if style[0].find(a + "defRPr") is None:
            etree.SubElement(style[0], a + "defRPr")
        for rpr in style.iter(a + "defRPr"):
            rpr.set("lang", clean(self.deck.language))
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))

    def notes_master(self, data: bytes) -> bytes:
        """The notes master, its text style in the deck's language."""
        root = etree.fromstring(data)
        for rpr in root.iterfind(f"{{{P_NS}}}notesStyle//{{{A_NS}}}defRPr"):
            rpr.set("lang", clean(self.deck.language))
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))

    def core(self) -> bytes:
        d = self.deck

        def prop(value: str) -> str:
            return text(clean(value)[:PROPERTY_MAX_CHARS])

        return (
            f"{DECLARATION}<cp:coreProperties"
            ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{prop(d.title)}</dc:title><dc:subject>{prop(d.subject)}</dc:subject>"
            f"<dc:creator>{prop(d.author)}</dc:creator><cp:keywords>{prop(d.keywords)}</cp:keywords>"
            f"<dc:language>{prop(d.language)}</dc:language><cp:lastModifiedBy>dnadeck</cp:lastModifiedBy>"
            f'<cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_DATE}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_DATE}</dcterms:modified></cp:coreProperties>'
        ).encode()

    def app(self) -> bytes:
        n = len(self.deck.slides)
        fmt = FORMATS.get((self.deck.width, self.deck.height), "Custom")
        return (
            f"{DECLARATION}<Properties"
            ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
            ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<TotalTime>0</TotalTime><Application>dnadeck</Application><PresentationFormat>{fmt}</PresentationFormat>"
            f"<Slides>{n}</Slides><Notes>{n}</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips>"
            "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
        ).encode()

    def custom(self, value: str) -> bytes:
        value = text(clean(value)[:PROPERTY_MAX_CHARS])
        return (
            f'{DECLARATION}<Properties xmlns="{CP_NS}" xmlns:vt="{VT_NS}">'
            f'<property fmtid="{PROPERTY_FMTID}" pid="2" name="{FINGERPRINT}">'
            f"<vt:lpwstr>{value}</vt:lpwstr></property></Properties>"
        ).encode()


def pptx_bytes(template: Template, deck: DeckDraw) -> bytes:
    """The .pptx bytes for ``deck`` drawn on ``template`` (see ``template.open_template``)."""
    return _Writer(template, deck).package()
