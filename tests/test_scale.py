"""Own stories at scale keep their meaning: story ties found in one reading of the
text agree with the plain definition, and QR codes drawn fast still scan."""

from __future__ import annotations

import io

import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from dnadeck.images import draw_qr
from dnadeck.ties import QUOTES, STORY_MARK, TIE_MARK, tied_stories


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
