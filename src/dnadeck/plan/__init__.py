"""The plan stage: what every slide of a deck says, decided from a guide, as plain data.

``deck`` holds the DeckPlan and ``plan_deck``; ``slides`` each slide kind's
plan class beside its planner; ``context`` what planning one deck knows of its
whole guide. Nothing here measures text or knows about PowerPoint.
"""

from __future__ import annotations

from .deck import DeckPlan as DeckPlan
from .deck import plan_deck as plan_deck
