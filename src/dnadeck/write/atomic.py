"""Files written atomically: beside their destination under a temporary name, renamed
over it only when complete, so a failed build never leaves a partial file nor
damages the one already there; a replaced file keeps its permissions.
"""

from __future__ import annotations

import errno
import os
import secrets
import signal
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError, shown


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename."""
    write_all_atomic([(path, data)])


def write_all_atomic(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files, each via a temporary file; rename them only when all are written.

    A replaced file keeps its permission bits; a new one gets the usual
    ones (0666 less the umask). Errors name the file, never the temporary.
    Ctrl-C or a SIGTERM (which the command line turns into an exception)
    waits until the files are in place or the temporaries gone: each
    temporary is noted before it is made, and removed whatever happens.
    """
    temps: list[tuple[str, Path]] = []
    with _signals_held():
        try:
            for path, data in files:
                _written_beside(path, data, temps)
            for tmp, path in temps:
                try:
                    os.replace(tmp, path)
                except OSError as exc:
                    raise _cannot_write(path, exc) from None
        finally:
            for tmp, _ in temps:
                Path(tmp).unlink(missing_ok=True)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back (delivered when this ends), where the system allows."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _written_beside(path: Path, data: bytes, temps: list[tuple[str, Path]]) -> None:
    """Write ``data`` to a new hidden file beside ``path``, noted in ``temps`` before it exists."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    while True:
        tmp = str(path.parent / f".{path.name[:100]}.{secrets.token_hex(4)}.tmp")
        temps.append((tmp, path))
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            break
        except FileExistsError:
            temps.pop()  # someone else's: another name
        except OSError as exc:
            temps.pop()
            raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _cannot_write(path: Path, exc: OSError) -> OutputError:
    name = shown(path, 200)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY):
        message = f"cannot write {name} (permission denied): if it is open, close it in PowerPoint"
        return OutputError(message, elsewhere=True)
    if exc.errno == errno.ENOSPC:
        return OutputError(f"cannot write {name}: the disk is full")
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return OutputError(f"cannot write {name}: a part of its folder path is a file, not a folder")
    if exc.errno == errno.EROFS:
        return OutputError(f"cannot write {name}: the disk is read-only")
    return OutputError(f"cannot write {name} ({exc.strerror or exc})")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
