"""Running the web app: a socket, uvicorn, and the page opened in a browser."""

from __future__ import annotations

import socket
import threading
import time
import webbrowser
from collections.abc import Callable

import uvicorn

from .app import LOOPBACK, create_app

MAX_CONNECTIONS = 64  # requests under way at once; more are told the server is busy


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
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket, host: str) -> str:
    port = sock.getsockname()[1]
    shown = "localhost" if host in LOOPBACK else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def make_server(host: str, port: int) -> tuple[uvicorn.Server, socket.socket, str]:
    """A uvicorn server for the app on a socket bound now (OSError if it cannot be), and its URL."""
    sock = bind(host, port)
    config = uvicorn.Config(
        create_app(local_only=host in LOOPBACK),
        log_level="warning",
        limit_concurrency=MAX_CONNECTIONS,
        timeout_keep_alive=5,
        proxy_headers=host not in LOOPBACK,
        server_header=False,
    )
    return uvicorn.Server(config), sock, url_of(sock, host)


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    open_browser: bool = True,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the page until interrupted. ``on_ready(url)`` is called once it answers."""
    server, sock, url = make_server(host, port)

    def when_started() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        if server.started:
            if on_ready:
                on_ready(url)
            if open_browser:
                webbrowser.open(url)

    threading.Thread(target=when_started, daemon=True).start()
    server.run(sockets=[sock])
