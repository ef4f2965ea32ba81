"""Reading YAML with line numbers, and validating it into the model.

Parsing is safe (PyYAML's SafeLoader). Duplicate keys are errors, not a
silent "last one wins". ``Source.line_of`` maps a field path such as
``("slides", 3, "story")`` to the line it is on, so errors can say where.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import GuideError, Problem
from .model import SLIDE_KINDS, Strict

try:  # the C parser is much faster where PyYAML was built with it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]


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
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is fine
    except FileNotFoundError:
        raise GuideError.one(label, None, "", "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GuideError.one(label, None, "", f"cannot read the file ({exc})") from None
    return parse_yaml(text, label, path)


def parse_yaml(text: str, label: str, path: Path | None = None) -> Source:
    """Parse YAML text into a Source, keeping each field's line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        source = Source(None, label, path)
        source.data = _convert(loader, node, (), source) if node is not None else None
        return source
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "not valid YAML"
        raise GuideError.one(
            label,
            line,
            "",
            f"YAML syntax: {what} (check the indentation; put text in quotes if it starts with {{ [ or # or has ': ' in it)",
        ) from None
    except yaml.YAMLError as exc:
        raise GuideError.one(label, None, "", f"YAML syntax: {exc}") from None
    finally:
        loader.dispose()


def _convert(loader: Any, node: yaml.Node, loc: Path_, source: Source) -> Any:
    source.lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node, loc, source)
            if not isinstance(key, (str, int)):
                raise GuideError.one(
                    source.label, key_node.start_mark.line + 1, format_path(loc), "a key must be a plain word"
                )
            key = str(key)
            if key in result:
                raise GuideError.one(
                    source.label,
                    key_node.start_mark.line + 1,
                    format_path((*loc, key)),
                    f"'{key}' is given twice (first on line {source.lines[(*loc, key)]}); keep one",
                )
            source.lines[(*loc, key)] = key_node.start_mark.line + 1
            result[key] = _convert(loader, value_node, (*loc, key), source)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(loader, item, (*loc, i), source) for i, item in enumerate(node.value)]
    return _scalar(loader, node, loc, source)


def _scalar(loader: Any, node: yaml.Node, loc: Path_, source: Source) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        return node  # a mapping or list used as a key: reported by the caller
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.YAMLError) as exc:
        # e.g. 2026-13-03 looks like a date to YAML but is not one
        line = node.start_mark.line + 1
        raise GuideError.one(
            source.label,
            line,
            format_path(loc),
            f"'{node.value}' is not valid here ({exc}); if it is a date, write YYYY-MM-DD",
        ) from None


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], source: Source, data: Any = None, prefix: Path_ = ()) -> M:
    """Validate ``source.data`` (or ``data`` found at ``prefix``) as ``model``.

    Every pydantic error becomes a one-line Problem with file, line and field.
    """
    try:
        return model.model_validate(source.data if data is None else data)
    except ValidationError as exc:
        raise GuideError([_problem(err, source, prefix) for err in exc.errors()]) from None


def _problem(err: Any, source: Source, prefix: Path_) -> Problem:
    loc: Path_ = (*prefix, *_drop_kind_tags(tuple(err["loc"])))
    kind = err["type"]
    value = err.get("input")
    message = str(err["msg"]).removeprefix("Value error, ")
    field_name = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        message = f"unknown field '{field_name}'{did_you_mean(str(field_name), _known_fields())}; remove it or fix the spelling"
    elif kind == "missing":
        message = f"missing: add {field_name}:"
    elif kind == "union_tag_invalid":
        message = f"unknown slide kind '{err['ctx']['tag']}'{did_you_mean(str(err['ctx']['tag']), SLIDE_KINDS)}; kinds are {', '.join(SLIDE_KINDS)}"
    elif kind == "union_tag_not_found":
        message = f"every slide needs kind: (one of {', '.join(SLIDE_KINDS)})"
    elif kind == "string_pattern_mismatch":
        message = f"'{value}' is not a valid id: use letters, digits, '-', '_' or '.', starting with a letter or digit"
    elif kind.startswith("date"):
        message = f"'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-03"
    elif kind.startswith("int"):
        message = f"'{value}' is not a whole number"
    elif kind == "list_type":
        message = "should be a list: one item per line, each starting with '- '"
    elif len(loc) == 2 and loc[0] == "slides" and not isinstance(value, dict):
        example = value if value in SLIDE_KINDS else "title"
        message = f"each slide is a set of fields that starts with kind:, e.g. '- kind: {example}'"
    elif kind in ("string_type", "model_type", "dict_type", "model_attributes_type"):
        want = "text" if kind == "string_type" else "a set of fields (key: value lines)"
        message = f"should be {want}, not {type(value).__name__}"
    elif kind in ("too_short", "string_too_short"):
        message = "must not be empty"
    return Problem(source.label, source.line_of(loc), format_path(loc), message)


def _drop_kind_tags(loc: Path_) -> Path_:
    """pydantic puts the slide kind into the path (slides.3.quote.text); drop it."""
    return tuple(
        part
        for i, part in enumerate(loc)
        if not (i >= 2 and isinstance(loc[i - 1], int) and loc[i - 2] == "slides" and part in SLIDE_KINDS)
    )


@cache
def _known_fields() -> tuple[str, ...]:
    names: set[str] = set()
    pending: list[type] = [Strict]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        names.update(getattr(cls, "model_fields", {}))
    return tuple(sorted(names))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
