"""Text fields keep what the person typed; links must be links."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from dnadeck import GuideError, load_guide
from dnadeck.build import write_deck
from dnadeck.plan import plan_deck

NUMBERS_AS_TEXT = """\
title: 1e2
presenter: 007
organisation: 1_000
slides:
  - kind: title
  - kind: questions
    questions: [.5, 0x1, .inf, 3.10, -0, +12]
  - kind: quote
    text: 2.50
    by: 0042
    year: 1943
    minutes: 2.5
"""


def test_a_number_in_a_text_field_is_kept_as_written(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(NUMBERS_AS_TEXT, encoding="utf-8")
    guide = load_guide(path)
    assert (guide.title, guide.presenter, guide.organisation) == ("1e2", "007", "1_000")
    assert guide.questions() == [".5", "0x1", ".inf", "3.10", "-0", "+12"]
    quote = guide.quotes()[0]
    assert (quote.text, quote.by, quote.year, quote.minutes) == ("2.50", "0042", "1943", 2.5)
    assert [q.text for q in plan_deck(guide).questions()] == [".5", "0x1", ".inf", "3.10", "-0", "+12"]
    deck = Presentation(str(write_deck(path, out_dir=tmp_path).path))
    words = " ".join(sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame)
    assert "1e2" in words and "007" in words and "100.0" not in words


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://exa mple.org/ bad", "has a space in it"),
        ("https:///film", "has no web address after https://"),
        ("http://", "has no web address after http://"),
        ("https:example.org", "is not a web link"),
        ("https://[::1/x", "has no web address after https://"),
        ("'mailto:'", "has no address: write mailto:name@example.org"),
        ("ftp://example.org", "is not a web link"),
    ],
)
def test_a_link_that_cannot_work_is_refused_at_its_line(tmp_path: Path, url: str, says: str) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(
        f"title: T\nslides:\n  - kind: story\n    title: S\n    url: {url}\n    synopsis: s\n    licence: l\n",
        encoding="utf-8",
    )
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    line = str(caught.value)
    assert line.startswith(f"{path}:5: slides[1].url: ") and says in line, line


@pytest.mark.parametrize("url", ["https://example.org/a%20b?x=1#y", "http://[::1]:8080/x", "mailto:team@example.org"])
def test_links_that_work_are_kept(tmp_path: Path, url: str) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(
        f"title: T\nslides:\n  - kind: story\n    title: S\n    url: {url}\n    synopsis: s\n    licence: l\n",
        encoding="utf-8",
    )
    assert load_guide(path).story_slides()[0].url == url
