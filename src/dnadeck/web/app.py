"""The web app: the page, its files, and the HTTP API over dnadeck's library.

Starlette routes parse a form, hand the work to a worker process (see
workers.py; conversions also take a converter, see converters.py) within the
time limit, and answer with a file or JSON. Nothing is kept between requests,
so any number of instances can serve behind one load balancer: uploads go
into a folder that is removed when the request's work is done. Every request
passes the Guard first (guard.py). ``create_app`` makes an app;
``dnadeck serve`` runs it (server.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import anyio
from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from .. import GuideError, OfficeError, Problem, catalogue, load_guide, pack_ids, plan_deck, soffice, stories
from ..limits import (
    WEB_CHOICES_MAX,
    WEB_FIELD_MAX_BYTES,
    WEB_LOGO_MAX_BYTES,
    WEB_REQUEST_MAX_BYTES,
    WEB_SECONDS,
    WEB_TEMPLATE_MAX_BYTES,
    WEB_TEXT_MAX,
    size_text,
)
from . import jobs, page, queue
from .converters import Converters
from .form import FILE_FIELDS, TEXT_FIELDS, DeckForm, Upload, chosen_language, problem_json, safe_name
from .guard import LOOPBACK as LOOPBACK
from .guard import Guard, TooLarge
from .workers import Pool, TimeLimit, WorkerFailed

# What the page is told of the limits: file sizes in bytes, a text field's length in characters.
LIMITS = {
    "logo": WEB_LOGO_MAX_BYTES,
    "template": WEB_TEMPLATE_MAX_BYTES,
    "request": WEB_REQUEST_MAX_BYTES,
    "text": WEB_TEXT_MAX,
}
FILE_KINDS = {"logo": "image", "template": "PowerPoint template"}
TIME_LIMIT_ENV = "DNADECK_TIME_LIMIT"
BODY_SECONDS = 60.0  # to send a whole form
STATIC = Path(__file__).parent / "static"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TOO_LONG = "That took too long (the server may be busy). Please try again in a minute."

log = logging.getLogger("dnadeck.web")
T = TypeVar("T")


class Problems(Exception):
    """Problems with a request, with the HTTP status to answer them with: every
    failure becomes one in ``_respond``, answered as JSON ``{"problems": [...]}``.
    Each is a Problem (the library's type) about a form field, in no file."""

    def __init__(self, problems: list[Problem], status: int = 422) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems
        self.status = status

    @classmethod
    def one(cls, field: str, message: str, status: int = 422) -> Problems:
        return cls([_problem(field, message)], status)

    def response(self) -> JSONResponse:
        return JSONResponse({"problems": [problem_json(p) for p in self.problems]}, status_code=self.status)


def _problem(field: str, message: str) -> Problem:
    """A problem with the form's ``field`` ("" for the whole request)."""
    return Problem("", None, field, message)


def too_large() -> Problems:
    limit = size_text(LIMITS["request"])
    return Problems.one("", f"Everything sent together must be under {limit}: choose smaller files.", 413)


def time_limit_setting() -> float:
    """The time limit: ``DNADECK_TIME_LIMIT`` (seconds) if set, else WEB_SECONDS."""
    value = os.environ.get(TIME_LIMIT_ENV, "").strip()
    try:
        return float(value) if value else WEB_SECONDS
    except ValueError:
        raise ValueError(f"{TIME_LIMIT_ENV} must be a number of seconds, not {value!r}") from None


# -- the packs ---------------------------------------------------------------


@cache
def packs_json() -> list[dict[str, Any]]:
    """Every bundled pack: its stories and numbered questions, as the page lists them."""
    out = []
    for pack in pack_ids():
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
    titles = {s["id"]: s["title"] for s in pack["stories"]} | {k: v.title for k, v in stories().items()}
    return titles, {q["number"]: q["text"] for q in pack["questions"]}


# -- reading a form ------------------------------------------------------------


async def read_form(request: Request) -> DeckForm:
    """The deck form in a request, checked for what the library cannot check:
    the pack id, sizes and lengths. Raises Problems."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise Problems.one("", "Send the choices as a form (multipart/form-data).", 415)
    try:
        async with asyncio.timeout(BODY_SECONDS):  # a slow sender holds no worker, but not for ever
            form = await request.form(
                max_files=len(FILE_FIELDS), max_fields=2 * WEB_CHOICES_MAX + 20, max_part_size=WEB_FIELD_MAX_BYTES
            )
    except HTTPException as exc:
        raise Problems.one("", f"The form could not be read: {exc.detail}", 400) from None
    except TimeoutError:
        raise Problems.one("", f"The form took more than {BODY_SECONDS:.0f} s to arrive.", 408) from None
    try:
        return await _read(form)
    finally:
        await form.close()


async def _read(form: FormData) -> DeckForm:
    problems: list[Problem] = []
    source = str(form.get("source") or "").strip()
    if source not in pack_ids():
        problems.append(_problem("source", f"Choose one of the packs: {', '.join(pack_ids())}."))
    deck = DeckForm(source)
    for key, name in (("story", "stories"), ("question", "questions")):
        if key in form:
            values = [str(v).strip() for v in form.getlist(key)]
            if len(values) > WEB_CHOICES_MAX:
                problems.append(_problem(key, f"Choose at most {WEB_CHOICES_MAX}."))
            setattr(deck, name, [v for v in values if v])
    for key in TEXT_FIELDS:
        value = " ".join(str(form.get(key) or "").split())
        if len(value) > WEB_TEXT_MAX:
            problems.append(_problem(key, f"Keep this under {WEB_TEXT_MAX} characters."))
        elif value:
            deck.text[key] = value
    deck.date = str(form.get("date") or "").strip() or None
    try:
        deck.language = chosen_language(str(form.get("language") or ""))
    except ValueError as exc:
        problems.append(_problem("language", str(exc)))
    for key in FILE_FIELDS:
        upload = form.get(key)
        if not isinstance(upload, UploadFile) or not upload.filename:
            continue
        data = await upload.read(LIMITS[key] + 1)
        if len(data) > LIMITS[key]:
            message = f"This file is larger than {size_text(LIMITS[key])}: choose a smaller {FILE_KINDS[key]}."
            problems.append(_problem(key, message))
            continue
        if not data:
            problems.append(_problem(key, f"'{upload.filename}' is empty: choose the file again."))
            continue
        taken = [f"{source}.yaml", *(u.name for u in deck.uploads.values())]
        deck.uploads[key] = Upload(key, safe_name(upload.filename, ".png" if key == "logo" else ".pptx", taken), data)
    if problems:
        raise Problems(problems)
    return deck


async def run(request: Request, work: Callable[..., T], deck: DeckForm, convert: bool = False) -> T:
    """``work(folder, deck)`` in a worker process within the time limit (``convert``:
    with a converter too, ``work(folder, deck, converter)``). Raises Problems (503) at the limit."""
    state = request.app.state
    loop = asyncio.get_running_loop()
    deadline = loop.time() + state.time_limit
    try:
        pool: Pool = state.pool
        with state.line.join(queue.ticket_of(request.headers.get(queue.HEADER))) as started:
            if not convert:
                return await pool.run(work, deck, seconds=state.time_limit, started=started)
            async with state.converters.one(deadline) as converter:
                left = max(0.0, deadline - loop.time())
                return await pool.run(work, deck, converter, seconds=left, started=started)
    except (TimeLimit, TimeoutError):
        raise Problems.one("", TOO_LONG, 503) from None


def _respond(handler: Callable[[Request, DeckForm], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """Read the form, run ``handler``, and answer problems as JSON."""

    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request, await read_form(request))
        except Problems as exc:
            return exc.response()
        except GuideError as exc:
            return Problems(exc.problems).response()
        except OfficeError as exc:  # its message names no folder
            return Problems.one("", str(exc), 503).response()
        except TooLarge:
            return too_large().response()
        except ClientDisconnect:
            log.info("%s: the client went away before sending the whole form", request.url.path)
            return Response(status_code=400)
        except WorkerFailed as exc:
            log.error("%s: %s", request.url.path, exc)
            return Problems.one("", "Something went wrong on the server while making the deck.", 500).response()
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
    packs = await anyio.to_thread.run_sync(packs_json)
    return JSONResponse({"packs": packs, "office": has_office(request), "limits": LIMITS})


def has_office(request: Request) -> bool:
    """Whether PDFs and the true preview can be made: a converter, or LibreOffice here."""
    if request.app.state.converters.addresses:
        return True
    try:
        soffice()
    except OfficeError:
        return False
    return True


def _made_file(
    work: Callable[..., tuple[str, bytes]], suffix: str, media_type: str, convert: bool = False
) -> Callable[[Request, DeckForm], Awaitable[Response]]:
    """A handler answering with ``work``'s ``(id, bytes)`` as a download named ``<id><suffix>``."""

    async def handler(request: Request, deck: DeckForm) -> Response:
        if convert and not has_office(request):
            soffice()  # says what to install
        name, data = await run(request, work, deck, convert)
        return _attachment(data, f"{name}{suffix}", media_type)

    return handler


async def _pages(request: Request, deck: DeckForm) -> Response:
    if not has_office(request):
        soffice()
    pages = await run(request, jobs.pages, deck, convert=True)
    return JSONResponse({"pages": pages})


async def _yaml(request: Request, deck: DeckForm) -> Response:
    await run(request, jobs.checked, deck)
    titles, questions = _comments(deck.source)
    return _attachment(deck.to_yaml(titles, questions).encode("utf-8"), deck.file_name, "application/yaml")


async def _plan(request: Request, deck: DeckForm) -> Response:
    return JSONResponse(await run(request, jobs.plan, deck))


def create_app(
    *,
    local_only: bool = True,
    hosts: tuple[str, ...] | list[str] = (),
    workers: int | None = None,
    time_limit: float | None = None,
    converters: int = 0,
    remote_converters: tuple[str, ...] | list[str] = (),
) -> ASGIApp:
    """The web app. ``local_only``: answer only requests whose Host is this
    computer (localhost, 127.0.0.1, [::1]), as when it listens on localhost;
    ``hosts``: the names it answers to as well (behind a proxy that passes them).
    ``workers``: worker processes, the work done at once (default: one per
    core, 2 to 4); ``time_limit``: seconds for one request's work (default:
    DNADECK_TIME_LIMIT, else WEB_SECONDS); ``converters``: unoservers to start
    here, and ``remote_converters`` (``host:port``) running elsewhere; with
    neither, each PDF starts LibreOffice, one at a time."""
    limit = time_limit_setting() if time_limit is None else time_limit
    size = workers or max(2, min(4, os.cpu_count() or 1))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.time_limit = limit
        app.state.pool = Pool(size)
        app.state.line = queue.Line()
        app.state.converters = Converters(converters, list(remote_converters), limit)
        await app.state.pool.start()
        try:
            await app.state.converters.start()
            yield
        finally:
            await app.state.converters.stop()
            await app.state.pool.close()

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/api/packs", api_packs),
            Route("/api/settings", page.settings, methods=["POST"]),
            Route("/api/font", page.font),
            Route("/api/queue", page.queue),
            Route("/api/plan", _respond(_plan), methods=["POST"]),
            Route("/api/deck", _respond(_made_file(jobs.deck, ".pptx", PPTX)), methods=["POST"]),
            Route(
                "/api/pdf", _respond(_made_file(jobs.pdf, ".pdf", "application/pdf", convert=True)), methods=["POST"]
            ),
            Route("/api/pages", _respond(_pages), methods=["POST"]),
            Route("/api/yaml", _respond(_yaml), methods=["POST"]),
            Route("/api/handout", _respond(_made_file(jobs.handout, "-handout.docx", DOCX)), methods=["POST"]),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
            Mount("/fonts", StaticFiles(directory=catalogue.assets_dir() / "fonts"), name="fonts"),
        ],
        lifespan=lifespan,
    )
    return Guard(
        app,
        local_only=local_only,
        hosts=tuple(hosts),
        max_body=LIMITS["request"],
        too_large=lambda: too_large().response(),
    )
