"""The deck against an accessibility checker's rules (PowerPoint's and
WCAG's): a title on every slide, read first, unique; pictures described or
decorative; links whose text says where they go; a language on every run.
And what of it survives a LibreOffice round trip."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ALL_PACKS, ROOT, need, package_problems
from lxml import etree
from pptx import Presentation

from dnadeck import load_guide, save_deck

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}
BARE_ADDRESS = re.compile(
    r"^\s*(https?://|www\.|mailto:)|^[^\s@]+@[^\s@]+\.[a-z]+$|^[\w.-]+\.(org|uk|com|net)(/\S*)?$", re.I
)


def template_deck(folder: Path) -> Path:
    """The Compassion pack on python-pptx's default template (4:3, Calibri)."""
    template = folder / "plain-template.pptx"
    Presentation().save(str(template))
    return save_deck(load_guide("compassion", template=str(template)), folder / "on-a-template.pptx")


@pytest.fixture(scope="module")
def decks(packs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {**packs, "on-a-template": template_deck(tmp_path_factory.mktemp("template"))}


def slides_of(deck: Path) -> list[etree._Element]:
    with zipfile.ZipFile(deck) as z:
        names = sorted(
            (n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
            key=lambda n: int(re.findall(r"\d+", n)[0]),
        )
        return [etree.fromstring(z.read(n)) for n in names]


def checker_problems(deck: Path) -> list[str]:
    """What an accessibility checker would flag, one line each."""
    problems = [p for p in package_problems(deck) if "language" in p or "title" in p]  # lang on runs; unique titles
    for number, slide in enumerate(slides_of(deck), 1):
        shapes = slide.find("p:cSld/p:spTree", NS)
        assert shapes is not None
        drawn = [s for s in shapes if s.tag.endswith(("}sp", "}pic", "}graphicFrame", "}grpSp", "}cxnSp"))]
        first = drawn[0].find(".//p:nvPr/p:ph", NS) if drawn else None
        if first is None or first.get("type") not in ("title", "ctrTitle"):
            problems.append(f"slide {number}: the title is not first in reading order")
        for shape in drawn:
            props = shape.find("./*/p:cNvPr", NS)
            assert props is not None
            text = "".join(shape.itertext()).strip()
            decorative = props.find(".//adec:decorative", NS)
            described = bool((props.get("descr") or "").strip())
            if not text and not described and (decorative is None or decorative.get("val") != "1"):
                problems.append(f"slide {number}: {props.get('name')} has no alternative text and is not decorative")
        for run in slide.iter(f"{{{NS['a']}}}r"):
            link = run.find("a:rPr/a:hlinkClick", NS)
            if link is None:
                continue
            text = "".join(run.itertext()).strip()
            tip = link.get("tooltip") or ""
            if BARE_ADDRESS.search(text):
                problems.append(f"slide {number}: link text {text!r} is a bare address")
            if not tip or tip.lower().startswith("open ") or BARE_ADDRESS.search(tip) or tip == text:
                problems.append(f"slide {number}: the ScreenTip {tip!r} of {text!r} adds nothing")
    return problems


@pytest.mark.parametrize("name", [*ALL_PACKS, "on-a-template"])
def test_the_deck_passes_the_accessibility_rules(decks: dict[str, Path], name: str) -> None:
    assert checker_problems(decks[name]) == []


def test_links_say_where_they_go_and_show_the_address_beside(packs: dict[str, Path]) -> None:
    prs = Presentation(str(packs["resilience"]))
    story = next(s for s in prs.slides if s.shapes.title.text_frame.text == "Floristry, perhaps?")
    runs = [r for shape in story.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs for r in p.runs]
    at = next(i for i, r in enumerate(runs) if r.hyperlink.address)
    assert runs[at].text == "Floristry, perhaps?"
    assert runs[at].hyperlink.address == "https://www.patientvoices.org.uk/flv/1018pv384.htm"
    assert runs[at + 1].text == " (https://www.patientvoices.org.uk/flv/1018pv384.htm)"  # for a printout
    credits = "\n".join(
        f"{r.text}{'<-link' if r.hyperlink.address else ''}"
        for s in prs.slides
        if s.shapes.title.text_frame.text.startswith("Credits")
        for shape in s.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for r in p.runs
    )
    assert "Patient Voices website<-link\n (https://www.patientvoices.org.uk/dnaoc.htm)" in credits
    assert "Dr Pip Hardy<-link\n (pip@pilgrimprojects.co.uk)" in credits


def test_the_title_slide_looks_as_before_with_the_title_read_first(packs: dict[str, Path]) -> None:
    """The title moved to the front of the shape tree: nothing drawn before it overlaps it."""
    slide = Presentation(str(packs["resilience"])).slides[0]
    shapes = list(slide.shapes)
    assert shapes[0].is_placeholder and shapes[0].text_frame.text == "Resilience"
    title = shapes[0]
    pt = 12700  # boxes that touch, rounded to the EMU, do not overlap
    for other in shapes[1:]:
        apart = (
            other.left + pt >= title.left + title.width
            or title.left + pt >= other.left + other.width
            or other.top + pt >= title.top + title.height
            or title.top + pt >= other.top + other.height
        )
        assert apart, f"{other.name} overlaps the title, which is now behind it"


# -- a LibreOffice round trip (pptx -> pptx) --------------------------------------------


@pytest.mark.office
@pytest.mark.cold_office  # LibreOffice started for the round trip
def test_what_a_libreoffice_round_trip_keeps(packs: dict[str, Path], tmp_path: Path) -> None:
    """Saved again by LibreOffice, the deck keeps its titles (first), alt text,
    link text and addresses and languages; what LibreOffice drops (the
    decorative flag, ScreenTips) is what docs/accessibility.md says it drops."""
    soffice = need("soffice")
    source = tmp_path / "in" / "resilience.pptx"
    source.parent.mkdir()
    shutil.copyfile(packs["resilience"], source)
    out = tmp_path / "out"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pptx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    again = out / "resilience.pptx"
    before, after = Presentation(str(source)), Presentation(str(again))
    assert [s.shapes.title.text_frame.text for s in after.slides] == [
        s.shapes.title.text_frame.text for s in before.slides
    ]

    def pictures(prs: Presentation) -> list[str]:
        return [
            sh._element.xpath("./*/p:cNvPr")[0].get("descr") or ""
            for s in prs.slides
            for sh in s.shapes
            if sh.shape_type == 13
        ]

    assert [d for d in pictures(after) if d] == [d for d in pictures(before) if d]  # alt text kept
    links = [
        (r.text, r.hyperlink.address)
        for s in after.slides
        for sh in s.shapes
        if sh.has_text_frame
        for p in sh.text_frame.paragraphs
        for r in p.runs
        if r.hyperlink.address
    ]
    assert ("Floristry, perhaps?", "https://www.patientvoices.org.uk/flv/1018pv384.htm") in links
    xml = b"".join(etree.tostring(s) for s in slides_of(again))
    assert b'lang="en-GB"' in xml
    docs = (ROOT / "docs" / "accessibility.md").read_text(encoding="utf-8")
    kept = {"decorative flag": b"decorative" in xml, "ScreenTips": b"tooltip=" in xml}
    for what, survives in kept.items():
        said = f"drops the {what}" in " ".join(docs.split())
        assert said != survives, f"docs/accessibility.md is wrong about the {what} after a round trip"
