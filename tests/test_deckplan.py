"""The deck plan: plain data with every slide's final words, the same as JSON."""

from __future__ import annotations

import json

from dnadeck import load_guide, plan_deck
from dnadeck.deckplan import StoryPlan


def test_a_packs_plan_has_its_stories_questions_and_minutes() -> None:
    plan = plan_deck(load_guide("compassion"))
    stories = [s for s in plan.slides if isinstance(s, StoryPlan)]
    assert [s.story for s in stories if s.story] == plan.stories() and plan.stories()
    assert all(info.url.startswith("https://") for info in plan.stories())
    assert plan.questions() and plan.minutes() == sum(s.minutes for s in plan.slides)
    assert [s.position for s in plan.slides] == list(range(1, len(plan.slides) + 1))


def test_the_plan_as_json_has_every_slide_with_its_kind() -> None:
    plan = plan_deck(load_guide("compassion"))
    data = json.loads(json.dumps(plan.to_json()))
    assert data["title"] == plan.title and data["language"] == "en-GB"
    assert [s["kind"] for s in data["slides"]] == [s.kind for s in plan.slides]
    assert [s["title"] for s in data["slides"]] == [s.title for s in plan.slides]
