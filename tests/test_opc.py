"""Package plumbing: escaping, relationship and content-type parts, the zip
writer and the fingerprint, as a zip reader and an XML parser see them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from dnadeck.opc import (
    CUSTOM_PART,
    Rel,
    attr,
    clean,
    content_types_xml,
    fingerprint,
    insert_after,
    relative_target,
    rels_xml,
    text,
    zip_parts,
)


def test_characters_xml_cannot_hold_are_dropped_and_the_rest_escaped() -> None:
    assert clean("a\x00b\x1fc\ufffed\r\ne\rf") == "abcd\ne\nf"
    assert text("Fish & <chips>") == "Fish &amp; &lt;chips&gt;"
    assert attr('say "hi"\n\tthere') == "say &quot;hi&quot;&#10;&#9;there"
    plain = "Nothing to do here"
    assert text(plain) is plain and attr(plain) is plain
    value = 'x<&>"y'
    element = etree.fromstring(f'<a b="{attr(value)}">{text("1 < 2 & 3")}</a>')
    assert (element.get("b"), element.text) == (value, "1 < 2 & 3")


def test_relationships_and_content_types_parse_as_written() -> None:
    rels = etree.fromstring(
        rels_xml(
            [
                Rel("rId1", "http://t/slide", "slides/slide1.xml"),
                Rel("rId2", "http://t/link", "https://example.org/?a=1&b=2", True),
            ]
        )
    )
    assert [(r.get("Id"), r.get("Target"), r.get("TargetMode")) for r in rels] == [
        ("rId1", "slides/slide1.xml", None),
        ("rId2", "https://example.org/?a=1&b=2", "External"),
    ]
    types = etree.fromstring(
        content_types_xml(
            {"ppt/slides/slide1.xml": "slide", "ppt/presentation.xml": "main", "ppt/media/a.png": "image/png"}
        )
    )
    defaults = {d.get("Extension"): d.get("ContentType") for d in types if d.tag.endswith("Default")}
    overrides = {o.get("PartName"): o.get("ContentType") for o in types if o.tag.endswith("Override")}
    assert defaults["png"] == "image/png" and "rels" in defaults
    assert overrides == {"/ppt/slides/slide1.xml": "slide", "/ppt/presentation.xml": "main"}


def test_the_zip_reads_back_in_order_with_fixed_times() -> None:
    parts = [
        ("[Content_Types].xml", b"<Types/>"),
        ("ppt/slides/slide1.xml", b"<x/>" * 1000),
        ("media/é.png", b"\x89PNG"),
    ]
    data = zip_parts(parts)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        assert [(i.filename, z.read(i)) for i in z.infolist()] == parts
        assert {i.date_time for i in z.infolist()} == {(2016, 11, 2, 0, 0, 0)}
    assert zip_parts(parts) == data  # the same bytes every time


def test_the_fingerprint_follows_every_part_but_the_one_it_is_kept_in() -> None:
    parts = {"a.xml": b"<a/>", "b.xml": b"<b/>"}
    first = fingerprint(parts)
    assert first.startswith("sha256:") and fingerprint(dict(reversed(parts.items()))) == first
    assert fingerprint(parts | {CUSTOM_PART: b"anything"}) == first
    assert fingerprint(parts | {"b.xml": b"<b>edited</b>"}) != first


def test_elements_go_in_schema_order_and_targets_are_relative() -> None:
    root = etree.fromstring("<p><sldMasterIdLst/><sldSz/><notesSz/></p>")
    insert_after(root, etree.Element("sldIdLst"), ("sldMasterIdLst", "notesMasterIdLst"))
    assert [c.tag for c in root] == ["sldMasterIdLst", "sldIdLst", "sldSz", "notesSz"]
    assert relative_target("ppt/slides/slide1.xml", "ppt/media/image1.png") == "../media/image1.png"


def test_the_xml_parser_link_schemes_and_xml_characters_are_declared_once() -> None:
    """One XML parser (opc), one list of link schemes and one set of characters XML cannot hold (text)."""
    import dnadeck

    package = Path(dnadeck.__file__).parent
    found = []
    for path in package.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(package).as_posix()
        if "XMLParser(" in source and name != "opc.py":
            found.append(f"{name}: an XML parser")
        if ('("http://", "https://"' in source or "\\x0e-\\x1f" in source) and name != "text.py":
            found.append(f"{name}: link schemes or XML's characters")
    assert found == []
