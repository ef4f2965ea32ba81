"""What every request passes before the app sees it, and the line it leaves in the log.

The Host header (when the server listens on this computer only, against DNS
rebinding), cross-site requests that would change something (refused before
any work), the body's size, ``GET /healthz`` for load balancers, security
headers on every response, and one access-log line per request: method, path,
status, size and time, and nothing a person sent (no file names, no query, no
address: the proxy in front logs those under its own rules).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK = ("localhost", "127.0.0.1", "::1")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
        b"frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
CROSS_SITE = "This page only accepts forms sent from its own address."

access_log = logging.getLogger("dnadeck.access")


class TooLarge(Exception):
    """The request body passed the size limit while it was being read."""


class Guard:
    """The checks above, around ``app``. ``too_large()`` makes the 413 answer. The Host
    must be this computer's (``local_only``) or one of ``hosts`` when either is given."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        local_only: bool,
        max_body: int,
        too_large: Callable[[], Response],
        hosts: tuple[str, ...] = (),
    ) -> None:
        self.app = app
        self.hosts = (*LOOPBACK, *(h.lower() for h in hosts)) if local_only or hosts else ()
        self.max_body = max_body
        self.too_large = too_large

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 0
        size = 0

        async def logged(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self._checked(scope, receive, logged)
        finally:
            ms = (time.perf_counter() - start) * 1000
            access_log.info('"%s %s" %s %d %.0fms', scope["method"], scope["path"], status or "-", size, ms)

    async def _checked(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if self.hosts and host_name(host) not in self.hosts:
            names = "localhost" if len(self.hosts) == len(LOOPBACK) else ", ".join(self.hosts[len(LOOPBACK) :])
            await Response(f"Invalid Host header: this server answers only to {names}.", 400)(scope, receive, send)
            return
        if scope["path"] == "/healthz" and scope["method"] in ("GET", "HEAD"):
            await PlainTextResponse("ok", headers={"cache-control": "no-store"})(scope, receive, send)
            return
        if scope["method"] not in SAFE_METHODS and cross_site(headers, host):
            problem = {"field": "", "message": CROSS_SITE}
            await JSONResponse({"problems": [problem]}, 403)(scope, receive, send)
            return
        length = headers.get("content-length", "0")
        if not length.isdigit() or int(length) > self.max_body:
            await self.too_large()(scope, receive, send)
            return
        started = False
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise TooLarge
            return message

        async def noted(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, noted)
        except TooLarge:
            if not started:
                await self.too_large()(scope, receive, send)


def cross_site(headers: dict[str, str], host: str) -> bool:
    """Whether a browser says the request comes from a page of another site.

    Browsers send ``Sec-Fetch-Site`` and ``Origin`` with a form; other
    clients (curl, scripts) send neither and are let through.
    """
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return True
    origin = headers.get("origin")
    if origin is None:
        return False
    return origin == "null" or urlsplit(origin).netloc.lower() != host.strip().lower()


def host_name(host: str) -> str:
    """The name in a Host header, without its port: ``[::1]:8000`` -> ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
