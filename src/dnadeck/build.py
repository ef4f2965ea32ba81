"""What the commands do, as library calls: write a deck or a session plan (and
the files beside it), check a guide, build every pack, write a preview. The
files are made by the writers in ``write.WRITERS``. Each returns results; none
prints."""

from __future__ import annotations

import os
import shlex
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import catalogue
from .errors import Failure, GuideError, OutputError, OutputNameError, Problem, shown
from .formatting import count, count_words
from .language import untranslated
from .load import load_guide
from .model import Guide, Slide, StorySlide
from .plan import plan_deck
from .plan.slides import QuestionsPlan, SlidePlan, StoryPlan
from .schema import SCHEMA_FILE, schema_text
from .starter import starter
from .write import WRITERS, Job, office
from .write.atomic import write_all_atomic, write_atomic
from .write.output import check_output, files_read
from .write.writer import Say

if TYPE_CHECKING:
    from .layout.canvas import DeckDraw
    from .plan import DeckPlan


@dataclass(frozen=True)
class Built:
    """One deck written (or, with ``error``, not written)."""

    source: str
    path: Path | None = None
    slides: int = 0
    size: int = 0
    seconds: float = 0.0
    beside: tuple[Path, ...] = ()  # the files written beside the deck (its PDF...), in the order of WRITERS
    error: Exception | None = None  # why it was not written; the caller words it
    warnings: tuple[str, ...] = ()  # what the template made dnadeck change (colours, fonts)
    template: Path | None = None  # the template the warnings are about
    untranslated: str | None = None  # the fixed words' language, where not the deck's (language.untranslated)


def write_deck(
    source: str | Path,
    output: str | Path | None = None,
    *,
    out_dir: str | Path | None = None,
    beside: Iterable[str] = (),
    force: bool = False,
    say: Say | None = None,
    **overrides: Any,
) -> Built:
    """Load ``source`` (a pack id or guide path), build its deck and write it.

    ``output`` is a .pptx file, a .pdf file (the deck is written beside it,
    as .pptx) or a folder (an existing one, or a name ending in /) for
    ``<id>.pptx``; by default ``<id>.pptx`` in ``out_dir`` (the current
    folder if not given). ``beside`` names, by suffix, other files to write
    beside the deck (".pdf", ".png": see ``write.WRITERS``; LibreOffice makes
    them). Nothing is replaced until everything is made; an existing file is
    replaced only as ``check_output`` allows (``force`` overrides the checks
    for a changed or foreign file). ``say`` is told, in a line, of each step
    that takes a while.
    """
    start = time.perf_counter()
    guide = load_guide(source, **overrides)
    files = outputs(output, f"{guide.id}.pptx", "a deck", out_dir, beside)
    job = _written(guide, files[0][0].name, files, force, say)
    assert job.rendered is not None
    deck, path = job.rendered, files[0][0]
    seconds = time.perf_counter() - start
    others = tuple(p for p, _ in files[1:])
    return Built(
        str(source),
        path,
        deck.slides,
        len(deck.data),
        seconds,
        others,
        None,
        deck.warnings,
        guide.template,
        untranslated(guide),
    )


def _quiet(_: str) -> None:
    pass


def outputs(
    output: str | Path | None, default_name: str, what: str, out_dir: str | Path | None, beside: Iterable[str] = ()
) -> list[tuple[Path, str]]:
    """Where a build writes: (path, suffix) for the document first, then each file ``beside`` it, in the
    order of WRITERS. ``output`` may name the document, a folder, or a file made beside the document
    (its PDF: the document goes beside it)."""
    suffix = Path(default_name).suffix
    also = {s.lower() for s in beside}
    unknown = sorted(also - {s for s, w in WRITERS.items() if w.beside})
    if unknown:
        raise ValueError(f"no writer of {', '.join(unknown)} files beside a document; see write.WRITERS")
    naming = tuple(s for s, w in WRITERS.items() if w.names_document)
    path = output_path(output, default_name, (suffix, *naming), what, out_dir)
    named: dict[str, Path] = {}
    if path.suffix.lower() != suffix:
        named[path.suffix.lower()] = path
        path = path.with_suffix(suffix)
    also |= set(named)
    return [(path, suffix)] + [(named.get(s, path.with_suffix(s)), s) for s in WRITERS if s in also]


def output_path(
    output: str | Path | None,
    default_name: str,
    suffixes: tuple[str, ...],
    what: str,
    out_dir: str | Path | None = None,
) -> Path:
    """The file ``output`` names: itself, or ``default_name`` in a folder (an existing
    one, or a name ending in /). Another suffix than ``suffixes`` is refused,
    so a deck is never written under a name that says it is something else."""
    if output is None:
        return Path(out_dir) / default_name if out_dir else Path(default_name)
    text = str(output)
    path = Path(text)
    if text.endswith(("/", os.sep)) or path.is_dir():
        return path / default_name
    if path.suffix.lower() not in suffixes:
        kinds = " or ".join(suffixes)
        fix = "change the name"
        if not path.suffix:  # most likely a new folder
            fix = f"for a new folder write {shlex.quote(text + '/')}, for a file {shlex.quote(text + suffixes[0])}"
        raise OutputNameError(f"{shown(text, 200)}: {what} is written to a {kinds} file, or into a folder; {fix}")
    return path


def _written(
    guide: Guide, name: str, files: list[tuple[Path, str]], force: bool = False, say: Say | None = None
) -> Job:
    """Make ``files`` ((path, suffix) each) from ``guide``'s document called ``name`` (a deck or a session
    plan, which ``files`` may or may not hold) and write them all at once."""
    inputs = files_read(guide)
    for path, _ in files:
        check_output(path, force=force, inputs=inputs)
    if any(WRITERS[suffix].needs_office for _, suffix in files):
        office.require()  # fail before building anything when it is missing
    job = _made(guide, name, say, frozenset(suffix for _, suffix in files))
    write_all_atomic([(path, job.bytes(suffix)) for path, suffix in files])
    return job


def _made(guide: Guide, name: str, say: Say | None = None, wanted: frozenset[str] = frozenset()) -> Job:
    """The job for ``guide``'s document called ``name`` (a deck or a session plan), the document made
    (see ``_blamed``); a deck with no slides is an error, not a file."""
    document = Path(name).suffix.lower()
    with _blamed(guide):
        job = Job(plan_deck(guide), document, name, WRITERS, say or _quiet, wanted, slides=len(guide.slides))
        job.bytes(document)
    if job.rendered is not None and not job.rendered.slides:
        raise GuideError.one(
            guide.source,
            None,
            "slides",
            "this guide makes no slides (a warning is shown only before a story); add a slide with something to show",
        )
    return job


@contextmanager
def _blamed(guide: Guide) -> Iterator[None]:
    """Drawing ``guide``'s deck: a problem is put where it belongs. On our own template a
    slide that cannot fit is the guide's doing (its slide and field); on a trust's
    template, the template's (see ``_template_blamed``)."""
    from .layout.geometry import NoRoom

    try:
        with _template_blamed(guide):
            yield
    except NoRoom as exc:
        if guide.template is not None or exc.slide is None:
            raise
        raise _does_not_fit(guide, exc.slide) from None


def laid_out(guide: Guide, plan: DeckPlan | None = None) -> DeckDraw:
    """``guide``'s deck laid out (continuation slides included), not written; problems as ``build`` gives them."""
    from .layout import draw

    with _blamed(guide):
        return draw(plan or plan_deck(guide))


def slide_count(guide: Guide) -> int:
    """How many slides ``guide``'s deck has, continuation slides included: what ``build`` writes."""
    return len(laid_out(guide).slides)


# What takes a story slide's room besides its synopsis, longest first blamed.
_STORY_LINES = ("url", "licence", "storyteller", "title")


def _does_not_fit(guide: Guide, slide: SlidePlan) -> GuideError:
    """The problem for a planned slide with no room on the bundled template, at the guide's slide."""
    same_kind = [s for s in guide.slides if s.kind == slide.kind]
    written: Slide | None = None
    if isinstance(slide, StoryPlan) and slide.story is not None:
        written = next((s for s in guide.story_slides() if s.key == slide.story.id), None)
    else:
        ordinal = sum(1 for s in _planned_before(guide, slide) if s.kind == slide.kind)
        written = same_kind[ordinal] if ordinal < len(same_kind) else None
    file, line = (written.where if written is not None else None) or (guide.source, None)
    index = next((i for i, s in enumerate(guide.slides) if s is written), None)
    place = f"slides[{index + 1}]" if index is not None else "slides"
    if isinstance(written, StorySlide):
        longest = max(_STORY_LINES, key=lambda f: len(getattr(written, f) or ""))
        size = len(getattr(written, longest) or "")
        return GuideError.one(
            file,
            line,
            f"{place}.{longest}",
            f"the story {shown(slide.title)} cannot fit on a slide: its {longest} ({size:,} characters) leaves "
            f"no room for the synopsis; shorten the {longest}",
        )
    return GuideError.one(
        file, line, place, f"the slide {shown(slide.title)} cannot fit on a slide: shorten its longest text"
    )


def _planned_before(guide: Guide, slide: SlidePlan) -> list[SlidePlan]:
    return [s for s in plan_deck(guide).slides if s.position < slide.position]


@contextmanager
def _template_blamed(guide: Guide) -> Iterator[None]:
    """A trust's template can be damaged in more ways than the template reader
    names: a failure while reading or drawing on one is reported as a problem
    with that template (the cause kept for --debug)."""
    try:
        yield
    except GuideError:
        raise
    except Exception as exc:
        if guide.template is None:
            raise
        raise GuideError.one(
            *guide.where("template"),
            "template",
            f"{shown(guide.template.name)} could not be used ({type(exc).__name__}); "
            "save it again from PowerPoint as .pptx or .potx",
        ) from exc


@dataclass(frozen=True)
class Handout:
    """A session plan written: where, for how many deck slides, how long the session is.

    ``over`` is the one-line warning when the session runs over the minutes asked for.
    """

    path: Path
    slides: int
    minutes: float
    beside: tuple[Path, ...] = ()  # the files written beside it (its PDF...), in the order of WRITERS
    over: str | None = None
    untranslated: str | None = None  # its fixed words' language, where not the deck's (language.untranslated)


def write_handout(
    source: str | Path,
    output: str | Path | None = None,
    *,
    beside: Iterable[str] = (),
    minutes: float | None = None,
    force: bool = False,
    say: Say | None = None,
    **overrides: Any,
) -> Handout:
    """Write the facilitator's session plan (.docx) for the deck ``source`` makes.

    ``output`` is a .docx file, a .pdf file (the .docx goes beside it) or a
    folder; by default ``<id>-handout.docx`` here. ``beside`` names, by
    suffix, other files to write beside it (".pdf", ".png": LibreOffice Writer
    makes them). An existing file is replaced only as ``check_output`` allows:
    a plan edited in Word since dnadeck wrote it is kept unless ``force``.
    """
    from .handout import overrun, slide_numbers

    guide = load_guide(source, **overrides)
    files = outputs(output, f"{guide.id}-handout.docx", "a session plan", None, beside)
    job = _written(guide, files[0][0].name, files, force, say)
    numbers = slide_numbers(job.drawn())
    over = overrun(job.plan, minutes, numbers) if minutes is not None else None
    slides = sum(len(n) for n in numbers.values())
    return Handout(
        files[0][0],
        slides,
        job.plan.minutes(),
        tuple(p for p, _ in files[1:]),
        over,
        untranslated(guide, ("labels", "handout")),
    )


@dataclass(frozen=True)
class Checked:
    """A guide checked as ``build`` would build it: how many slides the deck has
    (continuation slides included) and what the template made dnadeck change."""

    guide: Guide
    slides: int
    warnings: tuple[str, ...] = ()

    @property
    def template(self) -> Path | None:
        return self.guide.template

    @property
    def untranslated(self) -> str | None:
        """The fixed words' language, where not the deck's (``language.untranslated``)."""
        return untranslated(self.guide)


def check(source: str | Path, **overrides: Any) -> Checked:
    """Everything ``build`` does short of writing: load, plan, lay out and write the
    deck in memory, so any problem ``build`` would report is reported here first."""
    guide = load_guide(source, **overrides)
    deck = _made(guide, f"{guide.id}.pptx").rendered
    assert deck is not None
    return Checked(guide, deck.slides, deck.warnings)


def _build_one(source: str, out_dir: str, force: bool = False) -> Built:
    """Build one pack for build_all; every failure comes back in ``Built.error``, never raised."""
    start = time.perf_counter()
    try:
        return write_deck(source, out_dir=out_dir, force=force)
    except Exception as exc:
        return Built(source, error=exc, seconds=time.perf_counter() - start)


def pack_sources(packs_dir: str | Path | None = None) -> list[str]:
    """The bundled pack ids, or every guide file (.yaml, .yml) in ``packs_dir``."""
    if packs_dir is None:
        return catalogue.pack_ids()
    folder = Path(packs_dir)
    try:
        found = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file())
    except OSError as exc:
        raise GuideError.one(str(folder), None, "", f"cannot read this folder ({exc.strerror or exc})") from None
    if not found:
        raise GuideError.one(str(folder), None, "", "no guide files (.yaml or .yml) in this folder")
    return [str(p) for p in found]


def build_all(
    out_dir: str | Path = "decks",
    jobs: int | None = None,
    sources: Iterable[str] | None = None,
    on_done: Callable[[Built], None] | None = None,
    *,
    force: bool = False,
) -> list[Built]:
    """Build every bundled pack (or ``sources``) into ``out_dir``.

    ``jobs`` worker processes build in parallel (default: one per core for PARALLEL_FROM guides or more, else one). A
    pack that fails, in any way, does not stop the others: its Built has
    ``error`` set. Two guides with one id would write one deck: the second
    is an error. Results come back in the order of ``sources``.
    """
    order = list(sources) if sources is not None else pack_sources()
    out = Path(out_dir)
    results: dict[str, Built] = {}

    def done(result: Built) -> None:
        results[result.source] = result
        if on_done:
            on_done(result)

    for result in _duplicate_ids(order):
        done(result)
    todo = [s for s in order if s not in results]
    if jobs is None:  # worker processes pay off only for many guides (see PARALLEL_FROM)
        jobs = (os.cpu_count() or 1) if len(todo) >= PARALLEL_FROM else 1
    jobs = max(1, min(jobs, len(todo) or 1))
    if jobs == 1:
        for source in todo:
            done(_build_one(source, str(out), force))
    else:
        _build_in_processes(todo, str(out), jobs, force, done)
    return [results[s] for s in order]


# A pack builds in about 0.05 s once the modules are loaded, and starting a
# pool of worker processes costs more than that: below this many guides, one
# process is faster (docs/performance.md measures both).
PARALLEL_FROM = 16


def _duplicate_ids(sources: list[str]) -> list[Built]:
    """Guides that fail to load, or share an id with one before them: reported, not built."""
    failed: list[Built] = []
    first: dict[str, str] = {}
    for source in sources:
        try:
            guide_id = load_guide(source).id
        except Exception as exc:
            failed.append(Built(source, error=exc))
            continue
        if guide_id in first:
            problem = Problem(
                source,
                None,
                "id",
                f"{shown(guide_id)} is also the id of {first[guide_id]}: both would be written to {guide_id}.pptx; "
                "give each guide its own id:",
            )
            failed.append(Built(source, error=GuideError([problem])))
        else:
            first[guide_id] = source
    return failed


def _warm() -> None:
    """Load what every build needs before the workers start: forked workers
    share it instead of each importing and reading it again."""
    from . import fit, images
    from .layout import template_for  # noqa: F401  (imported for the workers)

    images.helix()
    for bold in (False, True):
        fit.text_width("Warm", 20, bold=bold)


def _pool(jobs: int) -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if "fork" in methods else None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_ignores_interrupts)


def _worker_ignores_interrupts() -> None:
    """Ctrl-C is for the main process to report, once; workers carry on until it stops them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _build_in_processes(todo: list[str], out: str, jobs: int, force: bool, done: Callable[[Built], None]) -> None:
    """Build in worker processes; a worker that dies takes only its own pack with it."""
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    _warm()
    broken: list[str] = []
    pool = _pool(jobs)
    try:
        futures = {pool.submit(_build_one, source, out, force): source for source in todo}
        for future in as_completed(futures):
            try:
                done(future.result())
            except BrokenProcessPool:
                broken.append(futures[future])
            except Exception as exc:
                done(Built(futures[future], error=exc))
    except BaseException:  # Ctrl-C: build nothing more
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    for source in broken:  # one at a time, each in a process of its own
        with _pool(1) as pool:
            try:
                done(pool.submit(_build_one, source, out, force).result())
            except BrokenProcessPool:
                done(Built(source, error=Failure("the process building it stopped (out of memory?)")))


def write_preview(
    source: str | Path,
    output: str | Path | None = None,
    *,
    force: bool = False,
    say: Say | None = None,
    **overrides: Any,
) -> tuple[Path, int]:
    """Draw a deck with LibreOffice into one contact-sheet PNG of its slides (the deck itself is not written).

    Returns the PNG's path and the number of slides shown.
    """
    guide = load_guide(source, **overrides)
    target = output_path(output, f"{guide.id}-preview.png", (".png",), "a preview")
    job = _written(guide, f"{guide.id}.pptx", [(target, ".png")], force, say)
    assert job.rendered is not None
    return target, job.rendered.slides


def _extends(source: str, guide: Guide, starter_path: Path) -> str | None:
    """How a starter at ``starter_path`` names the guide file it extends: its path from the
    starter's folder (which must hold it, as ``load`` requires); None for a bundled pack."""
    if not guide.files or (catalogue.pack_path(source) is not None and not Path(source).is_file()):
        return None
    target = guide.files[-1]
    folder = starter_path.parent.resolve()
    if not target.is_relative_to(folder):
        raise OutputError(
            "a custom deck must be in the folder of the guide it extends, or a folder above it",
            instead=str(Path(source).parent / starter_path.name),
        )
    return target.relative_to(folder).as_posix()


def write_starter(pack: str, output: str | Path | None = None, *, force: bool = False) -> tuple[Path, Path | None]:
    """Write a starter custom deck for ``pack``; never over a file unless ``force``.

    The guide format's JSON Schema goes beside it (if not there already), for
    editors; returns the file's path and the schema's (None if it was there).
    """
    guide = load_guide(pack)
    path = output_path(output, f"my-{guide.id}.yaml", (".yaml", ".yml"), "a starter file")
    check_output(path, force=force, inputs=files_read(guide))
    text = starter(pack, _extends(pack, guide, path))
    write_atomic(path, text.encode("utf-8"))
    schema_path = path.parent / SCHEMA_FILE
    if schema_path.exists():
        return path, None
    write_atomic(schema_path, schema_text().encode("utf-8"))
    return path, schema_path


EXAMPLE = "ward7-away-day.yaml"  # the example custom deck, in assets/example/ with its logo and template


def write_example(output: str | Path | None = None, *, force: bool = False) -> list[Path]:
    """Write the example custom deck, its sample logo and sample template (and the
    schema) into the folder ``output`` (default: here); returns the files written.

    They are the files the README's quick start names, so its commands run as
    written in an empty folder. Nothing is written if any of them would be refused.
    """
    folder = Path(output) if output is not None else Path()
    if folder.suffix.lower() in (".yaml", ".yml") or (folder.exists() and not folder.is_dir()):
        raise OutputNameError(
            f"{shown(str(output), 200)}: the example is several files, written into a folder; "
            f"name a folder (e.g. {shown(folder.with_suffix('').name + '/')[1:-1]})"
        )
    source = catalogue.assets_dir() / "example"
    names = sorted(p.name for p in source.iterdir() if p.is_file())
    files = [(folder / name, (source / name).read_bytes()) for name in names]
    schema_path = folder / SCHEMA_FILE
    if not schema_path.exists():
        files.append((schema_path, schema_text().encode("utf-8")))
    for path, _ in files:
        check_output(path, force=force)
    write_all_atomic(files)
    return [path for path, _ in files]


def write_text(path: str | Path, text: str, *, force: bool = False) -> Path:
    """Write the schema (a .json file, or SCHEMA_FILE in a folder) atomically, as UTF-8."""
    target = output_path(path, SCHEMA_FILE, (".json",), "the schema")
    check_output(target, force=force)
    write_atomic(target, text.encode("utf-8"))
    return target


WORDING_FILE = "wording.yaml"


def wording_text() -> str:
    """The whole wording file (every fixed word of a deck, its notes and its session plan), to translate."""
    return (catalogue.content_dir() / WORDING_FILE).read_text(encoding="utf-8")


def write_wording(path: str | Path, *, force: bool = False) -> Path:
    """Write the wording file (a .yaml file, or wording.yaml in a folder) atomically."""
    target = output_path(path, WORDING_FILE, (".yaml", ".yml"), "the wording")
    check_output(target, force=force)
    write_atomic(target, wording_text().encode("utf-8"))
    return target


def show(source: str | Path, *, notes: bool = False, **overrides: Any) -> str:
    """What a deck will say, as text: its slides (numbered as in the deck, continuation
    slides included), numbered questions and (with ``notes``) notes."""
    from .formatting import numbers_text
    from .handout import slide_numbers

    guide = load_guide(source, **overrides)
    plan = plan_deck(guide)
    drawn = laid_out(guide, plan)
    numbers = slide_numbers(drawn)
    lines = [f"{plan.title}  ({plan.id})"]
    for slide in plan.slides:
        extra = f"  [{slide.story.id}]  {slide.story.told_by}" if isinstance(slide, StoryPlan) and slide.story else ""
        lines.append(f"{numbers_text(numbers.get(slide.position, ())):>5}. {slide.kind:<10} {slide.title}{extra}")
        if isinstance(slide, QuestionsPlan):
            for q in slide.questions:
                lines.append(f"         Q{q.source_number}: {q.text}")
        if notes:
            lines += [f"         | {line}" for line in slide.notes.splitlines()]
    n = len(plan.questions())
    total = len(drawn.slides)
    counts = (
        f"{count(total, 'slide')} (continuation slides included), "
        f"{count_words(len(plan.stories()), 'story', 'stories')}, {count(n, 'question')}"
    )
    lines.append(f"({counts}; choose questions by their Q number)")
    return "\n".join(lines) + "\n"


__all__ = [
    "Built",
    "Checked",
    "Handout",
    "build_all",
    "check",
    "output_path",
    "outputs",
    "pack_sources",
    "schema_text",
    "show",
    "slide_count",
    "wording_text",
    "write_deck",
    "write_example",
    "write_handout",
    "write_preview",
    "write_starter",
    "write_text",
    "write_wording",
]
