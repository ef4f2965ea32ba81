"""Reading files a user names: regular files only, with a size cap, and
zip packages (templates) checked before anything unpacks them.

A named pipe, a device or a folder is refused rather than read (reading a
pipe would wait for ever); a file over its cap is refused before it is read
whole. Each problem is a ``FileProblem`` whose message says what to do.
"""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from pathlib import Path

from .limits import TEMPLATE_MAX_BYTES, TEMPLATE_MAX_PARTS, TEMPLATE_MAX_UNPACKED, size_text

NEAREST_LOOKS = 2_000  # names looked at in a folder for "did you mean"


def nearest_file(given: str) -> str | None:
    """The name in ``given``'s folder nearest to it, written as ``given`` was (for "did you mean")."""
    import difflib
    import itertools

    path = Path(given)
    try:
        names = [p.name for p in itertools.islice(path.parent.iterdir(), NEAREST_LOOKS)]
    except (OSError, ValueError):
        return None
    close = difflib.get_close_matches(path.name[:100], names, n=1, cutoff=0.6)
    if not close:
        return None
    return close[0] if path.parent == Path() else str(path.parent / close[0])


class FileProblem(ValueError):
    """A file that cannot be used; the message says why and what to do."""


def read_capped(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``; FileProblem if it is not one,
    cannot be read, or is bigger than ``limit`` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise FileProblem("no such file") from None
    except OSError as exc:
        raise FileProblem(_why(exc, what)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem(f"is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(f"is not a {what} (a device or a pipe); name a file")
        if info.st_size > limit:
            raise FileProblem(f"is too big for a {what} ({size_text(info.st_size)}; at most {size_text(limit)})")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # files such as /proc/... report no size
                raise FileProblem(f"is too big for a {what} (more than {size_text(limit)})")
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(_why(exc, what)) from None
    finally:
        os.close(fd)


def check_package(path: Path) -> None:
    """Refuse a .pptx/.potx that is too big or unpacks to too much (a zip bomb)."""
    size = _file_size(path, "template")
    if size > TEMPLATE_MAX_BYTES:
        raise FileProblem(f"is too big for a template ({size_text(size)}; at most {size_text(TEMPLATE_MAX_BYTES)})")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise FileProblem(f"is not a PowerPoint file ({exc}); save it from PowerPoint as .pptx or .potx") from None
    if len(infos) > TEMPLATE_MAX_PARTS:
        raise FileProblem(
            f"has {len(infos)} parts inside (at most {TEMPLATE_MAX_PARTS}); a PowerPoint template has far fewer"
        )
    unpacked = sum(i.file_size for i in infos)
    if unpacked > TEMPLATE_MAX_UNPACKED:
        raise FileProblem(
            f"unpacks to {size_text(unpacked)} (at most {size_text(TEMPLATE_MAX_UNPACKED)}); remove large pictures or media from it"
        )


def _file_size(path: Path, what: str) -> int:
    try:
        info = path.stat()
    except OSError as exc:
        raise FileProblem(_why(exc, what)) from None
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem(f"is not a {what}; name a file")
    return info.st_size


def _why(exc: OSError, what: str) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"cannot be read (permission denied); check the {what}'s permissions"
    if exc.errno == errno.ENAMETOOLONG:
        return "has a name too long for this computer"
    if exc.errno == errno.ENOTDIR:
        return "no such file (a part of its path is a file, not a folder)"
    if exc.errno == errno.ELOOP:
        return "is a link that points to itself"
    return f"cannot be read ({exc.strerror or exc})"
