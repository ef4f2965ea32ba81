"""The same bytes for the same document: an Office file (.pptx, .docx) stamped.

python-pptx and python-docx stamp the time into the zip entries and the
document properties; both are fixed here, so two builds of one guide are
byte-identical. Every deck and session plan records a fingerprint of its
parts (a sha256 over every part but ``docProps/custom.xml``, kept there as
the custom property ``dnadeck-fingerprint``), which ``output.check_output``
reads before it replaces the file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree

from ..limits import DECK_READ_MAX_BYTES
from ..opc import (
    CP_NS,
    CT_CUSTOM,
    CUSTOM_PART,
    FINGERPRINT,
    PROPERTY_FMTID,
    RT_CUSTOM,
    VT_NS,
    XML_PARSER,
    ZIP_TIME,
    fingerprint,
    free_rids,
)

FIXED_TIME = dt.datetime(*ZIP_TIME, tzinfo=dt.UTC)  # the series' launch day
_CUSTOM_TYPE = CT_CUSTOM
_CUSTOM_REL = RT_CUSTOM
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def stamp(data: bytes) -> bytes:
    """An Office file's bytes (.pptx, .docx) with fixed zip times and order, and the fingerprint of
    its parts recorded in docProps/custom.xml (any other custom properties
    kept)."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        names = src.namelist()
        parts = {name: src.read(name) for name in names}
    parts["[Content_Types].xml"] = _with_custom_type(parts["[Content_Types].xml"])
    parts["_rels/.rels"] = _with_custom_rel(parts["_rels/.rels"])
    parts[CUSTOM_PART] = _with_fingerprint(parts.get(CUSTOM_PART), fingerprint(parts))
    if CUSTOM_PART not in names:
        names.append(CUSTOM_PART)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        # [Content_Types].xml first, as Office writes it; the rest in order.
        for name in sorted(names, key=lambda n: (n != "[Content_Types].xml", names.index(n))):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, parts[name])
    return out.getvalue()


def recorded_fingerprint(data: bytes) -> tuple[str | None, str | None]:
    """(the fingerprint a .pptx records, the one its parts have now); None where absent."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if sum(i.file_size for i in z.infolist()) > DECK_READ_MAX_BYTES:
                return None, None
            parts = {name: z.read(name) for name in z.namelist()}
        if CUSTOM_PART not in parts:
            return None, fingerprint(parts)
        root = etree.fromstring(parts[CUSTOM_PART], XML_PARSER)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError, etree.XMLSyntaxError):
        return None, None
    for prop in root.iter(f"{{{CP_NS}}}property"):
        if prop.get("name") == FINGERPRINT:
            return "".join(prop.itertext()).strip(), fingerprint(parts)
    return None, fingerprint(parts)


def _with_custom_type(xml: bytes) -> bytes:
    root = etree.fromstring(xml, XML_PARSER)
    if not any(o.get("PartName") == "/" + CUSTOM_PART for o in root.iter(f"{_CT}Override")):
        etree.SubElement(root, f"{_CT}Override", PartName="/" + CUSTOM_PART, ContentType=_CUSTOM_TYPE)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _with_custom_rel(xml: bytes) -> bytes:
    root = etree.fromstring(xml, XML_PARSER)
    rels = list(root.iter(f"{_REL}Relationship"))
    if not any(r.get("Type") == _CUSTOM_REL for r in rels):
        rid = next(free_rids({str(r.get("Id")) for r in rels}))
        etree.SubElement(root, f"{_REL}Relationship", Id=rid, Type=_CUSTOM_REL, Target=CUSTOM_PART)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _with_fingerprint(xml: bytes | None, value: str) -> bytes:
    """docProps/custom.xml (the template's, if it had one) with our property set."""
    root = None
    if xml:
        try:
            root = etree.fromstring(xml, XML_PARSER)
        except etree.XMLSyntaxError:
            root = None
    if root is None or root.tag != f"{{{CP_NS}}}Properties":  # none, or a template's broken one: ours alone
        root = etree.Element(f"{{{CP_NS}}}Properties", nsmap={None: CP_NS, "vt": VT_NS})
    pids = [2]
    for prop in list(root.iter(f"{{{CP_NS}}}property")):
        if prop.get("name") == FINGERPRINT:
            root.remove(prop)
        elif (prop.get("pid") or "").isdigit():
            pids.append(int(prop.get("pid") or 0) + 1)
    prop = etree.SubElement(root, f"{{{CP_NS}}}property", fmtid=PROPERTY_FMTID, pid=str(max(pids)), name=FINGERPRINT)
    etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
