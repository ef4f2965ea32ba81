"""What every request passes first: the Host header, cross-site forms, the size limit."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from test_web_server import FORM, HERE

from dnadeck.web import create_app
from dnadeck.web.guard import cross_site, host_name


@pytest.mark.parametrize(
    ("headers", "refused"),
    [
        ({}, False),  # curl, scripts
        ({"sec-fetch-site": "same-origin", "origin": "http://localhost:8000"}, False),
        ({"sec-fetch-site": "none"}, False),  # typed into the address bar
        ({"origin": "http://LOCALHOST:8000"}, False),
        ({"origin": "https://evil.example"}, True),
        ({"origin": "http://localhost:8001"}, True),
        ({"origin": "null"}, True),
        ({"sec-fetch-site": "cross-site"}, True),
        ({"sec-fetch-site": "same-site"}, True),
    ],
)
def test_a_browsers_word_on_where_a_form_comes_from(headers: dict[str, str], refused: bool) -> None:
    assert cross_site(headers, "localhost:8000") is refused


def test_host_names_without_their_port() -> None:
    assert host_name("LocalHost:8000") == "localhost"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("::1") == "::1"
    assert host_name("decks.example.nhs.uk") == "decks.example.nhs.uk"


def test_only_the_allowed_host_names_are_answered() -> None:
    with TestClient(create_app(local_only=False, hosts=["decks.example.nhs.uk"]), base_url=HERE) as c:
        assert c.get("/healthz", headers={"host": "decks.example.nhs.uk"}).status_code == 200
        assert c.get("/healthz", headers={"host": "localhost:8001"}).status_code == 200
        refused = c.get("/api/packs", headers={"host": "evil.example"})
        assert refused.status_code == 400 and "decks.example.nhs.uk" in refused.text
        same_site = {"host": "decks.example.nhs.uk", "origin": "https://decks.example.nhs.uk"}
        assert c.post("/api/deck", data=FORM, headers=same_site).status_code == 200
