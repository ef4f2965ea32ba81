"""A PowerPoint template read straight from its zip: cleaned parts and geometry.

``open_template`` reads a .pptx or .potx with the standard library and lxml,
within limits (so a zip bomb is refused without being unpacked), and keeps
only what a deck built on it needs: the masters, layouts, themes and their
media. The template's own slides, macros, custom XML, comments, printer
settings, thumbnails, linked pictures and unsafe links are dropped, and a
notes master is added if it has none. The result, ``Template``, is itself a
valid empty presentation; ``ooxml.pptx_bytes`` adds the slides.

``Template`` also says what layout code needs to know: the slide size, each
layout's placeholders (positions inherited from the master when the layout
does not set them), the shapes the master and layouts draw on every slide
("furniture": footer bands, logos), and the theme's fonts and colours.
"""

from __future__ import annotations

import copy
import importlib.util
import posixpath
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from ..catalogue import assets_dir
from ..errors import GuideError, shown
from ..formatting import count
from ..limits import TEMPLATE_MAX_BYTES, TEMPLATE_MAX_PART, TEMPLATE_MAX_PARTS, TEMPLATE_MAX_UNPACKED, size_text
from ..opc import RT, RT_DOCUMENT, RT_NOTES_MASTER, RT_SLIDE, XML_PARSER, Rel, free_rids, insert_after, rels_xml
from ..text import LINK_SCHEMES
from ..theme import SCHEME_SLOTS
from .backdrop import Backdrop, Fill, backdrop, colour_of, measure_picture
from .canvas import Rect

ADVICE = "save it from PowerPoint as .pptx or .potx"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .pptx and old .ppt files

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
A, P, R = (f"{{{NS[k]}}}" for k in ("a", "p", "r"))
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

RT_THEME = RT + "theme"
RT_HYPERLINK = RT + "hyperlink"

# What presentation.xml may keep; everything else it points at is dropped
# (slides, printer settings, comment authors, macros, custom XML, ...).
PRESENTATION_KEEPS = frozenset(
    RT + t
    for t in (
        "slideMaster",
        "notesMaster",
        "handoutMaster",
        "theme",
        "presProps",
        "viewProps",
        "tableStyles",
        "font",
        "tags",
    )
)
# Embedded objects a template may carry on its masters and layouts: removed, and the user told.
EMBEDDED = {
    RT + "oleObject": "embedded object",
    RT + "package": "embedded document",
    "http://schemas.microsoft.com/office/2006/relationships/activeXControlBinary": "ActiveX control",
    RT + "control": "ActiveX control",
    RT + "audio": "sound",
    RT + "video": "video",
    "http://schemas.microsoft.com/office/2007/relationships/media": "sound or video",
}
# Never followed from any part.
DROPPED = frozenset(
    {
        RT_SLIDE,
        RT + "notesSlide",
        RT + "comments",
        RT + "commentAuthors",
        RT + "printerSettings",
        RT + "customXml",
        RT + "custom-properties",
        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
        "http://schemas.microsoft.com/office/2018/10/relationships/authors",
        "http://schemas.microsoft.com/office/2018/10/relationships/comments",
        "http://schemas.microsoft.com/office/2015/10/relationships/revisionInfo",
        "http://schemas.microsoft.com/office/2016/11/relationships/changesInfo",
        *EMBEDDED,
    }
)
UNSAFE_ACTIONS = ("ppaction://macro", "ppaction://program", "ppaction://ole")
LINK_TAGS = frozenset({f"{A}hlinkClick", f"{A}hlinkHover", f"{A}hlinkMouseOver"})
SHAPE_TAGS = frozenset({f"{P}sp", f"{P}pic", f"{P}graphicFrame", f"{P}cxnSp", f"{P}grpSp"})

CT_PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MAIN_TYPES = frozenset(
    {
        CT_PRESENTATION,
        "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    }
)
CT_NOTES_MASTER = "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"
CT_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
CT_VIEW_PROPS = "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml"
# PowerPoint's view settings, for a template saved without them (LibreOffice saves none): PowerPoint
# asks to repair a presentation that lacks them.
VIEW_PROPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<p:viewPr xmlns:a="{NS["a"]}" xmlns:r="{NS["r"]}" xmlns:p="{NS["p"]}"><p:normalViewPr>'
    '<p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr>'
    '<p:gridSpacing cx="76200" cy="76200"/></p:viewPr>'
).encode()
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
TITLE_TYPES = frozenset({"title", "ctrTitle"})
BODY_TYPES = ("body", "obj")  # a slide's main text: the master's body placeholder stands for both
LETTER_SPACING_NONE = 0.1  # points: spacing between letters this small changes no line
FILLED_PLACEHOLDERS = ("title", "ctrTitle", *BODY_TYPES, "ftr", "sldNum", "dt")  # whose own fill text is checked on
FILLS = frozenset({"noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill"})  # DrawingML's fills
DEFAULT_SIZE = (9144000, 6858000)  # sldSz's default: 10 x 7.5 in
BACKGROUND_SHARE = 0.6  # a picture covering this much of the slide is a background
SIZE_RANGE = (914400, 51206400)  # EMU: the 1 to 56 inches PowerPoint allows a slide


@dataclass(frozen=True)
class Placeholder:
    """A layout's placeholder: its type (``title``, ``body``, ...), idx and position."""

    type: str
    idx: int
    rect: Rect | None  # None when neither the layout nor its master places it


@dataclass(frozen=True)
class Layout:
    """A slide layout: its name, part, placeholders and own furniture."""

    name: str
    part: str
    placeholders: tuple[Placeholder, ...]
    furniture: tuple[Rect, ...]  # the layout's own non-placeholder shapes
    shows_master: bool = True  # whether the master's furniture shows too
    marks: tuple[Rect, ...] = ()  # busy regions of its background picture (a logo printed on it, ink)
    type: str = ""  # p:sldLayout/@type: title, obj, secHead, titleOnly, ... ("" when unset)

    @property
    def has_title(self) -> bool:
        return any(p.type in TITLE_TYPES for p in self.placeholders)

    def placeholder(self, *types: str) -> Placeholder | None:
        """The first placeholder of one of ``types``, if the layout has one."""
        return next((p for p in self.placeholders if p.type in types), None)


@dataclass(frozen=True)
class Look:
    """A layout's colours as renderers resolve them: its colour map (the master's, with the
    layout's override) and the backdrop beneath its text."""

    colour_map: dict[str, str]
    backdrop: Backdrop
    # The fills of its own that a title, body or footer placeholder draws behind its text (a title bar,
    # a filled text box, a footer band), by placeholder type: the layout's, else its master's.
    fills: dict[str, Fill] = field(default_factory=dict)
    # A picture or filled rectangle covering most of the slide (where it is): a slide's own background
    # (a section slide's colour) would be drawn under it, unseen; and the colours around it.
    cover: Rect | None = None
    uncovered: tuple[str, ...] = ()

    @property
    def covered(self) -> bool:
        return self.cover is not None


@dataclass(frozen=True)
class Template:
    """A cleaned template package and what layout needs to know about it.

    ``parts`` (zip name -> bytes, in a stable order) holds the presentation
    part and everything it uses, with their relationship parts; the package
    parts (``[Content_Types].xml``, ``_rels/.rels``, ``docProps``) are the
    writer's. ``types`` gives each part's content type (relationship parts aside).
    """

    name: str
    parts: dict[str, bytes]
    types: dict[str, str]
    presentation: str  # the main part's name, e.g. "ppt/presentation.xml"
    presentation_rels: tuple[Rel, ...]
    notes_master: str
    notes_image_idx: int
    notes_body_idx: int
    width: int  # EMU
    height: int
    layouts: dict[str, Layout]  # by name, in the template's order
    looks: dict[str, Look]  # by layout name
    master_furniture: tuple[Rect, ...]
    major_font: str
    minor_font: str
    colours: dict[str, str] = field(default_factory=dict)  # dk1 .. folHlink -> 6 hex digits
    colour_map: dict[str, str] = field(default_factory=dict)  # the master's clrMap: bg1 -> lt1, tx1 -> dk1, ...
    notes: tuple[str, ...] = ()  # what was removed or supplied, for the user
    letter_spacing: float = 0.0  # points: the widest spacing its text styles put between letters (0: none)

    @property
    def layout_names(self) -> list[str]:
        return list(self.layouts)

    def layout_for(self, role_names: Sequence[str]) -> str:
        """The first of ``role_names`` the template has, else the first layout with a title."""
        for name in role_names:
            if name in self.layouts:
                return name
        return next(name for name, layout in self.layouts.items() if layout.has_title)

    def furniture(self, layout: str) -> tuple[Rect, ...]:
        """Every shape the master and ``layout`` draw on its slides, and the marks on its background picture."""
        chosen = self.layouts[layout]
        return chosen.furniture + chosen.marks + (self.master_furniture if chosen.shows_master else ())


class _Refused(Exception):
    """Why a template cannot be used (the message is completed by the caller)."""


def open_template(path: Path | None, where: tuple[str, int | None] = ("", None)) -> Template:
    """Read and clean a .pptx or .potx (None: the bundled template).

    Raises GuideError, located at ``where``, if it is unreadable, encrypted,
    damaged, too large once unpacked, or has no layout with a title.
    """
    path = path or assets_dir() / "template.pptx"
    try:
        return _Reader(path).template()
    except OSError as exc:
        raise GuideError.one(*where, "template", f"cannot read '{path.name}': {exc.strerror or exc}") from None
    except _Refused as exc:
        raise GuideError.one(*where, "template", f"'{path.name}' {exc}") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise GuideError.one(*where, "template", f"'{path.name}' is damaged ({exc}); {ADVICE}") from None
    except etree.XMLSyntaxError as exc:
        raise GuideError.one(*where, "template", f"'{path.name}' is damaged (bad XML: {exc}); {ADVICE}") from None


class _Reader:
    """One pass over a template zip: read, follow relationships, clean."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @staticmethod
    def refuse(problem: str) -> _Refused:
        return _Refused(f"{problem}; {ADVICE}")

    # -- reading -------------------------------------------------------------

    def template(self) -> Template:
        with self.path.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(OLE_MAGIC):
                raise self.refuse("is encrypted (password-protected) or an old-style .ppt file")
            if not head.startswith(b"PK"):
                raise self.refuse("is not a PowerPoint file (it is not a zip package)")
            fh.seek(0, 2)
            if fh.tell() > TEMPLATE_MAX_BYTES:
                raise self.refuse(f"is too large for a template (over {size_text(TEMPLATE_MAX_BYTES)})")
        with zipfile.ZipFile(self.path) as z:
            self.zip = z
            self.infos = self._entries(z)
            self.by_lower = {name.lower(): name for name in self.infos}
            self.read_total = 0
            return self._build()

    def _entries(self, z: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
        infos = [i for i in z.infolist() if not i.filename.endswith("/")]
        if len(infos) > TEMPLATE_MAX_PARTS:
            raise self.refuse(f"has too many parts for a template ({len(infos)}; the limit is {TEMPLATE_MAX_PARTS})")
        by_name: dict[str, zipfile.ZipInfo] = {}
        seen: set[str] = set()
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise self.refuse("is encrypted (password-protected)")
            if info.file_size > TEMPLATE_MAX_PART:
                raise self.refuse(
                    f"is too large for a template ('{info.filename}' unpacks to over {size_text(TEMPLATE_MAX_PART)})"
                )
            total += info.file_size
            if info.filename.lower() in seen:
                raise self.refuse(f"is damaged (two parts are named '{info.filename}')")
            seen.add(info.filename.lower())
            by_name[info.filename] = info
        if total > TEMPLATE_MAX_UNPACKED:
            raise self.refuse(f"is too large for a template (it unpacks to over {size_text(TEMPLATE_MAX_UNPACKED)})")
        return by_name

    def read(self, name: str) -> bytes:
        """A part's bytes, read in chunks and never past the limits."""
        info = self.infos[name]
        chunks = []
        size = 0
        with self.zip.open(info) as fh:
            while chunk := fh.read(1 << 20):
                size += len(chunk)
                self.read_total += len(chunk)
                if size > TEMPLATE_MAX_PART or self.read_total > TEMPLATE_MAX_UNPACKED:
                    raise self.refuse(f"is too large for a template ('{name}' unpacks to more than it says)")
                chunks.append(chunk)
        return b"".join(chunks)

    def xml(self, name: str, data: bytes | None = None) -> etree._Element:
        root = etree.fromstring(self.read(name) if data is None else data, XML_PARSER)
        if root.getroottree().docinfo.doctype:
            raise self.refuse(f"is damaged ('{name}' declares a DTD)")
        return root

    def find(self, name: str) -> str | None:
        """The zip entry for a part name, matched without regard to case as OPC says."""
        return name if name in self.infos else self.by_lower.get(name.lower())

    def rels(self, part: str) -> list[Rel]:
        folder, base = posixpath.split(part)
        rels_name = self.find(posixpath.join(folder, "_rels", base + ".rels"))
        if rels_name is None:
            return []
        root = self.xml(rels_name)
        out = []
        for el in root.iter(f"{{{PKG_RELS}}}Relationship"):
            rid, rtype, target = el.get("Id"), el.get("Type"), el.get("Target")
            if rid and rtype and target is not None:
                out.append(Rel(rid, rtype, target, el.get("TargetMode") == "External"))
        return out

    @staticmethod
    def resolve(part: str, target: str) -> str | None:
        """A relationship's internal target as a zip name (None if it leaves the package)."""
        target = unquote(target.split("#", 1)[0])
        joined = target.lstrip("/") if target.startswith("/") else posixpath.join(posixpath.dirname(part), target)
        name = posixpath.normpath(joined)
        return None if name.startswith("../") or name in ("..", ".") else name

    # -- following the package -----------------------------------------------

    def _build(self) -> Template:
        types_name = self.find("[Content_Types].xml")
        if types_name is None:
            raise self.refuse("is not a PowerPoint file (it has no [Content_Types].xml)")
        self.defaults, self.overrides = self._content_types(self.xml(types_name))
        main = next((r for r in self.rels("") if r.type == RT_DOCUMENT and not r.external), None)
        main_name = self.find(self.resolve("", main.target) or "") if main else None
        if main_name is None or self.type_of(main_name) not in MAIN_TYPES:
            if any("purl.oclc.org" in r.type for r in self.rels("")):
                raise self.refuse("is saved as Strict Open XML, which dnadeck cannot read")
            raise self.refuse("is not a PowerPoint presentation or template")
        self.main = main_name
        self.parts: dict[str, bytes] = {}
        self.kept_rels: dict[str, list[Rel]] = {}
        self.dropped: dict[str, set[str]] = {}
        self.embedded: list[str] = []
        self._follow(main_name)
        self._clean_parts()
        pres = self.xml(main_name, self.parts[main_name])
        if pres.tag != f"{P}presentation":
            raise self.refuse("is not a PowerPoint presentation or template")
        width, height = self._size(pres)
        masters = [
            self._rel_part(main_name, el.get(f"{R}id")) for el in pres.iterfind("p:sldMasterIdLst/p:sldMasterId", NS)
        ]
        found = [m for m in masters if m]
        if not found:
            raise self.refuse("is damaged (it has no slide master)")
        layouts, master_furniture, theme = self._layouts(found)
        if not any(layout.has_title for layout in layouts.values()):
            found_names = ", ".join(shown(n) for n in layouts) or "none"
            raise _Refused(
                f"has no slide layout with a title placeholder (its layouts: {found_names}); "
                "add one in PowerPoint's Slide Master view and save it again"
            )
        notes_master = self._notes_master(pres)
        self._view_props()
        image_idx, body_idx = self._notes_placeholders(notes_master)
        self.parts[main_name] = _serialise(self._clean_presentation(pres))
        major, minor, colours = self._theme(theme)
        styled = dict.fromkeys(root for source in self.sources.values() for root in (source[1], source[3]))
        self.spacing = max(_letter_spacing(root) for root in (pres, *styled))
        looks = {name: self._look(name, colours, width, height) for name in layouts}
        layouts = {name: replace(layout, marks=looks[name][1]) for name, layout in layouts.items()}
        types = {name: self.type_of(name) for name in self.parts}
        types[main_name] = CT_PRESENTATION
        for name in list(self.parts):
            if self.kept_rels.get(name):
                self.parts[_rels_name(name)] = rels_xml(self.kept_rels[name])
        position = {name: i for i, name in enumerate(self.infos)}
        parts = dict(sorted(self.parts.items(), key=lambda kv: (position.get(kv[0], len(position)), kv[0])))
        return Template(
            name=self.path.name,
            parts=parts,
            types=types,
            presentation=main_name,
            presentation_rels=tuple(self.kept_rels[main_name]),
            notes_master=notes_master,
            notes_image_idx=image_idx,
            notes_body_idx=body_idx,
            width=width,
            height=height,
            layouts=layouts,
            looks={name: look for name, (look, _) in looks.items()},
            master_furniture=master_furniture,
            major_font=major,
            minor_font=minor,
            colours=colours,
            colour_map=dict(getattr(self, "colour_map", {})),
            notes=self._notes(),
            letter_spacing=self.spacing,
        )

    def _notes(self) -> tuple[str, ...]:
        out = []
        counts = {kind: self.embedded.count(kind) for kind in dict.fromkeys(self.embedded)}
        if counts:
            what = ", ".join(count(n, kind) for kind, n in counts.items())
            out.append(f"removed what it embeds on its masters and layouts ({what}); decks never carry them")
        if self.supplied:
            out.append(f"its theme has no {' or '.join(self.supplied)}; using Office's defaults")
        if self.spacing:
            out.append(
                f"its text styles space letters apart (up to {self.spacing:g} pt); dnadeck's text is set without "
                "that spacing, as it is measured, so that it fits"
            )
        return tuple(out)

    def _content_types(self, root: etree._Element) -> tuple[dict[str, str], dict[str, str]]:
        defaults = {
            (el.get("Extension") or "").lower(): el.get("ContentType") or "" for el in root.iter(f"{{{CT_NS}}}Default")
        }
        overrides = {
            (el.get("PartName") or "").lstrip("/").lower(): el.get("ContentType") or ""
            for el in root.iter(f"{{{CT_NS}}}Override")
        }
        return defaults, overrides

    def type_of(self, name: str) -> str:
        found = self.overrides.get(name.lower()) or self.defaults.get(posixpath.splitext(name)[1].lstrip(".").lower())
        if not found:
            raise self.refuse(f"is damaged ('{name}' has no content type)")
        return found

    def _follow(self, main: str) -> None:
        """Keep every part reachable from the presentation through relationships we keep."""
        todo = [main]
        while todo:
            part = todo.pop()
            if part in self.parts:
                continue
            self.parts[part] = self.read(part)
            kept: list[Rel] = []
            dropped: set[str] = set()
            for rel in self.rels(part):
                if rel.type in EMBEDDED and not rel.external:
                    self.embedded.append(EMBEDDED[rel.type])
                if self._keeps(part == main, rel):
                    target = None if rel.external else self.find(self.resolve(part, rel.target) or "")
                    if rel.external or target is not None:
                        kept.append(rel)
                        if target is not None:
                            todo.append(target)
                        continue
                dropped.add(rel.id)
            self.kept_rels[part] = kept
            self.dropped[part] = dropped

    @staticmethod
    def _keeps(from_presentation: bool, rel: Rel) -> bool:
        if rel.external:
            return rel.type == RT_HYPERLINK and rel.target.strip().lower().startswith(LINK_SCHEMES)
        if from_presentation:
            return rel.type in PRESENTATION_KEEPS
        return rel.type not in DROPPED

    def _rel_part(self, part: str, rid: str | None) -> str | None:
        rel = next((r for r in self.kept_rels.get(part, []) if r.id == rid and not r.external), None)
        return self.find(self.resolve(part, rel.target) or "") if rel else None

    def _rel_of_type(self, part: str, rtype: str) -> str | None:
        rel = next((r for r in self.kept_rels.get(part, []) if r.type == rtype and not r.external), None)
        return self.find(self.resolve(part, rel.target) or "") if rel else None

    # -- cleaning ------------------------------------------------------------

    def _clean_parts(self) -> None:
        """Remove, from every kept XML part, what pointed at a dropped relationship
        (linked pictures, unsafe links) and links that run macros or programs."""
        for name, data in list(self.parts.items()):
            if name == self.main or not self.type_of(name).endswith("+xml"):
                continue
            dropped = self.dropped.get(name, set())
            if not dropped and b"ppaction://" not in data:
                continue
            root = self.xml(name, data)
            if _strip_references(root, dropped):
                self.parts[name] = _serialise(root)

    def _clean_presentation(self, pres: etree._Element) -> etree._Element:
        _strip_references(pres, self.dropped.get(self.main, set()))
        for path in ("p:sldIdLst", "p:custShowLst", "p:modifyVerifier", "p:photoAlbum"):
            for el in pres.iterfind(path, NS):
                pres.remove(el)
        for ext in pres.iterfind("p:extLst/p:ext", NS):
            if ext.get("uri") == "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}":  # sections name the old slides
                ext.getparent().remove(ext)
        return pres

    def _notes_master(self, pres: etree._Element) -> str:
        """The template's notes master, or python-pptx's default one added."""
        main = self.main
        for el in pres.iterfind("p:notesMasterIdLst/p:notesMasterId", NS):
            found = self._rel_part(main, el.get(f"{R}id"))
            if found:
                return found
        for el in pres.iterfind("p:notesMasterIdLst", NS):
            pres.remove(el)
        bundled = _pptx_templates()
        name = _free(self.parts, "ppt/notesMasters/notesMaster{}.xml")
        theme = _free(self.parts, "ppt/theme/theme{}.xml")
        self.parts[name] = (bundled / "notesMaster.xml").read_bytes()
        self.parts[theme] = (bundled / "theme.xml").read_bytes()
        self.overrides[name.lower()] = CT_NOTES_MASTER
        self.overrides[theme.lower()] = CT_THEME
        self.kept_rels[name] = [Rel("rId1", RT_THEME, posixpath.relpath(theme, posixpath.dirname(name)))]
        rid = next(free_rids({r.id for r in self.kept_rels[main]}, len(self.kept_rels[main]) + 1))
        self.kept_rels[main].append(Rel(rid, RT_NOTES_MASTER, posixpath.relpath(name, posixpath.dirname(main))))
        lst = etree.Element(f"{P}notesMasterIdLst")
        etree.SubElement(lst, f"{P}notesMasterId").set(f"{R}id", rid)
        insert_after(pres, lst, ("sldMasterIdLst",))
        return name

    def _view_props(self) -> None:
        """The template's view settings, or PowerPoint's defaults added where it has none."""
        main = self.main
        if any(r.type == RT + "viewProps" for r in self.kept_rels[main]):
            return
        taken = {p.lower() for p in self.parts}
        name = "ppt/viewProps.xml" if "ppt/viewprops.xml" not in taken else _free(self.parts, "ppt/viewProps{}.xml")
        self.parts[name] = VIEW_PROPS
        self.overrides[name.lower()] = CT_VIEW_PROPS
        rid = next(free_rids({r.id for r in self.kept_rels[main]}, len(self.kept_rels[main]) + 1))
        self.kept_rels[main].append(Rel(rid, RT + "viewProps", posixpath.relpath(name, posixpath.dirname(main))))

    def _notes_placeholders(self, notes_master: str) -> tuple[int, int]:
        """The idx of the notes master's slide image and notes placeholders."""
        idx = {ph.type: ph.idx for ph in _placeholders(self.xml(notes_master, self.parts[notes_master]), {})}
        return idx.get("sldImg", 0), idx.get("body", 0)

    # -- geometry and theme ----------------------------------------------------

    def _size(self, pres: etree._Element) -> tuple[int, int]:
        size = pres.find("p:sldSz", NS)
        if size is None:
            return DEFAULT_SIZE
        try:
            width, height = int(size.get("cx", "")), int(size.get("cy", ""))
        except ValueError:
            raise self.refuse("is damaged (its slide size is not a number)") from None
        low, high = SIZE_RANGE
        if not (low <= width <= high and low <= height <= high):
            raise _Refused(
                f"has a slide size of {width / 914400:.2f} x {height / 914400:.2f} in, outside the 1 to 56 inches "
                "PowerPoint allows; set Design > Slide Size in PowerPoint and save it again"
            )
        return width, height

    def _layouts(self, masters: list[str]) -> tuple[dict[str, Layout], tuple[Rect, ...], str | None]:
        layouts: dict[str, Layout] = {}
        first_furniture: tuple[Rect, ...] = ()
        theme = None
        self.sources: dict[str, tuple[str, etree._Element, str, etree._Element]] = {}
        for n, master in enumerate(masters):
            root = self.xml(master, self.parts[master])
            inherited = {ph.type: ph for ph in _placeholders(root, {})}
            furniture = _furniture(root)
            if n == 0:
                first_furniture, theme = furniture, self._rel_of_type(master, RT_THEME)
                found = root.find("p:clrMap", NS)
                self.colour_map = {k: v for k, v in (found.attrib.items() if found is not None else ()) if v}
            for el in root.iterfind("p:sldLayoutIdLst/p:sldLayoutId", NS):
                part = self._rel_part(master, el.get(f"{R}id"))
                if part is None:
                    continue
                lroot = self.xml(part, self.parts[part])
                csld = lroot.find("p:cSld", NS)
                name = (csld.get("name") if csld is not None else None) or posixpath.splitext(posixpath.basename(part))[
                    0
                ]
                if name in layouts:
                    continue
                self.sources[name] = (master, root, part, lroot)
                layouts[name] = Layout(
                    name=name,
                    part=part,
                    placeholders=tuple(_placeholders(lroot, inherited)),
                    furniture=_furniture(lroot),
                    shows_master=lroot.get("showMasterSp") not in ("0", "false"),
                    type=lroot.get("type") or "",
                )
        return layouts, first_furniture, theme

    def _look(self, name: str, scheme: dict[str, str], width: int, height: int) -> tuple[Look, tuple[Rect, ...]]:
        """A layout's colour map and backdrop as renderers resolve them, and the busy regions of a
        picture background (furniture: a logo printed on it)."""
        master, mroot, part, lroot = self.sources[name]
        found = mroot.find("p:clrMap", NS)
        colour_map = {k: v for k, v in (found.attrib.items() if found is not None else ()) if v}
        override = lroot.find("p:clrMapOvr/a:overrideClrMapping", NS)
        if override is not None:
            colour_map.update({k: v for k, v in override.attrib.items() if v})
        bg, owner = lroot.find("p:cSld/p:bg", NS), part
        if bg is None:
            bg, owner = mroot.find("p:cSld/p:bg", NS), master

        def image(rid: str) -> bytes | None:
            target = self._rel_part(owner, rid)
            return self.parts.get(target) if target else None

        drawn = backdrop(bg, scheme, colour_map, image)
        area, cover, uncovered = Rect(0, 0, width, height), None, drawn.colours  # what lies around the cover
        # A picture or filled rectangle covering most of the slide, on the master (where shown) or the
        # layout, is a background too: the topmost counts, a translucent one over what lies beneath.
        shows_master = lroot.get("showMasterSp") not in ("0", "false")
        for root, owner in (*(((mroot, master),) if shows_master else ()), (lroot, part)):
            for el in _shapes(root):
                rect = _covering(el, width, height)
                if rect is None:
                    continue
                if el.tag == f"{P}pic":
                    blip = el.find("p:blipFill/a:blip", NS)
                    rid = blip.get(f"{R}embed", "") if blip is not None else ""
                    target = self._rel_part(owner, rid)
                    uncovered = drawn.colours
                    drawn = measure_picture(self.parts.get(target) if target else None)
                    area = cover = rect
                elif _rectangular(el) and (own := _own_fill(el)) is not None:
                    fill = Fill.read(own, scheme, colour_map)
                    if fill is not None:
                        uncovered, colours = drawn.colours, fill.over(drawn.colours)
                        drawn = Backdrop("solid" if len(colours) == 1 else "gradient", colours)
                        area = cover = rect
        busy = tuple(
            Rect(area.x + round(x * area.w), area.y + round(y * area.h), round(w * area.w), round(h * area.h))
            for x, y, w, h in drawn.busy
        )
        fills = {}
        for kind in FILLED_PLACEHOLDERS:
            if _placeholder_shape(lroot, kind) is None:
                continue  # the layout's slides have no such placeholder
            found_fill = placeholder_fill(((part, lroot), (master, mroot)), kind)
            if found_fill and (read := Fill.read(found_fill[1], scheme, colour_map)):
                fills[kind] = read
        return Look(colour_map, drawn, fills, cover, uncovered if cover else ()), busy

    def _theme(self, theme: str | None) -> tuple[str, str, dict[str, str]]:
        colours = dict(OFFICE_COLOURS)
        self.supplied: list[str] = []
        if theme is None:
            return "Calibri Light", "Calibri", colours
        root = self.xml(theme, self.parts[theme])
        if self._complete_theme(root):
            self.parts[theme] = _serialise(root)
        scheme = root.find("a:themeElements/a:clrScheme", NS)
        for name in SCHEME_SLOTS:
            el = scheme.find(f"a:{name}", NS) if scheme is not None else None
            value = colour_of(el[0], {}, {}) if el is not None and len(el) else None
            if value:
                colours[name] = value
        major = root.find("a:themeElements/a:fontScheme/a:majorFont/a:latin", NS)
        minor = root.find("a:themeElements/a:fontScheme/a:minorFont/a:latin", NS)
        return (
            (major.get("typeface") if major is not None else None) or "Calibri Light",
            (minor.get("typeface") if minor is not None else None) or "Calibri",
            colours,
        )

    def _complete_theme(self, root: etree._Element) -> bool:
        """Give a theme missing its colours, fonts or formats Office's (python-pptx's default theme's),
        so every deck built on it stays valid. Returns whether anything was added."""
        default = etree.fromstring((_pptx_templates() / "theme.xml").read_bytes(), XML_PARSER)
        elements = root.find("a:themeElements", NS)
        if elements is None:
            elements = etree.Element(f"{A}themeElements")
            root.insert(0, elements)
        changed = False
        for tag, what in (("clrScheme", "colours"), ("fontScheme", "fonts"), ("fmtScheme", "formats")):
            mine, theirs = elements.find(f"a:{tag}", NS), default.find(f"a:themeElements/a:{tag}", NS)
            assert theirs is not None
            if mine is None:
                self.supplied.append(what)
                before = [elements.find(f"a:{t}", NS) for t in ("fontScheme", "fmtScheme", "extLst")]
                after = [e for e in before[("clrScheme", "fontScheme", "fmtScheme").index(tag) :] if e is not None]
                if after:
                    after[0].addprevious(copy.deepcopy(theirs))
                else:
                    elements.append(copy.deepcopy(theirs))
                changed = True
            elif tag == "clrScheme":
                for n, slot in enumerate(SCHEME_SLOTS):
                    if mine.find(f"a:{slot}", NS) is None or not len(mine.find(f"a:{slot}", NS)):
                        old = mine.find(f"a:{slot}", NS)
                        if old is not None:
                            mine.remove(old)
                        mine.insert(n, copy.deepcopy(theirs.find(f"a:{slot}", NS)))
                        if "colours" not in self.supplied:
                            self.supplied.append("colours")
                        changed = True
            elif tag == "fontScheme":
                for font in ("majorFont", "minorFont"):
                    found = mine.find(f"a:{font}", NS)
                    if found is None or found.find("a:latin", NS) is None:
                        if found is not None:
                            mine.remove(found)
                        mine.insert(0 if font == "majorFont" else 1, copy.deepcopy(theirs.find(f"a:{font}", NS)))
                        if "fonts" not in self.supplied:
                            self.supplied.append("fonts")
                        changed = True
        return changed


# Office's default theme colours, for a template without a theme or a slot whose colour is not read.
OFFICE_COLOURS = dict(
    zip(
        SCHEME_SLOTS,
        [
            "000000",
            "FFFFFF",
            "44546A",
            "E7E6E6",
            "4472C4",
            "ED7D31",
            "A5A5A5",
            "FFC000",
            "5B9BD5",
            "70AD47",
            "0563C1",
            "954F72",
        ],
        strict=True,
    )
)


def _xfrm_rect(el: etree._Element) -> Rect | None:
    xfrm = el.find("p:spPr/a:xfrm", NS)
    if xfrm is None:
        xfrm = el.find("p:grpSpPr/a:xfrm", NS)
    if xfrm is None:
        xfrm = el.find("p:xfrm", NS)
    if xfrm is None:
        return None
    off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
    if off is None or ext is None:
        return None
    try:
        return Rect(int(off.get("x", "0")), int(off.get("y", "0")), int(ext.get("cx", "0")), int(ext.get("cy", "0")))
    except ValueError:
        return None


def _shapes(root: etree._Element) -> Iterator[etree._Element]:
    tree = root.find("p:cSld/p:spTree", NS)
    if tree is None:
        return
    for el in tree:
        if el.tag in SHAPE_TAGS:
            yield el


def _ph(el: etree._Element) -> etree._Element | None:
    return el.find("*/p:nvPr/p:ph", NS)


def _placeholders(root: etree._Element, inherited: dict[str, Placeholder]) -> Iterator[Placeholder]:
    """Placeholders of a master or layout; unplaced ones take the master's position."""
    for el in _shapes(root):
        ph = _ph(el)
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        try:
            idx = int(ph.get("idx", "0"))
        except ValueError:
            idx = 0
        rect = _xfrm_rect(el)
        if rect is None:
            source = inherited.get("title" if kind in TITLE_TYPES else kind) or inherited.get(
                "body" if kind not in ("dt", "ftr", "sldNum", "title", "ctrTitle") else ""
            )
            rect = source.rect if source else None
        yield Placeholder(kind, idx, rect)


def _placeholder_shape(root: etree._Element, kind: str) -> etree._Element | None:
    return next((el for el in _shapes(root) if (ph := _ph(el)) is not None and ph.get("type", "obj") == kind), None)


def _own_fill(el: etree._Element | None) -> etree._Element | None:
    """The fill a shape sets in its own ``p:spPr`` (``a:noFill`` included); None when it inherits one."""
    props = el.find("p:spPr", NS) if el is not None else None
    if props is None:
        return None
    return next((c for c in props if isinstance(c.tag, str) and etree.QName(c).localname in FILLS), None)


def placeholder_fill(sources: Sequence[tuple[str, etree._Element]], kind: str) -> tuple[str, etree._Element] | None:
    """The fill a slide's ``kind`` placeholder draws behind its text (a title bar, a filled text box),
    and the part that sets it: the layout's own, else its master's (whose title stands for a centred
    title too, and whose body placeholder for a content one). ``sources`` are the layout's and the
    master's (part name, root), in that order."""
    for n, (part, root) in enumerate(sources):
        inherited = "title" if kind in TITLE_TYPES else "body" if kind in BODY_TYPES else kind
        fill = _own_fill(_placeholder_shape(root, inherited if n else kind))
        if fill is not None:
            return part, fill
    return None


def _letter_spacing(root: etree._Element) -> float:
    """The widest spacing between letters (``spc``, in points) a part's text styles or placeholders
    give; spacing of 0.1 pt or less (LibreOffice writes -0.01 pt) counts as none."""
    widest = 0.0
    for el in root.iter(f"{A}defRPr", f"{A}rPr", f"{A}endParaRPr"):
        try:
            spacing = abs(int(el.get("spc", "0"))) / 100
        except ValueError:
            continue
        widest = max(widest, spacing)
    return widest if widest > LETTER_SPACING_NONE else 0.0


def _rectangular(el: etree._Element) -> bool:
    """Whether a shape is drawn as a rectangle (a free-form shape covers only part of its box)."""
    geometry = el.find("p:spPr/a:prstGeom", NS)
    return geometry is not None and geometry.get("prst") in ("rect", "roundRect", "snip1Rect", "round1Rect")


def _covering(el: etree._Element, width: int, height: int) -> Rect | None:
    """Where ``el`` is, if it is a picture or shape (not a placeholder) covering most of the slide."""
    if el.tag not in (f"{P}pic", f"{P}sp") or _ph(el) is not None:
        return None
    rect = _xfrm_rect(el)
    return rect if rect is not None and rect.w * rect.h >= BACKGROUND_SHARE * width * height else None


def _furniture(root: etree._Element) -> tuple[Rect, ...]:
    return tuple(r for el in _shapes(root) if _ph(el) is None and (r := _xfrm_rect(el)) is not None)


def _strip_references(root: etree._Element, dropped: set[str]) -> bool:
    """Remove what refers to a dropped relationship, and links that run code.

    A link goes on its own; a picture (or other shape) whose content is gone
    goes whole; anything else referring to a dropped relationship goes.
    """
    doomed: list[etree._Element] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in LINK_TAGS and (el.get("action") or "").startswith(UNSAFE_ACTIONS):
            doomed.append(el)
            continue
        if not dropped or not any(k.startswith(R) and v in dropped for k, v in el.attrib.items()):
            continue
        if el.tag in LINK_TAGS:
            doomed.append(el)
            continue
        shape = next((a for a in el.iterancestors() if a.tag in SHAPE_TAGS), None)
        doomed.append(shape if shape is not None else el)
    for el in doomed:
        parent = el.getparent()
        if parent is not None and any(a is el for a in parent):
            parent.remove(el)
    return bool(doomed)


def _serialise(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _free(parts: dict[str, bytes], pattern: str) -> str:
    n = 1
    lowered = {p.lower() for p in parts}
    while pattern.format(n).lower() in lowered:
        n += 1
    return pattern.format(n)


def _pptx_templates() -> Path:
    """python-pptx's own default parts, found without importing python-pptx (slow to import)."""
    spec = importlib.util.find_spec("pptx")
    if spec is None or spec.origin is None:  # pragma: no cover - a dependency
        raise _Refused("python-pptx is not installed")
    return Path(spec.origin).parent / "templates"
