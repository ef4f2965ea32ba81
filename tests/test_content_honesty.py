"""Content honesty: our own words, not the sources', and no fixed story counts.

Two checks on the bundled packs:

- No built pack repeats an 8-word run from the source texts (the guide in
  shared/seeds and the prose of content-facts.md) unless every word of the
  run lies inside something a deck may repeat word for word: a quotation
  with its attribution, a name, a title, a link or e-mail address, or the
  licence and attribution lines. So a quotation passes, and so does a
  quotation followed by its speaker's name and job title, but a sentence of
  the guide with a name in it does not.
- No pack, series or wording text fixes how many stories a deck shows, or
  refers to a story by its place ("five stories", "the first story"), since
  a custom deck may keep any of them in any order.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ALL_PACKS, ROOT, SHARED, slide_notes, slide_text
from pptx import Presentation

from dnadeck import load_guide, plan_deck
from dnadeck.catalogue import series, stories
from dnadeck.model import Guide, QuoteSlide, StorySlide

RUN = 8
STORED = Path(__file__).parent / "data" / "source-runs.txt"  # fingerprints of the sources' 8-word runs
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})


def words(text: str) -> list[str]:
    """Case-folded words: typographic quotes made plain, apostrophes joined, other punctuation a break."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES).casefold()
    text = re.sub(r"(?<=\w)'(?=\w)", "", text)  # they've -> theyve, on either side
    return re.findall(r"\w+", text)


def runs(found: list[str], n: int = RUN) -> Iterator[tuple[str, ...]]:
    for i in range(len(found) - n + 1):
        yield tuple(found[i : i + n])


def fingerprint(run: tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def shared_source_runs() -> set[str] | None:
    """Fingerprints of every 8-word run in the source texts of ``../shared``, if it is here."""
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    facts = SHARED / "content-facts.md"
    if not seeds or not facts.is_file():
        return None
    return {fingerprint(run) for path in [*seeds, facts] for run in runs(words(path.read_text(encoding="utf-8")))}


def source_runs() -> set[str]:
    """Fingerprints of every 8-word run in the source texts: from ``../shared``
    where present, else the stored ones (so a fresh clone checks too, without
    carrying the sources' prose)."""
    return shared_source_runs() or set(STORED.read_text(encoding="ascii").split())


def test_the_stored_fingerprints_are_those_of_the_sources() -> None:
    stored = set(STORED.read_text(encoding="ascii").split())
    assert len(stored) > 1000
    current = shared_source_runs()
    if current is not None and current != stored:
        STORED.write_text("\n".join(sorted(current)) + "\n", encoding="ascii")
        pytest.fail(f"{STORED.name} was out of step with the source texts: rewritten, commit it")


def allowed_strings(guide: Guide) -> Iterator[str]:
    """What a deck may repeat word for word: quotations, names, titles, addresses, the licence line."""
    facts, said = series(), guide.wording.series
    labels = guide.wording.labels
    yield from (facts.name, facts.url, facts.copyright, said.attribution, facts.licence.short)
    yield labels.credits_licence + said.licence_name  # "Licence: Creative Commons ..."
    yield labels.credits_stories + labels.credits_stories_text.format(  # the credits' attribution line
        series=facts.name, made_by=said.made_by, sponsor=facts.sponsor, copyright=facts.copyright
    )
    for contact in facts.contacts:
        yield from (contact.name, contact.email)
    for story in stories().values():
        yield from (story.title, story.url, story.storyteller or "")
    yield from (guide.title, guide.subtitle or "")
    for slide in guide.slides:
        if isinstance(slide, QuoteSlide):
            yield from (slide.text, slide.by, slide.role or "", slide.cite or "", slide.source or "", slide.year or "")
            yield slide.title or ""
        elif isinstance(slide, StorySlide):
            yield from (slide.title or "", slide.url or "", slide.storyteller or "")


def lifted(text: str, sources: set[str], allowed: list[list[str]]) -> Iterator[str]:
    """The source runs in ``text`` that are not wholly inside allowed strings."""
    found = words(text)
    covered = [False] * len(found)
    for seq in allowed:
        for i in range(len(found) - len(seq) + 1):
            if found[i : i + len(seq)] == seq:
                covered[i : i + len(seq)] = [True] * len(seq)
    for i, run in enumerate(runs(found)):
        if fingerprint(run) in sources and not all(covered[i : i + RUN]):
            yield " ".join(run)


def allowed_words(guide: Guide) -> list[list[str]]:
    return [w for w in (words(text) for text in allowed_strings(guide)) if w]


def deck_texts(path: Path) -> Iterator[tuple[int, str]]:
    """(slide number, text) for every slide's text and its speaker notes."""
    for n, slide in enumerate(Presentation(str(path)).slides, 1):
        yield n, slide_text(slide)
        yield n, slide_notes(slide)


@pytest.mark.parametrize("pack", ALL_PACKS)
def test_no_run_of_eight_words_is_lifted_from_the_sources(pack: str, packs: dict[str, Path]) -> None:
    sources, allowed = source_runs(), allowed_words(load_guide(pack))
    found = sorted({(n, run) for n, text in deck_texts(packs[pack]) for run in lifted(text, sources, allowed)})
    assert not found, "words lifted from the sources (rewrite them in our own words):\n" + "\n".join(
        f"  slide {n}: {run}" for n, run in found
    )


def test_the_lifted_run_check() -> None:
    """A sentence of the guide is caught, with or without a name in it; quotations and our own words pass."""
    sources, allowed = source_runs(), allowed_words(load_guide("compassionate-leadership"))

    def check(text: str) -> list[str]:
        return list(lifted(text, sources, allowed))

    assert check("Compassionate leaders also model and encourage compassion in their teams and the wider organisation.")
    assert check("Jackie Daniel joined Morecambe Bay Trust as Chief Executive when it was in special measures.")
    assert check("Michelle, a former holiday-camp entertainer, finds her work in a mortuary.")
    quotation = "People feel engaged because they’ve been listened to, not just told what to do."
    assert not check(f"{quotation}\n— Andrew Higham, Clinical Director for Medicine, Morecambe Bay Trust")
    assert not check("Leaders who show compassion encourage their teams to do the same.")


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
    # The wording's counting words ("two stories") are what {story_count} is made of.
    text = re.sub(r"(?ms)^words:\n.*?(?=^\S)", lambda m: "\n" * m.group(0).count("\n"), text)
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


# -- a deck cut to one story -------------------------------------------------


def plan_strings(value: object) -> Iterator[str]:
    """Every string in a deck plan's JSON: slide text, questions, notes, alt text."""
    if isinstance(value, dict):
        for v in value.values():
            yield from plan_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from plan_strings(v)
    elif isinstance(value, str):
        yield value


CUTS = [(pack, s.key) for pack in ALL_PACKS for s in load_guide(pack).story_slides()]


@pytest.mark.parametrize(("pack", "story"), CUTS, ids=[f"{p}-{s}" for p, s in CUTS])
def test_a_deck_cut_to_one_story_is_about_that_story_alone(pack: str, story: str) -> None:
    plan = plan_deck(load_guide(pack, stories=[story]))
    text = "\n".join(plan_strings(plan.to_json()["slides"]))
    for other in stories().values():
        if other.id != story:
            assert not re.search(rf"[‘“\"]{re.escape(other.title)}[’”\"]", text), other.title
            assert other.url not in text, other.title
    assert "{" not in text, "a placeholder was left unfilled"
    wrong = [c for c in FIXED_COUNT.findall(text) if c.lower() != "one story"] + re.findall(r"\bthese stories\b", text)
    assert not wrong, "a wrong count of stories"
    assert len(plan.questions()) >= 3, "a deck cut to one story still needs questions"
