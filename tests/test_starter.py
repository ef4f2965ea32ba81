"""`dnadeck new` writes a starter that loads, whatever the guide it starts from holds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dnadeck import load_guide
from dnadeck.cli import main
from dnadeck.plan import plan_deck
from dnadeck.starter import starter

AWKWARD = """\
title: "Our guide: 'quotes' # and a hash"
slides:
  - kind: title
  - kind: story
    story: stay
  - kind: story
    title: "My own story \\u202e"
    url: https://example.org/film
    synopsis: A story.
    licence: Shared with permission.
  - kind: questions
    questions:
      - "First line\\nstories: [touch]\\n# more\\u2028questions: [9]"
      - "What did {story} say?"
  - kind: credits
"""


@pytest.fixture
def here(tmp_path: Path) -> Path:
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "ours.yaml").write_text(AWKWARD, encoding="utf-8")
    old = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def test_a_starter_from_an_awkward_guide_file_loads_and_makes_the_same_deck(here: Path, runner: CliRunner) -> None:
    done = runner.invoke(main, ["new", "guides/ours.yaml"])
    assert done.exit_code == 0, done.output
    text = (here / "my-ours.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["extends"] == "guides/ours.yaml"  # the file, not the guide's id
    assert data["stories"] == ["stay", "own-my-own-story"]  # its own story too
    assert data["questions"] == [1, 2]  # nothing a question said became a key
    assert all(not line.startswith(("questions: [9]", "stories: [touch]")) for line in text.splitlines())
    starter = plan_deck(load_guide("my-ours.yaml"))
    original = plan_deck(load_guide("guides/ours.yaml"))
    assert [s.title for s in starter.slides] == [s.title for s in original.slides]
    assert [q.text for q in starter.questions()] == [q.text for q in original.questions()]
    assert runner.invoke(main, ["validate", "my-ours.yaml"]).exit_code == 0


def test_a_starter_from_a_pack_extends_its_id(here: Path, runner: CliRunner) -> None:
    assert runner.invoke(main, ["new", "resilience", "-o", "r.yaml"]).exit_code == 0
    assert yaml.safe_load((here / "r.yaml").read_text(encoding="utf-8"))["extends"] == "resilience"


def test_a_starter_where_it_could_not_extend_its_guide_is_refused_with_the_fix(here: Path, runner: CliRunner) -> None:
    done = runner.invoke(main, ["new", "guides/ours.yaml", "-o", "elsewhere/"])
    assert done.exit_code == 1
    assert "-o guides/my-ours.yaml" in done.stderr
    assert not (here / "elsewhere").exists()


def test_a_starter_lists_every_story_and_question_of_its_pack_and_loads(tmp_path: Path) -> None:
    text = starter("resilience")
    data = yaml.safe_load(text)
    guide = load_guide("resilience")
    assert data["extends"] == "resilience"
    assert data["stories"] == [s.key for s in guide.story_slides()]
    assert data["questions"] == list(range(1, len(guide.questions()) + 1))
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    assert plan_deck(load_guide(path)).to_json()["slides"] == plan_deck(guide).to_json()["slides"]
