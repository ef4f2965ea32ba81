"""A starter custom-deck file for a pack: every story and question listed,
ready for a facilitator to cut down. Text only; nothing here draws slides."""

from __future__ import annotations

import json

from .catalogue import stories
from .errors import escape
from .load import load_guide
from .model import StorySlide
from .plan import plan_deck
from .schema import SCHEMA_LINE


def starter(pack: str, extends: str | None = None) -> str:
    """The YAML of a custom deck extending ``pack``, with its choices spelled out.

    ``extends`` is how the file names ``pack`` (a guide file's path from the
    starter's folder); by default the pack's id. Whatever the guide holds, the
    file loads: its words appear only in comments, each kept on one line.
    """
    guide = load_guide(pack)
    catalogue = stories()
    in_pack = [s.key for s in guide.story_slides()]
    others = [sid for sid in catalogue if sid not in in_pack]
    plan = plan_deck(guide)
    titles = {s.key: s.title for s in guide.story_slides()}
    lines = [
        SCHEMA_LINE,
        f"# My session, built on the '{_comment(guide.title)}' pack.",
        "# Change what you like, delete what you do not need, then run:",
        "#   dnadeck build THIS-FILE.yaml",
        f"extends: {json.dumps(extends or guide.id, ensure_ascii=False)}",
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
    lines += [f"  - {s.key:<28} # {_comment(_story_line(s))}" for s in guide.story_slides()]
    if others:
        lines += ["  # Other stories in the catalogue you could add:"]
        lines += [f"  # - {sid:<26} # {_comment(catalogue[sid].title)}" for sid in others]
    lines += ["", "# The questions to ask, by number (delete the ones you will not use).", "questions:"]
    for q in plan.questions():
        about = f"  [goes if you leave out {titles.get(q.story, q.story)}]" if q.story else ""
        lines.append(f"  - {q.source_number:<3} # {_comment(q.text + about)}")
    return "\n".join(lines) + "\n"


def _comment(text: str) -> str:
    """Text for a YAML comment: one line, whatever breaks it held (YAML also breaks lines at
    U+0085, U+2028 and U+2029), and no control characters."""
    return " ".join(escape(" ".join(text.split())).split())


def _story_line(s: StorySlide) -> str:
    return f"{s.title}, told by {s.storyteller}" if s.storyteller else f"{s.title}"
