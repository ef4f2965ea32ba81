"""Starts a unoserver converter without its fixed start-up waits.

``converters.Local`` runs this file by its path (``runpy``) under the Python
that has LibreOffice's ``uno`` module (see ``converters.unoserver_python``),
with unoserver's own arguments; it imports nothing of dnadeck. unoserver
sleeps 5 s after starting LibreOffice and 2 s after starting its XML-RPC
thread, however soon LibreOffice is ready. Here both waits last until
LibreOffice listens on its uno port (it has started, or it has ended), so a
converter answers as soon as LibreOffice can convert: in about 1.4 s here,
rather than 5.5 s (bench/bench_converter.py).
"""

from __future__ import annotations

import errno
import socket
import sys
import threading
import time
from typing import Any

START_SECONDS = 60.0  # as long as unoserver's own attempts to reach LibreOffice


def listening(port: int) -> bool:
    """Whether something holds ``port`` on 127.0.0.1 (binding it fails), without connecting to it."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            return exc.errno == errno.EADDRINUSE
    return False


class Clock:
    """unoserver's ``time``, whose sleeps in the starting thread wait for LibreOffice's port instead."""

    def __init__(self, uno_port: int, office: Any) -> None:
        self.uno_port = uno_port
        self.office = office  # the server, whose libreoffice_process is set before the first wait

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)

    def sleep(self, seconds: float) -> None:
        if threading.current_thread() is not threading.main_thread():
            time.sleep(seconds)  # the XML-RPC thread's retries keep their pace
            return
        deadline = time.monotonic() + START_SECONDS
        process = self.office.libreoffice_process
        while not listening(self.uno_port) and time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                return
            time.sleep(0.05)


def main() -> None:
    from unoserver import server

    uno_port = next(int(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--uno-port="))
    start = server.UnoServer.start

    def quick_start(self: Any, *args: Any, **kwargs: Any) -> Any:
        server.time = Clock(uno_port, self)
        return start(self, *args, **kwargs)

    server.UnoServer.start = quick_start
    sys.argv[0] = "unoserver"
    server.main()


if __name__ == "__main__":
    main()
