"""No temporary file or folder is left behind when a run is stopped: SIGTERM or
Ctrl-C (SIGINT) sent to a real dnadeck process, at every stage of its work."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import yaml
from conftest import need

ROOT = Path(__file__).resolve().parent.parent
# Finished first, or stopped by Ctrl-C or SIGTERM (or by the signal itself, before Python could take it).
STOPPED = {0, 130, 143, -signal.SIGINT, -signal.SIGTERM}


def start(args: list[str], folder: Path, tmp: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TMPDIR": str(tmp)}
    return subprocess.Popen(
        [sys.executable, "-m", "dnadeck", *args], cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def left_behind(folder: Path, tmp: Path) -> list[str]:
    hidden = [p.name for p in folder.rglob(".*") if p.is_file()]
    return hidden + [p.name for p in tmp.iterdir()]


def whole_or_absent(path: Path) -> None:
    if path.exists():
        with zipfile.ZipFile(path) as deck:
            assert deck.testzip() is None


@pytest.fixture
def places(tmp_path: Path) -> tuple[Path, Path]:
    folder, tmp = tmp_path / "work", tmp_path / "tmp"
    folder.mkdir()
    tmp.mkdir()
    body = [{"kind": "text", "title": f"Part {n}", "points": ["Some words to say", "And more"]} for n in range(500)]
    (folder / "long.yaml").write_text(yaml.safe_dump({"title": "Long", "slides": [{"kind": "title"}, *body]}))
    return folder, tmp


def wait_for(process: subprocess.Popen[bytes], seen: callable) -> None:  # type: ignore[valid-type]
    """Until ``seen()`` is true or the process has ended."""
    while process.poll() is None and not seen():
        time.sleep(0.002)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_build_stopped_at_any_point_leaves_no_temporary_and_no_half_deck(
    places: tuple[Path, Path], signum: signal.Signals
) -> None:
    folder, tmp = places
    out = folder / "out" / "long.pptx"
    command = ["build", "long.yaml", "-o", "out/long.pptx", "--force"]
    began = time.monotonic()
    whole_build = start(command, folder, tmp)
    whole_build.communicate(timeout=120)
    assert whole_build.returncode == 0 and out.is_file()
    whole = time.monotonic() - began  # a whole build, start-up included, on this machine as busy as it is now
    for stage in range(6):
        process = start(command, folder, tmp)
        if stage == 5:  # just as the deck is being written beside its place
            wait_for(process, lambda: any((folder / "out").glob(".long.pptx.*.tmp")))
        else:  # at 0, 1/5, 2/5 ... of the way through: starting, loading, laying out, writing
            time.sleep(whole * stage / 5)
        process.send_signal(signum)
        _, err = process.communicate(timeout=120)
        assert left_behind(folder, tmp) == [], (stage, err)
        whole_or_absent(out)
        assert b"Traceback" not in err, err
        if stage == 5:  # stopped while writing: the deck is finished first, then the stop is reported
            assert process.returncode in STOPPED, (process.returncode, err)
        if process.returncode == 143:
            assert err.decode().endswith("dnadeck: stopped (SIGTERM); nothing half-written is left\n")


def test_the_installed_command_starts_as_python_m_dnadeck_does() -> None:
    """``dnadeck`` runs ``__main__.run``, which keeps Ctrl-C quiet while the command loads (the
    tests above stop ``python -m dnadeck`` at every stage), not ``cli.main`` directly."""
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "dnadeck"]
    assert script.value == "dnadeck.__main__:run"
    command = shutil.which("dnadeck", path=str(Path(sys.executable).parent))
    assert command, "dnadeck is not installed beside this Python: pip install -e '.[test]'"
    done = subprocess.run([command, "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("dnadeck, version ")


@pytest.mark.office
@pytest.mark.cold_office  # LibreOffice started for the conversion, in its own profile folder
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize("command", [["build", "resilience", "--pdf"], ["preview", "resilience"]])
def test_a_pdf_or_preview_stopped_while_libreoffice_works_leaves_no_temporary_folder(
    places: tuple[Path, Path], signum: signal.Signals, command: list[str]
) -> None:
    need("soffice")
    folder, tmp = places
    process = start(command, folder, tmp)
    wait_for(process, lambda: any(tmp.glob("dnadeck-lo-*")))
    time.sleep(0.5)  # LibreOffice is starting in its profile folder
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    assert process.returncode in STOPPED, err
    assert left_behind(folder, tmp) == []
    assert not (folder / "resilience.pdf").exists() or process.returncode == 0
