"""Hostile input: nothing a user types or supplies crashes dnadeck, hangs
it, leaks a file or destroys one.

Every case runs the real command (``dnadeck``'s ``main``, forked from a
process that has imported it: see ``hostile_launcher.py``) in its own folder,
bounded by 20 s of CPU time and 500 MB of address space (never by the
clock, so a busy machine does not fail it), and checks: the exit
status; stderr is one plain line per problem (no traceback, no control
characters); on failure no file is created and every file there before is
byte-identical (and keeps its permissions) afterwards; where the input is
fine, the deck is made and opens. The cases are the files in
``tests/hostile/`` (their ``# key: value`` header says what to expect) and
the generated ones below. They run in parallel and report every failure
together.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import shutil
import signal
import stat
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from dnadeck.catalogue import pack_path

HOSTILE = Path(__file__).parent / "hostile"
CPU = 20  # seconds of CPU time: a case that spins is killed by the kernel (SIGXCPU)
MEMORY = 500 * 1024 * 1024  # bytes of address space


class Launcher:
    """A ``hostile_launcher.py`` process: runs the command once per request, in a fresh fork."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        env.pop("DNADECK_DEBUG", None)
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).parent / "hostile_launcher.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )

    def run(self, request: dict[str, object]) -> int:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer: int = json.loads(self.process.stdout.readline())["exit"]
        return answer

    def close(self) -> None:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.close()
        self.process.wait()
        self.process.stdout.close()


_IDLE: queue.SimpleQueue[Launcher] = queue.SimpleQueue()
_STARTED: list[Launcher] = []


def launch(request: dict[str, object]) -> int:
    """Run one request in an idle launcher, started if none is idle (the cases run two or more at a time;
    a launcher loads the whole library, so each is kept for the next case, in any thread)."""
    try:
        one = _IDLE.get_nowait()
    except queue.Empty:
        one = Launcher()
        _STARTED.append(one)
    try:
        return one.run(request)
    finally:
        _IDLE.put(one)


@pytest.fixture(scope="module", autouse=True)
def _launchers() -> Iterator[None]:
    yield
    while _STARTED:
        _STARTED.pop().close()
    while not _IDLE.empty():
        _IDLE.get_nowait()


# One problem per line: FILE[:LINE]: [field: ]message, or `dnadeck[ command]: message`.
PROBLEM = re.compile(r"^[^\s][^\n]*?(:\d+)?: \S[^\n]*$")
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass
class Case:
    """One run of the command, and what must be true afterwards."""

    name: str
    args: list[str]
    setup: Callable[[Path], None] = lambda folder: None
    exit: int = 1
    stderr: list[str] = field(default_factory=list)  # each must be in stderr
    absent: list[str] = field(default_factory=list)  # none may be in stderr
    lines: int | None = 1  # stderr lines on failure (None: any number)
    deck: str | None = None  # on success: this deck exists ...
    deck_text: str | None = None  # ... and its first slide says this
    env: dict[str, str] = field(default_factory=dict)
    creates: list[str] = field(default_factory=list)  # files a failing run may still write (build-all)
    check: Callable[[Path], str | None] | None = None  # extra check; returns a failure or None


# -- cases from tests/hostile/*.yaml ------------------------------------------


def _file_case(path: Path) -> Case:
    header: dict[str, list[str]] = {}
    for line in path.read_bytes().decode("latin-1").lstrip("\ufeff\xef\xbb\xbf").splitlines():
        match = re.match(r"^# (\w+): (.*)$", line)
        if not match:
            break
        header.setdefault(match.group(1), []).append(match.group(2))
    code = int(header.get("exit", ["1"])[0])
    args = header.get("args", ["build {file} -o out.pptx"])[0].replace("{file}", path.name).split()
    deck = "out.pptx" if code == 0 else None
    deck_text = header["deck"][0].encode("latin-1").decode("utf-8") if "deck" in header else None
    return Case(
        path.stem,
        args,
        setup=lambda folder: shutil.copy(path, folder / path.name),
        exit=code,
        stderr=header.get("stderr", []),
        absent=header.get("not", []),
        lines=int(header["lines"][0]) if "lines" in header else 1,
        deck=deck,
        deck_text=deck_text,
    )


# -- generated cases ------------------------------------------------------------


def _build(*options: str) -> list[str]:
    """``build compassion OPTIONS -o out.pptx``."""
    return ["build", "compassion", *options, "-o", "out.pptx"]


def _write(name: str, data: str | bytes) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    return setup


def _all(*setups: Callable[[Path], None]) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        for one in setups:
            one(folder)

    return setup


def _chain(n: int) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        for i in range(n):
            (folder / f"g{i}.yaml").write_text(f"extends: g{i + 1}.yaml\n", encoding="utf-8")
        (folder / f"g{n}.yaml").write_text("extends: compassion\n", encoding="utf-8")

    return setup


def _fifo(name: str) -> Callable[[Path], None]:
    return lambda folder: os.mkfifo(folder / name)


def _png(name: str, size: tuple[int, int]) -> Callable[[Path], None]:
    """A PNG whose header says ``size``, with almost no data: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    w, h = size
    header = w.to_bytes(4, "big") + h.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    body = zlib.compress(b"\0" * 100_000, 9)
    return _write(name, b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def _zip_bomb(name: str) -> Callable[[Path], None]:
    """A .pptx whose parts unpack to 400,000,000 bytes (from about 400 KB)."""

    def setup(folder: Path) -> None:
        zeros = b"\0" * 50_000_000
        with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            for i in range(8):
                z.writestr(f"ppt/media/image{i}.png", zeros)

    return setup


def _fake_programs(folder: Path, soffice_exit: int | None = None) -> None:
    """bin/gs that leaves a mark if run; bin/soffice that fails (if asked)."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    gs = bin_dir / "gs"
    gs.write_text(f"#!/bin/sh\ntouch '{folder}/GHOSTSCRIPT-RAN'\nexit 1\n", encoding="utf-8")
    gs.chmod(0o755)
    if soffice_exit is not None:
        soffice = bin_dir / "soffice"
        soffice.write_text(f"#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit {soffice_exit}\n")
        soffice.chmod(0o755)


def _deck(name: str, mode: int | None = None, edit: bool = False) -> Callable[[Path], None]:
    """A deck dnadeck wrote (built in the test process), optionally edited or with a mode."""

    def setup(folder: Path) -> None:
        (folder / name).write_bytes(_compassion_deck())
        if edit:
            _edit(folder / name)
        if mode is not None:
            (folder / name).chmod(mode)

    return setup


_DECK: list[bytes] = []


def _compassion_deck() -> bytes:
    if not _DECK:
        from dnadeck import deck_bytes, load_guide

        _DECK.append(deck_bytes(load_guide("compassion")))
    return _DECK[0]


def _edit(path: Path) -> None:
    """Change one word on the first slide, as PowerPoint would save it."""
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    parts["ppt/slides/slide1.xml"] = parts["ppt/slides/slide1.xml"].replace(b"Compassion", b"Kindness", 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)


def _mode_is(name: str, mode: int) -> Callable[[Path], str | None]:
    def check(folder: Path) -> str | None:
        got = stat.S_IMODE((folder / name).stat().st_mode)
        return None if got == mode else f"{name} has mode {got:o}, not {mode:o}"

    return check


def _absent(name: str) -> Callable[[Path], str | None]:
    return lambda folder: f"{name} exists" if (folder / name).exists() else None


def _packs(**files: str) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        (folder / "packs").mkdir()
        for name, text in files.items():
            (folder / "packs" / name.replace("_", ".")).write_text(text, encoding="utf-8")

    return setup


COMPASSION = pack_path("compassion").read_text(encoding="utf-8")  # type: ignore[union-attr]
GOOD = "title: Fine\nslides:\n  - kind: title\n"
BAD_STORY = "title: Bad\nslides:\n  - kind: story\n    story: stya\n"

GENERATED = [
    # Hangs and memory
    Case("deep-flow", ["build", "g.yaml", "-o", "out.pptx"], _write("g.yaml", "title: " + "[" * 100_000)),
    Case("deep-block", ["build", "g.yaml", "-o", "out.pptx"], _write("g.yaml", "slides:\n" + "- " * 500_000 + "x\n")),
    Case(
        "deep-mapping",
        ["build", "g.yaml", "-o", "out.pptx"],
        _write("g.yaml", "".join(" " * i + "a:\n" for i in range(1500))),
        stderr=["nested more than 20 levels deep"],
    ),
    Case(
        "many-values",
        ["build", "g.yaml", "-o", "out.pptx"],
        _write("g.yaml", "title: A\nquestions: [" + "1," * 900_000 + "1]\n"),
        stderr=["has more than 100000 values"],
    ),
    Case(
        "huge-file",
        ["build", "g.yaml", "-o", "out.pptx"],
        _write("g.yaml", "title: A\nslides:\n" + "  - kind: title\n" * 200_000),
        stderr=["g.yaml: is too big for a guide file (3.1 MB; at most 2 MB)"],
    ),
    Case(
        "huge-scalar",
        ["build", "g.yaml", "-o", "out.pptx"],
        _write("g.yaml", "title: A\nslides:\n  - kind: text\n    title: T\n    body: " + "word " * 300_000 + "\n"),
        stderr=["slides[1].body: is 1499999 characters long; at most 20000"],
    ),
    Case(
        "too-many-slides",
        ["build", "g.yaml", "-o", "out.pptx"],
        _write("g.yaml", "title: A\nslides:\n" + "  - {kind: section, title: S}\n" * 2600),
        stderr=["2600 slides: a deck can have at most 2500"],
    ),
    Case(
        "many-slides-build",
        ["build", "g.yaml", "-o", "out.pptx"],
        _write("g.yaml", "title: A\nslides:\n" + "  - {kind: text, title: T, points: [a b c]}\n" * 600),
        exit=0,
        deck="out.pptx",
    ),
    Case(
        "thirty-thousand-problems",
        ["validate", "g.yaml"],
        _write("g.yaml", "title: A\nslides:\n" + "  - {kind: quote, bye: x}\n" * 30_000),
        lines=101,
        stderr=["g.yaml:3: slides[1].text: missing", "g.yaml: 89900 more problems not shown; fix these first"],
    ),
    Case(
        "thirty-thousand-loader-problems",
        ["build", "g.yaml", "-o", "out.pptx"],
        _write("g.yaml", "title: A\nslides:\n" + "  - {kind: story, story: nope}\n" * 30_000),
        lines=101,
        stderr=["g.yaml: 29900 more problems not shown"],
    ),
    Case(
        "thirty-thousand-questions",
        ["build", "g.yaml", "-o", "out.pptx"],
        _write(
            "g.yaml",
            "title: A\nslides:\n  - kind: questions\n    questions: [" + ",".join(["q"] * 30_000) + "]\n"
            "questions: [" + ",".join(map(str, range(1, 30_001))) + "]\n",
        ),
        lines=2,
        stderr=["slides[1].questions: is 30000 items long; at most 100", "questions: is 30000 items long"],
    ),
    Case(
        "utf-16-with-bom",
        ["build", "g.yaml", "-o", "out.pptx"],
        _write("g.yaml", "title: Café\nslides:\n  - kind: title\n".encode("utf-16")),
        exit=0,
        deck="out.pptx",
        deck_text="Café",
    ),
    Case(
        "a-deck-given-as-a-guide",
        ["build", "g.yaml", "-o", "out.pptx"],
        lambda f: (f / "g.yaml").write_bytes(_compassion_deck()),
        stderr=["g.yaml: is not a guide file: it holds binary data"],
    ),
    Case(
        "long-passages",
        ["build", "g.yaml", "-o", "out.pptx"],
        _write(
            "g.yaml",
            "title: A\nslides:\n" + ("  - {kind: text, title: T, body: '" + "lorem ipsum " * 1600 + "'}\n") * 11,
        ),
        stderr=["g.yaml:2: slides: the slides have 200,189 characters of long passages"],
    ),
    Case(
        "too-much-text",
        ["build", "g.yaml", "-o", "out.pptx"],
        _write("g.yaml", "title: A\nslides:\n" + f"  - {{kind: text, title: T, points: [{'word ' * 199}]}}\n" * 700),
        stderr=["characters of text; a deck can have at most 600,000"],
    ),
    Case("extends-chain-1200", ["build", "g0.yaml", "-o", "out.pptx"], _chain(1200), stderr=["more than 20 deep"]),
    Case("extends-chain-15", ["build", "g0.yaml", "-o", "out.pptx"], _chain(15), exit=0, deck="out.pptx"),
    Case("guide-is-a-pipe", ["build", "g.yaml", "-o", "out.pptx"], _fifo("g.yaml"), stderr=["a device or a pipe"]),
    Case("guide-is-dev-zero", ["build", "/dev/zero", "-o", "out.pptx"], stderr=["/dev/zero: is not a guide file"]),
    Case("guide-is-a-folder", ["build", "sub/", "-o", "out.pptx"], lambda f: (f / "sub").mkdir(), stderr=["folder"]),
    Case(
        "extends-a-pipe",
        ["build", "g.yaml", "-o", "out.pptx"],
        _all(_write("g.yaml", "extends: p.yaml\n"), _fifo("p.yaml")),
        stderr=["a device or a pipe"],
    ),
    Case(
        "logo-is-a-pipe",
        _build("--logo", "l.png"),
        _fifo("l.png"),
        stderr=["logo: ", "is not a file"],
    ),
    Case(
        "extends-outside-by-link",
        ["build", "in/g.yaml", "-o", "out.pptx"],
        lambda f: (
            (f / "in").mkdir(),
            (f / "secret.yml").write_text("title: Secret words\nslides:\n  - kind: title\n"),
            (f / "in" / "g.yaml").write_text("extends: s.yml\n"),
            (f / "in" / "s.yml").symlink_to(f / "secret.yml"),
        ),
        stderr=["extends: 's.yml' is outside the guide's folder"],
        absent=["Secret"],
    ),
    Case(
        "extends-parent-folder",
        ["build", "in/g.yaml", "-o", "out.pptx"],
        lambda f: (
            (f / "in").mkdir(),
            (f / "secret.yml").write_text("token: hunter2\n"),
            (f / "in" / "g.yaml").write_text("extends: ../secret.yml\n"),
        ),
        stderr=["outside the guide's folder"],
        absent=["hunter2"],
    ),
    # Pictures
    Case(
        "logo-is-postscript",
        _build("--organisation", "W", "--logo", "l.png"),
        _all(
            _write("l.png", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n(x) print showpage\n"),
            _fake_programs,
        ),
        stderr=["dnadeck build: --logo: 'l.png' is not an image that can be read"],
        env={"PATH": "{folder}/bin:" + os.environ.get("PATH", "")},
        check=_absent("GHOSTSCRIPT-RAN"),
    ),
    Case(
        "logo-bomb",
        _build("--logo", "l.png"),
        _png("l.png", (100_000, 100_000)),
        stderr=["dnadeck build: --logo: 'l.png' has far more pixels than a logo needs"],
    ),
    Case(
        "logo-many-pixels",
        _build("--logo", "l.png"),
        _png("l.png", (6000, 6000)),
        stderr=["dnadeck build: --logo: 'l.png' is 6000 × 6000 pixels, far more than a logo needs"],
    ),
    Case(
        "logo-truncated",
        _build("--logo", "l.png"),
        lambda f: (
            Image.new("RGB", (50, 50), "red").save(f / "full.png"),
            (f / "l.png").write_bytes((f / "full.png").read_bytes()[:60]),
        ),
        stderr=["is not an image that can be read"],
    ),
    Case(
        "logo-empty",
        _build("--logo", "l.jpg"),
        _write("l.jpg", b""),
        stderr=["is not an image that can be read"],
    ),
    Case(
        "logo-svg",
        _build("--logo", "l.svg"),
        _write("l.svg", "<svg/>"),
        stderr=["'l.svg' should be a .png or .jpg"],
    ),
    Case(
        "logo-tilde-user",
        _build("--logo", "~nosuchuser/l.png"),
        lines=1,
        stderr=["dnadeck build: --logo: no such file '~nosuchuser/l.png'"],
    ),
    # Templates
    Case(
        "template-zip-bomb",
        _build("--template", "t.pptx"),
        _zip_bomb("t.pptx"),
        stderr=["template: 't.pptx' unpacks to 381.5 MB (at most 200 MB)"],
    ),
    Case(
        "template-not-a-zip",
        _build("--template", "t.pptx"),
        _write("t.pptx", "hello"),
        stderr=["template: 't.pptx' is not a PowerPoint file"],
    ),
    Case(
        "template-broken-inside",
        _build("--template", "t.pptx"),
        lambda f: _broken_template(f / "t.pptx"),
        stderr=["template: 't.pptx'"],
    ),
    # Outputs that must not be written
    Case(
        "output-is-the-template",
        ["build", "compassion", "--template", "t.pptx", "-o", "t.pptx"],
        lambda f: _template(f / "t.pptx"),
        stderr=["'t.pptx' is one of the files the deck is made from"],
    ),
    Case(
        "output-is-the-guide",
        ["new", "g.yaml", "-o", "g.yaml", "--force"],
        _write("g.yaml", GOOD),
        stderr=["'g.yaml' is one of the files the deck is made from"],
    ),
    Case(
        "output-odd-suffix", ["build", "compassion", "-o", "deck.ppt"], stderr=["a deck is written to a .pptx or .pdf"]
    ),
    Case("output-no-suffix", ["build", "compassion", "-o", "deck"], stderr=["a deck is written to a .pptx or .pdf"]),
    Case(
        "handout-not-docx", ["handout", "compassion", "-o", "plan.txt"], stderr=["a session plan is written to a .docx"]
    ),
    Case("preview-not-png", ["preview", "compassion", "-o", "p.pptx"], stderr=["a preview is written to a .png file"]),
    Case(
        "new-not-yaml", ["new", "compassion", "-o", "n.pptx"], stderr=["a starter file is written to a .yaml or .yml"]
    ),
    Case(
        "output-edited-in-powerpoint",
        ["build", "compassion", "-o", "deck.pptx"],
        _deck("deck.pptx", edit=True),
        stderr=["'deck.pptx' was changed after dnadeck wrote it (edited in PowerPoint?); use --force to replace it"],
    ),
    Case(
        "output-edited-forced",
        ["build", "compassion", "-o", "deck.pptx", "--force"],
        _deck("deck.pptx", edit=True),
        exit=0,
        deck="deck.pptx",
        deck_text="Compassion",
    ),
    Case(
        "output-not-a-deck",
        ["build", "compassion", "-o", "notes.pptx"],
        _write("notes.pptx", "my own notes"),
        stderr=["'notes.pptx' is already there and is not a deck dnadeck wrote"],
    ),
    Case(
        "output-read-only",
        ["build", "compassion", "-o", "deck.pptx", "--force"],
        _deck("deck.pptx", mode=0o444),
        stderr=["'deck.pptx' is read-only"],
    ),
    Case(
        "output-keeps-its-mode",
        ["build", "compassion", "-o", "deck.pptx"],
        _deck("deck.pptx", mode=0o600),
        exit=0,
        deck="deck.pptx",
        check=_mode_is("deck.pptx", 0o600),
    ),
    Case(
        "output-open-in-libreoffice",
        ["build", "compassion", "-o", "deck.pptx"],
        _all(_deck("deck.pptx"), _write(".~lock.deck.pptx#", "x")),
        stderr=["'deck.pptx' is open in PowerPoint or LibreOffice: close it"],
    ),
    Case(
        "output-folder-is-a-file",
        ["build", "compassion", "-o", "afile/deck.pptx"],
        _write("afile", "x"),
        stderr=["cannot write 'afile/deck.pptx'"],
    ),
    Case("output-into-a-folder", ["build", "compassion", "-o", "decks/"], exit=0, deck="decks/compassion.pptx"),
    Case(
        "pdf-fails-deck-untouched",
        ["build", "compassion", "-o", "deck.pptx", "--pdf"],
        _all(_deck("deck.pptx", edit=False), lambda f: _fake_programs(f, soffice_exit=1)),
        lines=2,  # "Making the PDF with LibreOffice...", then what went wrong
        stderr=["dnadeck: Making the PDF with LibreOffice", "dnadeck: LibreOffice could not convert"],
        env={"PATH": "{folder}/bin:" + os.environ.get("PATH", "")},
    ),
    Case(
        "pdf-output-fails-nothing-written",
        ["build", "compassion", "-o", "r.pdf"],
        lambda f: _fake_programs(f, soffice_exit=1),
        lines=2,
        stderr=["dnadeck: Making the PDF with LibreOffice", "LibreOffice could not convert"],
        env={"PATH": "{folder}/bin:" + os.environ.get("PATH", "")},
    ),
    Case(
        "pdf-without-libreoffice",
        ["build", "compassion", "-o", "r.pdf"],
        lambda f: (f / "bin").mkdir(),
        stderr=["LibreOffice (soffice) is needed"],
        env={"PATH": "{folder}/bin"},
    ),
    # build-all
    Case(
        "packs-dir-empty",
        ["build-all", "--packs-dir", "packs", "-o", "decks"],
        _packs(),
        stderr=["packs: no guide files (.yaml or .yml) in this folder"],
    ),
    Case(
        "packs-dir-same-id",
        ["build-all", "--packs-dir", "packs", "-o", "decks", "--jobs", "2"],
        _packs(a_yaml=f"id: same\n{GOOD}", b_yml=f"id: same\n{GOOD}"),
        stderr=["b.yml: id: 'same' is also the id of", "give each guide its own id"],
        creates=["decks", "decks/same.pptx"],
    ),
    Case(
        "packs-dir-one-broken",
        ["build-all", "--packs-dir", "packs", "-o", "decks", "--jobs", "2"],
        _packs(good_yml=GOOD, bad_yaml=BAD_STORY, compassion_yaml=COMPASSION),
        stderr=["bad.yaml:4: slides[1].story: no story 'stya'"],
        creates=["decks", "decks/compassion.pptx", "decks/good.pptx"],
        check=lambda f: None if (f / "decks" / "good.pptx").is_file() else "good.pptx not built",
    ),
    # The command line
    Case("missing-pack", ["build", "nosuch"], stderr=["dnadeck build: no pack or file 'nosuch'; bundled packs are"]),
    Case("escapes-in-pack-name", ["build", "\x1b[2J\nx"], stderr=["dnadeck build: no pack or file '\\x1b[2J\\nx'"]),
    Case("very-long-name", ["build", "x" * 100_000], stderr=["dnadeck build: no pack or file 'xxxx", "…'"]),
    Case(
        "usage-missing-argument",
        ["build"],
        exit=2,
        stderr=["dnadeck build: Missing argument 'SOURCE' (see dnadeck build --help)"],
    ),
    Case("usage-no-such-command", ["biuld"], exit=2, stderr=["dnadeck: No such command 'biuld'"]),
    Case(
        "question-not-a-number",
        ["build", "compassion", "--question", "1,x"],
        stderr=["write --question 4, or several as --question 1,4,8"],
    ),
    Case("date-not-iso", ["build", "compassion", "--date", "03/12/2026"], stderr=["write it as YYYY-MM-DD"]),
    Case(
        "title-with-control-character",
        _build("--title", "Ward\x077"),
        stderr=["dnadeck build: --title: contains a control character U+0007"],
    ),
    Case(
        "questions-with-commas",
        ["build", "compassionate-leadership", "--question", "1,4,8", "-o", "out.pptx"],
        exit=0,
        deck="out.pptx",
    ),
]


def _template(path: Path) -> None:
    Presentation().save(str(path))


def _broken_template(path: Path) -> None:
    """A real .pptx whose [Content_Types].xml has lost its namespace."""
    _template(path)
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    parts["[Content_Types].xml"] = b"<Types/>"
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in parts.items():
            dst.writestr(name, data)


CASES = [_file_case(p) for p in sorted(HOSTILE.iterdir()) if p.suffix in (".yaml", ".yml")] + GENERATED


# -- running them ------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    found = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mode)
        elif path.is_dir() or path.is_symlink() or stat.S_ISFIFO(path.lstat().st_mode):
            found[str(path.relative_to(folder))] = ("", path.lstat().st_mode)
    return found


def run_case(case: Case, folder: Path) -> list[str]:
    """Run one case; the list of what went wrong (empty if nothing)."""
    folder.mkdir(parents=True)
    case.setup(folder)
    before = _snapshot(folder)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("DNADECK_DEBUG", None)
    env |= {k: v.replace("{folder}", str(folder)) for k, v in case.env.items()}
    outputs = folder.parent / f"{folder.name}.out"
    outputs.mkdir()
    returncode = launch(
        {
            "args": case.args,
            "folder": str(folder),
            "env": env,
            "stdout": str(outputs / "stdout"),
            "stderr": str(outputs / "stderr"),
            "cpu": CPU,
            "memory": MEMORY,
        }
    )
    done = subprocess.CompletedProcess(
        case.args, returncode, (outputs / "stdout").read_bytes(), (outputs / "stderr").read_bytes()
    )
    stderr = done.stderr.decode("utf-8", "replace")
    failures = []
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        failures.append(f"used more than {CPU} s of CPU time")
    elif done.returncode != case.exit:
        failures.append(f"exit {done.returncode}, expected {case.exit}")
    if "Traceback" in stderr or "MemoryError" in stderr:
        failures.append("a traceback on stderr")
    lines = stderr.splitlines()
    if case.exit != 0:
        if case.lines is not None and len(lines) != case.lines:
            failures.append(f"{len(lines)} stderr lines, expected {case.lines}")
        failures += [f"not a problem line: {line!r}" for line in lines if not PROBLEM.match(line)]
    failures += [f"control character in stderr: {line!r}" for line in lines if CONTROL.search(line)]
    failures += [f"stderr lacks {want!r}" for want in case.stderr if want not in stderr]
    failures += [f"stderr has {bad!r}" for bad in case.absent if bad in stderr]
    numbers = [int(m.group(1)) for m in map(re.compile(r"^[^:]+:(\d+): ").match, lines) if m]
    if numbers != sorted(numbers):
        failures.append(f"problems not in line order: {numbers}")
    after = _snapshot(folder)
    if case.exit != 0:
        created = sorted(set(after) - set(before) - set(case.creates))
        changed = sorted(k for k in before if k in after and after[k] != before[k])
        if created:
            failures.append(f"files created: {created}")
        if changed:
            failures.append(f"files changed: {changed}")
    if case.deck:
        failures += _deck_problems(folder / case.deck, case.deck_text)
    if case.check:
        problem = case.check(folder)
        if problem:
            failures.append(problem)
    if failures:
        failures.append(f"stderr was: {stderr[:600]!r}")
    return failures


def _deck_problems(path: Path, text: str | None) -> list[str]:
    if not path.is_file():
        return [f"{path.name} was not written"]
    try:
        prs = Presentation(str(path))
    except Exception as exc:
        return [f"{path.name} does not open: {exc}"]
    if text is None:
        return []
    first = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    return [] if text in first else [f"{path.name}'s first slide does not say {text!r}: {first[:200]!r}"]


def test_the_corpus_covers_each_class() -> None:
    names = {c.name for c in CASES}
    for needed in ("billion-laughs", "logo-is-postscript", "extends-passwd", "control-escape", "deep-block"):
        assert needed in names
    assert len(CASES) >= 90


def test_hostile_input(tmp_path: Path) -> None:
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        results = list(pool.map(lambda c: (c.name, run_case(c, tmp_path / c.name)), CASES))
    failed = [f"{name}:\n    " + "\n    ".join(problems) for name, problems in results if problems]
    assert not failed, f"{len(failed)} of {len(CASES)} hostile cases failed:\n" + "\n".join(failed)


@pytest.mark.parametrize("name", ["control-escape", "output-edited-in-powerpoint"])
def test_one_case_alone(tmp_path: Path, name: str) -> None:
    """The harness itself: a case that must fail does, and leaves nothing behind."""
    case = next(c for c in CASES if c.name == name)
    assert run_case(case, tmp_path / "case") == []
    broken = Case(case.name, case.args, case.setup, exit=0, deck="out.pptx")
    assert run_case(broken, tmp_path / "again")  # expecting success from a bad input is caught
