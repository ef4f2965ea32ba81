"""Output paths checked: never over an input, nor a file a person has made or changed.

Before an existing file is replaced it must be one dnadeck wrote there: a
deck or session plan whose parts still match the fingerprint ``stamp.py``
recorded in it (one edited in PowerPoint or Word since, or a file dnadeck
did not write, is kept unless forced), a file that starts as its writer's
do (a PDF, a PNG), our schema. ``atomic.py`` then writes it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError, shown
from ..limits import DECK_READ_MAX_BYTES
from .stamp import recorded_fingerprint

if TYPE_CHECKING:
    from ..model import Guide

JSON_MARK = b'"title": "dnadeck guide"'  # what a .json must hold to be replaced: our schema, as schema_text writes it


def files_read(guide: Guide) -> tuple[Path, ...]:
    """The files a guide was made from: its guide files, logo and template."""
    return tuple(p for p in (*guide.files, guide.logo, guide.template) if p is not None)


def check_output(path: Path, *, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Refuse to write ``path`` if that would destroy something; OutputError says why.

    Never over an input (the guide, its logo or template), a folder, a
    device, a read-only file, nor (without ``force``) a file open in
    PowerPoint or LibreOffice, nor one that is not what dnadeck writes
    there: a deck changed since dnadeck wrote it, or a file of another kind.
    """
    name = shown(path, 200)
    for given in inputs:
        if _same_file(path, given):
            raise OutputError(f"{name} is one of the files the deck is made from; choose another output name")
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write {name} ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{name} is a folder; name a file, or end the name with / to write into the folder")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{name} is not a file (a device or a pipe); choose another output name")
    if not info.st_mode & stat.S_IWUSR:
        raise OutputError(f"{name} is read-only, so it is left as it is; make it writable", elsewhere=True)
    if force:
        return
    if _lock_file(path):
        raise OutputError(f"{name} is open in PowerPoint or LibreOffice: close it and try again", replaceable=True)
    from . import WRITERS  # what each kind of file dnadeck writes looks like

    suffix = path.suffix.lower()
    writer = WRITERS.get(suffix)
    if writer is not None and writer.edited_in:
        _check_deck(path, name, writer.what, writer.edited_in)
    elif (writer is not None and writer.magic) or suffix == ".json":
        try:
            with path.open("rb") as fh:
                head = fh.read(1_000_000)
        except OSError as exc:
            raise OutputError(f"cannot read {name} to check it ({exc.strerror or exc})") from None
        if not (head.startswith(writer.magic) if writer is not None else JSON_MARK in head):
            what = "the dnadeck schema" if suffix == ".json" else f"a {suffix[1:].upper()} file"
            raise OutputError(f"{name} is already there and is not {what}", replaceable=True, elsewhere=True)
    else:
        raise OutputError(f"{name} is already there", replaceable=True, elsewhere=True)


def _check_deck(path: Path, name: str, what: str = "a deck", program: str = "PowerPoint") -> None:
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= DECK_READ_MAX_BYTES else b""
    except OSError as exc:
        raise OutputError(f"cannot read {name} to check it ({exc.strerror or exc})") from None
    recorded, now = recorded_fingerprint(data)
    if recorded is None:
        raise OutputError(f"{name} is already there and is not {what} dnadeck wrote", replaceable=True, elsewhere=True)
    if recorded != now:
        raise OutputError(
            f"{name} was changed after dnadeck wrote it (edited in {program}?)", replaceable=True, elsewhere=True
        )


def _lock_file(path: Path) -> bool:
    """Whether PowerPoint (~$name) or LibreOffice (.~lock.name#) has the file open."""
    folder, name = path.parent, path.name
    candidates = [f".~lock.{name}#", f"~${name}", f"~${name[2:]}"]
    return any((folder / c).exists() for c in candidates)


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except (OSError, ValueError, RuntimeError):
        return False
