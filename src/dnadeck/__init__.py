"""dnadeck: PowerPoint facilitator packs for the DNA of Care staff stories.

The one public facade, used by the command line and the web app too. Heavy
parts (pydantic, python-pptx, Pillow) load only when a name that needs them
is first used, so the command line starts fast; the imports under
TYPE_CHECKING give type checkers the real signatures (tests/test_layers.py
checks that they and ``_EXPORTS`` agree).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:
    from .build import EXAMPLE as EXAMPLE
    from .build import Built as Built
    from .build import Checked as Checked
    from .build import Handout as Handout
    from .build import build_all as build_all
    from .build import check as check
    from .build import pack_sources as pack_sources
    from .build import show as show
    from .build import slide_count as slide_count
    from .build import wording_text as wording_text
    from .build import write_deck as write_deck
    from .build import write_example as write_example
    from .build import write_handout as write_handout
    from .build import write_preview as write_preview
    from .build import write_starter as write_starter
    from .build import write_text as write_text
    from .build import write_wording as write_wording
    from .catalogue import pack_ids as pack_ids
    from .catalogue import stories as stories
    from .deck import deck_bytes as deck_bytes
    from .deck import deck_presentation as deck_presentation
    from .deck import layout_deck as layout_deck
    from .deck import save_deck as save_deck
    from .errors import GuideError as GuideError
    from .errors import OfficeError as OfficeError
    from .errors import OutputError as OutputError
    from .errors import Problem as Problem
    from .handout import handout_bytes as handout_bytes
    from .layout.look import SAMPLE_PACK as SAMPLE_PACK
    from .layout.look import inspect_template as inspect_template
    from .load import load_guide as load_guide
    from .model import Guide as Guide
    from .model import Series as Series
    from .model import Slide as Slide
    from .model import Story as Story
    from .plan import DeckPlan as DeckPlan
    from .plan import plan_deck as plan_deck
    from .schema import schema_text as schema_text
    from .write import WRITERS as WRITERS
    from .write.docx import save_handout as save_handout
    from .write.office import named_converters as named_converters
    from .write.office import pdf_pages_to_png as pdf_pages_to_png
    from .write.office import soffice as soffice
    from .write.pdf import pdf_bytes as pdf_bytes

# Each public name: "module" when it has the same name there, else "module:name".
_EXPORTS = {
    "Guide": "model",
    "Series": "model",
    "Slide": "model",
    "Story": "model",
    "GuideError": "errors",
    "OfficeError": "errors",
    "OutputError": "errors",
    "Problem": "errors",
    "load_guide": "load",
    "plan_deck": "plan",
    "DeckPlan": "plan",
    "deck_presentation": "deck",
    "deck_bytes": "deck",
    "save_deck": "deck",
    "layout_deck": "deck",
    "handout_bytes": "handout",
    "save_handout": "write.docx",
    "WRITERS": "write",
    "pdf_bytes": "write.pdf",
    "pdf_pages_to_png": "write.office",
    "soffice": "write.office",
    "named_converters": "write.office",
    "pack_ids": "catalogue",
    "stories": "catalogue",
    "schema_text": "schema",
    "Built": "build",
    "Checked": "build",
    "Handout": "build",
    "EXAMPLE": "build",
    "build_all": "build",
    "check": "build",
    "pack_sources": "build",
    "show": "build",
    "slide_count": "build",
    "wording_text": "build",
    "write_example": "build",
    "write_starter": "build",
    "write_text": "build",
    "write_wording": "build",
    "inspect_template": "layout.look",
    "SAMPLE_PACK": "layout.look",
    "write_deck": "build",
    "write_handout": "build",
    "write_preview": "build",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    where = _EXPORTS.get(name)
    if where is None:
        raise AttributeError(f"module 'dnadeck' has no attribute {name!r}")
    module, _, attr = where.partition(":")
    value = getattr(importlib.import_module(f".{module}", __name__), attr or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
