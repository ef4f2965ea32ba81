"""The line of requests for this server's work: how many wait, how many are
worked on, and a ticket's place, in the order the requests came."""

from __future__ import annotations

import contextlib

from dnadeck.web.queue import Line, ticket_of


def test_only_tickets_the_page_makes_are_taken() -> None:
    assert ticket_of("first-0123456789") == "first-0123456789"
    assert ticket_of(None) is None
    assert ticket_of("") is None
    assert ticket_of("x" * 500) is None
    assert ticket_of("<script>") is None


def test_a_ticket_waits_with_its_place_then_is_worked_on() -> None:
    line = Line()
    with contextlib.ExitStack() as stack:
        first = stack.enter_context(line.join("first-0123456789"))
        stack.enter_context(line.join(None))  # a request without a ticket still counts
        third = stack.enter_context(line.join("third-0123456789"))
        assert line.answer("third-0123456789", 1) == {
            "workers": 1,
            "working": 0,
            "waiting": 3,
            "ticket": "waiting",
            "ahead": 2,
        }
        first()
        assert line.answer("first-0123456789", 1)["ticket"] == "working"
        assert line.answer("third-0123456789", 1)["ahead"] == 1
        third()
        assert line.answer("third-0123456789", 1) == {
            "workers": 1,
            "working": 2,
            "waiting": 1,
            "ticket": "working",
            "ahead": None,
        }
        assert line.answer("nobody-0123456789", 1)["ticket"] == "unknown"
    assert line.answer("first-0123456789", 1) == {
        "workers": 1,
        "working": 0,
        "waiting": 0,
        "ticket": "unknown",
        "ahead": None,
    }


def test_the_same_ticket_twice_is_two_places() -> None:
    line = Line()
    with line.join("same-0123456789"), line.join("same-0123456789"):
        assert line.answer(None, 2)["waiting"] == 2
    assert line.answer(None, 2)["waiting"] == 0
