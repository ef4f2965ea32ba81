"""The web app: the page, its files, and the HTTP API over dnadeck's library.

Starlette routes parse a form, hand the work to a thread (builds are
CPU-bound) with a time limit, and answer with a file or JSON. Nothing is
kept between requests: uploads go into a temporary folder that is removed
when the request's work is done. ``create_app`` makes an app;
``dnadeck serve`` runs it with uvicorn.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any, TypeVar

import anyio
from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import catalogue, office
from ..build import check
from ..deck import deck_bytes, layout_deck
from ..errors import GuideError
from ..load import load_guide
from ..model import Guide
from ..plan import plan_deck
from . import draw
from .form import FILE_FIELDS, MAX_CHOICES, MAX_TEXT, TEXT_FIELDS, DeckForm, Upload, problem_json, safe_name

MB = 1024 * 1024
LIMITS = {"logo": 5 * MB, "template": 15 * MB, "request": 20 * MB}
FILE_KINDS = {"logo": "image", "template": "PowerPoint template"}
BUILD_SECONDS = 90.0  # waiting for a turn included
OFFICE_SECONDS = 240.0
LOOPBACK = ("localhost", "127.0.0.1", "::1")
STATIC = Path(__file__).parent / "static"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
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

log = logging.getLogger("dnadeck.web")
T = TypeVar("T")


class Problems(Exception):
    """Problems with a form, answered as JSON ``{"problems": [...]}``."""

    def __init__(self, problems: list[dict[str, str]], status: int = 422) -> None:
        super().__init__("; ".join(p["message"] for p in problems))
        self.problems = problems
        self.status = status

    @classmethod
    def one(cls, field: str, message: str, status: int = 422) -> Problems:
        return cls([{"field": field, "message": message}], status)

    def response(self) -> JSONResponse:
        return JSONResponse({"problems": self.problems}, status_code=self.status)


class TooLarge(Exception):
    """The request body passed the size limit while it was being read."""


class Guard:
    """Checks every request before the app sees it: the Host header (when the
    server listens on this computer only, against DNS rebinding) and the
    body's size; and adds security headers to every response."""

    def __init__(self, app: ASGIApp, *, local_only: bool, max_body: int) -> None:
        self.app = app
        self.local_only = local_only
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if self.local_only and host_name(headers.get(b"host", b"").decode("latin-1")) not in LOOPBACK:
            await Response("Invalid Host header: this server answers only to localhost.", 400)(scope, receive, send)
            return
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.max_body:
            await too_large().response()(scope, receive, send)
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

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        try:
            await self.app(scope, counted, with_headers)
        except TooLarge:
            if not started:
                await too_large().response()(scope, receive, send)


def host_name(host: str) -> str:
    """The name in a Host header, without its port: ``[::1]:8000`` -> ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def too_large() -> Problems:
    limit = LIMITS["request"] // MB
    return Problems.one("", f"Everything sent together must be under {limit} MB: choose smaller files.", 413)


# -- the packs ---------------------------------------------------------------


@cache
def packs_json() -> list[dict[str, Any]]:
    """Every bundled pack: its stories and numbered questions, as the page lists them."""
    out = []
    for pack in catalogue.pack_ids():
        guide = load_guide(pack)
        plan = plan_deck(guide)
        out.append(
            {
                "id": guide.id,
                "title": guide.title,
                "subtitle": guide.subtitle,
                "stories": [
                    {
                        "id": s.id,
                        "title": s.title,
                        "number": s.number,
                        "storyteller": s.storyteller,
                        "synopsis": s.synopsis,
                    }
                    for s in plan.stories()
                ],
                "questions": [{"number": q.source_number, "text": q.text, "story": q.story} for q in plan.questions()],
            }
        )
    return out


def _comments(source: str) -> tuple[dict[str, str], dict[int, str]]:
    """Story titles and question texts of a pack, for the YAML file's comments."""
    pack = next(p for p in packs_json() if p["id"] == source)
    titles = {s["id"]: s["title"] for s in pack["stories"]} | {k: v.title for k, v in catalogue.stories().items()}
    return titles, {q["number"]: q["text"] for q in pack["questions"]}


# -- reading a form ------------------------------------------------------------


async def read_form(request: Request) -> DeckForm:
    """The deck form in a request, checked for what the library cannot check:
    the pack id, sizes and lengths. Raises Problems."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise Problems.one("", "Send the choices as a form (multipart/form-data).", 415)
    try:
        form = await request.form(max_files=len(FILE_FIELDS), max_fields=2 * MAX_CHOICES + 20, max_part_size=64 * 1024)
    except HTTPException as exc:
        raise Problems.one("", f"The form could not be read: {exc.detail}", 400) from None
    try:
        return await _read(form)
    finally:
        await form.close()


async def _read(form: FormData) -> DeckForm:
    problems: list[dict[str, str]] = []
    source = str(form.get("source") or "").strip()
    if source not in catalogue.pack_ids():
        problems.append({"field": "source", "message": f"Choose one of the packs: {', '.join(catalogue.pack_ids())}."})
    deck = DeckForm(source)
    for key, name in (("story", "stories"), ("question", "questions")):
        if key in form:
            values = [str(v).strip() for v in form.getlist(key)]
            if len(values) > MAX_CHOICES:
                problems.append({"field": key, "message": f"Choose at most {MAX_CHOICES}."})
            setattr(deck, name, [v for v in values if v])
    for key in TEXT_FIELDS:
        value = " ".join(str(form.get(key) or "").split())
        if len(value) > MAX_TEXT:
            problems.append({"field": key, "message": f"Keep this under {MAX_TEXT} characters."})
        elif value:
            deck.text[key] = value
    deck.date = str(form.get("date") or "").strip() or None
    for key in FILE_FIELDS:
        upload = form.get(key)
        if not isinstance(upload, UploadFile) or not upload.filename:
            continue
        data = await upload.read(LIMITS[key] + 1)
        if len(data) > LIMITS[key]:
            message = f"This file is larger than {LIMITS[key] // MB} MB: choose a smaller {FILE_KINDS[key]}."
            problems.append({"field": key, "message": message})
            continue
        if not data:
            problems.append({"field": key, "message": f"'{upload.filename}' is empty: choose the file again."})
            continue
        taken = [f"{source}.yaml", *(u.name for u in deck.uploads.values())]
        deck.uploads[key] = Upload(key, safe_name(upload.filename, ".png" if key == "logo" else ".pptx", taken), data)
    if problems:
        raise Problems(problems)
    return deck


def _on_disk(deck: DeckForm, work: Callable[[Path, Path], T]) -> T:
    """Write the custom deck and its files into a temporary folder, call
    ``work(deck_file, folder)`` and remove the folder, whatever happens."""
    with TemporaryDirectory(prefix="dnadeck-web-") as tmp:
        folder = Path(tmp)
        for upload in deck.uploads.values():
            (folder / upload.name).write_bytes(upload.data)
        path = folder / f"{deck.source}.yaml"
        path.write_text(deck.to_yaml(), encoding="utf-8")
        return work(path, folder)


async def in_thread(request: Request, work: Callable[[], T], office_work: bool = False) -> T:
    """Run ``work`` in a worker thread, a few at a time, within the time limit."""
    limiter = request.app.state.office if office_work else request.app.state.builds
    try:
        with anyio.fail_after(OFFICE_SECONDS if office_work else BUILD_SECONDS):
            return await anyio.to_thread.run_sync(work, abandon_on_cancel=True, limiter=limiter)
    except TimeoutError:
        message = "That took too long (the server may be busy). Please try again in a minute."
        raise Problems.one("", message, 503) from None


def _respond(handler: Callable[[Request, DeckForm], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """Read the form, run ``handler``, and answer problems as JSON."""

    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request, await read_form(request))
        except Problems as exc:
            return exc.response()
        except GuideError as exc:
            return JSONResponse({"problems": [problem_json(p) for p in exc.problems]}, status_code=422)
        except office.OfficeError as exc:
            return Problems.one("", str(exc), 503).response()
        except TooLarge:
            return too_large().response()
        except Exception:
            log.exception("could not answer %s", request.url.path)
            return Problems.one("", "Something went wrong on the server while making the deck.", 500).response()

    return endpoint


def _attachment(data: bytes, name: str, media_type: str) -> Response:
    return Response(data, media_type=media_type, headers={"content-disposition": f'attachment; filename="{name}"'})


# -- the endpoints ---------------------------------------------------------


async def index(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", headers={"cache-control": "no-cache"})


async def api_packs(request: Request) -> Response:
    packs = await in_thread(request, packs_json)
    return JSONResponse({"packs": packs, "office": has_office(), "limits": LIMITS})


def has_office() -> bool:
    """Whether LibreOffice is here, for PDFs and the true preview."""
    try:
        office.soffice()
    except office.OfficeError:
        return False
    return True


def _made_file(
    make: Callable[[Guide], bytes], suffix: str, media_type: str
) -> Callable[[Request, DeckForm], Awaitable[Response]]:
    """A handler answering with ``make(guide)`` as a download named ``<id><suffix>``."""

    async def handler(request: Request, deck: DeckForm) -> Response:
        def work(path: Path, folder: Path) -> tuple[str, bytes]:
            guide = load_guide(path)
            return guide.id, make(guide)

        name, data = await in_thread(request, lambda: _on_disk(deck, work))
        return _attachment(data, f"{name}{suffix}", media_type)

    return handler


def _handout_bytes(guide: Guide) -> bytes:
    from ..handout import handout_bytes  # python-docx loads only when a session plan is asked for

    return handout_bytes(guide)


def _pdf_of(guide: Guide, folder: Path) -> Path:
    out = folder / "out"
    out.mkdir()
    pptx = out / f"{guide.id}.pptx"
    pptx.write_bytes(deck_bytes(guide))
    return office.to_pdf(pptx, out)


async def _pdf(request: Request, deck: DeckForm) -> Response:
    office.soffice()

    def work(path: Path, folder: Path) -> tuple[str, bytes]:
        guide = load_guide(path)
        return guide.id, office.pdf_of(deck_bytes(guide), f"{guide.id}.pptx")

    name, data = await in_thread(request, lambda: _on_disk(deck, work), office_work=True)
    return _attachment(data, f"{name}.pdf", "application/pdf")


async def _pages(request: Request, deck: DeckForm) -> Response:
    office.soffice()

    def work(path: Path, folder: Path) -> list[str]:
        pdf = _pdf_of(load_guide(path), folder)
        return draw.read_pages(office.pdf_pages_to_png(pdf, pdf.parent, dpi=48))

    pages = await in_thread(request, lambda: _on_disk(deck, work), office_work=True)
    return JSONResponse({"pages": pages})


async def _yaml(request: Request, deck: DeckForm) -> Response:
    await in_thread(request, lambda: _on_disk(deck, lambda path, folder: check(path)))
    titles, questions = _comments(deck.source)
    return _attachment(deck.to_yaml(titles, questions).encode("utf-8"), deck.file_name, "application/yaml")


async def _plan(request: Request, deck: DeckForm) -> Response:
    def work(path: Path, folder: Path) -> dict[str, Any]:
        guide = load_guide(path)
        plan = plan_deck(guide)
        data = plan.to_json()
        data["layout"] = draw.draw_json(layout_deck(plan), guide.template)
        return data

    return JSONResponse(await in_thread(request, lambda: _on_disk(deck, work)))


def create_app(*, local_only: bool = True, build_workers: int | None = None) -> ASGIApp:
    """The web app. ``local_only``: answer only requests whose Host is this
    computer (localhost, 127.0.0.1, [::1]), as when it listens on localhost."""
    app = Starlette(
        routes=[
            Route("/", index),
            Route("/api/packs", api_packs),
            Route("/api/plan", _respond(_plan), methods=["POST"]),
            Route("/api/deck", _respond(_made_file(deck_bytes, ".pptx", PPTX)), methods=["POST"]),
            Route("/api/pdf", _respond(_pdf), methods=["POST"]),
            Route("/api/pages", _respond(_pages), methods=["POST"]),
            Route("/api/yaml", _respond(_yaml), methods=["POST"]),
            Route("/api/handout", _respond(_made_file(_handout_bytes, "-handout.docx", DOCX)), methods=["POST"]),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
            Mount("/fonts", StaticFiles(directory=catalogue.assets_dir() / "fonts"), name="fonts"),
        ]
    )
    app.state.builds = anyio.CapacityLimiter(build_workers or max(1, min(4, os.cpu_count() or 1)))
    app.state.office = anyio.CapacityLimiter(1)
    return Guard(app, local_only=local_only, max_body=LIMITS["request"])
