"""Content honesty: our own words, not the sources', and no fixed story counts.

Two checks on the bundled packs:

- No built pack repeats an 8-word run from the source texts (the guide in
  shared/seeds and the prose of content-facts.md), except inside what may be
  quoted: the packs' quotations, names, titles, job titles, links and the
  licence line. A run is allowed only if it also occurs in one of those.
- No pack, series or wording text fixes how many stories a deck shows, or
  refers to a story by its place ("five stories", "the first story"), since
  a custom deck may keep any of them in any order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from conftest import ALL_PACKS, ROOT, SHARED, slide_notes, slide_text
from pptx import Presentation

from dnadeck import load_guide
from dnadeck.catalogue import series, stories
from dnadeck.model import Guide, QuoteSlide, StorySlide

RUN = 8
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})


def words(text: str) -> list[str]:
    """Case-folded words: typographic quotes made plain, apostrophes joined, other punctuation a break."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES).casefold()
    text = re.sub(r"(?<=\w)'(?=\w)", "", text)  # they've -> theyve, on either side
    return re.findall(r"\w+", text)


def runs(text: str, n: int = RUN) -> Iterator[tuple[str, ...]]:
    found = words(text)
    for i in range(len(found) - n + 1):
        yield tuple(found[i : i + n])


def source_runs() -> set[tuple[str, ...]]:
    """Every 8-word run in the source texts."""
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    facts = SHARED / "content-facts.md"
    if not seeds or not facts.is_file():
        pytest.skip(f"the source texts are not here ({SHARED}); they come with ../shared")
    found: set[tuple[str, ...]] = set()
    for path in [*seeds, facts]:
        found.update(runs(path.read_text(encoding="utf-8")))
    return found


def allowed_strings(guide: Guide) -> Iterable[str]:
    """What a deck may repeat word for word: quotations, names, titles, links, the licence line."""
    facts = series()
    yield from (facts.name, facts.url, facts.copyright, facts.attribution, facts.licence.name, facts.licence.short)
    for contact in facts.contacts:
        yield from (contact.name, contact.email)
    for story in stories().values():
        yield from (story.title, story.url, story.storyteller or "")
    yield from (guide.title, guide.subtitle or "")
    for slide in guide.slides:
        if isinstance(slide, QuoteSlide):
            yield from (slide.text, slide.by, slide.role or "", slide.cite or "", slide.source or "", slide.year or "")
        elif isinstance(slide, StorySlide):
            yield from (slide.title or "", slide.url or "", slide.storyteller or "")


def deck_texts(path: Path) -> Iterator[tuple[int, str]]:
    """(slide number, text) for every slide's text and its speaker notes."""
    for n, slide in enumerate(Presentation(str(path)).slides, 1):
        yield n, slide_text(slide)
        yield n, slide_notes(slide)


@pytest.mark.parametrize("pack", ALL_PACKS)
def test_no_run_of_eight_words_is_lifted_from_the_sources(pack: str, packs: dict[str, Path]) -> None:
    lifted = source_runs()
    allowed = {run for text in allowed_strings(load_guide(pack)) for run in runs(text)}
    found = sorted(
        {(n, " ".join(run)) for n, text in deck_texts(packs[pack]) for run in runs(text) if run in lifted - allowed}
    )
    assert not found, "words lifted from the sources (rewrite them in our own words):\n" + "\n".join(
        f"  slide {n}: {run}" for n, run in found
    )


def test_the_lifted_run_check_finds_a_lifted_run() -> None:
    """The check itself: a sentence of the guide is caught, a quotation is allowed, our words pass."""
    lifted = source_runs()
    guide_sentence = (
        "Compassionate leaders also model and encourage compassion in their teams and the wider organisation."
    )
    assert set(runs(guide_sentence)) & lifted
    allowed = {run for text in allowed_strings(load_guide("compassionate-leadership")) for run in runs(text)}
    quotation = "People feel engaged because they’ve been listened to, not just told what to do."
    assert set(runs(quotation)) & lifted and set(runs(quotation)) <= allowed
    assert not set(runs("Leaders who show compassion encourage their teams to do the same.")) & lifted


# -- fixed counts of stories -------------------------------------------------

NUMBER = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|both|\d+)"
PLACE = r"(?:first|second|third|fourth|fifth|last|final|next|previous|earlier|later|other|two|both)"
FIXED_COUNT = re.compile(
    rf"\b{NUMBER}\s+(?:of\s+(?:the|these)\s+)?(?:\w+\s+)?stor(?:y|ies)\b"  # five stories, two of the stories
    rf"|\bthe\s+{PLACE}\s+(?:\w+\s+)?stor(?:y|ies)\b",  # the first story, the other two stories
    re.IGNORECASE,
)
COUNTED_FILES = [*sorted((ROOT / "content" / "packs").glob("*.yaml")), ROOT / "content" / "series.yaml"]
COUNTED_FILES.append(ROOT / "content" / "wording.yaml")


@pytest.mark.parametrize("path", COUNTED_FILES, ids=lambda p: p.name)
def test_no_text_fixes_the_number_or_order_of_stories(path: Path) -> None:
    text = path.read_text(encoding="utf-8")  # matched across line breaks: YAML folds long text
    found = [
        f"{path.name}:{text.count(chr(10), 0, match.start()) + 1}: {' '.join(match.group(0).split())!r}"
        for match in FIXED_COUNT.finditer(text)
    ]
    assert not found, "say {story_count}, {these_stories} or {the_stories} instead:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("then watch and talk about five stories.", True),
        ("Set the two stories side by side", True),
        ("compare it with the first story", True),
        ("how her support compares with that in the earlier story", True),
        ("Staff had phenomenal stories about their improvement", False),
        ("watch and talk about {story_count}.", False),
        ("the story of self, the story of us and the story of now", False),
    ],
)
def test_the_count_check(text: str, fixed: bool) -> None:
    assert bool(FIXED_COUNT.search(text)) is fixed
