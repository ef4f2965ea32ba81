"""dnadeck: PowerPoint facilitator packs for the DNA of Care staff stories.

The one public facade. Heavy parts (python-pptx, Pillow) load only when a
function that needs them is first used, so the command line starts fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.2.0"

_EXPORTS = {
    "Guide": "model",
    "Series": "model",
    "Slide": "model",
    "Story": "model",
    "GuideError": "errors",
    "Problem": "errors",
    "load_guide": "load",
    "plan_deck": "plan",
    "DeckPlan": "deckplan",
    "build_deck": "deck",
    "deck_bytes": "deck",
    "save_deck": "deck",
    "layout_deck": "deck",
    "build_all": "build",
    "handout_bytes": "handout",
    "save_handout": "handout",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dnadeck' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
