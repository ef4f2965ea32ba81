"""Hosting the page for an organisation: nothing of the server in answers,
cross-site forms refused, a log without personal data, slow clients that
cannot starve the server, work stopped at its time limit, warm converters."""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT
from pptx import Presentation
from starlette.testclient import TestClient

import dnadeck
from dnadeck.catalogue import assets_dir
from dnadeck.cli import main
from dnadeck.web import create_app
from dnadeck.web.server import bind

LOGO = DATA / "example-trust-logo.png"
HERE = "http://localhost:8000"
FORM = {"source": "resilience", "story": "stay", "title": "Team day"}
# What would give the server away: absolute paths of this machine, file URLs.
SERVER_PATHS = re.compile(r"file://|(?<![\w.:/])/(?:tmp|home|root|usr|var|etc|work|opt|srv)/")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(), base_url=HERE) as c:
        yield c


def leaks(response: httpx.Response) -> list[str]:
    """Paths of the server found in a response's headers or body."""
    text = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
    if not response.headers.get("content-type", "").startswith(("application/vnd", "application/pdf")):
        text += "\n" + response.content.decode("utf-8", "replace")
    found = SERVER_PATHS.findall(text)
    for private in (str(ROOT), str(Path(dnadeck.__file__).parent), os.getcwd()):
        if private in text:
            found.append(private)
    return found


# -- nothing of the server in answers --------------------------------------------


def test_no_answer_names_a_file_of_the_server(client: TestClient) -> None:
    template = (assets_dir() / "template.pptx").read_bytes()
    uploads: list[dict[str, Any]] = [
        {},
        {"logo": ("trust logo.png", LOGO.read_bytes())},
        {"logo": ("logo.png", b"not a picture")},
        {"template": ("trust.pptx", template)},
        {"template": ("trust.pptx", b"PK\x03\x04 broken")},
    ]
    forms = [FORM, {"source": "resilience", "story": "stya", "question": "99", "date": "2026-02-30"}]
    answers = [client.get(path) for path in ("/", "/api/packs", "/healthz", "/nothing-here", "/static/app.js")]
    for path in ("/api/plan", "/api/deck", "/api/yaml", "/api/handout"):
        for form in forms:
            for files in uploads:
                answers.append(client.post(path, data=form, files=files or None))
        answers.append(client.post(path, json={"source": "resilience"}))
    plans = [a for a in answers if a.request.url.path == "/api/plan" and a.status_code == 200]
    assert plans and all(a.json()["source"] == "my-resilience.yaml" for a in plans)
    assert any(a.json()["template"] == "trust.pptx" for a in plans)
    assert {a.status_code for a in answers} >= {200, 404, 415, 422}
    for answer in answers:
        assert not leaks(answer), (answer.request.url.path, answer.status_code, leaks(answer))


# -- cross-site forms ------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://evil.example"},
        {"origin": "http://localhost:8001"},
        {"origin": "null"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site", "origin": "http://localhost:8000"},
    ],
)
def test_cross_site_posts_are_refused_before_any_work(client: TestClient, headers: dict[str, str]) -> None:
    before = _jobs(client)
    for path in ("/api/deck", "/api/plan", "/api/pdf", "/api/yaml", "/api/handout"):
        answer = client.post(path, data=FORM, headers=headers)
        assert answer.status_code == 403, (path, answer.text)
        assert answer.json()["problems"][0]["message"] == "This page only accepts forms sent from its own address."
    assert _jobs(client) == before


def _jobs(client: TestClient) -> int:
    """Jobs the app's workers have been given so far."""
    app: Any = client.app
    started: int = app.app.state.pool.started
    return started


@pytest.mark.parametrize(
    "headers",
    [{}, {"origin": HERE, "sec-fetch-site": "same-origin"}, {"sec-fetch-site": "none"}, {"origin": HERE}],
)
def test_same_origin_and_other_clients_are_served(client: TestClient, headers: dict[str, str]) -> None:
    before = _jobs(client)
    answer = client.post("/api/deck", data=FORM, headers=headers)
    assert answer.status_code == 200, answer.text
    assert len(Presentation(io.BytesIO(answer.content)).slides) > 3
    assert _jobs(client) == before + 1


def test_health_check(client: TestClient) -> None:
    answer = client.get("/healthz")
    assert (answer.status_code, answer.text) == (200, "ok")


# -- a served instance: its log, slow clients, the time limit --------------------------


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    log: Path
    tmp: Path

    def lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines()

    def family(self) -> dict[int, int]:
        """Every process of the server (itself and all it started): pid -> resident KB."""
        return tree_rss(self.process.pid)

    def settled(self, processes: int = 0) -> dict[int, int]:
        """``family()`` once it stops changing (the same processes and sizes 0.2 s apart),
        with at least ``processes`` processes; waits at most a minute."""
        deadline = time.monotonic() + 60  # a bound on waiting, not a measure of speed
        last = self.family()
        while time.monotonic() < deadline:
            time.sleep(0.2)
            now = self.family()
            if now == last and len(now) >= processes:
                break
            last = now
        return last


def serve(tmp: Path, *args: str) -> Served:
    """``dnadeck serve`` in its own process, with its own temporary folder."""
    tmp.mkdir(parents=True, exist_ok=True)
    log = tmp / "server.log"
    env = {**os.environ, "TMPDIR": str(tmp)}
    command = [sys.executable, "-m", "dnadeck", "serve", "--port", "0", "--no-open", *args]
    with log.open("w") as err:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, text=True, env=env)
    assert process.stdout
    line = process.stdout.readline()
    assert line.startswith("dnadeck: the page is at http://localhost:"), (line, log.read_text())
    return Served(process, line.split()[5], log, tmp)


def stop(served: Served) -> str:
    served.process.send_signal(signal.SIGINT)
    out, _ = served.process.communicate(timeout=60)
    assert served.process.returncode == 0, served.log.read_text()
    return out


def tree_rss(pid: int) -> dict[int, int]:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parent = int(fields["PPid"])
        children.setdefault(parent, []).append(int(entry.name))
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    out: dict[int, int] = {}
    todo = [pid]
    while todo:
        one = todo.pop()
        if one in rss:
            out[one] = rss[one]
            todo += children.get(one, [])
    return out


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    # Idle connections are closed after 2 s, not 5: the same behaviour, checked sooner.
    one = serve(tmp_path_factory.mktemp("served"), "--converters", "0", "--workers", "2", "--idle-limit", "2")
    yield one
    stop(one)


def test_one_log_line_per_request_without_personal_data(served: Served) -> None:
    start = len(served.lines())
    with httpx.Client(base_url=served.url, timeout=120) as c:
        assert c.get("/healthz").status_code == 200
        logo = {"logo": ("Sam Patel private photo.png", LOGO.read_bytes())}
        assert c.post("/api/deck?name=Sam", data=FORM | {"presenter": "Sam Patel"}, files=logo).status_code == 200
        assert c.post("/api/plan", data={"source": "nope"}).status_code == 422
    new: list[str] = []
    for _ in range(100):  # a line is written once its answer has gone
        new = served.lines()[start:]
        access = [line for line in new if "dnadeck.access" in line]
        if len(access) >= 3:
            break
        time.sleep(0.1)
    assert len(access) == 3, new
    assert '"GET /healthz" 200' in access[0]
    assert '"POST /api/deck" 200' in access[1] and '"POST /api/plan" 422' in access[2]
    assert not [line for line in new if "Sam" in line or "private" in line or "127.0.0.1" in line], new


def test_a_client_that_goes_away_mid_upload_is_one_line(served: Served) -> None:
    start = len(served.lines())
    port = int(served.url.rsplit(":", 1)[1].strip("/"))
    boundary = "b0undary"
    head = (
        f"POST /api/deck HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000000\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n\r\n"
        f'--{boundary}\r\nContent-Disposition: form-data; name="template"; filename="t.pptx"\r\n\r\n'
    )
    uploads = [socket.create_connection(("127.0.0.1", port)) for _ in range(5)]
    for sock in uploads:
        sock.sendall(head.encode() + b"\0" * 200_000)
    time.sleep(0.3)  # the uploads are under way ...
    for sock in uploads:  # ... when their clients go away
        sock.close()
    with httpx.Client(base_url=served.url, timeout=60) as c:  # the server is still well
        assert c.get("/healthz").status_code == 200
    for _ in range(100):
        new = served.lines()[start:]
        if len([line for line in new if "went away" in line]) >= 5:
            break
        time.sleep(0.1)
    time.sleep(0.5)  # anything more it would write
    new = served.lines()[start:]
    assert not [line for line in new if "Traceback" in line or line.startswith(" ")], new
    gone = [line for line in new if "went away" in line]
    assert len(gone) == 5, new


def test_slow_clients_cannot_starve_the_server(served: Served) -> None:
    """64 connections that never finish their request: the server closes those idle
    before a whole request, and every other request is answered meanwhile."""
    port = int(served.url.rsplit(":", 1)[1].strip("/"))
    idle = []
    for i in range(64):
        sock = socket.create_connection(("127.0.0.1", port))
        if i % 2:  # headers never finished
            sock.sendall(b"POST /api/deck HTTP/1.1\r\nHost: localhost\r\nContent-Le")
        else:  # a body that stops
            sock.sendall(b"POST /api/deck HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\nsource=")
        sock.setblocking(False)
        idle.append(sock)

    def closed_by_server(sock: socket.socket) -> bool:
        try:
            return sock.recv(1024) == b""
        except BlockingIOError:
            return False
        except ConnectionResetError:
            return True

    statuses = []
    closed: set[int] = set()
    try:
        with httpx.Client(base_url=served.url, timeout=60) as c:
            # Until the server has closed every connection with unfinished headers (it
            # gives them --idle-limit), and for at least ten requests of each kind.
            for _ in range(1500):  # (a bound on the loop, far beyond the idle limit on any machine)
                if len(closed) == 32 and len(statuses) >= 20:
                    break
                statuses.append(c.get("/api/packs").status_code)
                statuses.append(c.post("/api/deck", data=FORM).status_code)
                closed |= {i for i, sock in enumerate(idle[1::2]) if i not in closed and closed_by_server(sock)}
                time.sleep(0.05)
                assert served.process.poll() is None, "the server is still running"
    finally:
        for sock in idle:
            sock.close()
    assert set(statuses) == {200}, statuses
    assert len(closed) == 32, "connections with unfinished headers are closed by the server"


@cache
def heavy_template() -> bytes:
    """The bundled template with a 10 MB picture of noise on every layout: slow to build on (made once)."""
    import copy

    from PIL import Image
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.util import Emu

    prs = Presentation(str(assets_dir() / "template.pptx"))
    picture = io.BytesIO()
    Image.frombytes("RGB", (1800, 1800), os.urandom(1800 * 1800 * 3)).save(
        picture, "PNG", compress_level=0
    )  # noise: no use squeezing it
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    pic = slide.shapes.add_picture(picture, 0, 0, Emu(10000), Emu(10000))
    image = slide.part.related_part(pic._element.blip_rId)
    for layout in prs.slide_layouts:
        element = copy.deepcopy(pic._element)
        element.blipFill.blip.set(f"{{{RT.IMAGE.rsplit('/', 1)[0]}}}embed", layout.part.relate_to(image, RT.IMAGE))
        layout.shapes._spTree.append(element)
    ids = prs.slides._sldIdLst
    prs.part.drop_rel(ids[-1].rId)
    ids.remove(ids[-1])
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_work_past_the_time_limit_is_stopped(tmp_path: Path) -> None:
    template = heavy_template()
    one = serve(tmp_path / "limited", "--converters", "0", "--workers", "2", "--time-limit", "0.1")
    try:
        with httpx.Client(base_url=one.url, timeout=120) as c:
            assert c.get("/healthz").status_code == 200
            before = one.settled()

            def heavy(_: int) -> httpx.Response:
                return c.post("/api/deck", data=FORM, files={"template": ("heavy.pptx", template)})

            with ThreadPoolExecutor(4) as pool:
                answers = list(pool.map(heavy, range(4)))
        for answer in answers:
            assert answer.status_code == 503, answer.text
            assert "took too long" in answer.json()["problems"][0]["message"]
        after = one.settled(len(before))
        gone = set(before) - set(after)
        assert gone, "the workers that ran over their time were killed"
        assert not [pid for pid in gone if Path(f"/proc/{pid}").exists()]
        assert len(after) == len(before), (before, after)  # as many fresh workers as were killed
        assert sum(after.values()) < sum(before.values()) * 1.25 + 30_000, (before, after)
        assert not list((tmp_path / "limited").glob("dnadeck-*")), "no folders left"
    finally:
        stop(one)


# -- settings -------------------------------------------------------------------------


def test_the_time_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DNADECK_TIME_LIMIT", "0.001")
    with TestClient(create_app(), base_url=HERE) as c:
        answer = c.post("/api/deck", data=FORM)
    assert answer.status_code == 503 and "took too long" in answer.json()["problems"][0]["message"]


def test_every_setting_is_documented(runner: Any) -> None:
    from dnadeck.cli import main

    shown = runner.invoke(main, ["serve", "--help"]).output
    hosting = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
    for option, env in [
        ("--time-limit", "DNADECK_TIME_LIMIT"),
        ("--idle-limit", "DNADECK_IDLE_LIMIT"),
        ("--workers", "DNADECK_WORKERS"),
        ("--converters", "DNADECK_LOCAL_CONVERTERS"),
        ("--converter", "DNADECK_CONVERTERS"),
        ("--allow-host", "DNADECK_ALLOWED_HOSTS"),
    ]:
        assert option in shown and env in shown, option
        assert f"`{option}" in hosting and env in hosting, option


# -- the line for work --------------------------------------------------------------------


@pytest.fixture
def one_worker() -> Iterator[str]:
    """A served instance with one worker process: a second request waits for it."""
    from test_web_app import serving

    with serving(workers=1, converters=0) as url:
        yield url


def test_the_line_says_how_many_wait_and_each_ticket_its_place(one_worker: str) -> None:
    template = heavy_template()
    tickets = ["first-0123456789", "second-0123456789", "third-0123456789"]
    with httpx.Client(base_url=one_worker, timeout=300) as c:
        idle = c.get("/api/queue")
        assert idle.headers["cache-control"] == "no-store" and not leaks(idle)
        assert idle.json() == {"workers": 1, "working": 0, "waiting": 0, "ticket": "unknown", "ahead": None}

        def heavy(ticket: str) -> httpx.Response:
            headers = {"x-dnadeck-ticket": ticket}
            return c.post("/api/deck", data=FORM, files={"template": ("heavy.pptx", template)}, headers=headers)

        seen: dict[str, list[tuple[str, Any]]] = {t: [] for t in tickets}
        most_waiting = 0
        with ThreadPoolExecutor(3) as pool:
            answers = [pool.submit(heavy, t) for t in tickets]
            while not all(a.done() for a in answers):
                for ticket in tickets:
                    line = c.get("/api/queue", params={"ticket": ticket}).json()
                    assert line["working"] <= 1 and line["waiting"] <= 2, line
                    most_waiting = max(most_waiting, line["waiting"])
                    if line["ticket"] != "unknown" and (not seen[ticket] or seen[ticket][-1][0] != line["ticket"]):
                        seen[ticket].append((line["ticket"], line["ahead"]))
        assert [a.result().status_code for a in answers] == [200, 200, 200]
        after = c.get("/api/queue", params={"ticket": tickets[0]}).json()
    assert most_waiting >= 1, "with the one worker busy, the others were counted as waiting"
    waited = [t for t in tickets if seen[t] and seen[t][0][0] == "waiting"]
    assert waited, seen
    for ticket in waited:  # waiting with a place in the line, then worked on
        assert seen[ticket][0][1] in (0, 1) and seen[ticket][-1] == ("working", None), seen[ticket]
    assert after == {"workers": 1, "working": 0, "waiting": 0, "ticket": "unknown", "ahead": None}


# -- the command ------------------------------------------------------------------


def test_serve_prints_its_address_answers_and_stops_on_ctrl_c() -> None:
    command = [sys.executable, "-m", "dnadeck", "serve", "--port", "0", "--no-open", "--converters", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        assert line.startswith("dnadeck: the page is at http://localhost:"), line
        url = line.split()[5]
        assert httpx.get(url + "api/packs", timeout=30).status_code == 200
        assert httpx.get(url, headers={"host": "evil.example"}, timeout=30).status_code == 400
    finally:
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=30)
    assert process.returncode == 0, errors


def test_serve_says_when_the_port_is_taken() -> None:
    taken = bind("127.0.0.1", 0)
    port = taken.getsockname()[1]
    try:
        result = CliRunner().invoke(main, ["serve", "--port", str(port), "--no-open"])
    finally:
        taken.close()
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1 port {port}" in result.output
    assert "try another --port" in result.output


def test_serve_is_documented() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--open / --no-open"):
        assert option in result.output
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "dnadeck serve" in readme
    for endpoint in ("GET /api/packs", "POST /api/deck", "POST /api/pdf", "POST /api/yaml", "POST /api/plan"):
        assert endpoint in readme, endpoint
