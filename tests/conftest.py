"""Shared fixtures: the CLI runner, the built packs, LibreOffice, the validator.

The test files mirror the modules: ``src/dnadeck/X.py`` is tested in
``tests/test_X.py``, and ``src/dnadeck/P/X.py`` (module X of package P) in
``tests/test_P_X.py``. The few files that test the product as a whole are
listed, with what they cover, in ``test_mirrors.py``, which fails when a
module has no test file of its own.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import pytest
from click.testing import CliRunner
from hypothesis import settings

from dnadeck import build as lib
from dnadeck.catalogue import pack_ids
from dnadeck.model import SLIDE_CLASSES, SLIDE_KINDS

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(os.environ.get("DNADECK_SHARED", ROOT.parent / "shared"))
REQUIRE_OFFICE = os.environ.get("DNADECK_REQUIRE_OFFICE") == "1"


_RUNNING: list[pytest.Item] = []  # the test now running, so need() can check its marker


@pytest.fixture(autouse=True)
def _running(request: pytest.FixtureRequest) -> Iterator[None]:
    _RUNNING.append(request.node)
    yield
    _RUNNING.pop()


def need(program: str) -> str:
    """The program's path; skip (or, with DNADECK_REQUIRE_OFFICE=1, fail) if missing.

    A test that needs LibreOffice or poppler must carry ``@pytest.mark.office``,
    so that ``pytest -m "not office"`` leaves it out: this fails one that does not.
    """
    if _RUNNING and _RUNNING[-1].get_closest_marker("office") is None:
        pytest.fail(f"{_RUNNING[-1].name} needs {program}: mark it @pytest.mark.office")
    found = shutil.which(program)
    if found:
        return found
    message = f"{program} is not installed (Debian: apt-get install libreoffice-impress poppler-utils)"
    if REQUIRE_OFFICE:
        pytest.fail(message + " and DNADECK_REQUIRE_OFFICE=1")
    pytest.skip(message)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@dataclass
class Findings:
    """What the package validators found in one deck."""

    unusable: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Validators:
    """openxml-audit (PyPI: schemas, package, duplicate shape ids) and, where
    ``../shared`` is present, its ECMA-376 schema checker as well."""

    def __init__(self, shared: ModuleType | None) -> None:
        from openxml_audit.validator import OpenXmlValidator

        self.shared = shared
        self.audit = OpenXmlValidator()  # one for the session: each keeps nothing of a deck it has checked

    def validate_deck(self, path: str) -> Findings:
        result = self.audit.validate(path)
        found = Findings(errors=[f"openxml-audit: {e}" for e in result.errors])
        if self.shared is not None:
            report = self.shared.validate_deck(path)
            found.unusable = report.unusable or ""
            found.errors += [str(e) for e in report.errors]
            found.warnings += [str(w) for w in report.warnings]
        return found


@pytest.fixture(scope="session")
def validator() -> Validators:
    """Every package validator at hand (see Validators)."""
    path = SHARED / "ooxml" / "validate_pptx.py"
    if not path.is_file():
        return Validators(None)
    spec = importlib.util.spec_from_file_location("validate_pptx", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Validators(module)


@pytest.fixture(scope="session")
def examples() -> list[Path]:
    """The example guides a facilitator would write: ``../shared/examples``
    where present, else the copies kept in ``tests/data/examples``."""
    folder = SHARED / "examples"
    if not folder.is_dir():
        folder = DATA / "examples"
    return sorted(folder.glob("*.yaml"))


@pytest.fixture(scope="session")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every bundled pack, built once for the session: id -> .pptx path."""
    out = tmp_path_factory.mktemp("packs")
    results = lib.build_all(out, jobs=2)
    assert all(r.error is None for r in results), [r.error for r in results]
    return {Path(r.path).stem: Path(r.path) for r in results if r.path}


# -- LibreOffice: one warm converter per session (per xdist worker), PDFs once per deck ------------
# Starting LibreOffice costs more than a conversion, so the office tests convert through one unoserver
# (a LibreOffice kept running) started in the background when the session has office tests to run.
# Fixtures pass its address; tests marked office see it in DNADECK_CONVERTERS, as a user naming a
# converter would, unless marked cold_office (they check the path that starts LibreOffice, or start
# converters of their own). Where unoserver cannot run, everything takes the cold path.


class WarmOffice:
    """The session's warm converter: started at most once (again if it stops answering)."""

    def __init__(self) -> None:
        self.local: Any = None  # a dnadeck.web.converters.Local
        self.unavailable = ""  # why there is none

    def start(self) -> None:
        if self.local is not None or self.unavailable or not shutil.which("soffice"):
            return
        from dnadeck.errors import OfficeError
        from dnadeck.web.converters import Local, unoserver_python

        try:
            unoserver_python()
        except OfficeError as exc:
            self.unavailable = str(exc)
            return
        self.local = Local.start(time_limit=120)

    def address(self) -> str | None:
        """The converter's ``host:port`` once it answers; None where unoserver cannot run."""
        from dnadeck.errors import OfficeError
        from dnadeck.web.converters import answers

        if self.local is not None and self.local.process.poll() is None and answers(self.local.address, 5):
            return str(self.local.address)
        self.stop()
        self.start()
        if self.local is None:
            return None
        try:
            self.local.wait_ready()
        except OfficeError as exc:
            self.local, self.unavailable = None, str(exc)
            return None
        return str(self.local.address)

    def stop(self) -> None:
        if self.local is not None:
            self.local.stop()
            self.local = None


WARM = WarmOffice()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "cold_office: starts LibreOffice for its conversions (no warm converter in DNADECK_CONVERTERS)"
    )
    # It takes seconds to answer: for a run of folders, start it while tests are collected, unless
    # office tests are left out or this process only hands tests to xdist's workers (each starts its own).
    controller = bool(getattr(config.option, "numprocesses", None)) and not hasattr(config, "workerinput")
    files = bool(config.args) and all(a.split("::")[0].endswith(".py") for a in config.args)
    if not controller and not files and "not office" not in (config.option.markexpr or ""):
        WARM.start()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the converter if an office test is to run (if not started already); else stop it."""
    if any(i.get_closest_marker("office") and not i.get_closest_marker("cold_office") for i in session.items):
        WARM.start()
    else:
        WARM.stop()


def pytest_sessionfinish(session: pytest.Session) -> None:
    WARM.stop()


def warm_address() -> str | None:
    """The warm converter's address; None where unoserver cannot run (each conversion then
    starts LibreOffice), which with DNADECK_REQUIRE_OFFICE=1 fails the test instead."""
    address = WARM.address()
    if address is None and WARM.unavailable and REQUIRE_OFFICE:
        pytest.fail(f"no warm converter ({WARM.unavailable}) and DNADECK_REQUIRE_OFFICE=1")
    return address


@pytest.fixture(scope="session")
def warm_converter() -> str | None:
    """The warm converter's address (None: LibreOffice is started for each conversion)."""
    return warm_address()


@functools.cache
def _forkserver_first() -> None:
    """The web app's workers fork from one server, which keeps the environment it started with: it
    starts before DNADECK_CONVERTERS is set, so that a web app uses a converter only when given one."""
    import multiprocessing.forkserver

    from dnadeck.web.workers import PRELOAD

    if "forkserver" in multiprocessing.get_all_start_methods():
        multiprocessing.forkserver.set_forkserver_preload(PRELOAD)
        multiprocessing.forkserver.ensure_running()


@pytest.fixture(autouse=True)
def _office_converter(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """An office test sees the warm converter in DNADECK_CONVERTERS (a cold_office one sees none)."""
    from dnadeck.write.office import CONVERTERS_ENV

    if request.node.get_closest_marker("cold_office"):
        monkeypatch.delenv(CONVERTERS_ENV, raising=False)
    elif request.node.get_closest_marker("office"):
        _forkserver_first()
        address = warm_address()
        if address:
            monkeypatch.setenv(CONVERTERS_ENV, address)


K = TypeVar("K")
V = TypeVar("V")


class OnDemand(dict[K, V]):
    """A mapping whose values are made when first asked for: a parametrised test's deck or PDF
    is made by the worker that runs it, and only once there."""

    def __init__(self, make: Callable[[K], V]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: K) -> V:
        value = self[key] = self.make(key)
        return value


@pytest.fixture(scope="session")
def to_pdf(tmp_path_factory: pytest.TempPathFactory, warm_converter: str | None) -> Callable[[Path], Path]:
    """Convert a deck to PDF with the real LibreOffice (once per deck), through the warm converter."""
    done: dict[Path, Path] = {}

    def convert(deck: Path) -> Path:
        if deck not in done:
            need("soffice")
            from dnadeck.write.office import to_pdf as office_to_pdf

            done[deck] = office_to_pdf(deck, tmp_path_factory.mktemp("pdf"), warm_converter)
        return done[deck]

    return convert


def pdf_pages(pdf: Path) -> int:
    """Pages in a PDF, counted by poppler's pdfinfo."""
    need("pdfinfo")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


F = TypeVar("F", bound=Callable[..., Any])

# No Hypothesis example is timed by the clock (its default deadline is 200 ms), so a busy machine
# fails none; a test that must not hang bounds its examples' CPU time (cpu_bounded).
settings.register_profile("no-clock", deadline=None)
settings.load_profile("no-clock")


class CpuTimeExceeded(AssertionError):
    """Raised in a test that used more CPU time than its bound."""


@contextmanager
def cpu_limit(seconds: float) -> Iterator[None]:
    """Fail the code inside if it uses more than ``seconds`` of this process's CPU time (a hang, or
    work gone quadratic): a bound that does not tighten when the machine is busy, as the clock would."""

    def stop(signum: int, frame: object) -> None:
        raise CpuTimeExceeded(f"used more than {seconds} s of CPU time")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def cpu_bounded(seconds: float) -> Callable[[F], F]:
    """``test`` (each of a Hypothesis test's examples) run under ``cpu_limit(seconds)``."""

    def wrap(test: F) -> F:
        @functools.wraps(test)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            with cpu_limit(seconds):
                return test(*args, **kwargs)

        return bounded  # type: ignore[return-value]

    return wrap


ALL_PACKS = pack_ids()
# A slide of every kind, in model.SLIDE_KINDS's order, as each model's EXAMPLE: tests of every stage use it.
EVERY_KIND: list[dict[str, object]] = [
    {"kind": kind, **cls.EXAMPLE} for kind, cls in zip(SLIDE_KINDS, SLIDE_CLASSES, strict=True)
]


def slide_title(slide: object) -> str:
    """The text of the slide's title placeholder ('' if it has none)."""
    title = slide.shapes.title  # type: ignore[attr-defined]
    return title.text_frame.text if title is not None else ""


def slide_text(slide: object) -> str:
    """All the text on a slide, one shape per line."""
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)  # type: ignore[attr-defined]


def slide_links(slide: object) -> list[str]:
    """Every hyperlink on a slide: in text runs and on pictures."""
    links = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        if shape.has_text_frame:
            links += [r.hyperlink.address for p in shape.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
        elif shape.shape_type == 13 and shape.click_action.hyperlink.address:  # a picture
            links.append(shape.click_action.hyperlink.address)
    return links


def slide_notes(slide: object) -> str:
    if not slide.has_notes_slide:  # type: ignore[attr-defined]
        return ""
    return slide.notes_slide.notes_text_frame.text  # type: ignore[attr-defined]


def package_problems(path: Path) -> list[str]:
    """What PowerPoint, Keynote or a screen reader would miss in a deck's package.

    The notes master listed in presentation.xml, app.xml's counts true, the
    slide size typed right, a unique title on every slide, a language on
    every run (notes included), and nothing left over from a template.
    """
    import re
    import zipfile

    from lxml import etree

    ns = {
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
        "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
        "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    }
    problems: list[str] = []
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        pres = etree.fromstring(z.read("ppt/presentation.xml"))
        slides = sorted(n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))
        notes = sorted(n for n in names if re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n))
        if pres.find("p:notesMasterIdLst", ns) is None:
            problems.append("presentation.xml lists no notes master")
        size = pres.find("p:sldSz", ns)
        assert size is not None
        cx, cy = int(size.get("cx", 0)), int(size.get("cy", 0))
        if size.get("type") == "screen4x3" and abs(cx / cy - 4 / 3) > 0.01:
            problems.append(f"a {cx / cy:.2f}:1 deck is typed screen4x3")
        app = etree.fromstring(z.read("docProps/app.xml"))
        for tag, count in (("Slides", len(slides)), ("Notes", len(notes))):
            found = app.find(f"ep:{tag}", ns)
            if found is None or found.text != str(count):
                problems.append(f"app.xml says {tag} {None if found is None else found.text}, not {count}")
        core = z.read("docProps/core.xml").decode("utf-8")
        if "python-pptx" in core or "lastPrinted" in core:
            problems.append("core.xml has python-pptx's description or an invented print date")
        if any("printerSettings" in n or "thumbnail" in n for n in names):
            problems.append("a template's printer settings or thumbnail are left in the package")
        titles = []
        for name in slides + notes:
            root = etree.fromstring(z.read(name))
            for run in root.iter(f"{{{ns['a']}}}r", f"{{{ns['a']}}}fld"):
                props = run.find("a:rPr", ns)
                if props is None or not props.get("lang"):
                    problems.append(f"{name}: a run with no language")
                    break
            if name in slides:
                for sp in root.iter(f"{{{ns['p']}}}sp"):
                    ph = sp.find("p:nvSpPr/p:nvPr/p:ph", ns)
                    if ph is not None and ph.get("type") in ("title", "ctrTitle"):
                        titles.append("".join(t.text or "" for t in sp.iter(f"{{{ns['a']}}}t")))
        if len(titles) != len(slides):
            problems.append(f"{len(slides) - len(titles)} slides have no title placeholder")
        repeated = sorted({t for t in titles if titles.count(t) > 1})
        if repeated:
            problems.append(f"titles repeat: {repeated}")
    return problems


# -- running on several cores (pytest-xdist, on by default through pyproject's addopts) ------------


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker per core, at most four (each holds its own built packs and fixtures)."""
    return max(1, min(len(os.sched_getaffinity(0)), 4))


# The files that take longest go first: each worker takes whole files, so these spread over the
# workers and the short ones fill in after them, and the workers finish together.
LONGEST_FIRST = [  # by their time in the whole suite, LibreOffice and Chromium included
    "test_template_corpus.py",
    "test_web_browser.py",
    "test_web_converters.py",
    "test_signals.py",
    "test_accessible_pdf.py",
    "test_layout_template.py",
    "test_web_server.py",
    "test_hostile.py",
    "test_catalogue.py",
    "test_handout.py",
    "test_web_app.py",
    "test_write_office.py",
    "test_write_writer.py",
    "test_validate.py",
    "test_web_proxy.py",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
