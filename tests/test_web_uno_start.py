"""The converter's start-up: unoserver's fixed waits replaced by waiting for LibreOffice's port."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

from dnadeck.web import converters, uno_start


def test_a_port_is_listening_only_while_something_holds_it() -> None:
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        assert uno_start.listening(port)
    assert not uno_start.listening(port)


def test_the_wait_ends_when_libreoffice_listens() -> None:
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        office = SimpleNamespace(libreoffice_process=None)
        uno_start.Clock(held.getsockname()[1], office).sleep(3600)  # returns: the port is taken


def test_the_wait_ends_when_libreoffice_has_ended() -> None:
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    port = converters.free_port()
    uno_start.Clock(port, SimpleNamespace(libreoffice_process=ended)).sleep(3600)  # returns: nothing will listen


def test_other_threads_and_names_are_the_real_clock() -> None:
    clock = uno_start.Clock(converters.free_port(), SimpleNamespace(libreoffice_process=None))
    assert clock.monotonic is uno_start.time.monotonic
    slept: list[bool] = []
    worker = threading.Thread(target=lambda: (clock.sleep(0), slept.append(True)))
    worker.start()
    worker.join()
    assert slept == [True]


def test_the_converter_runs_this_file() -> None:
    assert Path(uno_start.__file__) == converters.UNO_START
    assert "import dnadeck" not in converters.UNO_START.read_text(encoding="utf-8")  # unoserver's Python may lack it
