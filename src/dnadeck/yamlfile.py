"""Reading YAML with line numbers, and validating it into the model.

Guide files come from anyone, so reading them is guarded (the limits are
in ``limits``): at most ``GUIDE_MAX_BYTES``, UTF-8 (or UTF-16 with a
byte-order mark), no anchors or aliases (their expansion can make a small
file enormous), at most ``GUIDE_MAX_DEPTH`` levels and ``GUIDE_MAX_VALUES``
values. The document is built from the parser's events without recursion.
Scalars follow the YAML 1.2 core schema: ``true``/``false`` are booleans,
plain decimal numbers are numbers, ``YYYY-MM-DD`` is a date, and anything
else (``yes``, ``NO``, ``1:30``, ``0x10``) is text. Duplicate keys are
errors, not a silent "last one wins". ``Source.line_of`` maps a field path
such as ``("slides", 3, "story")`` to the line it is on, so errors can say
where.
"""

from __future__ import annotations

import copy
import difflib
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import GuideError, Problem, at_most, line_order, shown
from .formatting import ISO_DATE, not_a_date, parse_date
from .inputs import FileProblem, read_capped
from .limits import GUIDE_MAX_BYTES, GUIDE_MAX_DEPTH, GUIDE_MAX_VALUES, MAX_PROBLEMS
from .model import SLIDE_CLASSES, SLIDE_KINDS

try:  # the C parser is much faster where PyYAML was built with it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]

# What YAML cannot hold in a file (it allows tab, line breaks, and printable text).
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]{1,30}$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_STR_TAG = "tag:yaml.org,2002:str"
_DEFAULT_TAGS = (None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
# A number out of its bounds (minutes: 0, a story's number: -3), as a facilitator is told it.
BOUNDS = {
    "greater_than": "is too small: give a number above {gt}",
    "greater_than_equal": "is too small: give {ge} or more",
    "less_than": "is too large: give a number below {lt}",
    "less_than_equal": "is too large: give {le} or less",
}
NO_ALIASES = "anchors and aliases (&, *) are not supported in guide files; write the value out in full"


@dataclass
class Source:
    """A parsed YAML file: its data, its name for messages and its lines."""

    data: Any
    label: str
    path: Path | None
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, loc: Path_) -> int | None:
        """The line of the deepest part of ``loc`` that the file has."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return None


def format_path(loc: Path_) -> str:
    """``("slides", 3, "story")`` -> ``slides[4].story`` (items counted from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def read_yaml(path: Path, label: str | None = None) -> Source:
    """Read and parse ``path``; raise GuideError for unreadable or bad YAML."""
    label = label or str(path)
    try:
        data = read_capped(path, GUIDE_MAX_BYTES, "guide file")
    except FileProblem as exc:
        raise GuideError.one(label, None, "", str(exc)) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark (Notepad's "Unicode")
        try:
            return parse_yaml(data.decode("utf-16"), label, path)
        except UnicodeDecodeError:
            raise GuideError.one(label, None, "", "this file is not readable UTF-16 text; save it as UTF-8") from None
    if data.startswith(b"PK\x03\x04") or b"\0" in data[:4096]:
        raise GuideError.one(
            label, None, "", "is not a guide file: it holds binary data (a .pptx? a picture?), not YAML text"
        )
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is fine
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GuideError.one(
            label,
            line,
            "",
            f"this file is not UTF-8 text (byte 0x{data[exc.start]:02x} on this line); "
            "save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
        ) from None
    return parse_yaml(text, label, path)


def parse_yaml(text: str, label: str, path: Path | None = None) -> Source:
    """Parse YAML text into a Source, keeping each field's line."""
    bad = _NOT_YAML.search(text)
    if bad:
        line = _line_at(text, bad.start())
        raise GuideError.one(
            label, line, "", f"contains {_describe(bad.group())} that a guide file cannot hold; remove it"
        )
    loader = _Loader(text)
    source = Source(None, label, path)
    try:
        source.data = _Composer(loader, source).document()
        return source
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = mark.line + 1 if mark else None
        raise GuideError.one(label, at, "", _syntax_message(exc, text, at)) from None
    except yaml.YAMLError as exc:
        raise GuideError.one(label, None, "", f"YAML syntax: {exc}") from None
    finally:
        loader.dispose()


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _describe(ch: str) -> str:
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
        return f"U+{code:04X}, which is not a character,"
    return f"a control character U+{code:04X}"


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, line: int | None) -> str:
    what = exc.problem or exc.context or "not valid YAML"
    lines = text.splitlines()
    here = lines[line - 1] if line and line <= len(lines) else ""
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    if "\t" in indent:
        return "YAML syntax: this line is indented with a tab; YAML does not allow tabs for indentation: use spaces"
    if "escape" in what:
        return f"YAML syntax: {what}; in quotes, write the character itself (or \\\\ for a backslash)"
    return (
        f"YAML syntax: {what} (check the indentation; put text in quotes if it starts with {{ [ or # or has ': ' in it)"
    )


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1


@dataclass
class _Open:
    """A list or mapping being filled in, and where it is."""

    value: list[Any] | dict[str, Any]
    loc: Path_
    key: str | None = None  # a mapping's key waiting for its value


class _Composer:
    """YAML events -> plain data, without recursion, with the limits above."""

    def __init__(self, loader: Any, source: Source) -> None:
        self.loader = loader
        self.source = source
        self.count = 0

    def fail(self, event: Any, loc: Path_, message: str) -> GuideError:
        return GuideError.one(self.source.label, _line(event), format_path(loc), message)

    def document(self) -> Any:
        get = self.loader.get_event
        stack: list[_Open] = []
        result: Any = None
        documents = 0
        while True:
            event = get()
            if isinstance(event, yaml.StreamEndEvent):
                return result
            if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self.fail(event, (), "a guide file holds one document; remove the second '---'")
                continue
            top = stack[-1] if stack else None
            loc = self._loc(top)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise self.fail(event, loc, NO_ALIASES)
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                done = stack.pop()
                result = self._deliver(stack, done.value, result)
                continue
            if isinstance(top, _Open) and isinstance(top.value, dict) and top.key is None:
                self._key(event, top)
                continue
            self.count += 1
            if self.count > GUIDE_MAX_VALUES:
                raise self.fail(event, loc, f"has more than {GUIDE_MAX_VALUES} values; a guide never needs that many")
            self.source.lines.setdefault(loc, _line(event))
            if isinstance(event, yaml.ScalarEvent):
                result = self._deliver(stack, self._scalar(event, loc), result)
                continue
            if getattr(event, "tag", None) not in _DEFAULT_TAGS:
                raise self.fail(event, loc, f"tags such as {shown(event.tag)} are not supported in guide files")
            if len(stack) >= GUIDE_MAX_DEPTH:
                raise self.fail(
                    event, loc[:2], f"nested more than {GUIDE_MAX_DEPTH} levels deep; a guide never needs that"
                )
            container: list[Any] | dict[str, Any] = [] if isinstance(event, yaml.SequenceStartEvent) else {}
            stack.append(_Open(container, loc))

    @staticmethod
    def _loc(top: _Open | None) -> Path_:
        if top is None:
            return ()
        if isinstance(top.value, list):
            return (*top.loc, len(top.value))
        return (*top.loc, top.key) if top.key is not None else top.loc

    @staticmethod
    def _deliver(stack: list[_Open], value: Any, result: Any) -> Any:
        if not stack:
            return value
        top = stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        else:
            assert top.key is not None
            top.value[top.key] = value
            top.key = None
        return result

    def _key(self, event: Any, top: _Open) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise self.fail(event, top.loc, "a key must be a plain word")
        if event.implicit[0] and event.value == "<<":
            raise self.fail(
                event, top.loc, "'<<' (merging keys) is not supported in guide files; write the keys out in full"
            )
        key = self._scalar(event, top.loc)
        if not isinstance(key, (str, int)) or isinstance(key, bool) or key == "":
            raise self.fail(event, top.loc, "a key must be a plain word")
        key = str(key)
        assert isinstance(top.value, dict)
        if key in top.value:
            first = self.source.lines[(*top.loc, key)]
            raise self.fail(event, (*top.loc, key), f"{shown(key)} is given twice (first on line {first}); keep one")
        self.source.lines[(*top.loc, key)] = _line(event)
        top.key = key

    def _scalar(self, event: Any, loc: Path_) -> Any:
        value: str = event.value
        if event.tag not in (None, "!", _STR_TAG):
            raise self.fail(event, loc, f"tags such as {shown(event.tag)} are not supported in guide files")
        if not event.implicit[0]:  # quoted, a block scalar, or tagged !!str: text
            return value
        if _NULL.match(value):
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _INT.match(value):
            return WrittenInt(value)
        if _FLOAT.match(value):
            return WrittenFloat(value)
        if ISO_DATE.fullmatch(value):
            date = parse_date(value)
            if date is None:
                raise self.fail(event, loc, not_a_date(shown(value)))
            return date
        return value


class _Written:
    """A number as YAML reads it, keeping how it was written: where text is wanted
    (``presenter: 007``, ``title: 1e2``) the text is what the person typed, not ``7`` or ``100.0``."""

    written: str

    def __new__(cls, text: str) -> Any:
        number = super().__new__(cls, text)  # type: ignore[call-arg]  # int's or float's
        number.written = text
        return number

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.written,))


class WrittenInt(_Written, int):
    pass


class WrittenFloat(_Written, float):
    pass


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], source: Source, data: Any = None, prefix: Path_ = ()) -> M:
    """Validate ``source.data`` (or ``data`` found at ``prefix``) as ``model``.

    Every pydantic error becomes a one-line Problem with file, line and field.
    """
    data = source.data if data is None else data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise GuideError([_problem(err, source, model, data, prefix) for err in exc.errors()]) from None


def validate_all(model: type[M], source: Source) -> tuple[M | None, list[Problem], list[str]]:
    """Validate ``source.data`` as ``model``, reporting every problem.

    On errors, the parts in error are taken out (an unknown key dropped, a
    broken value or slide replaced by a stand-in) and what is left is
    validated again, so that the loader's own checks can still run on the
    rest: one run of ``validate`` then reports every problem. Returns the
    model of what is left (None if nothing usable is left), the problems,
    and the fields (as ``format_path`` writes them) whose later problems
    would only be echoes of the repair and should be ignored.
    """
    try:
        return model.model_validate(source.data), [], []
    except ValidationError as exc:
        errors = exc.errors()
    if len(errors) > MAX_PROBLEMS:  # enough to be going on with; no repair, no further checks
        # Only the first MAX_PROBLEMS in line order are shown, so only those are worded (a file
        # can hold tens of thousands, each worded with suggestions for its spelling).
        order = [line_order(source.line_of(_drop_kind_tags(tuple(err["loc"])))) for err in errors]
        first = sorted(range(len(errors)), key=order.__getitem__)[:MAX_PROBLEMS]
        problems = [_problem(errors[i], source, model, source.data, ()) for i in first]
        return None, at_most(problems, source.label, total=len(errors)), []
    problems = [_problem(err, source, model, source.data, ()) for err in errors]
    repaired, doubtful = _repair(source.data, [(_drop_kind_tags(tuple(e["loc"])), e["type"]) for e in errors])
    try:
        return model.model_validate(repaired), problems, doubtful
    except ValidationError:
        return None, problems, doubtful


def is_doubtful(problem: Problem, doubtful: list[str]) -> bool:
    """Whether ``problem`` is about a field that ``validate_all`` repaired."""
    return any(problem.field == f or problem.field.startswith((f + ".", f + "[")) for f in doubtful)


# What a whole guide cannot do without, put in place of a broken value.
_STAND_INS: dict[str | int, Any] = {"title": "-", "slides": [{"kind": "title"}]}


def _repair(data: Any, errors: list[tuple[Path_, str]]) -> tuple[Any, list[str]]:
    data = copy.deepcopy(data)
    if not isinstance(data, dict):
        return data, []
    doubtful: set[Path_] = set()
    broken_slides: set[int] = set()
    for loc, kind in errors:
        if not loc:
            continue
        if loc[0] == "slides" and len(loc) >= 2 and isinstance(loc[1], int) and isinstance(data.get("slides"), list):
            slide = data["slides"][loc[1]]
            if isinstance(slide, dict) and len(loc) == 3 and kind == "extra_forbidden":
                slide.pop(loc[2], None)
            else:
                broken_slides.add(loc[1])
                doubtful.update({loc[:2], ("questions",), ("stories",)})
        else:
            doubtful.add(loc[:1])
            if loc[0] in _STAND_INS:
                data[loc[0]] = copy.deepcopy(_STAND_INS[loc[0]])
                doubtful.update({("questions",), ("stories",)})
            else:
                data.pop(loc[0], None)
    for i in broken_slides:
        data["slides"][i] = _stand_in(data["slides"][i], [loc for loc, _ in errors if loc[:2] == ("slides", i)])
    # (at most MAX_PROBLEMS errors come here, so the loops above stay small)
    return data, sorted(format_path(loc) for loc in doubtful)


def _stand_in(slide: Any, locs: list[Path_]) -> Any:
    """A valid slide in place of a broken one: its bad fields dropped, or a plain slide."""
    if isinstance(slide, dict) and slide.get("kind") in SLIDE_KINDS:
        kept = {k: v for k, v in slide.items() if not any(len(loc) > 2 and loc[2] == k for loc in locs)}
        cls = SLIDE_CLASSES[SLIDE_KINDS.index(slide["kind"])]
        try:
            cls.model_validate(kept)
            return kept
        except ValidationError:
            pass
        if slide["kind"] == "story":  # still a story, for the questions after it
            return {"kind": "story", "title": "-", "url": "https://example.org", "synopsis": "-", "licence": "-"}
    return {"kind": "section", "title": "-"}


def _problem(err: Any, source: Source, model: type[BaseModel], data: Any, prefix: Path_) -> Problem:
    inner = _drop_kind_tags(tuple(err["loc"]))
    loc: Path_ = (*prefix, *inner)
    kind = err["type"]
    value = err.get("input")
    message = str(err["msg"]).removeprefix("Value error, ")
    field_name = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        known = _fields_at(model, data, inner[:-1])
        message = (
            f"unknown field {shown(field_name)}{did_you_mean(str(field_name), known)}; remove it or fix the spelling"
        )
    elif kind == "missing":
        message = f"missing: add {field_name}:"
    elif kind == "union_tag_invalid":
        tag = err["ctx"]["tag"]
        message = (
            f"unknown slide kind {shown(tag)}{did_you_mean(str(tag), SLIDE_KINDS)}; kinds are {', '.join(SLIDE_KINDS)}"
        )
    elif kind == "union_tag_not_found":
        message = f"every slide needs kind: (one of {', '.join(SLIDE_KINDS)})"
    elif kind == "string_pattern_mismatch" and field_name == "language":
        message = (
            f"{shown(value)} is not a language tag: write e.g. cy (Welsh), gd (Scottish Gaelic) or en-GB (English)"
        )
    elif kind == "string_pattern_mismatch":
        message = (
            f"{shown(value)} is not a valid id: use letters, digits, '-', '_' or '.', starting with a letter or digit"
        )
    elif kind.startswith("date"):
        message = not_a_date(shown(value))
    elif kind.startswith(("int", "float")):
        what = "a whole number" if kind.startswith("int") else "a number"
        message = f"{shown(value)} is not {what}"
    elif kind in ("string_too_long", "too_long"):
        limit = err["ctx"]["max_length"]
        unit = "characters" if isinstance(value, str) else "items"
        size = len(value) if isinstance(value, (str, list)) else "too many"
        message = f"is {size} {unit} long; at most {limit} can be used: shorten it"
    elif kind == "too_short" and loc == ("slides",):
        message = "a guide needs at least one slide"
    elif kind == "too_short" and loc == ("stories",):
        message = "lists no story: a deck is made to show the stories; list those to keep, or leave stories: out to keep them all"
    elif kind in BOUNDS:
        message = f"{shown(value)} {BOUNDS[kind].format(**err['ctx'])}"
    elif kind == "list_type":
        message = "should be a list: one item per line, each starting with '- '"
    elif len(loc) == 2 and loc[0] == "slides" and not isinstance(value, dict):
        example = value if isinstance(value, str) and value in SLIDE_KINDS else "title"
        message = f"each slide is a set of fields that starts with kind:, e.g. '- kind: {example}'"
    elif kind in ("string_type", "model_type", "dict_type", "model_attributes_type", "bool_type", "bool_parsing"):
        want = {"string_type": "text", "bool_type": "true or false", "bool_parsing": "true or false"}
        message = f"should be {want.get(kind, 'a set of fields (key: value lines)')}, not {_kind_of(value)}"
        if kind == "string_type" and isinstance(value, bool):
            message += " (put it in quotes to make it text)"
    elif kind in ("too_short", "string_too_short"):
        message = "must not be empty"
    return Problem(source.label, source.line_of(loc), format_path(loc), message)


def _kind_of(value: Any) -> str:
    names = {bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "a set of fields"}
    if value is None:
        return "empty"
    return names.get(type(value), shown(value) if isinstance(value, str) else type(value).__name__)


def _drop_kind_tags(loc: Path_) -> Path_:
    """pydantic puts the slide kind into the path (slides.3.quote.text); drop it."""
    return tuple(
        part
        for i, part in enumerate(loc)
        if not (i >= 2 and isinstance(loc[i - 1], int) and loc[i - 2] == "slides" and part in SLIDE_KINDS)
    )


def _fields_at(model: type[BaseModel], data: Any, loc: Path_) -> tuple[str, ...]:
    """The keys a file may write at ``loc``, read off the model found there."""
    hint: Any = model
    for part in loc:
        cls = _model_of(hint, data)
        if isinstance(part, str) and cls is not None:
            info = cls.model_fields.get(part)
            hint = info.annotation if info else None
        elif isinstance(part, int):
            hint = next((typing.get_args(a)[0] for a in _options(hint) if typing.get_origin(a) is list), None)
        else:
            return ()
        data = data[part] if _has(data, part) else None
    cls = _model_of(hint, data)
    return tuple(cls.model_fields) if cls is not None else ()


def _has(data: Any, part: str | int) -> bool:
    if isinstance(part, int):
        return isinstance(data, list) and 0 <= part < len(data)
    return isinstance(data, dict) and part in data


def _model_of(hint: Any, data: Any) -> type[BaseModel] | None:
    """The model class ``hint`` stands for; a union of slides is narrowed by ``data``'s kind."""
    models = [a for a in _options(hint) if isinstance(a, type) and issubclass(a, BaseModel)]
    if len(models) > 1 and isinstance(data, dict):
        models = [
            m
            for m in models
            if "kind" in m.model_fields
            and data.get("kind") in typing.get_args(_strip(m.model_fields["kind"].annotation))
        ]
    return models[0] if len(models) == 1 else None


def _strip(hint: Any) -> Any:
    while typing.get_origin(hint) is typing.Annotated:
        hint = typing.get_args(hint)[0]
    return hint


def _options(hint: Any) -> list[Any]:
    hint = _strip(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return [_strip(a) for a in typing.get_args(hint)]
    return [hint]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest choice, or an empty string."""
    close = difflib.get_close_matches(word[:100], list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
