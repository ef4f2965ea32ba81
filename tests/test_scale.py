"""Own stories at scale keep their meaning: story ties found in one reading of the
text agree with the plain definition, and QR codes drawn fast still scan."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import yaml
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image

from dnadeck import handout_bytes, load_guide
from dnadeck.images import draw_qr
from dnadeck.ties import QUOTES, STORY_MARK, TIE_MARK, tied_stories

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def tied_by_definition(text: str, titles: dict[str, str]) -> set[str]:
    """A text is about a story when it names its mark, or its title between a pair of quotes."""
    found = set(STORY_MARK.findall(text)) | set(TIE_MARK.findall(text))
    return found | {sid for sid, title in titles.items() if any(f"{a}{title}{b}" in text for a, b in QUOTES)}


pieces = st.sampled_from(["Stay", "Touch", "Stay’s", "A", "", " ", "‘", "’", "“", "”", '"', "'", "{story:x}", "it's"])
texts = st.lists(pieces, max_size=14).map("".join)
titles = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), pieces, max_size=4)


@settings(max_examples=400, derandomize=True, database=None)
@given(text=texts, named=titles)
def test_ties_found_in_one_reading_are_the_ties_by_definition(text: str, named: dict[str, str]) -> None:
    assert tied_stories(text, named) == tied_by_definition(text, named)


def test_ties_with_a_changed_mapping_of_titles_follow_the_change() -> None:
    named = {"a": "Stay"}
    assert tied_stories("After ‘Stay’", named) == {"a"}
    named["b"] = "Touch"
    assert tied_stories("After ‘Touch’", named) == {"b"}


def test_qr_codes_drawn_for_own_stories_scan_to_their_links() -> None:
    for n in range(40):
        url = f"https://example.org/stories/{n}/film?part={'x' * n}"
        picture = Image.open(io.BytesIO(draw_qr(url)))
        assert [r.text for r in zxingcpp.read_barcodes(picture)] == [url]
        assert picture.size[0] == picture.size[1] and picture.getpixel((0, 0)) == 0  # white quiet zone


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
