"""python-docx made faster for long session plans: the same document, ids
counted rather than searched for, and python-docx left as it was afterwards."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import yaml
from lxml import etree

from dnadeck import handout_bytes, load_guide
from dnadeck.docx_speed import _FASTER, faster

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def test_a_long_session_plan_has_every_link_picture_and_id_in_place(tmp_path: Path) -> None:
    """The session plan's ids are counted, not searched for: each still resolves, none twice."""
    slides: list[dict[str, object]] = [{"kind": "title"}]
    for n in range(30):
        slides.append(
            {
                "kind": "story",
                "title": f"Story {n}",
                "url": f"https://example.org/film/{n}",
                "synopsis": "A story\tof a shift.",
                "licence": "Shared with permission.",
            }
        )
        slides.append({"kind": "questions", "questions": ["What did {story} show?"]})
    guide = tmp_path / "own.yaml"
    guide.write_text(yaml.safe_dump({"title": "Own", "slides": slides}), encoding="utf-8")
    with zipfile.ZipFile(io.BytesIO(handout_bytes(load_guide(guide)))) as docx:
        body = etree.fromstring(docx.read("word/document.xml")).find(f"{W}body")
        rels = etree.fromstring(docx.read("word/_rels/document.xml.rels"))
        names = set(docx.namelist())
    assert body is not None and body[-1].tag == f"{W}sectPr"  # the section's properties stay last
    targets = {r.get("Id"): (r.get("Target"), r.get("TargetMode")) for r in rels}
    assert len(targets) == len(rels)
    links = [link.get(f"{R}id") for link in body.iter(f"{W}hyperlink")]
    for n in range(30):
        assert (f"https://example.org/film/{n}", "External") in [targets[i] for i in links]
    pictures = [
        blip.get(f"{R}embed") for blip in body.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    ]
    assert len(pictures) == 30 and len(set(pictures)) == 30
    assert all(f"word/{targets[p][0]}" in names for p in pictures)
    drawing_ids = [d.get("id") for d in body.iter(f"{WP}docPr")]
    assert len(drawing_ids) == len(set(drawing_ids)) == 30
    assert any(t.tag == f"{W}tab" for t in body.iter(f"{W}tab"))  # a tab in text is still a tab


def test_python_docx_is_itself_again_after_the_block() -> None:
    before = [cls.__dict__[name] for cls, name, _ in _FASTER]
    with faster():
        assert [cls.__dict__[name] for cls, name, _ in _FASTER] == [swap for _, _, swap in _FASTER]
    assert [cls.__dict__[name] for cls, name, _ in _FASTER] == before


def test_a_document_written_faster_reads_the_same() -> None:
    def write() -> bytes:
        document = docx.Document()
        for n in range(30):
            document.add_heading(f"Part {n}", level=2)
            document.add_paragraph(f"Words of part {n}").add_run(" and more").bold = True
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    plain = write()
    with faster():
        quick = write()

    def text(data: bytes) -> list[tuple[str, str]]:
        return [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]

    assert text(quick) == text(plain)
    assert len(text(quick)) == 60
