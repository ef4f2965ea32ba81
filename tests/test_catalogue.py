"""Every bundled pack: builds, reopens, says what it must, opens in LibreOffice."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import ALL_PACKS, package_problems, pdf_pages, slide_links, slide_notes, slide_text, slide_title
from pptx import Presentation
from pptx.oxml.ns import qn

from dnadeck import deck_bytes, load_guide, save_deck
from dnadeck.catalogue import series, stories

FIVE = {
    "bringing-your-whole-self-to-work",
    "compassion",
    "compassionate-leadership",
    "improvement-and-change",
    "resilience",
}
ATTRIBUTION = "Created by NHS staff in Patient Voices® workshops sponsored by NHS England © Pilgrim Projects Limited, CC BY-NC-ND."

# The eight quotations of the Compassionate leadership guide, verbatim.
CL_QUOTES = {
    "Michael West": "If we want to create cultures of high quality compassionate care, then we need to have leaders who "
    "embody the value of compassion as part of their continually improving, high quality leadership.",
    "Antoine de Saint-Exupéry": "If you want to build a ship, do not start by gathering wood, cutting planks and assigning "
    "tasks. Instead, inspire a longing for the wide, endless sea.",
    "Rabbi Hillel the Elder": "If I am not for myself, who will be for me? If I am for myself alone, what am I? If not now, when?",
    "A hospital director": "Staff had phenomenal stories about their improvement, but I suppose when I arrived I found quite "
    "a fear of sharing improvement...so we needed to do a lot of work with people to improve confidence and help them to "
    "understand that their journey of improvement is something that they should be proud of and that they should want to "
    "talk about.",
    "Jackie Daniel": "We needed to start to tell the story of what had gone wrong and why, so staff could make sense of it "
    "and then tell them what we needed them to do, in what order, to put things right.",
    "Andrew Higham": "People feel engaged because they've been listened to, not just told what to do.",
    "Fiona Jones": "There is value in having an open conversation with staff and understanding what the staff feel. It's "
    "about making sure that we don't pay lip service to it, but we actually understand what challenges staff are facing "
    "and what we are doing to overcome them.",
    "Patient Voices": "Just as care in the NHS is free at the point of need",
}
ATTRIBUTED = {"Antoine de Saint-Exupéry"}  # a later English paraphrase: no year
CL_STORIES = ["touch", "the-light-on-the-water", "stay", "just-five-minutes-more", "floristry-perhaps"]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_five_standard_packs_are_bundled() -> None:
    assert set(ALL_PACKS) == FIVE


@pytest.mark.parametrize("pack", ALL_PACKS)
def test_pack_deck_is_complete(pack: str, packs: dict[str, Path]) -> None:
    prs = Presentation(str(packs[pack]))
    slides = list(prs.slides)
    assert len(slides) >= 10
    assert prs.slide_width * 9 == prs.slide_height * 16  # 16:9
    for n, slide in enumerate(slides, 1):
        assert slide_title(slide).strip(), f"slide {n} has no title"
        assert len(slide_notes(slide)) > 40, f"slide {n} has no real speaker notes"
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():  # measured: never auto-fitted
                body = shape.text_frame._txBody.bodyPr
                assert body.find(qn("a:noAutofit")) is not None and body.get("wrap") == "square", f"slide {n}"
    guide = load_guide(pack)
    catalogue = stories()
    story_slides = [s for s in slides if ATTRIBUTION in slide_text(s)]
    assert len(story_slides) >= len(guide.story_slides()) >= 2
    for story in guide.story_slides():
        entry = catalogue[story.story or ""]
        on = [s for s in slides if slide_title(s) == entry.title]
        assert on, f"no slide for {entry.title}"
        assert entry.url in slide_links(on[0]), "the story slide must link to the story's page"
        assert ATTRIBUTION in slide_text(on[0])
        assert "Told by" in slide_text(on[0])
    credits = [s for s in slides if slide_title(s).startswith("Credits")]
    assert credits, "no credits slide"
    text = " ".join(slide_text(s) for s in credits)
    assert "CC BY-NC-ND" in text and "Pilgrim Projects Limited" in text and "NHS England" in text
    assert "do not endorse it" in text and "NHS Employers" in text
    links = [link for s in credits for link in slide_links(s)]
    assert {f"mailto:{c.email}" for c in series().contacts} <= set(links)


@pytest.mark.parametrize("pack", sorted(FIVE - {"compassionate-leadership"}))
def test_own_story_choice_is_declared(pack: str, packs: dict[str, Path]) -> None:
    prs = Presentation(str(packs[pack]))
    credits = " ".join(slide_text(s) for s in prs.slides if slide_title(s).startswith("Credits"))
    assert "this pack's own" in credits
    guide = load_guide(pack)
    assert len(guide.questions()) >= 6
    assert 2 <= len(guide.story_slides()) <= 4


def test_every_catalogue_story_can_be_shown_and_every_pack_story_is_in_the_catalogue(tmp_path: Path) -> None:
    used = {s.story for pack in ALL_PACKS for s in load_guide(pack).story_slides()}
    assert used <= set(stories())
    assert len(stories()) == 13
    for story_id, story in stories().items():
        deck = save_deck(load_guide("resilience", stories=[story_id]), tmp_path / f"{story_id}.pptx")
        slide = next(s for s in Presentation(str(deck)).slides if story.url in slide_links(s))
        text = slide_text(slide)
        assert slide_title(slide) == story.title
        assert ATTRIBUTION in text and story.url in text
        assert (story.storyteller or "a member of NHS staff") in text
        if story.synopsis:
            assert _flat(story.synopsis)[:40] in _flat(text)
        else:  # nothing invented: the teller, the link, the caption and the licence only
            shapes = {sh.name.split(" ")[0] for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text}
            assert "Synopsis" not in shapes, story_id


def test_compassionate_leadership_says_what_the_guide_says(packs: dict[str, Path]) -> None:
    prs = Presentation(str(packs["compassionate-leadership"]))
    text = _flat(" ".join(slide_text(s) for s in prs.slides))
    for by, quote in CL_QUOTES.items():
        assert _flat(quote) in text, f"quotation by {by} is missing or changed"
        assert (f"— attributed to {by}" if by in ATTRIBUTED else f"— {by}") in text
    assert "1943" not in text
    links = [link for s in prs.slides for link in slide_links(s)]
    for story_id in CL_STORIES:
        assert stories()[story_id].url in links
    numbered = load_guide("compassionate-leadership").questions()
    assert len(numbered) == 10
    for word in (
        "Attend",
        "Understand",
        "Empathise",
        "Inspiring vision",
        "Story of self",
        "Story of us",
        "Story of now",
    ):
        assert word.lower() in text.lower(), word
    assert "those suggested in the published DNA of Care guide, Compassionate leadership" in text
    titles = [slide_title(s) for s in prs.slides]
    warning = titles.index("Before we watch")
    assert warning < titles.index("Touch")


@pytest.mark.parametrize("pack", ALL_PACKS)
def test_no_file_links_and_only_web_links(pack: str, packs: dict[str, Path]) -> None:
    with zipfile.ZipFile(packs[pack]) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                data = z.read(name).decode("utf-8")
                assert "file://" not in data, name
                for rel in re.findall(r"<Relationship [^>]*>", data):
                    if 'TargetMode="External"' in rel:
                        target = re.search(r'Target="([^"]+)"', rel)
                        assert target and target.group(1).startswith(("http://", "https://", "mailto:")), rel


@pytest.mark.parametrize("pack", ALL_PACKS)
def test_pack_passes_the_ooxml_schemas(pack: str, packs: dict[str, Path], validator) -> None:  # type: ignore[no-untyped-def]
    report = validator.validate_deck(str(packs[pack]))
    assert not report.unusable
    assert report.errors == []
    assert report.warnings == []


@pytest.mark.parametrize("pack", ALL_PACKS)
@pytest.mark.office
def test_pack_opens_in_libreoffice_one_page_per_slide(pack: str, packs: dict[str, Path], to_pdf) -> None:  # type: ignore[no-untyped-def]
    slides = len(Presentation(str(packs[pack])).slides)
    assert pdf_pages(to_pdf(packs[pack])) == slides


def test_builds_are_byte_identical() -> None:
    guide = load_guide("compassion")
    assert deck_bytes(guide) == deck_bytes(guide)


@pytest.mark.office
def test_the_example_guides_build_and_open(examples: list[Path], tmp_path: Path, validator, to_pdf) -> None:  # type: ignore[no-untyped-def]
    for example in examples:
        deck = save_deck(load_guide(example), tmp_path / f"{example.stem}.pptx")
        prs = Presentation(str(deck))
        assert all(slide_title(s).strip() for s in prs.slides)
        report = validator.validate_deck(str(deck))
        assert (report.errors, report.warnings) == ([], [])
        assert package_problems(deck) == []
        assert pdf_pages(to_pdf(deck)) == len(prs.slides)


@pytest.mark.parametrize("pack", ALL_PACKS)
def test_pack_package_has_what_powerpoint_keynote_and_screen_readers_need(pack: str, packs: dict[str, Path]) -> None:
    assert package_problems(packs[pack]) == []
