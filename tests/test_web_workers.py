"""Work in processes that can be stopped: each job in a worker, in an empty
folder removed afterwards; over its time it is killed and the worker replaced."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from dnadeck.errors import GuideError
from dnadeck.web import jobs, workers
from dnadeck.web.form import DeckForm


def folder_of(folder: Path) -> str:
    """A job that says where it ran (a module-level function, as a worker's work must be)."""
    (folder / "mark").write_text("x")
    return str(folder)


def spin(folder: Path) -> None:
    while True:
        pass


def run(size: int, *jobs_: tuple[object, ...], seconds: float = 120) -> list[object]:
    """The pool's workers, then each job's result (or the exception it raised) run in turn
    on a fresh pool of ``size``, then its workers again."""

    async def go() -> list[object]:
        pool = workers.Pool(size)
        await pool.start()
        out: list[object] = [pool.pids()]
        try:
            for work, *args in jobs_:
                try:
                    out.append(await pool.run(work, *args, seconds=seconds))  # type: ignore[arg-type]
                except Exception as exc:
                    out.append(exc)
            out.append(pool.pids())
        finally:
            await pool.close()
        return out

    return asyncio.run(go())


def test_a_job_runs_in_its_own_folder_that_is_removed_afterwards() -> None:
    before, first, second, after = run(1, (folder_of,), (folder_of,))
    assert first != second and not Path(str(first)).exists() and not Path(str(second)).exists()
    assert before == after and len(after) == 1  # type: ignore[arg-type]


def test_a_guide_error_comes_back_whole_and_the_worker_stays() -> None:
    _, failed, ok, _ = run(
        1, (jobs.deck, DeckForm("compassion", stories=["stya"])), (jobs.checked, DeckForm("compassion"))
    )
    assert isinstance(failed, GuideError) and "stya" in str(failed)
    assert ok is None


def test_work_over_its_time_is_stopped_and_its_worker_replaced() -> None:
    before, over, after = run(1, (spin,), seconds=0.5)
    assert isinstance(over, workers.TimeLimit)
    assert len(after) == 1 and after != before  # type: ignore[arg-type]


def test_a_worker_is_renewed_after_its_share_of_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "JOBS_PER_WORKER", 2)

    async def run() -> list[list[int]]:
        pool = workers.Pool(1)
        await pool.start()
        seen = [pool.pids()]
        try:
            for _ in range(3):
                await pool.run(jobs.checked, DeckForm("compassion"), seconds=120)
                seen.append(pool.pids())
        finally:
            await pool.close()
        return seen

    seen = asyncio.run(run())
    assert seen[0] == seen[1] != seen[2] == seen[3], seen
    assert not Path(f"/proc/{seen[0][0]}").exists(), "the worker that did its share is gone"


def test_workers_start_under_a_long_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A TMPDIR too long for the fork server's socket: the page's workers still start and build."""
    long = tmp_path / ("t" * 60) / ("u" * 40)
    long.mkdir(parents=True)
    monkeypatch.setenv("TMPDIR", str(long))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again
    _, made, _ = run(1, (jobs.checked, DeckForm("compassion")))
    assert made is None
