"""`validate` does everything `build` does short of writing, and every count of slides agrees."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from dnadeck import GuideError
from dnadeck.build import check, write_deck
from dnadeck.catalogue import pack_ids
from dnadeck.cli import main


def outcome(call: Any) -> str:
    """'ok' or the first line of the problem."""
    try:
        call()
    except GuideError as exc:
        return str(exc.problems[0])
    return "ok"


class _Plain(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # every value written out, never as an alias
        return True


def write(folder: Path, guide: dict[str, Any]) -> Path:
    path = folder / "guide.yaml"
    path.write_text(yaml.dump(guide, Dumper=_Plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


lengths = st.sampled_from([1, 20, 200, 490, 900, 1980])
words = st.builds(lambda w, n: (w + " ") * n, st.sampled_from(["care", "compassion", "x" * 40]), st.integers(1, 600))


@st.composite
def story_slides(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        return {"kind": "story", "story": draw(st.sampled_from(["stay", "touch", "what-do-you-see"]))}
    return {
        "kind": "story",
        "title": draw(st.sampled_from(["S", "A story with a long title " * 8])),
        "url": "https://example.org/" + "a" * draw(lengths),
        "storyteller": draw(st.sampled_from(["a nurse", "a ward sister " * 30])),
        "synopsis": draw(words),
        "licence": draw(words),
    }


slides = st.one_of(
    story_slides(),
    st.builds(lambda t, b: {"kind": "text", "title": t, "body": b}, st.sampled_from(["Words", "W " * 140]), words),
    st.builds(lambda t: {"kind": "quote", "text": t, "by": "Someone"}, words),
    st.builds(lambda q: {"kind": "questions", "questions": [q]}, words),
    st.just({"kind": "section", "title": "Part"}),
    st.just({"kind": "warning"}),
)
guides = st.builds(
    lambda body: {"title": "Fuzzed", "slides": [{"kind": "title"}, *body, {"kind": "credits"}]},
    st.lists(slides, min_size=1, max_size=5),
)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(guide=guides)
def test_validate_and_build_agree_on_generated_guides(guide: dict[str, Any], tmp_path: Path) -> None:
    folder = tmp_path / f"g{abs(hash(yaml.safe_dump(guide))) % 10**9}"
    folder.mkdir()
    path = write(folder, guide)
    report: list[Any] = []
    checked = outcome(lambda: report.append(check(path)))
    built = outcome(lambda: write_deck(path, out_dir=folder / "out"))
    assert checked == built
    if built == "ok":
        deck = Presentation(str(folder / "out" / "guide.pptx"))
        assert report[0].slides == len(deck.slides)
    else:
        assert not (folder / "out").exists()


def own_story(url: str = "https://example.org/film", licence: str = "Shared with permission.") -> dict[str, Any]:
    return {"kind": "story", "title": "S", "url": url, "synopsis": "A story.", "licence": licence}


@pytest.mark.parametrize(
    ("story", "field", "size"),
    [
        (own_story(url="https://example.org/" + "a" * 470), "url", 490),
        (own_story(licence="Licence " + "word " * 400), "licence", 2007),
    ],
)
def test_a_story_line_too_long_to_fit_is_refused_by_validate_at_its_line(
    tmp_path: Path, runner: CliRunner, story: dict[str, Any], field: str, size: int
) -> None:
    path = write(tmp_path, {"title": "T", "slides": [{"kind": "title"}, story]})
    done = runner.invoke(main, ["validate", str(path)])
    assert done.exit_code == 1
    line = done.stderr.strip()
    assert line.startswith(f"{path}:4: slides[2].{field}: the story 'S' cannot fit on a slide"), line
    assert f"its {field} ({size:,} characters)" in line and f"shorten the {field}" in line
    assert "template" not in line  # the guide uses none
    built = runner.invoke(main, ["build", str(path), "-o", str(tmp_path / "out.pptx")])
    assert built.exit_code == 1 and built.stderr.strip() == line
    assert not (tmp_path / "out.pptx").exists()


def counts(output: str) -> dict[str, int]:
    return {m[0]: int(m[1]) for m in re.findall(r"^  (\S+)\s+.*?\s(\d+)$", output, re.M)}


def test_every_count_of_slides_agrees_with_the_deck_built(runner: CliRunner, tmp_path: Path) -> None:
    listed = runner.invoke(main, ["list"])
    assert listed.exit_code == 0
    assert re.search(r"^  id\s+title\s+slides$", listed.output, re.M), "the packs table has headings"
    assert re.search(r"^  id\s+title\s+number$", listed.output, re.M), "the stories table has headings"
    per_pack = counts(listed.output.split("Stories")[0])
    all_built = runner.invoke(main, ["build-all", "-o", str(tmp_path / "decks")])
    assert all_built.exit_code == 0
    for pack in pack_ids():
        deck = len(Presentation(str(tmp_path / "decks" / f"{pack}.pptx")).slides)
        assert per_pack[pack] == deck, pack
        assert re.search(rf"^{pack}\s+{deck}\s", all_built.output, re.M), pack
        validated = runner.invoke(main, ["validate", pack])
        assert f"ok: {pack} ({deck} slides," in validated.output
        shown = runner.invoke(main, ["show", pack])
        assert f"({deck} slides (continuation slides included)" in shown.output
        assert re.search(rf"^\s*(?:{deck}|\d+–{deck})\. credits", shown.output, re.M), "numbered as in the deck"
        built = runner.invoke(main, ["build", pack, "-o", str(tmp_path / f"{pack}.pptx")])
        assert f"({deck} slides," in built.output
