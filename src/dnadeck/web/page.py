"""What only the page asks for: a settings file read back, the fonts its preview draws with,
and its place in the line for work.

``settings``: a settings file the page gave (``/api/yaml``), read back as the
form's choices; its logo and template by name only, for the page to ask
for them again. ``font``: the file this server draws a template's theme
font with, so that the quick preview uses the same letters. ``queue``: how
many requests wait and are worked on here, and a ticket's place (see queue.py).
"""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response

from .. import catalogue
from ..limits import WEB_SETTINGS_MAX_BYTES
from . import draw
from .form import SettingsProblem, read_settings
from .queue import ticket_of

FONT_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".ttc": "font/collection"}


def _problem(message: str, status: int = 422) -> Response:
    return JSONResponse({"problems": [{"field": "settings", "message": message}]}, status_code=status)


async def settings(request: Request) -> Response:
    try:
        form = await request.form(max_files=1, max_fields=1, max_part_size=WEB_SETTINGS_MAX_BYTES)
    except HTTPException as exc:
        return _problem(f"The file could not be read: {exc.detail}", 400)
    try:
        upload = form.get("settings")
        if not isinstance(upload, UploadFile):
            return _problem("Choose a settings file.")
        data = await upload.read(WEB_SETTINGS_MAX_BYTES + 1)
        if len(data) > WEB_SETTINGS_MAX_BYTES:
            return _problem("This file is too large to be a settings file from this page.")
        return JSONResponse(read_settings(data, catalogue.pack_ids()))
    except SettingsProblem as exc:
        return _problem(str(exc))
    finally:
        await form.close()


async def font(request: Request) -> Response:
    """``?key=...``: a font file the preview JSON named (see ``draw.font_files``)."""
    path = draw.font_files().get(request.query_params.get("key", ""))
    kind = FONT_TYPES.get(path.suffix.lower()) if path else None
    if path is None or kind is None or not path.is_file():
        return Response("Not found", 404)
    return FileResponse(path, media_type=kind, headers={"cache-control": "max-age=3600"})


async def queue(request: Request) -> Response:
    """``?ticket=...``: the line here, and where that ticket's request is in it."""
    state = request.app.state
    answer = state.line.answer(ticket_of(request.query_params.get("ticket")), state.pool.size)
    return JSONResponse(answer, headers={"cache-control": "no-store"})
