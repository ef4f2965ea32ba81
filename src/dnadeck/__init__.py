"""dnadeck: PowerPoint facilitator packs for the DNA of Care staff stories."""

from .errors import GuideError, Problem
from .load import load_guide
from .model import Guide, Series, Slide, Story
from .render import build_deck
from .save import deck_bytes, save_deck

__version__ = "0.1.0"
__all__ = [
    "Guide",
    "GuideError",
    "Problem",
    "Series",
    "Slide",
    "Story",
    "build_deck",
    "deck_bytes",
    "load_guide",
    "save_deck",
]
