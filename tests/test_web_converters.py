"""Warm LibreOffice for the web app: unoserver converters started by ``dnadeck serve``
or named (``DNADECK_CONVERTERS``), used for PDFs, restarted when work runs over, and
named without paths when they fail."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from conftest import need
from pptx import Presentation
from starlette.testclient import TestClient
from test_web_server import FORM, HERE, heavy_template, leaks, serve, stop

from dnadeck.web import create_app
from dnadeck.web.converters import default_count
from dnadeck.write import office


def test_named_converters_mean_none_are_started_here() -> None:
    assert default_count(["127.0.0.1:2003"]) == 0


def nobody_listening() -> str:
    """The address of a converter that has stopped: a port of this computer nothing listens on."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{closed.getsockname()[1]}"


def test_a_converter_that_fails_is_named_without_paths() -> None:
    address = nobody_listening()
    with TestClient(create_app(remote_converters=[address]), base_url=HERE) as c:
        for path in ("/api/pdf", "/api/pages"):
            answer = c.post(path, data=FORM)
            assert answer.status_code == 503, answer.text
            message = answer.json()["problems"][0]["message"]
            assert f"converter at {address} could not convert resilience.pptx" in message
            assert not leaks(answer)


def need_converter() -> None:
    """Skip (or with DNADECK_REQUIRE_OFFICE=1, fail) unless unoserver can run here."""
    need("soffice")
    from dnadeck.web.converters import unoserver_python

    try:
        unoserver_python()
    except office.OfficeError as exc:
        if os.environ.get("DNADECK_REQUIRE_OFFICE") == "1":
            pytest.fail(str(exc))
        pytest.skip(str(exc))


def pdf_pages(data: bytes, tmp: Path) -> int:
    path = tmp / "made.pdf"
    path.write_bytes(data)
    info = subprocess.run([need("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def process_group(pgid: int) -> list[str]:
    """The names of the processes in a process group (a converter leads its own)."""
    names = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            name, fields = (entry / "stat").read_text().rsplit(")", 1)
            if entry.name.isdigit() and int(fields.split()[2]) == pgid and fields.split()[0] != "Z":
                names.append(name.split("(", 1)[1])
    return names


def office_processes(family: dict[int, int]) -> int:
    names = [Path(f"/proc/{pid}/comm").read_text().strip() for pid in family if Path(f"/proc/{pid}").exists()]
    return names.count("soffice.bin")


@pytest.mark.office
@pytest.mark.cold_office  # the server starts converters of its own
def test_four_pdfs_at_once_through_warm_converters(tmp_path: Path) -> None:
    need_converter()
    one = serve(tmp_path / "warm", "--converters", "2", "--workers", "4")
    try:
        assert office_processes(one.family()) == 2, "two LibreOffices kept warm"
        forms = [FORM | {"title": f"Team {i}"} for i in range(4)]
        with httpx.Client(base_url=one.url, timeout=240) as c:
            slides = len(Presentation(io.BytesIO(c.post("/api/deck", data=forms[0]).content)).slides)
            with ThreadPoolExecutor(4) as pool:
                answers = list(pool.map(lambda form: c.post("/api/pdf", data=form), forms))
            pages = c.post("/api/pages", data=forms[0])
        for answer in answers:
            assert answer.status_code == 200, answer.text
            assert answer.headers["content-disposition"] == 'attachment; filename="resilience.pdf"'
            assert pdf_pages(answer.content, tmp_path) == slides
        assert len({a.content for a in answers}) == 4, "each PDF is its own deck"
        assert len(pages.json()["pages"]) == slides
        assert office_processes(one.family()) == 2, "no LibreOffice started for a conversion"
    finally:
        stop(one)
    assert not list((tmp_path / "warm").glob("dnadeck-*")), "converters' profiles removed"


@pytest.mark.office
def test_the_command_line_uses_a_named_converter(tmp_path: Path, runner: Any, warm_converter: str | None) -> None:
    need_converter()
    from dnadeck.cli import main

    assert warm_converter
    env = {"DNADECK_CONVERTERS": warm_converter}
    result = runner.invoke(main, ["build", "resilience", "-o", str(tmp_path / "r.pptx"), "--pdf"], env=env)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    address = nobody_listening()  # the command says so
    result = runner.invoke(
        main, ["build", "resilience", "-o", str(tmp_path / "s.pptx"), "--pdf"], env={"DNADECK_CONVERTERS": address}
    )
    assert result.exit_code == 1
    assert f"the converter at {address} could not convert s.pptx" in result.output


@pytest.mark.office
@pytest.mark.cold_office  # the app starts a converter of its own
def test_a_conversion_past_the_time_limit_restarts_its_converter() -> None:
    need_converter()
    template = heavy_template()
    with TestClient(create_app(converters=1, time_limit=0.1), base_url=HERE) as c:
        app: Any = c.app
        converters = app.app.state.converters
        [first] = converters.local.values()
        assert any(pipe.exists() for pipe in office.office_pipes(first.profile)), "its LibreOffice's socket is found"
        answer = c.post("/api/pdf", data=FORM, files={"template": ("heavy.pptx", template)})
        assert answer.status_code == 503 and "took too long" in answer.text
        for _ in range(600):  # the new converter starts in the background
            if converters.local and first.address not in converters.local:
                break
            time.sleep(0.1)
        assert first.process.poll() is not None, "the busy LibreOffice was stopped"
        assert not process_group(first.process.pid), "nothing of it is left running"
        assert not any(pipe.exists() for pipe in office.office_pipes(first.profile)), "nor its socket in /tmp"
        assert not first.profile.exists()
        [second] = converters.local.values()
        assert second.process.poll() is None and second.address != first.address


def converters_of_this_process() -> list[int]:
    """The pids of the converters (unoservers) this process started."""
    found = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if (
                entry.name.isdigit()
                and int(fields[1]) == os.getpid()
                and b"--uno-port=" in (entry / "cmdline").read_bytes()
            ):
                found.append(int(entry.name))
    return found


@pytest.mark.office
@pytest.mark.cold_office  # starts converters of its own
def test_a_server_stopped_while_its_converters_start_leaves_none_running() -> None:
    """The server stopped during its start-up (Ctrl-C as it starts): converters launched but not
    yet ready are stopped with the rest, and none is started after."""
    import asyncio

    from dnadeck.web.converters import Converters

    need_converter()
    before = set(converters_of_this_process())

    async def start_then_stop() -> list[int]:
        converters = Converters(count=2, time_limit=30)
        starting = asyncio.create_task(converters.start())
        while len(launched := set(converters_of_this_process()) - before) < 2:
            await asyncio.sleep(0.01)
        assert not converters.local, "stopped before either is ready"
        starting.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await starting
        await converters.stop()
        return sorted(launched)

    groups = asyncio.run(start_then_stop())
    assert [process_group(pgid) for pgid in groups] == [[], []], "a converter outlived the stop"
