"""Running the web app: a socket, Hypercorn, and the page opened in a browser.

Hypercorn rather than uvicorn: it closes a connection that has not sent a
whole request line and headers within ``WEB_IDLE_SECONDS`` (uvicorn waits for
ever), and a body that stalls for ``READ_SECONDS``; and it has no limit on
connections, so idle ones cannot take the place of work. The work limit is
the app's worker pool (app.py), which counts jobs, not connections.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
import sys
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypercorn.asyncio import serve as hypercorn_serve
from hypercorn.config import Config
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..limits import WEB_IDLE_SECONDS
from .app import LOOPBACK, create_app

READ_SECONDS = 30  # the longest a request body may stall between two reads
BACKLOG = 1024


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (port 0: any free port). Raises OSError."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(BACKLOG)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket, host: str) -> str:
    port = sock.getsockname()[1]
    shown = "localhost" if host in LOOPBACK else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


@dataclass
class Server:
    """The app served on a socket bound already. ``run()`` blocks until ``stop()``
    (or SIGINT/SIGTERM when run in the main thread); ``started`` is set once the
    app's workers are ready."""

    app: ASGIApp
    sock: socket.socket
    url: str
    idle_seconds: float  # Hypercorn's keep-alive timeout: see make_server
    started: threading.Event = field(default_factory=threading.Event)
    _loop: asyncio.AbstractEventLoop | None = None
    _stop: asyncio.Event | None = None

    def config(self) -> Config:
        config = Config()
        config.bind = [f"fd://{self.sock.detach()}"]  # Hypercorn owns the socket from here
        config.keep_alive_timeout = self.idle_seconds
        config.read_timeout = READ_SECONDS
        config.backlog = BACKLOG
        config.include_server_header = False
        config.accesslog = None  # the app logs each request without personal data (guard.py)
        config.loglevel = "WARNING"
        config.graceful_timeout = 10
        return config

    def run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        if threading.current_thread() is threading.main_thread():
            for number in (signal.SIGINT, signal.SIGTERM):
                self._loop.add_signal_handler(number, self._stop.set)
        app: Any = self._ready(self.app)  # Hypercorn's types name each ASGI message; Starlette's are plain dicts
        await hypercorn_serve(app, self.config(), shutdown_trigger=self._stop.wait, mode="asgi")

    def _ready(self, app: ASGIApp) -> ASGIApp:
        async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "lifespan":
                await app(scope, receive, send)
                return

            async def sent(message: Message) -> None:
                await send(message)
                if message["type"] == "lifespan.startup.complete":
                    self.started.set()

            await app(scope, receive, sent)

        return wrapped

    def stop(self) -> None:
        if self._loop and self._stop:
            self._loop.call_soon_threadsafe(self._stop.set)


def make_server(host: str, port: int, *, idle_limit: float | None = None, **settings: Any) -> Server:
    """A server for the app on a socket bound now (OSError if it cannot be); ``idle_limit``
    replaces WEB_IDLE_SECONDS. ``settings`` go to ``create_app`` (workers, time_limit, converters, remote_converters)."""
    sock = bind(host, port)
    app = create_app(local_only=host in LOOPBACK, **settings)
    return Server(app, sock, url_of(sock, host), WEB_IDLE_SECONDS if idle_limit is None else idle_limit)


def log_to_stderr() -> None:
    """The access log and the app's messages, one line each, on standard error."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    for name in ("dnadeck.web", "dnadeck.access"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    open_browser: bool = True,
    on_ready: Callable[[str], None] | None = None,
    **settings: Any,
) -> None:
    """Serve the page until interrupted. ``on_ready(url)`` is called once it answers."""
    server = make_server(host, port, **settings)
    log_to_stderr()

    def when_started() -> None:
        if server.started.wait(timeout=None):
            if on_ready:
                on_ready(server.url)
            if open_browser:
                webbrowser.open(server.url)

    threading.Thread(target=when_started, daemon=True).start()
    server.run()
