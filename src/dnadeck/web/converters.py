"""Warm LibreOffice for the web app: unoserver converters, started here or running elsewhere.

``dnadeck serve`` starts ``--converters N`` unoservers on this computer (each
a LibreOffice kept running, one conversion at a time) and may be given the
addresses of converters on other hosts. A conversion takes a free converter
for its whole run; a local converter whose conversion passes the time limit
or fails is restarted, so LibreOffice never goes on with work nobody waits
for, nor stays in a state it cannot convert from.

unoserver runs under the Python that has LibreOffice's ``uno`` module
(Debian: python3-uno, so /usr/bin/python3), which may not be dnadeck's own.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xmlrpc.client
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .. import catalogue
from ..errors import OfficeError
from ..write.office import converter_proxy, remove_office_pipe, soffice
from .workers import TimeLimit

log = logging.getLogger("dnadeck.web")
# unoserver's server, started without its fixed waits: uno_start.py, run under unoserver's Python
# (which need not have dnadeck) by its path, so that ``ps`` shows which file runs.
UNO_START = Path(__file__).with_name("uno_start.py")
RUN_FILE = "import runpy, sys; runpy.run_path(sys.argv.pop(1), run_name='__main__')"
START_SECONDS = 60.0
INSTALL = (
    "warm converters need unoserver under a Python with LibreOffice's uno module "
    "(Debian: apt-get install python3-uno; /usr/bin/python3 -m pip install unoserver)"
)


@cache
def unoserver_python() -> str:
    """A Python that can run unoserver's server (it has ``uno``). Raises OfficeError."""
    candidates = [os.environ.get("DNADECK_UNO_PYTHON"), sys.executable, "/usr/bin/python3", shutil.which("python3")]
    for python in dict.fromkeys(c for c in candidates if c):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            done = subprocess.run([python, "-c", "import uno, unoserver.server"], capture_output=True, timeout=30)
            if done.returncode == 0:
                return python
    raise OfficeError(INSTALL)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def answers(address: str, timeout: float = 5.0) -> bool:
    """Whether the unoserver at ``address`` answers (its ``info`` call)."""
    try:
        with converter_proxy(address, timeout) as proxy:
            proxy.info()
    except (OSError, xmlrpc.client.Error, http.client.HTTPException):
        return False
    return True


@dataclass(eq=False)  # one per process: held in sets, compared by identity
class Local:
    """One unoserver with its LibreOffice, started here."""

    process: subprocess.Popen[bytes]
    address: str
    profile: Path

    @classmethod
    def start(cls, time_limit: float) -> Local:
        port, uno_port = free_port(), free_port()
        profile = Path(tempfile.mkdtemp(prefix="dnadeck-converter-"))
        command = [
            unoserver_python(),
            "-c",
            RUN_FILE,
            str(UNO_START),
            "--interface=127.0.0.1",
            f"--port={port}",
            f"--uno-port={uno_port}",
            f"--user-installation={profile}",
            f"--conversion-timeout={max(1, int(time_limit))}",
            "--quiet",
        ]
        quiet = subprocess.DEVNULL  # LibreOffice talks on start-up (javaldx...); failures show as no answer
        process = subprocess.Popen(command, stdin=quiet, stdout=quiet, stderr=quiet, start_new_session=True)
        return cls(process, f"127.0.0.1:{port}", profile)

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while not answers(self.address, 2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise OfficeError(f"a converter (unoserver) did not start: {INSTALL}")
            time.sleep(0.2)

    def warm(self) -> None:
        """Convert a pack once: the first conversion loads Impress, the fonts and the
        PDF export, and takes twice as long as the next."""
        from .. import deck_bytes, load_guide, pdf_bytes

        try:
            pdf_bytes(deck_bytes(load_guide(catalogue.pack_ids()[0])), "warm.pptx", self.address)
        except OfficeError as exc:
            log.warning("a converter could not convert a pack to warm up: %s", exc)

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(3)  # nothing to save: a converter's profile is thrown away
        # LibreOffice's launcher can outlive a stop that came mid-conversion: the group goes whole.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        remove_office_pipe(self.profile)
        shutil.rmtree(self.profile, ignore_errors=True)


class Stopped(Exception):
    """A converter was asked for after the converters were stopped."""


@dataclass
class Converters:
    """The converters a server uses: ``local`` started here, ``remote`` addresses elsewhere.

    With none at all, each conversion starts its own LibreOffice (one at a time).
    """

    count: int = 0
    remote: list[str] = field(default_factory=list)
    time_limit: float = 120.0
    local: dict[str, Local] = field(default_factory=dict)
    _free: asyncio.Queue[str | None] = field(default_factory=asyncio.Queue)
    _restarts: set[asyncio.Task[None]] = field(default_factory=set)
    # Converters launched and not yet ready: a stop while they start (the server stopped during its
    # start-up) must stop them too, or they outlive it in their own sessions.
    _starting: set[Local] = field(default_factory=set)
    _stopped: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def start(self) -> None:
        started = await asyncio.gather(*(asyncio.to_thread(self._start_one) for _ in range(self.count)))
        for address in self.remote:
            if not await asyncio.to_thread(answers, address):
                log.warning(
                    "the converter at %s does not answer (yet): PDFs sent to it will fail until it does", address
                )
        for address in [*started, *self.remote]:
            self._free.put_nowait(address)
        if not self.count and not self.remote:
            self._free.put_nowait(None)  # LibreOffice started for each conversion

    def _start_one(self) -> str:
        """Start a converter and wait until it has converted once (in a thread). Raises OfficeError,
        or Stopped where the converters were stopped meanwhile (the new one is stopped too)."""
        converter = Local.start(self.time_limit)  # not under the lock: stop() takes it on the event loop
        with self._lock:
            stopped = self._stopped
            if not stopped:
                self._starting.add(converter)
        if stopped:
            converter.stop()
            raise Stopped
        try:
            converter.wait_ready()
            converter.warm()
        except OfficeError:
            with self._lock:
                self._starting.discard(converter)
                if self._stopped:
                    raise Stopped from None
            raise
        with self._lock:
            self._starting.discard(converter)
            if not self._stopped:
                self.local[converter.address] = converter
                return converter.address
        converter.stop()
        raise Stopped

    @property
    def addresses(self) -> list[str]:
        return [*self.local, *self.remote]

    @contextlib.asynccontextmanager
    async def one(self, deadline: float) -> AsyncIterator[str | None]:
        """A free converter's address (None: start LibreOffice) until the block ends.
        Raises TimeoutError at ``deadline`` (the loop's time)."""
        async with asyncio.timeout_at(deadline):
            address = await self._free.get()
        restart = False
        try:
            yield address
        except (TimeLimit, asyncio.CancelledError, OfficeError):
            # it may still be converting for nobody, or be in a state it cannot convert from
            restart = address in self.local
            raise
        finally:
            if restart:  # in the background: the answer need not wait for it
                task = asyncio.create_task(self._restart(str(address)))
                self._restarts.add(task)
                task.add_done_callback(self._restarts.discard)
            else:
                self._free.put_nowait(address)

    async def _restart(self, address: str) -> None:
        """Stop a local converter that may still be busy with abandoned work; start another."""
        await asyncio.to_thread(self.local.pop(address).stop)
        try:
            self._free.put_nowait(await asyncio.to_thread(self._start_one))
        except Stopped:
            pass
        except OfficeError as exc:
            log.error("a converter could not be started again: %s", exc)

    async def stop(self) -> None:
        """Stop every local converter, those still starting included; none is started after."""
        with self._lock:
            self._stopped = True
            converters = [*self.local.values(), *self._starting]
            self.local.clear()
        await asyncio.gather(*(asyncio.to_thread(c.stop) for c in converters))
        for task in list(self._restarts):
            with contextlib.suppress(BaseException):
                await task


def default_count(named: list[str]) -> int:
    """Converters ``dnadeck serve`` starts unless told: none when some are named
    or unoserver cannot run here (each PDF then starts LibreOffice), else 2."""
    if named:
        return 0
    try:
        soffice()
        unoserver_python()
    except OfficeError:
        return 0
    return 2
