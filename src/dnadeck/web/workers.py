"""Work in processes that can be stopped: a small pool of worker processes.

Each job (a build, a session plan, a conversion) runs in one worker process.
The number of workers is the work limit: a request waits for a free worker,
and its time limit counts the wait. At the time limit the worker is killed
with everything it started (it leads its own process group, so a LibreOffice
it started dies too), its memory goes with it, and a fresh worker takes its
place. Each job gets a folder the pool makes and removes, however the job ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, TypeVar

from ..errors import Failure
from ..limits import WEB_FORKSERVER_TEMP_MAX_BYTES

log = logging.getLogger("dnadeck.web")
T = TypeVar("T")
PRELOAD = ["dnadeck.web.jobs"]  # imported once by the fork server, shared by every worker
JOBS_PER_WORKER = 500  # then a fresh worker: memory a long-lived process may keep goes back
WAITING_PER_WORKER = 16  # requests waiting for a worker beyond this are told at once that it is busy


class TimeLimit(Exception):
    """A job passed its time limit (waiting for a worker included); its worker was killed."""


class Busy(TimeLimit):
    """So many requests wait for a worker that this one would not get one in time."""


class WorkerFailed(Exception):
    """A worker died or raised something unexpected; the message is for the server's log only."""


def _context() -> Any:  # a multiprocessing context (its Process type varies by start method)
    short = len(os.fsencode(tempfile.gettempdir())) <= WEB_FORKSERVER_TEMP_MAX_BYTES
    if short and "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _worker_main(conn: Connection) -> None:
    """A worker: run each job sent and send back its result, until the pipe closes."""
    os.setsid()  # its own process group: killed with whatever it starts
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the server, which stops us
    while True:
        try:
            work, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", work(*args))
        except Failure as exc:  # GuideError, OfficeError: they pickle whole
            reply = ("failure", exc)
        except Exception as exc:
            reply = ("failed", "".join(traceback.format_exception_only(exc)).strip())
        try:
            conn.send(reply)
        except Exception as exc:  # a result that cannot be sent
            conn.send(("failed", f"result could not be sent: {type(exc).__name__}"))


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    jobs: int = 0

    def kill(self) -> None:
        """Kill the worker and every process it started, and wait for it."""
        pid = self.process.pid
        if pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(Exception):
            self.process.kill()
        self.process.join(10)
        self.conn.close()


class Pool:
    """``size`` worker processes; ``await pool.run(work, *args, seconds=...)``.

    ``work`` is a module-level function ``work(folder, *args)``; ``folder`` is
    an empty temporary folder that is removed when the job ends.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._ctx = _context()
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._closed = False
        self.started = 0  # jobs handed to a worker so far
        self.waiting = 0

    def _spawn(self) -> _Worker:
        ours, theirs = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker_main, args=(theirs,), daemon=True, name="dnadeck-worker")
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self._all.add(worker)
        return worker

    async def start(self) -> None:
        workers = await asyncio.to_thread(lambda: [self._spawn() for _ in range(self.size)])
        for worker in workers:
            self._idle.put_nowait(worker)

    def pids(self) -> list[int]:
        """The worker processes' ids (for tests and the health check)."""
        return [w.process.pid for w in self._all if w.process.pid is not None]

    async def run(
        self, work: Callable[..., T], *args: Any, seconds: float, started: Callable[[], None] | None = None
    ) -> T:
        """``work(folder, *args)`` in a worker within ``seconds``; ``started()`` is called
        when a worker has it. Raises TimeLimit, GuideError, OfficeError, or WorkerFailed."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        if self.waiting >= WAITING_PER_WORKER * self.size:
            raise Busy
        self.waiting += 1
        try:
            async with asyncio.timeout_at(deadline):
                worker = await self._idle.get()
        except TimeoutError:
            raise TimeLimit from None
        finally:
            self.waiting -= 1
        self.started += 1
        if started is not None:
            started()
        folder = Path(tempfile.mkdtemp(prefix="dnadeck-web-"))
        done = False
        worker.jobs += 1
        try:
            worker.conn.send((work, (folder, *args)))
            reply = await self._reply(worker, deadline)
            done = True
        except TimeoutError:
            raise TimeLimit from None
        finally:
            if done and worker.jobs < JOBS_PER_WORKER:
                self._idle.put_nowait(worker)
            else:  # over time, cancelled, or dead: nothing of it may go on
                await self._replace(worker)
            shutil.rmtree(folder, ignore_errors=True)
        result: T = _unpack(reply)
        return result

    async def _reply(self, worker: _Worker, deadline: float) -> tuple[str, Any]:
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()
        fd = worker.conn.fileno()

        def wake() -> None:
            if not ready.done():
                ready.set_result(None)

        loop.add_reader(fd, wake)
        try:
            async with asyncio.timeout_at(deadline):
                await ready
        finally:
            loop.remove_reader(fd)
        try:
            reply: tuple[str, Any] = worker.conn.recv()
        except (EOFError, OSError):
            raise WorkerFailed(f"worker {worker.process.pid} died (exit code {worker.process.exitcode})") from None
        return reply

    async def _replace(self, worker: _Worker) -> None:
        self._all.discard(worker)
        await asyncio.to_thread(worker.kill)
        if not self._closed:
            self._idle.put_nowait(await asyncio.to_thread(self._spawn))

    async def close(self) -> None:
        self._closed = True
        workers = list(self._all)
        self._all.clear()
        for worker in workers:
            await asyncio.to_thread(worker.kill)


def _unpack(reply: tuple[str, Any]) -> Any:
    kind, value = reply
    if kind == "ok":
        return value
    if kind == "failure":
        raise value
    raise WorkerFailed(value)
