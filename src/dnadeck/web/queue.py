"""The line of requests for this server's work, so the page can say its place in it.

A request may carry a ticket (a random word the page makes, in the
``X-Dnadeck-Ticket`` header). While its work waits for a worker (or a
converter), ``GET /api/queue?ticket=...`` says how many requests wait ahead
of it; once a worker has it, that it is being worked on. A ticket lives only
as long as its request: nothing is kept afterwards, and nothing in it says who
sent it. Each server keeps its own line; a ticket another server holds is
``unknown`` here, and the page then shows the time so far only.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from typing import Any

TICKET = re.compile(r"[A-Za-z0-9_-]{8,64}")
HEADER = "x-dnadeck-ticket"


def ticket_of(value: str | None) -> str | None:
    """A ticket as sent, or None when there is none or it is not one the page makes."""
    return value if value is not None and TICKET.fullmatch(value) else None


class Line:
    """Requests in the order they came; each waiting, then being worked on."""

    def __init__(self) -> None:
        self._working: dict[object, bool] = {}  # insertion order is arrival order

    @contextlib.contextmanager
    def join(self, ticket: str | None) -> Iterator[Callable[[], None]]:
        """In the line until the block ends; yields the function that says the work started."""
        key: object = ticket if ticket is not None and ticket not in self._working else object()
        self._working[key] = False

        def started() -> None:
            if key in self._working:
                self._working[key] = True

        try:
            yield started
        finally:
            del self._working[key]

    def answer(self, ticket: str | None, workers: int) -> dict[str, Any]:
        """``/api/queue``'s answer: the counts here, and the ticket's place (``ahead``)."""
        ahead = 0
        place: dict[str, Any] = {"ticket": "unknown", "ahead": None}
        for key, working in self._working.items():
            if key == ticket:
                place = {"ticket": "working", "ahead": None} if working else {"ticket": "waiting", "ahead": ahead}
            elif not working and place["ticket"] == "unknown":
                ahead += 1
        waiting = sum(not w for w in self._working.values())
        return {"workers": workers, "working": len(self._working) - waiting, "waiting": waiting, **place}
