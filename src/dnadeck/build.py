"""What the commands do, as library calls: build one deck, check a guide,
build every pack, preview a deck. Each returns results; none prints."""

from __future__ import annotations

import errno
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import catalogue, office
from .deck import deck_bytes
from .deckplan import QuestionsPlan, StoryPlan
from .errors import GuideError
from .load import load_guide
from .model import Guide
from .plan import plan_deck
from .preview import contact_sheet
from .save import write_atomic
from .schema import SCHEMA_FILE, schema_text
from .starter import starter
from .ties import count_words


@dataclass(frozen=True)
class Built:
    """One deck written (or, with ``error``, not written)."""

    source: str
    path: Path | None = None
    slides: int = 0
    size: int = 0
    seconds: float = 0.0
    pdf: Path | None = None
    error: str | None = None


def build(
    source: str | Path,
    output: str | Path | None = None,
    *,
    out_dir: str | Path | None = None,
    pdf: bool = False,
    **overrides: Any,
) -> Built:
    """Load ``source`` (a pack id or guide path), build it and write it.

    ``output`` defaults to ``<id>.pptx`` in ``out_dir`` (the current folder
    if not given); with ``pdf`` a PDF is written beside it (LibreOffice is
    needed for that).
    """
    start = time.perf_counter()
    guide = load_guide(source, **overrides)
    path = Path(output) if output else Path(out_dir or Path.cwd()) / f"{guide.id}.pptx"
    if pdf:
        office.soffice()  # fail before writing anything when it is missing
    data = deck_bytes(guide)
    write_atomic(path, data)
    pdf_path = _write_pdf(path) if pdf else None
    return Built(str(source), path, _slide_count(data), len(data), time.perf_counter() - start, pdf_path)


def _slide_count(data: bytes) -> int:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return sum(1 for n in z.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml"))


def _write_pdf(deck: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="dnadeck-pdf-") as tmp:
        made = office.to_pdf(deck, Path(tmp))
        target = deck.with_suffix(".pdf")
        write_atomic(target, made.read_bytes())
    return target


@dataclass(frozen=True)
class Handout:
    """A session plan written: where, for how many deck slides, how long the session is.

    ``over`` is the one-line warning when the session runs over the minutes asked for.
    """

    path: Path
    slides: int
    minutes: float
    pdf: Path | None = None
    over: str | None = None


def handout(
    source: str | Path,
    output: str | Path | None = None,
    *,
    pdf: bool = False,
    minutes: float | None = None,
    **overrides: Any,
) -> Handout:
    """Write the facilitator's session plan (.docx) for the deck ``source`` makes.

    ``output`` defaults to ``<id>-handout.docx`` in the current folder; with
    ``pdf`` a PDF is written beside it (LibreOffice Writer is needed for that).
    """
    from . import handout as doc

    guide = load_guide(source, **overrides)
    path = Path(output) if output else Path.cwd() / f"{guide.id}-handout.docx"
    if pdf:
        office.soffice()
    plan, numbers = doc.plan_and_numbers(guide)
    write_atomic(path, doc.document_bytes(doc.handout_document(plan, numbers)))
    pdf_path = _write_pdf(path) if pdf else None
    over = doc.overrun(plan, minutes, numbers) if minutes is not None else None
    slides = sum(len(n) for n in numbers.values())
    return Handout(path, slides, plan.minutes(), pdf_path, over)


def check(source: str | Path, **overrides: Any) -> Guide:
    """Load a guide and check the files it names open, without building it."""
    guide = load_guide(source, **overrides)
    if guide.logo is not None:
        from . import images

        try:
            images.logo(guide.logo)
        except images.ImageProblem as exc:
            raise GuideError.one(*guide.where("logo"), "logo", str(exc)) from None
    if guide.template is not None:
        from .render import open_template

        open_template(guide.template, guide.where("template"))
    return guide


def _build_one(source: str, out_dir: str) -> Built:
    """Build one pack for build_all; errors come back as text, not raised."""
    start = time.perf_counter()
    try:
        return build(source, out_dir=out_dir)
    except GuideError as exc:
        return Built(source, error=str(exc), seconds=time.perf_counter() - start)
    except OSError as exc:
        return Built(source, error=f"{source}: cannot write the deck ({exc})", seconds=time.perf_counter() - start)


def pack_sources(packs_dir: str | Path | None = None) -> list[str]:
    """The bundled pack ids, or every guide file in ``packs_dir``."""
    if packs_dir is None:
        return catalogue.pack_ids()
    return [str(p) for p in sorted(Path(packs_dir).glob("*.yaml"))]


def build_all(
    out_dir: str | Path = "decks",
    jobs: int | None = None,
    sources: Iterable[str] | None = None,
    on_done: Callable[[Built], None] | None = None,
) -> list[Built]:
    """Build every bundled pack (or ``sources``) into ``out_dir``.

    ``jobs`` worker processes (default: one per core) build in parallel. A
    pack that fails does not stop the others: its Built has ``error`` set.
    Results come back in the order of ``sources``.
    """
    todo = list(sources) if sources is not None else pack_sources()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    results: dict[str, Built] = {}
    if jobs == 1:
        for source in todo:
            results[source] = _build_one(source, str(out))
            if on_done:
                on_done(results[source])
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(_build_one, source, str(out)): source for source in todo}
            for future in as_completed(futures):
                results[futures[future]] = result = future.result()
                if on_done:
                    on_done(result)
    return [results[s] for s in todo]


def preview(source: str | Path, output: str | Path | None = None, **overrides: Any) -> tuple[Path, int]:
    """Render a deck with LibreOffice into one contact-sheet PNG.

    Returns the PNG's path and the number of slides shown.
    """
    guide = load_guide(source, **overrides)
    office.soffice()
    target = Path(output) if output else Path.cwd() / f"{guide.id}-preview.png"
    with tempfile.TemporaryDirectory(prefix="dnadeck-preview-") as tmp:
        work = Path(tmp)
        deck = work / f"{guide.id}.pptx"
        deck.write_bytes(deck_bytes(guide))
        pdf = office.to_pdf(deck, work)
        pages = office.pdf_pages_to_png(pdf, work)
        write_atomic(target, contact_sheet(pages))
    return target, len(pages)


def write_starter(pack: str, output: str | Path | None = None, *, force: bool = False) -> tuple[Path, Path | None]:
    """Write a starter custom deck for ``pack``; never overwrite unless ``force``.

    The guide format's JSON Schema goes beside it (if not there already), for
    editors; returns the file's path and the schema's (None if it was there).
    """
    text = starter(pack)
    path = Path(output) if output else Path.cwd() / f"my-{pack}.yaml"
    if path.exists() and not force:
        raise FileExistsError(errno.EEXIST, "already exists (use --force to replace it)", str(path))
    write_atomic(path, text.encode("utf-8"))
    schema_path: Path | None = path.parent / SCHEMA_FILE
    if schema_path.exists():
        schema_path = None
    else:
        write_atomic(schema_path, schema_text().encode("utf-8"))
    return path, schema_path


def write_text(path: str | Path, text: str) -> Path:
    """Write a text file atomically (UTF-8)."""
    write_atomic(Path(path), text.encode("utf-8"))
    return Path(path)


def show(source: str | Path, *, notes: bool = False, **overrides: Any) -> str:
    """What a deck will say, as text: its slides, numbered questions and (with ``notes``) notes."""
    guide = load_guide(source, **overrides)
    plan = plan_deck(guide)
    lines = [f"{plan.title}  ({plan.id})"]
    for slide in plan.slides:
        extra = f"  [{slide.story.id}]  {slide.story.told_by}" if isinstance(slide, StoryPlan) and slide.story else ""
        lines.append(f"{slide.position:>3}. {slide.kind:<10} {slide.title}{extra}")
        if isinstance(slide, QuestionsPlan):
            for q in slide.questions:
                lines.append(f"       Q{q.source_number}: {q.text}")
        if notes:
            lines += [f"       | {line}" for line in slide.notes.splitlines()]
    counts = f"{count_words(len(plan.stories()), 'story', 'stories')}, {len(plan.questions())} questions"
    lines.append(f"({counts}; choose questions by their Q number; a deck may add continuation slides)")
    return "\n".join(lines) + "\n"


__all__ = [
    "Built",
    "Handout",
    "build",
    "build_all",
    "check",
    "handout",
    "pack_sources",
    "preview",
    "schema_text",
    "show",
    "write_starter",
    "write_text",
]
