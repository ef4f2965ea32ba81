"""A starter custom-deck file for a pack: every story and question listed,
ready for a facilitator to cut down. Text only; nothing here draws slides."""

from __future__ import annotations

import json

from .catalogue import stories
from .load import load_guide
from .model import StorySlide
from .plan import plan_deck
from .schema import SCHEMA_LINE


def starter(pack: str) -> str:
    """The YAML of a custom deck extending ``pack``, with its choices spelled out."""
    guide = load_guide(pack)
    catalogue = stories()
    in_pack = [s.story for s in guide.story_slides() if s.story]
    others = [sid for sid in catalogue if sid not in in_pack]
    plan = plan_deck(guide)
    titles = {s.key: s.title for s in guide.story_slides()}
    lines = [
        SCHEMA_LINE,
        f"# My session, built on the '{guide.title}' pack.",
        "# Change what you like, delete what you do not need, then run:",
        "#   dnadeck build THIS-FILE.yaml",
        f"extends: {guide.id}",
        f"title: {json.dumps(guide.title, ensure_ascii=False)}",
        "# subtitle: A session for our team",
        "# presenter: Your name, your role",
        "# organisation: Your organisation",
        "# date: 2026-12-03                  # YYYY-MM-DD",
        "# logo: our-logo.png                # next to this file",
        "# template: our-template.pptx       # your organisation's PowerPoint template",
        "",
        "# The stories to show, in this order (delete a line to leave a story out).",
        "stories:",
    ]
    lines += [f"  - {s.story:<28} # {_story_line(s)}" for s in guide.story_slides() if s.story]
    if others:
        lines += ["  # Other stories in the catalogue you could add:"]
        lines += [f"  # - {sid:<26} # {catalogue[sid].title}" for sid in others]
    lines += ["", "# The questions to ask, by number (delete the ones you will not use).", "questions:"]
    for q in plan.questions():
        about = f"  [goes if you leave out {titles.get(q.story, q.story)}]" if q.story else ""
        lines.append(f"  - {q.source_number:<3} # {q.text}{about}")
    return "\n".join(lines) + "\n"


def _story_line(s: StorySlide) -> str:
    return f"{s.title}, told by {s.storyteller}" if s.storyteller else f"{s.title}"
