"""The session plan (.docx) against an accessibility checker's rules (Word's
and WCAG's): real headings in order, table header rows that repeat,
alternative text on every picture, one language on every run, a title."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from conftest import ALL_PACKS
from lxml import etree
from pptx import Presentation

from dnadeck import handout_bytes, load_guide, plan_deck
from dnadeck.model import Guide

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "dc": "http://purl.org/dc/elements/1.1/",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}


def guides(folder: Path) -> dict[str, Guide]:
    template = folder / "plain-template.pptx"
    Presentation().save(str(template))
    found = {pack: load_guide(pack) for pack in ALL_PACKS}
    found["one-story"] = load_guide("resilience", stories=["stay"])
    found["on-a-template"] = load_guide("compassion", template=str(template))
    return found


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Guide, bytes]]:
    return {name: (guide, handout_bytes(guide)) for name, guide in guides(tmp_path_factory.mktemp("t")).items()}


def checker_problems(data: bytes, language: str, title: str) -> list[str]:
    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
        core = etree.fromstring(z.read("docProps/core.xml"))
        settings = etree.fromstring(z.read("word/settings.xml"))
        others = [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
    names = {s.get(f"{{{W}}}styleId"): s.find("w:name", NS).get(f"{{{W}}}val") for s in styles.iterfind("w:style", NS)}

    # Headings: Word's Heading styles, never empty, no level skipped.
    level = 0
    headings = 0
    for p in body.iter(f"{{{W}}}p"):
        style = p.find("w:pPr/w:pStyle", NS)
        name = names.get(style.get(f"{{{W}}}val")) if style is not None else None
        found = re.fullmatch(r"heading (\d)", (name or "").lower())
        if not found:
            continue
        headings += 1
        text = "".join(p.itertext()).strip()
        if not text:
            problems.append("an empty heading")
        if int(found[1]) > level + 1:
            problems.append(f"heading {text!r} skips from level {level} to {found[1]}")
        level = int(found[1])
    if headings < 3:
        problems.append(f"only {headings} headings")

    # Tables: a header row, marked to repeat on every page, with words in each cell.
    for n, table in enumerate(body.iter(f"{{{W}}}tbl"), 1):
        rows = table.findall("w:tr", NS)
        if len(rows) < 2 or rows[0].find("w:trPr/w:tblHeader", NS) is None:
            problems.append(f"table {n} has no header row that repeats")
        elif not all("".join(c.itertext()).strip() for c in rows[0].findall("w:tc", NS)):
            problems.append(f"table {n} has an empty header cell")

    # Pictures: alternative text or the decorative flag.
    for doc_pr in body.iter(f"{{{NS['wp']}}}docPr"):
        if not (doc_pr.get("descr") or "").strip() and doc_pr.find(".//adec:decorative", NS) is None:
            problems.append(f"picture {doc_pr.get('name')} has no alternative text")

    # Language: the document's default and the theme fonts' are the guide's.
    default = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    if default is None or default.get(f"{{{W}}}val") != language:
        problems.append(f"the default language is not {language}")
    theme = settings.find("w:themeFontLang", NS)
    if theme is not None and theme.get(f"{{{W}}}val") != language:
        problems.append(f"the theme fonts' language is not {language}")
    for part in others:  # a run or style in another language says which, well formed
        for lang in part.iter(f"{{{W}}}lang"):
            value = lang.get(f"{{{W}}}val")
            if value is not None and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
                problems.append(f"a run or style with no language ({value!r})")

    # Links: their text says where they go, never a bare address.
    for link in body.iter(f"{{{W}}}hyperlink"):
        text = "".join(link.itertext()).strip()
        if re.match(r"(https?://|www\.|mailto:)|[^\s@]+@[^\s@]+$", text):
            problems.append(f"link text {text!r} is a bare address")

    # A title in the document's properties, as Word's checker and a PDF's window show it.
    core_title = core.findtext("dc:title", namespaces=NS) or ""
    if title not in core_title:
        problems.append(f"the document title {core_title!r} does not name {title!r}")
    return problems


@pytest.mark.parametrize("name", [*ALL_PACKS, "one-story", "on-a-template"])
def test_the_session_plan_passes_the_accessibility_rules(plans: dict[str, tuple[Guide, bytes]], name: str) -> None:
    guide, data = plans[name]
    assert checker_problems(data, guide.language, plan_deck(guide).title) == []


def test_the_checks_find_what_is_wrong(plans: dict[str, tuple[Guide, bytes]]) -> None:
    """Each rule can fail: a session plan spoiled in each way is caught."""
    guide, data = plans["resilience"]
    title = plan_deck(guide).title

    def spoiled(part: str, old: bytes, new: bytes) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                blob = src.read(info.filename)
                dst.writestr(info, blob.replace(old, new) if info.filename == part else blob)
        return out.getvalue()

    cases = {
        "skips": spoiled("word/document.xml", b'w:val="Heading2"', b'w:val="Heading3"'),
        "header row": spoiled("word/document.xml", b"<w:tblHeader/>", b""),
        "alternative text": spoiled("word/document.xml", b'descr="QR code', b'title="QR code'),
        "bare address": spoiled(
            "word/document.xml", b'Hyperlink"/></w:rPr><w:t>', b'Hyperlink"/></w:rPr><w:t>https://'
        ),
        "no language": spoiled("word/document.xml", b"<w:rPr>", b'<w:rPr><w:lang w:val=""/>'),
        "default language": spoiled("word/styles.xml", b'w:val="en-GB"', b'w:val="en-US"'),
        "theme fonts": spoiled("word/settings.xml", b'w:themeFontLang w:val="en-GB"', b'w:themeFontLang w:val="en-US"'),
        "document title": spoiled("docProps/core.xml", title.encode(), b"Untitled"),
    }
    for expected, document in cases.items():
        found = checker_problems(document, guide.language, title)
        assert any(expected in p for p in found), (expected, found)
