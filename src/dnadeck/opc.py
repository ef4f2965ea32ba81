"""Package plumbing for the files dnadeck reads and writes (Open Packaging
Conventions): namespaces, relationship and content types, XML escaping,
relationships and content-types parts, the zip writer with its fixed
timestamps, and schema-ordered insertion. The template reader and the deck
writer both use it; neither imports the other for it.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import struct
import zlib
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from .text import NOT_XML

ZIP_TIME = (2016, 11, 2, 0, 0, 0)  # the series' launch day
_DOS_DATE = (ZIP_TIME[0] - 1980) << 9 | ZIP_TIME[1] << 5 | ZIP_TIME[2]
_DOS_TIME = ZIP_TIME[3] << 11 | ZIP_TIME[4] << 5 | ZIP_TIME[5] // 2
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
FIXED_DATE = "2016-11-02T00:00:00Z"
FINGERPRINT = "dnadeck-fingerprint"
CP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # a user-defined custom property
# Every XML part dnadeck reads, read with this parser: no entities, no network, no DTD, no huge trees.
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = f'xmlns:a="{A_NS}" xmlns:r="{R_NS}" xmlns:p="{P_NS}"'
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_DOCUMENT = RT + "officeDocument"
RT_SLIDE = RT + "slide"
RT_LAYOUT = RT + "slideLayout"
RT_NOTES_SLIDE = RT + "notesSlide"
RT_NOTES_MASTER = RT + "notesMaster"
RT_APP = RT + "extended-properties"
RT_CUSTOM = RT + "custom-properties"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
CT = "application/vnd.openxmlformats-officedocument."
CT_SLIDE = CT + "presentationml.slide+xml"
CT_NOTES = CT + "presentationml.notesSlide+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_APP = CT + "extended-properties+xml"
CT_CUSTOM = CT + "custom-properties+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
CT_XML = "application/xml"


@dataclass(frozen=True)
class Rel:
    """One relationship: ``target`` as written (a URL when ``external``)."""

    id: str
    type: str
    target: str
    external: bool = False


_ILLEGAL = re.compile(NOT_XML)
# Anything text() or attr() would change: most strings have none, and go through as they are.
_TEXT_WORK = re.compile(NOT_XML[:-1] + "&<>\r]")
_ATTR_WORK = re.compile('[\x00-\x1f\ud800-\udfff\ufffe\uffff&<>"]')


def clean(value: str) -> str:
    """``value`` without characters XML cannot hold; line ends as ``\\n``."""
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def text(value: str) -> str:
    """``value`` escaped for element content."""
    if not _TEXT_WORK.search(value):
        return value
    return clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: str) -> str:
    """``value`` escaped for a double-quoted attribute (line ends and tabs kept)."""
    if not _ATTR_WORK.search(value):
        return value
    return text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def rels_xml(rels: Iterable[Rel]) -> bytes:
    """A relationships part."""
    items = "".join(
        f'<Relationship Id="{attr(r.id)}" Type="{attr(r.type)}" Target="{attr(r.target)}"'
        + (' TargetMode="External"/>' if r.external else "/>")
        for r in rels
    )
    return (
        f'{DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{items}</Relationships>"
    ).encode()


def content_types_xml(types: dict[str, str]) -> bytes:
    """[Content_Types].xml for parts named in ``types`` (rels parts aside)."""
    by_ext: dict[str, set[str]] = {}
    for name, kind in types.items():
        by_ext.setdefault(posixpath.splitext(name)[1].lstrip(".").lower(), set()).add(kind)
    defaults = {"rels": CT_RELS, "xml": CT_XML}
    for ext, kinds in sorted(by_ext.items()):
        if ext and ext not in defaults and len(kinds) == 1:
            defaults[ext] = next(iter(kinds))
    items = [f'<Default Extension="{attr(e)}" ContentType="{attr(k)}"/>' for e, k in sorted(defaults.items())]
    for name, kind in types.items():
        if defaults.get(posixpath.splitext(name)[1].lstrip(".").lower()) != kind:
            items.append(f'<Override PartName="/{attr(name)}" ContentType="{attr(kind)}"/>')
    return (
        f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f"{''.join(items)}</Types>"
    ).encode()


def zip_parts(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of ``parts`` in the order given, deflated, with fixed timestamps.

    The records are written here (no zip64: a deck has far fewer than 65,535
    parts and 4 GB), which is twice as fast as ``zipfile`` for thousands of
    small parts; ``zipfile`` and Office read it like any other zip.
    """
    out = io.BytesIO()
    central = io.BytesIO()
    count = 0
    for name, data in parts:
        encoded = name.encode()
        flags = 0 if encoded.isascii() else 0x800  # bit 11: the name is UTF-8
        packed = zlib.compress(data, 6, -15)
        crc = zlib.crc32(data)
        offset = out.tell()
        common = (flags, 8, _DOS_TIME, _DOS_DATE, crc, len(packed), len(data), len(encoded), 0)
        out.write(_LOCAL.pack(b"PK\x03\x04", 20, *common))
        out.write(encoded)
        out.write(packed)
        # made by 3.20 (Unix, zip 2.0); no comment, disk 0, no internal attributes; -rw-r--r--
        central.write(_CENTRAL.pack(b"PK\x01\x02", 0x314, 20, *common, 0, 0, 0, 0o100644 << 16, offset))
        central.write(encoded)
        count += 1
    start = out.tell()
    if count > 0xFFFF or start + central.tell() > 0xFFFFFFFF:
        raise ValueError(f"a deck of {count} parts and {start} bytes is too large to write")
    out.write(central.getvalue())
    out.write(_END.pack(b"PK\x05\x06", 0, 0, count, count, central.tell(), start, 0))
    return out.getvalue()


# presentation.xml's children in schema order
PRESENTATION_ORDER = (
    "sldMasterIdLst",
    "notesMasterIdLst",
    "handoutMasterIdLst",
    "sldIdLst",
    "sldSz",
    "notesSz",
    "smartTags",
    "embeddedFontLst",
    "custShowLst",
    "photoAlbum",
    "custDataLst",
    "kinsoku",
    "defaultTextStyle",
    "modifyVerifier",
    "extLst",
)


def children_before(child: str) -> tuple[str, ...]:
    return PRESENTATION_ORDER[: PRESENTATION_ORDER.index(child)]


def insert_after(parent: etree._Element, el: etree._Element, before: Sequence[str]) -> None:
    """Insert ``el`` after the last child named in ``before`` (schema order), else first."""
    index = 0
    for i, child in enumerate(parent):
        if isinstance(child.tag, str) and etree.QName(child).localname in before:
            index = i + 1
    parent.insert(index, el)


def relative_target(source: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source))


CUSTOM_PART = "docProps/custom.xml"  # where a fingerprint is recorded, so not part of it


def fingerprint(parts: dict[str, bytes]) -> str:
    """sha256 over every part (name and content) but docProps/custom.xml."""
    digest = hashlib.sha256()
    for name in sorted(parts):
        if name != CUSTOM_PART:
            digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(parts[name]).digest())
    return "sha256:" + digest.hexdigest()


def free_rids(used: Container[str], start: int = 1) -> Iterator[str]:
    """Relationship ids ``rIdN`` that ``used`` does not hold, from ``rId{start}`` up."""
    n = start
    while True:
        if f"rId{n}" not in used:
            yield f"rId{n}"
        n += 1
