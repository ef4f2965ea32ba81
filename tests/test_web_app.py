"""The web app's HTTP API: packs, plan, deck, PDF, pages and YAML; problems as
JSON next to their fields; size, time and Host limits; many users at once."""

from __future__ import annotations

import contextlib
import http.client
import io
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from conftest import DATA, need, slide_title
from pptx import Presentation
from starlette.testclient import TestClient

import dnadeck
from dnadeck import limits
from dnadeck.catalogue import assets_dir, pack_ids
from dnadeck.web import app as web_app
from dnadeck.web import create_app
from dnadeck.web.server import make_server

LOGO = DATA / "example-trust-logo.png"
MB = 1024 * 1024
Form = list[tuple[str, str]]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(), base_url="http://localhost:8000") as c:
        yield c


@contextlib.contextmanager
def serving(**settings: Any) -> Iterator[str]:
    """The app under a real HTTP server on a free port of this computer (``settings``: create_app's)."""
    server = make_server("127.0.0.1", 0, **settings)
    hypercorn_config = server.config

    def config() -> Any:
        # A request refused mid-body (test_a_request_streamed_past_the_limit_is_refused) leaves its
        # connection to the graceful timeout; these servers stop at once rather than after 10 s.
        settings = hypercorn_config()
        settings.graceful_timeout = 0.5
        return settings

    server.config = config  # type: ignore[method-assign]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    assert server.started.wait(60), "the server did not start"
    yield server.url
    server.stop()
    thread.join(30)


@pytest.fixture(scope="module")
def live_server() -> Iterator[str]:
    with serving() as url:
        yield url


def files(**named: tuple[str, bytes]) -> dict[str, tuple[str, bytes]]:
    return dict(named)


def fields(form: Form | dict[str, str]) -> dict[str, list[str]]:
    """A form's fields as httpx sends them: a name may repeat (story, question)."""
    out: dict[str, list[str]] = {}
    for key, value in form.items() if isinstance(form, dict) else form:
        out.setdefault(key, []).append(value)
    return out


def problems(response: httpx.Response, status: int = 422) -> list[dict[str, str]]:
    assert response.status_code == status, response.text
    found: list[dict[str, str]] = response.json()["problems"]
    for p in found:
        # The page's words: no FILE:LINE prefix, no temporary file names, no Python exception names.
        assert ".yaml" not in p["message"] and "dnadeck-web-" not in p["message"], p
        assert "Error)" not in p["message"], p
    return found


def open_deck(data: bytes) -> Any:
    return Presentation(io.BytesIO(data))


def titles(prs: Any) -> list[str]:
    """Each slide's title: its title placeholder, else the text box named Title."""
    out = []
    for slide in prs.slides:
        named = [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.name.startswith("Title")]
        out.append(slide_title(slide) or (named[0] if named else ""))
    return out


# -- GET /api/packs ------------------------------------------------------------


def test_packs_lists_every_pack_with_stories_and_numbered_questions(client: TestClient) -> None:
    data = client.get("/api/packs").json()
    assert [p["id"] for p in data["packs"]] == pack_ids()
    assert data["limits"] == {"logo": 5 * MB, "template": 15 * MB, "request": 20 * MB, "text": limits.WEB_TEXT_MAX}
    assert isinstance(data["office"], bool)
    for pack in data["packs"]:
        guide = dnadeck.load_guide(pack["id"])
        assert pack["title"] == guide.title and pack["subtitle"] == guide.subtitle
        ids = [s["id"] for s in pack["stories"]]
        assert ids == [s.key for s in guide.story_slides()]
        for story in pack["stories"]:
            assert story["title"] and story["synopsis"] and "number" in story and "storyteller" in story
        # Numbered as `dnadeck show` numbers them: the guide's questions, 1..n.
        assert [q["number"] for q in pack["questions"]] == list(range(1, len(guide.questions()) + 1))
        assert all(q["story"] is None or q["story"] in ids for q in pack["questions"])
    resilience = next(p for p in data["packs"] if p["id"] == "resilience")
    assert any(q["story"] for q in resilience["questions"]), "some questions are tied to a story"


# -- POST /api/deck, /api/plan, /api/yaml --------------------------------------------


RESILIENCE_TEAM: Form = [
    ("source", "resilience"),
    ("story", "just-five-minutes-more"),
    ("title", "Resilience: team day"),
    ("presenter", "Sam Patel"),
    ("organisation", "Example NHS Foundation Trust"),
    ("date", "2026-12-03"),
]


@pytest.fixture(scope="module")
def team_deck(client: TestClient) -> httpx.Response:
    response = client.post(
        "/api/deck", data=fields(RESILIENCE_TEAM), files=files(logo=("trust logo.png", LOGO.read_bytes()))
    )
    assert response.status_code == 200, response.text
    return response


def test_deck_is_the_pptx_with_the_choices(team_deck: httpx.Response) -> None:
    assert team_deck.headers["content-disposition"] == 'attachment; filename="resilience.pptx"'
    assert team_deck.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.presentationml")
    prs = open_deck(team_deck.content)
    shown = titles(prs)
    assert shown[0] == "Resilience: team day"
    assert shown.count("Just five minutes more") == 1
    assert not {"Floristry, perhaps?", "The light on the water"} & set(shown)
    first = prs.slides[0]
    assert any(s.shape_type == 13 for s in first.shapes), "the logo is on the title slide"
    assert "Sam Patel" in "\n".join(s.text_frame.text for s in first.shapes if s.has_text_frame)


def test_plan_draws_the_same_slides_as_the_deck(client: TestClient, team_deck: httpx.Response) -> None:
    response = client.post(
        "/api/plan", data=fields(RESILIENCE_TEAM), files=files(logo=("trust logo.png", LOGO.read_bytes()))
    )
    plan = response.json()
    layout = plan["layout"]
    prs = open_deck(team_deck.content)
    assert len(layout["slides"]) == len(prs.slides)
    assert [s["title"] for s in layout["slides"]] == titles(prs)
    assert (layout["width"], layout["height"]) == (prs.slide_width, prs.slide_height)
    assert {s["position"] for s in layout["slides"]} == {s["position"] for s in plan["slides"]}
    assert plan["title"] == "Resilience: team day" and plan["date"] == "2026-12-03"
    title_slide = layout["slides"][0]
    pictures = [s for s in title_slide["shapes"] if s["type"] == "picture"]
    assert any(p["alt"] and "Example NHS Foundation Trust" in p["alt"] for p in pictures)
    assert all(layout["images"][p["image"]].startswith("data:image/") for p in pictures)
    for slide in layout["slides"]:
        for shape in slide["shapes"]:
            for colour in (shape.get("colour"), shape.get("fill"), slide["background"]["colour"]):
                assert colour is None or (len(colour) == 6 and int(colour, 16) >= 0), colour


def test_a_long_title_makes_continuation_slides_in_both(client: TestClient) -> None:
    """Continuation slides are slides: the preview counts them as the deck does."""
    form: Form = [("source", "compassionate-leadership"), ("title", "A deck " * 40)]
    layout = client.post("/api/plan", data=fields(form)).json()["layout"]
    prs = open_deck(client.post("/api/deck", data=fields(form)).content)
    assert len(layout["slides"]) == len(prs.slides)
    plain = client.post("/api/plan", data=fields([("source", "compassionate-leadership")])).json()
    assert len(plain["layout"]["slides"]) >= len(plain["slides"])


def test_no_choices_is_the_standard_pack(client: TestClient) -> None:
    standard = dnadeck.deck_bytes(dnadeck.load_guide("compassion"))
    for form in ({"source": "compassion"}, {"source": "compassion", "language": "en-GB"}):
        assert client.post("/api/deck", data=fields(form)).content == standard, form


WELSH_TEAM: Form = [("source", "resilience"), ("title", "Gwydnwch: diwrnod tîm"), ("date", "2026-12-03")]
LANG = "{http://schemas.openxmlformats.org/drawingml/2006/main}rPr"


def test_a_deck_in_welsh_tags_its_title_and_writes_its_date_in_welsh(client: TestClient) -> None:
    response = client.post("/api/deck", data=fields([*WELSH_TEAM, ("language", "cy")]))
    assert response.status_code == 200, response.text
    first = open_deck(response.content).slides[0]
    assert "3 Rhagfyr 2026" in "\n".join(s.text_frame.text for s in first.shapes if s.has_text_frame)
    title = first.shapes.title.text_frame.paragraphs[0].runs[0]
    assert title.text.startswith("Gwydnwch") and title._r.find(LANG).get("lang") == "cy"
    for english in ("en-GB", "", "en-gb"):  # the default, however sent: the deck as without the field
        same = client.post("/api/deck", data=fields([*WELSH_TEAM, ("language", english)] if english else WELSH_TEAM))
        assert "3 December 2026" in "\n".join(
            s.text_frame.text for s in open_deck(same.content).slides[0].shapes if s.has_text_frame
        )
        assert same.content == client.post("/api/deck", data=fields(WELSH_TEAM)).content


def test_the_plan_notes_words_left_in_english_for_a_welsh_deck(client: TestClient) -> None:
    welsh = client.post("/api/plan", data=fields([*WELSH_TEAM, ("language", "cy")])).json()
    assert welsh["language"] == "cy" and welsh["long_date"] == "3 Rhagfyr 2026"
    assert welsh["untranslated"] == {
        "language": "en-GB",
        "message": "The words dnadeck adds to the slides (labels, speaker notes, credits) are in English (en-GB): "
        "this page has no translation of them.",
    }
    shown = [r["text"] for s in welsh["layout"]["slides"][0]["shapes"] for p in s.get("paras", []) for r in p["runs"]]
    assert "3 Rhagfyr 2026" in shown, "the preview draws the Welsh date"
    english = client.post("/api/plan", data=fields([*WELSH_TEAM, ("language", "en-GB")])).json()
    assert english["untranslated"] is None and english["long_date"] == "3 December 2026"


def test_a_language_round_trips_through_the_settings_file(client: TestClient) -> None:
    text = client.post("/api/yaml", data=fields([*WELSH_TEAM, ("language", "gd")])).text
    assert "\nlanguage: gd\n" in text
    opened = client.post("/api/settings", files={"settings": ("my-resilience.yaml", text.encode())}).json()
    assert opened["language"] == "gd" and opened["date"] == "2026-12-03"
    assert "language" not in client.post("/api/yaml", data=fields(WELSH_TEAM)).text


@pytest.mark.parametrize("bad", ["xx-!!", "Cymraeg (Welsh)", "cy\nextends: compassion", "a" * 40])
def test_a_language_that_is_not_a_tag_is_a_problem_next_to_its_field(client: TestClient, bad: str) -> None:
    for path in ("/api/deck", "/api/plan", "/api/yaml"):
        found = problems(client.post(path, data=fields([("source", "resilience"), ("language", bad)])))
        assert found == [
            {"field": "language", "message": "This is not a language that can be used: choose one from the list."}
        ], path


def test_an_empty_story_field_chooses_no_stories_which_is_refused(client: TestClient) -> None:
    form: Form = [("source", "compassion"), ("story", ""), ("question", ""), ("question", "7")]
    answer = client.post("/api/plan", data=fields(form))
    assert answer.status_code == 422
    assert answer.json()["problems"] == [
        {"field": "story", "message": "Tick at least one story: a deck is made to show the stories."}
    ]
    form = [("source", "compassion"), ("story", ""), ("story", "stay"), ("question", ""), ("question", "7")]
    plan = client.post("/api/plan", data=fields(form)).json()
    assert [s["story"]["id"] for s in plan["slides"] if s["kind"] == "story"] == ["stay"]
    assert [q["source_number"] for s in plan["slides"] if s["kind"] == "questions" for q in s["questions"]] == [7]


def test_yaml_builds_the_same_deck_from_the_command_line(
    client: TestClient, team_deck: httpx.Response, tmp_path: Path
) -> None:
    response = client.post(
        "/api/yaml", data=fields(RESILIENCE_TEAM), files=files(logo=("trust logo.png", LOGO.read_bytes()))
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == 'attachment; filename="my-resilience.yaml"'
    text = response.text
    assert "extends: resilience" in text and "logo: trust logo.png  # put this file in the same folder" in text
    assert "  - just-five-minutes-more  # Just five minutes more" in text
    (tmp_path / "my-resilience.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "trust logo.png").write_bytes(LOGO.read_bytes())
    guide = dnadeck.load_guide(tmp_path / "my-resilience.yaml")
    assert guide.title == "Resilience: team day" and str(guide.date) == "2026-12-03"
    assert [s.key for s in guide.story_slides()] == ["just-five-minutes-more"]
    assert dnadeck.deck_bytes(guide) == team_deck.content


def test_yaml_keeps_text_exactly(client: TestClient, tmp_path: Path) -> None:
    awkward = "Ward 7: ‘yes’ — no #1 & 'quotes' \"too\""
    form: Form = [
        ("source", "compassion"),
        ("title", awkward),
        ("subtitle", "null"),
        ("question", ""),
        ("question", "8"),
    ]
    path = tmp_path / "deck.yaml"
    path.write_bytes(client.post("/api/yaml", data=fields(form)).content)
    guide = dnadeck.load_guide(path)
    assert (guide.title, guide.subtitle) == (awkward, "null")
    assert len(guide.questions()) == 1


def test_a_template_upload_is_used(client: TestClient) -> None:
    template = (assets_dir() / "template.pptx").read_bytes()
    response = client.post(
        "/api/deck", data=fields({"source": "compassion"}), files=files(template=("trust.pptx", template))
    )
    assert response.status_code == 200, response.text
    assert len(open_deck(response.content).slides) > 5


# -- problems, each next to its field -------------------------------------------------


@pytest.mark.parametrize(
    ("form", "field", "words"),
    [
        (
            [("source", "resilience"), ("story", "stya")],
            "story",
            "no story 'stya' in the catalogue (did you mean 'stay'?)",
        ),
        ([("source", "resilience"), ("question", "abc")], "question", "'abc' is not a whole number"),
        ([("source", "resilience"), ("question", "99")], "question", "no question 99: 'resilience' has"),
        ([("source", "resilience"), ("date", "2026-02-30")], "date", "is not a date"),
        ([("source", "resilience"), ("date", "3/12/2026")], "date", "is not a date"),
        ([("source", "resilience"), ("story", "stay"), ("question", "1")], "question", "does not show"),
        ([("source", "resilence")], "source", "Choose one of the packs"),
        ([("source", "../../etc/passwd.yaml")], "source", "Choose one of the packs"),
        ([("source", "resilience"), ("title", "x" * 301)], "title", "under 300 characters"),
    ],
)
def test_bad_choices_are_problems_next_to_their_field(
    client: TestClient, form: Form, field: str, words: str, tmp_path: Path
) -> None:
    for path in ("/api/deck", "/api/plan", "/api/yaml"):
        found = problems(client.post(path, data=fields(form)))
        assert [p["field"] for p in found] == [field], found
        assert words.lower() in found[0]["message"].lower(), found


def test_a_file_that_is_not_an_image_is_a_logo_problem(client: TestClient) -> None:
    for path in ("/api/deck", "/api/plan", "/api/yaml"):
        sent = files(logo=("logo.png", b"this is text, not a picture"))
        found = problems(client.post(path, data=fields({"source": "compassion"}), files=sent))
        assert found == [
            {"field": "logo", "message": "'logo.png' is not an image that can be read; use a PNG or JPEG."}
        ], path
    found = problems(
        client.post("/api/deck", data=fields({"source": "compassion"}), files=files(logo=("logo.txt", b"x")))
    )
    assert found[0]["field"] == "logo" and "should be a .png" in found[0]["message"]


def test_a_broken_template_is_a_template_problem(client: TestClient) -> None:
    for path in ("/api/deck", "/api/plan", "/api/yaml"):
        sent = files(template=("trust.pptx", b"PK\x03\x04 not really a zip"))
        found = problems(client.post(path, data=fields({"source": "compassion"}), files=sent))
        assert [p["field"] for p in found] == ["template"]
        assert found[0]["message"].startswith("'trust.pptx' is not a PowerPoint file; save it from PowerPoint")


def test_files_over_their_limits_are_refused(client: TestClient) -> None:
    big_logo = files(logo=("big.png", b"\0" * (5 * MB + 1)))
    found = problems(client.post("/api/deck", data=fields({"source": "compassion"}), files=big_logo))
    assert found == [{"field": "logo", "message": "This file is larger than 5 MB: choose a smaller image."}]
    big_template = files(template=("big.pptx", b"\0" * (15 * MB + 1)))
    found = problems(client.post("/api/deck", data=fields({"source": "compassion"}), files=big_template))
    assert found[0]["field"] == "template" and "larger than 15 MB" in found[0]["message"]
    too_much = files(template=("huge.pptx", b"\0" * (20 * MB + 1)))
    found = problems(client.post("/api/deck", data=fields({"source": "compassion"}), files=too_much), 413)
    assert found == [{"field": "", "message": "Everything sent together must be under 20 MB: choose smaller files."}]


def test_a_request_streamed_past_the_limit_is_refused(live_server: str) -> None:
    """Without a Content-Length the body is counted as it arrives."""
    url = httpx.URL(live_server)
    connection = http.client.HTTPConnection(url.host, url.port, timeout=30)
    boundary = "dnadeckboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\ncompassion\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="template"; filename="t.pptx"\r\n\r\n'
    ).encode()
    connection.putrequest("POST", "/api/deck")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Transfer-Encoding", "chunked")
    connection.endheaders()
    chunk = b"\0" * MB
    try:
        for piece in [head, *[chunk] * 21]:
            connection.send(b"%x\r\n%s\r\n" % (len(piece), piece))
        connection.send(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server may stop reading once it has answered
    response = connection.getresponse()
    assert response.status == 413
    connection.close()


def test_the_form_must_be_a_form(client: TestClient) -> None:
    found = problems(client.post("/api/deck", json={"source": "compassion"}), 415)
    assert found[0]["field"] == ""


def test_a_build_over_the_time_limit_is_answered() -> None:
    with TestClient(create_app(time_limit=0.001), base_url="http://localhost:8000") as c:
        found = problems(c.post("/api/deck", data=fields({"source": "compassion"})), 503)
    assert "took too long" in found[0]["message"]


def test_temporary_files_are_removed(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, team_deck: httpx.Response
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    logo = files(logo=("trust logo.png", LOGO.read_bytes()))
    for path in ("/api/deck", "/api/plan", "/api/yaml"):
        client.post(path, data=fields(RESILIENCE_TEAM), files=logo)
        client.post(path, data=fields({"source": "compassion"}), files=files(template=("t.pptx", b"broken")))
    assert list(tmp_path.iterdir()) == []


# -- Host header, the page, its files -----------------------------------------------


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1:8000", "[::1]:8000", "localhost", "LOCALHOST:80"])
def test_local_host_names_are_served(client: TestClient, host: str) -> None:
    assert client.get("/api/packs", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "", "[::2]:8000"])
def test_other_host_names_are_refused_against_dns_rebinding(client: TestClient, host: str) -> None:
    response = client.get("/api/packs", headers={"host": host})
    assert response.status_code == 400
    assert client.post("/api/deck", data=fields({"source": "compassion"}), headers={"host": host}).status_code == 400


def test_a_server_for_every_network_answers_any_host() -> None:
    with TestClient(create_app(local_only=False), base_url="http://decks.example.nhs.uk") as c:
        assert c.get("/api/packs").status_code == 200


def test_the_page_and_its_files_come_from_the_package(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    static = Path(web_app.STATIC)
    for name in ("app.js", "app.css", "favicon.svg"):
        assert client.get(f"/static/{name}").status_code == 200
    for path in static.iterdir():
        text = path.read_text(encoding="utf-8").replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "http://" not in text and "https://" not in text, path
    css = (static / "app.css").read_text(encoding="utf-8")
    for font in ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"):
        assert f"/fonts/{font}" in css
        assert client.get(f"/fonts/{font}").headers["content-type"].startswith("font/")


# -- many users at once, on a real server ---------------------------------------------


def test_twenty_decks_at_once_are_identical_for_identical_forms(live_server: str) -> None:
    forms: list[Form] = [
        [("source", "resilience"), ("story", "stay"), ("title", "Team A")],
        [("source", "compassion"), ("title", "Team B"), ("date", "2026-05-01")],
    ]
    logo = LOGO.read_bytes()

    def fetch(i: int) -> tuple[int, int, bytes]:
        with httpx.Client(base_url=live_server, timeout=120) as c:
            response = c.post(
                "/api/deck", data=fields(forms[i % 2]), files={"logo": ("logo.png", logo)} if i % 2 else None
            )
            return i % 2, response.status_code, response.content

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(fetch, range(20)))
    seconds = time.perf_counter() - start
    assert [status for _, status, _ in results] == [200] * 20
    for kind in (0, 1):
        decks = {data for k, _, data in results if k == kind}
        assert len(decks) == 1, f"form {kind} gave {len(decks)} different decks"
    assert len({data for _, _, data in results}) == 2
    print(f"twenty decks at once: {seconds:.1f} s")


# -- LibreOffice: PDF and the true preview --------------------------------------------


@pytest.mark.office
def test_pdf_and_true_preview_pages(warm_converter: str | None) -> None:
    need("soffice")
    need("pdftoppm")
    form: Form = [("source", "resilience"), ("story", "stay"), ("title", "Team day")]
    named = [warm_converter] if warm_converter else []
    with TestClient(create_app(remote_converters=named), base_url="http://localhost:8000") as client:
        slides = len(open_deck(client.post("/api/deck", data=fields(form)).content).slides)
        pdf = client.post("/api/pdf", data=fields(form))
        pages = client.post("/api/pages", data=fields(form)).json()["pages"]
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["content-disposition"] == 'attachment; filename="resilience.pdf"'
    assert pdf.content.startswith(b"%PDF")
    assert len(pages) == slides
    assert all(p.startswith("data:image/png;base64,") for p in pages)


def test_the_session_plan_matches_the_deck(client: TestClient, team_deck: httpx.Response) -> None:
    import io

    import docx

    response = client.post("/api/handout", data=fields(RESILIENCE_TEAM))
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == 'attachment; filename="resilience-handout.docx"'
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Resilience: team day" in text and "Just five minutes more" in text
    assert "Floristry" not in text  # the one story kept, as in the deck
    bad = client.post("/api/handout", data=fields([("source", "resilience"), ("story", "stya")]))
    assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "story"
