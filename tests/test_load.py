"""Loading guides: the format, custom decks, and one-line errors for bad input."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dnadeck import GuideError, load_guide
from dnadeck.errors import OutputError
from dnadeck.model import QuestionsSlide, StorySlide, WarningSlide
from dnadeck.plan import plan_deck

LINE = re.compile(r"^[^:\n]+:\d+: [^\n]+$")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(source: str | Path, **overrides: object) -> str:
    with pytest.raises(GuideError) as caught:
        load_guide(source, **overrides)
    return str(caught.value)


def test_examples_load(examples: list[Path]) -> None:
    assert examples, "no example guides"
    for path in examples:
        guide = load_guide(path)
        assert guide.slides


def test_own_guide_inline_story_and_story_question(examples: list[Path]) -> None:
    guide = load_guide(next(p for p in examples if p.name == "own-guide.yaml"))
    own = next(s for s in guide.story_slides() if s.story is None)
    assert own.title == "The night shift" and own.licence and own.url == "https://example.org/stories/night-shift"
    first = plan_deck(guide).questions()[0]
    assert first.text == "What did you notice about how the team was led in ‘The night shift’?"
    assert first.story == own.key


def test_custom_deck_keeps_chosen_stories_and_questions(examples: list[Path]) -> None:
    full = load_guide("compassionate-leadership")
    guide = load_guide(next(p for p in examples if p.name == "ward7-away-day.yaml"))
    assert guide.title == "Compassionate leadership: Ward 7 away day"
    assert guide.presenter == "Sam Patel, Practice Educator"
    assert guide.date == dt.date(2026, 12, 3)
    assert guide.logo is not None and guide.logo.name == "example-trust-logo.png"
    assert [s.story for s in guide.story_slides()] == ["stay", "just-five-minutes-more"]
    picked = [full.questions()[n - 1] for n in (1, 4, 8)]
    assert guide.questions() == picked
    assert any(isinstance(s, WarningSlide) for s in guide.slides)


def test_story_order_follows_the_custom_deck() -> None:
    guide = load_guide("compassionate-leadership", stories=["floristry-perhaps", "touch", "what-do-you-see"])
    assert [s.story for s in guide.story_slides()] == ["floristry-perhaps", "touch", "what-do-you-see"]
    kinds = [s.kind for s in guide.slides]
    assert kinds.index("warning") < kinds.index("story")


def test_questions_fill_story_from_slide_or_nearest_story(tmp_path: Path) -> None:
    write(
        tmp_path,
        "g.yaml",
        """title: T
slides:
  - kind: story
    story: stay
  - kind: questions
    questions: ["After {story}?"]
  - kind: story
    story: touch
  - kind: questions
    story: stay
    questions: ["And {story}?"]
""",
    )
    guide = load_guide(tmp_path / "g.yaml")
    plan = plan_deck(guide)
    assert [(q.text, q.story) for q in plan.questions()] == [("After ‘Stay’?", "stay"), ("And ‘Stay’?", "stay")]
    assert guide.id == "g"


def test_extends_a_path_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    write(tmp_path / "base", "team.yaml", "title: Team\nslides:\n  - kind: title\n  - kind: story\n    story: stay\n")
    write(tmp_path, "mine.yaml", "extends: base/team.yaml\ntitle: Mine\norganisation: Ward 9\n")
    guide = load_guide(tmp_path / "mine.yaml")
    assert (guide.title, guide.organisation, guide.id) == ("Mine", "Ward 9", "mine")
    assert isinstance(guide.slides[1], StorySlide)


def test_overrides_act_like_a_custom_deck() -> None:
    guide = load_guide("resilience", title="Team resilience", questions=[2, 1], date="2026-12-03")
    assert guide.title == "Team resilience" and guide.date == dt.date(2026, 12, 3)
    full = load_guide("resilience").questions()
    assert guide.questions() == [full[0], full[1]]
    slides = [s for s in guide.slides if isinstance(s, QuestionsSlide)]
    assert slides


BAD = [
    ("dup.yaml", "title: A\ntitle: B\nslides: []\n", 2, "title", "given twice"),
    (
        "unknown-key.yaml",
        "title: A\nslides:\n  - kind: quote\n    text: x\n    by: y\n    bye: z\n",
        6,
        "slides[1].bye",
        "did you mean 'by'",
    ),
    ("unknown-kind.yaml", "title: A\nslides:\n  - kind: quot\n    text: x\n", 3, "slides[1]", "did you mean 'quote'"),
    ("no-kind.yaml", "title: A\nslides:\n  - text: x\n", 3, "slides[1]", "needs kind"),
    (
        "bad-story.yaml",
        "title: A\nslides:\n  - kind: title\n  - kind: story\n    story: stya\n",
        5,
        "slides[2].story",
        "did you mean 'stay'",
    ),
    ("bad-date.yaml", "title: A\ndate: 3rd December\nslides: []\n", 2, "date", "YYYY-MM-DD"),
    ("impossible-date.yaml", "title: A\ndate: 2026-13-03\nslides: []\n", 2, "date", "YYYY-MM-DD"),
    (
        "bad-link.yaml",
        "title: A\nslides:\n  - kind: quote\n    text: x\n    by: y\n    source: file:///etc/passwd\n",
        6,
        "slides[1].source",
        "https://",
    ),
    (
        "js-link.yaml",
        "title: A\nslides:\n  - kind: story\n    title: S\n    url: javascript:alert(1)\n    synopsis: s\n    licence: l\n",
        5,
        "slides[1].url",
        "https://",
    ),
    ("missing.yaml", "title: A\nslides:\n  - kind: quote\n    by: y\n", 3, "slides[1].text", "missing"),
    ("inline-incomplete.yaml", "title: A\nslides:\n  - kind: story\n    title: S\n", 3, "slides[1]", "licence:"),
    (
        "no-story-for-q.yaml",
        "title: A\nslides:\n  - kind: questions\n    questions:\n      - What about {story}?\n",
        4,
        "slides[1].questions",
        "{story}",
    ),
    ("q-range.yaml", "extends: compassion\nquestions: [1, 99]\n", 2, "questions[2]", "no question 99"),
    ("bad-extends.yaml", "extends: compasion\n", 1, "extends", "did you mean 'compassion'"),
    ("extends-missing-file.yaml", "extends: nothere.yaml\n", 1, "extends", "no such guide file"),
    ("custom-story.yaml", "extends: compassion\nstories: [stay, nope]\n", 2, "stories[2]", "no story 'nope'"),
    ("language.yaml", "extends: compassion\nlanguage: Cymraeg\n", 2, "language", "'Cymraeg' is not a language tag"),
    ("no-stories.yaml", "extends: compassion\nstories: []\n", 2, "stories", "leave stories: out to keep them all"),
    (
        "minutes-0.yaml",
        "title: A\nslides:\n  - kind: title\n    minutes: 0\n",
        4,
        "slides[1].minutes",
        "'0' is too small: give a number above 0",
    ),
    (
        "minutes-700.yaml",
        "title: A\nslides:\n  - kind: title\n    minutes: 700\n",
        4,
        "slides[1].minutes",
        "'700' is too large: give 600 or less",
    ),
    ("outside.yaml", "title: A\nlogo: ../../etc/logo.png\nslides: []\n", 2, "logo", "outside the guide's folder"),
    ("no-logo.yaml", "title: A\nlogo: nothere.png\nslides: []\n", 2, "logo", "no such file"),
    ("template-kind.yaml", "title: A\ntemplate: t.docx\nslides: []\n", 2, "template", ".pptx"),
    (
        "both.yaml",
        "title: A\nslides:\n  - kind: text\n    title: T\n    points: [a]\n    body: b\n",
        3,
        "slides[1]",
        "not both",
    ),
    ("syntax.yaml", "title: A\nslides:\n  - kind: title\n   bad: indent\n", 4, "", "YAML syntax"),
    ("list.yaml", "- just a list\n", 1, "", "key: value"),
]


@pytest.mark.parametrize(("name", "text", "line", "field", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_gives_one_line_naming_file_line_field(
    tmp_path: Path, name: str, text: str, line: int, field: str, words: str
) -> None:
    path = write(tmp_path, name, text)
    message = error_of(path)
    first = message.splitlines()[0]
    assert LINE.match(first), first
    assert first.startswith(f"{path}:{line}: "), first
    if field:
        assert f": {field}: " in first, first
    assert words in first, first


def test_extends_cycle_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "extends: b.yaml\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\n")
    message = error_of(tmp_path / "a.yaml")
    assert "loop" in message and "a.yaml -> b.yaml -> a.yaml" in message
    assert LINE.match(message.splitlines()[0])


def test_missing_pack_or_file() -> None:
    message = error_of("compasion")
    assert "no pack or file 'compasion'" in message and "did you mean 'compassion'" in message


def test_command_line_overrides_are_checked() -> None:
    message = error_of("compassion", stories=["stya"])
    assert message.startswith("command line: stories[1]: no story 'stya'")


def test_a_slide_written_as_a_word_gets_an_example(tmp_path: Path) -> None:
    path = write(tmp_path, "g.yaml", "title: A\nslides:\n  - warning\n")
    assert (
        error_of(path)
        == f"{path}:3: slides[1]: each slide is a set of fields that starts with kind:, e.g. '- kind: warning'"
    )


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufefftitle: Café\nslides:\n  - kind: title\n".encode())
    assert load_guide(path).title == "Café"


def test_keeping_every_question_keeps_every_question_slide() -> None:
    full = load_guide("compassion")
    every = load_guide("compassion", questions=list(range(1, len(full.questions()) + 1)))
    assert [s.kind for s in every.slides] == [s.kind for s in full.slides]


def test_cut_down_neighbouring_question_slides_share_one() -> None:
    full = load_guide("compassionate-leadership")
    cut = load_guide("compassionate-leadership", questions=[4, 8])
    slides = [s for s in cut.slides if isinstance(s, QuestionsSlide)]
    assert len(slides) == 1 and slides[0].questions == [full.questions()[n - 1] for n in (4, 8)]
    # A story's own question keeps to its own slide, after its story.
    cut = load_guide("compassionate-leadership", questions=[1, 4, 8])
    slides = [s for s in cut.slides if isinstance(s, QuestionsSlide)]
    assert [len(s.questions) for s in slides] == [1, 2]


def test_the_starter_file_builds_and_lists_every_choice(tmp_path: Path) -> None:
    from dnadeck.build import write_starter

    path, _ = write_starter("resilience", tmp_path / "mine.yaml")
    text = path.read_text(encoding="utf-8")
    guide = load_guide(path)
    full = load_guide("resilience")
    assert [s.kind for s in guide.slides] == [s.kind for s in full.slides]
    assert all(q.text in text for q in plan_deck(full).questions())
    assert "# - stay" in text  # a catalogue story the pack does not use, offered
    with pytest.raises(OutputError, match="already there"):
        write_starter("resilience", path)


def test_the_loader_writes_story_ties_that_ties_reads() -> None:
    """{story} and a questions slide's story: become marks the tie parser finds, for every catalogue id."""
    from dnadeck import ties
    from dnadeck.catalogue import stories

    for story_id in stories():
        assert ties.STORY_MARK.fullmatch(ties.story_mark(story_id)).group(1) == story_id  # type: ignore[union-attr]
        assert ties.TIE_MARK.fullmatch(ties.tie_mark(story_id)).group(1) == story_id  # type: ignore[union-attr]
    guide = load_guide("compassion")
    tied = [ties.tied_stories(q, {}) for q in guide.questions()]
    assert tied[:2] == [{"touch"}, {"touch"}]
