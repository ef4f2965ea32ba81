"""The guide as data: what a guide file may say, checked as it is read
(links that work, text a PowerPoint file can hold, one line where one is wanted)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import EVERY_KIND
from pydantic import ValidationError

from dnadeck.model import SLIDE_CLASSES, SLIDE_KINDS, GuideFile


def guide(*slides: dict[str, Any], **more: Any) -> GuideFile:
    return GuideFile.model_validate({"title": "Ward 7", "slides": [{"kind": "title"}, *slides], **more})


def refused(*slides: dict[str, Any], **more: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        guide(*slides, **more)
    return str(caught.value)


def test_a_guide_of_every_kind_reads() -> None:
    read = guide(*EVERY_KIND[1:])
    assert read.slides is not None
    assert [s.kind for s in read.slides] == list(SLIDE_KINDS)
    assert tuple(c.model_fields["kind"].annotation.__args__[0] for c in SLIDE_CLASSES) == SLIDE_KINDS


@pytest.mark.parametrize(
    ("link", "said"),
    [
        ("javascript:alert(1)", "is not a web link"),
        ("https://exa mple.org", "has a space in it"),
        ("mailto:nobody", "has no address"),
        ("https:///no-host", "has no web address after https://"),
    ],
)
def test_links_must_work(link: str, said: str) -> None:
    story = {"kind": "story", "title": "Own", "url": link, "licence": "Shared with permission."}
    assert said in refused(story)
    good = guide({**story, "url": "https://example.org/film"})
    assert good.slides is not None


def test_text_a_powerpoint_file_cannot_hold_is_refused_by_name() -> None:
    assert "a control character U+0007" in refused({"kind": "section", "title": "Bell\x07"})
    assert "half of an emoji" in refused({"kind": "section", "title": "Half \ud83d"})
    assert "on more than one line" in refused({"kind": "section", "title": "Two\nlines"})


def test_shapes_of_a_guide_that_cannot_be_built() -> None:
    assert "either points: (a list) or body: (prose), not both" in refused({"kind": "text", "title": "T"})
    with pytest.raises(ValidationError, match="a guide needs title and slides"):
        GuideFile.model_validate({})
    with pytest.raises(ValidationError, match="cannot list slides"):
        GuideFile.model_validate({"extends": "compassion", "slides": [{"kind": "title"}]})
    assert "minutes" in refused({"kind": "section", "title": "S", "minutes": 0})
    assert "is a date and time: write only the date" in refused(date=dt.datetime(2026, 12, 3, 10, 0))
    assert guide(date="2026-12-03").date == dt.date(2026, 12, 3)


def test_a_story_number_counts_from_one() -> None:
    story = {"kind": "story", "title": "Own", "url": "https://example.org/film", "licence": "Shared with permission."}
    for number in (0, -3):
        assert "number" in refused({**story, "number": number})
    assert "not a whole number" in refused({**story, "number": 1.5})
    read = guide({**story, "number": 12})
    assert read.slides is not None and read.slides[1].number == 12
