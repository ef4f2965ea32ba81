"""YAML guide files -> Guide: catalogue stories, `extends`, choices, checks.

Every problem is reported as ``FILE:LINE: field: message`` through
GuideError; nothing here writes a file.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from . import catalogue
from .errors import COMMAND_LINE, GuideError, Problem, at_most, by_line, shown
from .inputs import FileProblem, check_package, nearest_file
from .language import babel_words, same_language
from .limits import DECK_MAX_CHARS, DECK_MAX_LONG_CHARS, DECK_MAX_SLIDES, GUIDE_MAX_EXTENDS, LONG_TEXT
from .model import (
    DEFAULT_LANGUAGE,
    INLINE_STORY_FIELDS,
    Guide,
    GuideFile,
    QuestionsSlide,
    Slide,
    Story,
    StorySlide,
    TitleSlide,
    WarningSlide,
    Wording,
    WordingOverrides,
)
from .ties import quoted, story_mark, tie_mark, tied_stories
from .yamlfile import Path_, Source, did_you_mean, format_path, is_doubtful, read_yaml, validate, validate_all

LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp")
TEMPLATE_SUFFIXES = (".pptx", ".potx")


def load_guide(source: str | Path, **overrides: Any) -> Guide:
    """Load a guide from a YAML path or a bundled pack id.

    ``overrides`` are the custom-deck keys (title, subtitle, presenter,
    organisation, date, stories, questions, logo, template, id), applied as
    if a custom deck extended the guide; one that is None or empty is not given. Raises GuideError.
    """
    guide = _load_ref(str(source), Path.cwd(), [], (COMMAND_LINE, None, ""))
    given = {k: v for k, v in overrides.items() if v is not None and v != [] and v != ()}
    if not given:
        return guide
    src = Source({k: list(v) if isinstance(v, tuple) else v for k, v in given.items()}, COMMAND_LINE, None)
    src.data["extends"] = guide.id
    custom = validate(GuideFile, src)
    return _buildable(_customise(guide, custom, src, Path.cwd(), guide.id, confine=False), src)


def _load_ref(ref: str, base_dir: Path, chain: list[Path], where: tuple[str, int | None, str]) -> Guide:
    """Load ``ref``: a path (relative to ``base_dir``) or a bundled pack id.

    A guide named on the command line may be anywhere; one that another
    guide extends must be inside the first guide's folder (or a bundled
    pack), as logos and templates must.
    """
    if len(chain) >= GUIDE_MAX_EXTENDS:
        raise GuideError.one(
            *where,
            f"guides extend each other more than {GUIDE_MAX_EXTENDS} deep; extend a bundled pack or a whole guide",
        )
    looks_like_path = ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref
    path = base_dir / ref if chain else _expand(base_dir / ref)
    if _is_file(path) or (looks_like_path and _exists(path)):
        if chain and not _inside(path, chain[0].parent):
            raise GuideError.one(
                *where,
                f"{shown(ref)} is outside the guide's folder: copy it next to the guide, or extend a bundled pack by its id",
            )
        return _load_file(path.resolve(), str(path) if chain else ref, chain)
    if looks_like_path:
        nearest = _nearest(ref, base_dir if chain else None)
        raise GuideError.one(
            *where, f"no such guide file {shown(ref)}" + (" next to this guide" if chain else "") + nearest
        )
    bundled = catalogue.pack_path(ref)
    if bundled is None:
        packs = catalogue.pack_ids()
        raise GuideError.one(
            *where,
            f"no pack or file {shown(ref)}{did_you_mean(ref, packs)}; bundled packs are {', '.join(packs)}",
        )
    return _load_file(bundled, f"content/packs/{bundled.name}", chain)


def _load_file(path: Path, label: str, chain: list[Path]) -> Guide:
    """Load one guide file, reporting every problem in it in line order."""
    src = read_yaml(path, label)
    if not isinstance(src.data, dict):
        raise GuideError.one(
            label,
            1,
            "",
            "a guide file is a list of 'key: value' lines (title:, slides:, ...); see docs/guide-format.md",
        )
    gf, problems, doubtful = validate_all(GuideFile, src)
    guide: Guide | None = None
    try:
        guide = _from_file(gf, src, path, label, chain) if gf is not None else None
    except GuideError as exc:
        problems += [p for p in exc.problems if not (p.file == label and is_doubtful(p, doubtful))]
    if problems or guide is None:
        mine = sorted((p for p in problems if p.file == label), key=by_line)
        if gf is not None:  # (validate_all has already cut a long list short)
            mine = at_most(mine, label)
        raise GuideError(mine + [p for p in problems if p.file != label])
    return guide.model_copy(update={"files": (*guide.files, path)})


def _from_file(gf: GuideFile, src: Source, path: Path, label: str, chain: list[Path]) -> Guide:
    default_id = gf.id or path.stem
    if gf.extends is None:
        guide = _resolve(gf, src, path.parent, default_id)
        if gf.stories is None and gf.questions is None:
            return _buildable(guide, src)
        # _resolve has placed the logo and template; only the choices remain.
        choices = gf.model_copy(update={"logo": None, "template": None})
        return _buildable(_customise(guide, choices, src, path.parent, default_id, confine=True), src)
    if path in chain:
        loop = " -> ".join(p.name for p in [*chain[chain.index(path) :], path])
        raise GuideError.one(
            label,
            src.line_of(("extends",)),
            "extends",
            f"guides extend each other in a loop ({loop}); remove one extends:",
        )
    parent = _load_ref(gf.extends, path.parent, [*chain, path], (label, src.line_of(("extends",)), "extends"))
    return _buildable(_customise(parent, gf, src, path.parent, default_id, confine=True), src)


def _buildable(guide: Guide, src: Source) -> Guide:
    """A deck needs a slide (choosing no stories from a guide of only stories
    leaves none), and no more slides or text than can be built in good time."""
    if not guide.slides:
        raise GuideError([_at(src, ("stories",), "no slides are left: choose at least one story or question")])
    if len(guide.slides) > DECK_MAX_SLIDES:
        raise GuideError(
            [
                _at(
                    src,
                    ("slides",),
                    f"{len(guide.slides)} slides: a deck can have at most {DECK_MAX_SLIDES}; split the guide in two",
                )
            ]
        )
    texts = [t for slide in guide.slides for t in _texts(slide.model_dump(exclude={"notes"}))]
    size = sum(map(len, texts))
    long = sum(len(t) - LONG_TEXT for t in texts if len(t) > LONG_TEXT)
    if size > DECK_MAX_CHARS:
        message = f"the slides have {size:,} characters of text; a deck can have at most {DECK_MAX_CHARS:,}"
    elif long > DECK_MAX_LONG_CHARS:
        message = (
            f"the slides have {long:,} characters of long passages (beyond the first {LONG_TEXT:,} of a text, "
            f"which carry on over several slides); a deck can have at most {DECK_MAX_LONG_CHARS:,}"
        )
    else:
        return guide
    raise GuideError([_at(src, ("slides",), message + " (notes not counted): shorten them or split the guide in two")])


def _texts(value: Any) -> list[str]:
    """Every string in a slide's fields."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def _expand(path: Path) -> Path:
    """``~/x`` -> the home folder's x; ``~nosuchuser/x`` stays as it is."""
    try:
        return path.expanduser()
    except RuntimeError:
        return path


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long, or with a NUL in it
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, links followed, is in ``folder`` (or below it)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError, RuntimeError):
        return False


def _story_slide(story: Story, notes: str | None = None, synopsis: str | None = None) -> StorySlide:
    return StorySlide(
        kind="story",
        story=story.id,
        title=story.title,
        url=story.url,
        storyteller=story.storyteller,
        synopsis=synopsis or story.synopsis,
        number=story.number,
        notes=notes,
    )


def _resolve(gf: GuideFile, src: Source, base_dir: Path, guide_id: str) -> Guide:
    """A whole guide: fill in catalogue stories and {story} in questions."""
    known = catalogue.stories()
    problems: list[Problem] = []
    slides: list[Slide] = []
    last_story: str | None = None
    for i, slide in enumerate(gf.slides or []):
        loc: Path_ = ("slides", i)
        if isinstance(slide, StorySlide):
            if slide.story is not None:
                inline = [f for f in (*INLINE_STORY_FIELDS, "storyteller", "number") if getattr(slide, f) is not None]
                # (a guide may give a catalogue story a synopsis of its own)
                if slide.story not in known:
                    problems.append(_no_story(src, (*loc, "story"), slide.story))
                    continue
                if inline:
                    problems.append(
                        _at(
                            src,
                            (*loc, inline[0]),
                            f"a catalogue story (story: {slide.story}) takes no {inline[0]}:; give either story: or the story's own fields",
                        )
                    )
                    continue
                slide = _story_slide(known[slide.story], slide.notes, slide.synopsis)
            else:
                missing = [f for f in INLINE_STORY_FIELDS if getattr(slide, f) is None]
                if missing:
                    problems.append(
                        _at(
                            src,
                            loc,
                            f"a story needs story: (a catalogue id) or, for a story of your own, {', '.join(m + ':' for m in missing)}",
                        )
                    )
                    continue
            last_story = slide.key
            if slide.notes and "{story}" in slide.notes:
                slide = slide.model_copy(update={"notes": slide.notes.replace("{story}", story_mark(slide.key))})
        elif isinstance(slide, QuestionsSlide):
            about = last_story
            if slide.story is not None:
                if slide.story not in known:
                    problems.append(_no_story(src, (*loc, "story"), slide.story))
                    continue
                about = slide.story
            texts = [*slide.questions, slide.title or ""]
            if any("{story}" in q for q in texts) and about is None:
                problems.append(
                    _at(
                        src,
                        (*loc, "questions"),
                        "{story} needs a story: add story: ID to this slide, or put it after a story slide",
                    )
                )
                continue
            mark = story_mark(about) if about else "{story}"  # no {story} to fill without one
            tie = tie_mark(slide.story) if slide.story else ""
            slide = slide.model_copy(
                update={
                    "questions": [tie + q.replace("{story}", mark) for q in slide.questions],
                    "title": slide.title.replace("{story}", mark) if slide.title else None,
                    "notes": slide.notes.replace("{story}", mark) if slide.notes else None,
                }
            )
        elif slide.notes and "{story}" in slide.notes and last_story is not None:
            slide = slide.model_copy(update={"notes": slide.notes.replace("{story}", story_mark(last_story))})
        slide = slide if slide.language else slide.model_copy(update={"language": gf.language or DEFAULT_LANGUAGE})
        slides.append(slide.placed(src.label, src.line_of(loc)))
    logo = _guide_path(gf.logo, base_dir, src, "logo", LOGO_SUFFIXES, True, problems)
    template = _guide_path(gf.template, base_dir, src, "template", TEMPLATE_SUFFIXES, True, problems)
    wording, languages = _wording(gf, src, base_dir, None, problems)
    if problems:
        raise GuideError(problems)
    assert gf.title is not None  # GuideFile checks it
    return Guide(
        id=guide_id,
        title=gf.title,
        subtitle=gf.subtitle,
        presenter=gf.presenter,
        organisation=gf.organisation,
        date=gf.date,
        logo=logo,
        template=template,
        slides=slides,
        origins={k: (src.label, src.line_of((k,))) for k in ("logo", "template") if getattr(gf, k) is not None},
        series=catalogue.series(),
        wording=wording,
        wording_languages=languages,
        language=gf.language or DEFAULT_LANGUAGE,
        text_languages={"title": gf.language or DEFAULT_LANGUAGE, "subtitle": gf.language or DEFAULT_LANGUAGE},
        source=src.label,
    )


def _wording(
    gf: GuideFile, src: Source, base_dir: Path, parent: Guide | None, problems: list[Problem]
) -> tuple[Wording, dict[str, str]]:
    """The wording a guide's deck speaks, and the language of each key a guide set.

    The bundled wording (or the parent guide's); for a guide in a new
    language, Babel's lists and dates for it; then the guide's own
    ``wording:`` (inline or a file beside it) and ``labels:`` over it.
    """
    wording = parent.wording if parent else catalogue.wording()
    languages = dict(parent.wording_languages) if parent else {}
    language = gf.language or (parent.language if parent else DEFAULT_LANGUAGE)
    if gf.language and not same_language(gf.language, wording.language):
        babel = {k: v for k, v in babel_words(gf.language).items() if f"words.{k}" not in languages}
        wording = wording.model_copy(update={"words": wording.words.model_copy(update=babel)})
        languages |= {f"words.{k}": gf.language for k in babel}
    sections: dict[str, Any] = gf.wording.model_dump(exclude_none=True) if gf.wording is not None else {}
    name = sections.pop("file", None)
    if name is not None:
        path = _guide_path(name, base_dir, src, "wording", (".yaml", ".yml"), True, problems)
        if path is None:
            return wording, languages
        file_src = read_yaml(path, str(Path(src.label).parent / name))
        own = validate(WordingOverrides, file_src).model_dump(exclude_none=True)
        if own.pop("file", None) is not None:
            raise GuideError.one(
                file_src.label, file_src.line_of(("file",)), "file", "a wording file cannot name another"
            )
        sections = own | {k: own.get(k, {}) | v if isinstance(v, dict) else v for k, v in sections.items()}
    said_in = sections.pop("language", language)  # the language the guide's wording is in
    for section, values in sections.items():
        wording = wording.model_copy(update={section: getattr(wording, section).model_copy(update=values)})
        languages |= {f"{section}.{key}": said_in for key in values}
    if gf.labels is not None:
        values = gf.labels.model_dump(exclude_none=True)
        wording = wording.model_copy(update={"labels": wording.labels.model_copy(update=values)})
        languages |= {f"labels.{key}": language for key in values}
    return wording, languages


def _customise(parent: Guide, gf: GuideFile, src: Source, base_dir: Path, guide_id: str, *, confine: bool) -> Guide:
    """A custom deck: the parent with its own title etc. and chosen slides."""
    problems: list[Problem] = []
    slides = list(parent.slides)
    update: dict[str, Any] = {"id": gf.id or guide_id, "source": src.label}
    # The guide's number of each question, kept with it however slides are cut or moved.
    numbers = parent.question_numbers or list(range(1, len(parent.questions()) + 1))
    if gf.questions is not None:
        _check_choice(gf.questions, numbers, parent, src, problems)
        shown = set(gf.stories) if gf.stories is not None else {s.key for s in parent.story_slides()}
        if not problems:
            _check_question_ties(parent, numbers, gf.questions, shown, src, problems)
    # Stories first, so that each story's own questions go with it; then the questions.
    if gf.stories is not None:
        remaining = iter(numbers)
        by_slide = {id(s): [next(remaining) for _ in s.questions] for s in slides if isinstance(s, QuestionsSlide)}
        slides = _choose_stories(slides, gf.stories, src, problems)
        numbers = [n for s in slides if isinstance(s, QuestionsSlide) for n in by_slide.get(id(s), [])]
        update["pack_stories"] = parent.pack_stories or [s.key for s in parent.story_slides()]
    if gf.questions is not None and not problems:
        slides = _keep_questions(slides, numbers, set(gf.questions))
        numbers = [n for n in numbers if n in set(gf.questions)]
    if gf.questions is not None or gf.stories is not None:
        update["question_numbers"] = numbers
    update["slides"] = slides
    if gf.labels is not None or gf.wording is not None or gf.language is not None:
        update["wording"], update["wording_languages"] = _wording(gf, src, base_dir, parent, problems)
    if gf.language is not None:
        update["language"] = gf.language
    for key in ("title", "subtitle", "presenter", "organisation", "date"):
        if getattr(gf, key) is not None:
            update[key] = getattr(gf, key)
    said = {k: gf.language or parent.language for k in ("title", "subtitle") if getattr(gf, k) is not None}
    update["text_languages"] = parent.text_languages | said
    origins = dict(parent.origins)
    for key in ("logo", "template"):
        if getattr(gf, key) is not None:
            origins[key] = (src.label, src.line_of((key,)))
    update["origins"] = origins
    if gf.logo is not None:
        update["logo"] = _guide_path(gf.logo, base_dir, src, "logo", LOGO_SUFFIXES, confine, problems)
    if gf.template is not None:
        update["template"] = _guide_path(gf.template, base_dir, src, "template", TEMPLATE_SUFFIXES, confine, problems)
    if problems:
        raise GuideError(problems)
    return parent.model_copy(update=update)


def _check_choice(chosen: list[int], available: list[int], parent: Guide, src: Source, problems: list[Problem]) -> None:
    """Each chosen number is one of ``available`` (the guide's numbers), chosen once."""
    known = set(available)
    seen: set[int] = set()
    for k, n in enumerate(chosen):
        if n not in known:
            total = len(available)
            span = _spans(available) if total else "none"
            problems.append(
                _at(src, ("questions", k), f"no question {n}: '{parent.id}' has {total} questions ({span})")
            )
        elif n in seen:
            problems.append(_at(src, ("questions", k), f"question {n} is chosen twice"))
        else:
            seen.add(n)


def _keep_questions(slides: list[Slide], numbers: list[int], chosen: set[int]) -> list[Slide]:
    """Keep the questions whose guide numbers (``numbers``, in slide order) are ``chosen``.

    What is left of two neighbouring, cut-down questions slides about the
    same stories shares one slide; a story's questions never share a slide
    with another story's or with the closing questions, and no slide is made
    of more than two.
    """
    titles = catalogue.story_titles(slides)
    remaining = iter(numbers)
    out: list[Slide] = []
    merged: set[int] = set()  # ids of slides made of two
    last_cut = False  # whether out[-1], a questions slide, lost questions
    for slide in slides:
        if not isinstance(slide, QuestionsSlide):
            out.append(slide)
            continue
        kept = [q for q in slide.questions if next(remaining) in chosen]
        if not kept:
            continue
        cut = len(kept) < len(slide.questions)
        previous = out[-1] if out else None
        if (
            isinstance(previous, QuestionsSlide)
            and (cut or last_cut)
            and id(previous) not in merged
            and _about(previous, titles) == _about(slide, titles)
        ):
            notes = [n for n in dict.fromkeys((previous.notes, slide.notes)) if n]
            joined = previous.model_copy(
                update={
                    "questions": [*previous.questions, *kept],
                    "title": previous.title if previous.title == slide.title else None,
                    "notes": "\n\n".join(notes) or None,
                }
            )
            merged.add(id(joined))
            out[-1] = joined
            last_cut = True
        else:
            out.append(slide.model_copy(update={"questions": kept}))
            last_cut = cut
    return out


def _about(slide: QuestionsSlide, titles: dict[str, str]) -> frozenset[str]:
    """The stories a questions slide's questions are about."""
    return frozenset(x for q in slide.questions for x in tied_stories(q, titles))


def _spans(numbers: list[int]) -> str:
    """``[1, 2, 3, 7, 8]`` -> "1 to 3, 7, 8"."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]} to {r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def _check_question_ties(
    parent: Guide, numbers: list[int], chosen: list[int], shown: set[str], src: Source, problems: list[Problem]
) -> None:
    """A chosen question about a story the deck does not show is an error naming both.

    ``numbers`` are the guide's numbers of ``parent``'s questions, in order.
    """
    titles = catalogue.story_titles(parent.slides)
    wanted = set(chosen)
    for n, question in zip(numbers, parent.questions(), strict=False):
        if n not in wanted:
            continue
        for story_id in sorted(tied_stories(question, titles) - shown):
            problems.append(
                _at(
                    src,
                    ("questions", chosen.index(n)),
                    f"question {n} is about {quoted(titles.get(story_id, story_id))} ({story_id}), which this deck "
                    f"does not show: add {story_id} to the stories, or leave question {n} out",
                )
            )


def _choose_stories(slides: list[Slide], ids: list[str], src: Source, problems: list[Problem]) -> list[Slide]:
    """Keep the chosen stories, in the order given, in the story slides' places.

    A story's own questions (the questions slides right after it that are
    all about it) go with it: moved when it moves, left out when it is.
    """
    known = catalogue.stories()
    have = {s.key: s for s in slides if isinstance(s, StorySlide)}
    chosen: list[StorySlide] = []
    for k, story_id in enumerate(ids):
        if story_id not in known and story_id not in have:
            problems.append(_no_story(src, ("stories", k), story_id))
        elif any(c.key == story_id for c in chosen):
            problems.append(_at(src, ("stories", k), f"story '{story_id}' is chosen twice"))
        else:
            chosen.append(have.get(story_id) or _story_slide(known[story_id]))
    own = _own_questions(slides)
    attached = {id(q) for qs in own.values() for q in qs}
    slides = [s for s in slides if id(s) not in attached]
    slots = [i for i, s in enumerate(slides) if isinstance(s, StorySlide)]
    # Story j takes the j-th story slide's place; any beyond go with the last.
    # A pack with no story slides gets them after its warning (or title).
    replace = bool(slots)
    if not replace:
        before = [i for i, s in enumerate(slides) if isinstance(s, (WarningSlide, TitleSlide))]
        slots = [before[-1] + 1 if before else len(slides)]
    places: dict[int, list[Slide]] = {i: [] for i in slots}
    for j, story in enumerate(chosen):
        places[slots[min(j, len(slots) - 1)]].extend([story, *own.get(story.key, [])])
    out: list[Slide] = []
    for i, slide in enumerate([*slides, None]):
        out.extend(places.get(i, []))
        if slide is not None and not (replace and i in places):
            out.append(slide)
    return out


def _own_questions(slides: list[Slide]) -> dict[str, list[QuestionsSlide]]:
    """Each story's own questions slides: those right after it that are all about it alone."""
    titles = catalogue.story_titles(slides)
    own: dict[str, list[QuestionsSlide]] = {}
    for i, slide in enumerate(slides):
        if not isinstance(slide, StorySlide):
            continue
        for later in slides[i + 1 :]:
            if not isinstance(later, QuestionsSlide):
                break
            if not all(tied_stories(q, titles) == {slide.key} for q in later.questions):
                break
            own.setdefault(slide.key, []).append(later)
    return own


def _guide_path(
    value: str | None,
    base_dir: Path,
    src: Source,
    key: str,
    suffixes: tuple[str, ...],
    confine: bool,
    problems: list[Problem],
) -> Path | None:
    """A file a guide names: inside the guide's folder, else the bundled assets."""
    if value is None:
        return None
    if not value.lower().endswith(suffixes):
        problems.append(_at(src, (key,), f"{shown(value)} should be a {' or '.join(suffixes)} file"))
        return None
    folder = base_dir.resolve()
    path = folder / value if confine else _expand(folder / value)
    assets = catalogue.assets_dir()
    outside = confine and not _inside(path, folder)
    if outside or not _exists(path):
        if confine and _is_file(assets / value) and _inside(assets / value, assets):
            return (assets / value).resolve()
        if outside:
            message = f"{shown(value)} is outside the guide's folder: copy the file next to the guide and name it there"
        else:
            message = f"no such file {shown(value)} in " + ("the guide's folder" if confine else shown(folder, 200))
            message += _nearest(value, folder)
        problems.append(_at(src, (key,), message))
        return None
    try:
        if key == "template":
            check_package(path)
        elif not path.is_file():
            raise FileProblem("is not a file; name an image file")
    except FileProblem as exc:
        problems.append(_at(src, (key,), f"{shown(value)} {exc}"))
        return None
    return path.resolve()


def _nearest(given: str, folder: Path | None) -> str:
    """`` (did you mean 'x'?)`` for the file nearest to ``given`` (relative to ``folder``), or ""."""
    found = nearest_file(str(folder / given) if folder is not None else given)
    if found is None:
        return ""
    if folder is not None:
        found = str(Path(found).relative_to(folder))
    return f" (did you mean {shown(found, 200)}?)"


def _at(src: Source, loc: Path_, message: str) -> Problem:
    return Problem(src.label, src.line_of(loc), format_path(loc), message)


def _no_story(src: Source, loc: Path_, story_id: str) -> Problem:
    return _at(src, loc, _no_story_message(story_id))


@functools.cache  # a guide may name the same wrong id on many slides: its suggestions are found once
def _no_story_message(story_id: str) -> str:
    ids = list(catalogue.stories())
    return f"no story {shown(story_id)} in the catalogue{did_you_mean(story_id, ids)}; stories are {', '.join(ids)}"
