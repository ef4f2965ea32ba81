"""The web form as a custom deck: its fields, the YAML file it makes, its problems.

Every form the page or the HTTP API sends becomes a custom-deck file
(``extends: <pack>``, title..., ``stories:``, ``questions:``) with any
uploaded logo and template beside it, and the deck is loaded from that
file with ``dnadeck.load_guide``. So the file a facilitator downloads is
exactly what the page built, and the checks and messages are the CLI's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from pydantic import TypeAdapter, ValidationError

from ..errors import Problem
from ..limits import WEB_CHOICES_MAX, WEB_TEXT_MAX
from ..model import DEFAULT_LANGUAGE, Language

TEXT_FIELDS = ("title", "subtitle", "presenter", "organisation")
FILE_FIELDS = ("logo", "template")
# Problem fields from the loader -> the form field they are about.
FIELD_OF = {"extends": "source", "stories": "story", "questions": "question"}
_EXCEPTION_NAME = re.compile(r" \([A-Z][A-Za-z]*(?:Error|Exception|Warning)\)")
_BRACKETS = re.compile(r" \([^()]*\)")
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")
SETTINGS_KEYS = frozenset({"extends", *TEXT_FIELDS, "date", "language", *FILE_FIELDS, "stories", "questions"})
LANGUAGE_PROBLEM = "This is not a language that can be used: choose one from the list."
_LANGUAGE = TypeAdapter(Language)


@dataclass(frozen=True)
class Upload:
    """A file sent with the form: the form field, a safe file name, its bytes."""

    field: str
    name: str
    data: bytes


@dataclass
class DeckForm:
    """A facilitator's choices, as the form sent them (text not yet checked).

    ``stories`` and ``questions`` are None when the form did not choose
    (the pack's own); an empty list chooses none (for stories, a problem).
    """

    source: str
    stories: list[str] | None = None
    questions: list[str] | None = None
    text: dict[str, str] = field(default_factory=dict)  # title, subtitle, presenter, organisation
    date: str | None = None
    language: str | None = None  # a BCP 47 tag; None: the pack's own (English)
    uploads: dict[str, Upload] = field(default_factory=dict)

    @property
    def file_name(self) -> str:
        """What the custom-deck file is called (the page names its download after the title)."""
        return f"my-{self.source}.yaml"

    def to_yaml(self, story_titles: Mapping[str, str] | None = None, questions: Mapping[int, str] | None = None) -> str:
        """The custom-deck file. ``story_titles`` and ``questions`` (by number) add comments."""
        story_titles = story_titles or {}
        questions = questions or {}
        lines = [
            "# A custom deck made on dnadeck's web page. Build it again with",
            "# `dnadeck build` and this file's name, or open it on the page.",
            _line("extends", self.source),
        ]
        lines += [_line(key, self.text[key]) for key in TEXT_FIELDS if key in self.text]
        if self.date is not None:
            lines.append(_line("date", self.date))
        if self.language is not None:
            lines.append(_line("language", self.language))
        for key in FILE_FIELDS:
            if key in self.uploads:
                lines.append(_line(key, self.uploads[key].name) + "  # put this file in the same folder as this one")
        if self.stories is not None:
            lines += _list("stories", self.stories, lambda s: story_titles.get(s))
        if self.questions is not None:
            numbers: list[int | str] = [int(q) if q.isdigit() else q for q in self.questions]
            lines += _list("questions", numbers, lambda n: questions.get(n) if isinstance(n, int) else None)
        return "\n".join(lines) + "\n"


def _scalar(value: object) -> str:
    """``value`` as one line of YAML, quoted where it must be (a date stays a date)."""
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = dt.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else value
    style = '"' if isinstance(value, str) and any(c in value for c in "\n\r\t") else None
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True, default_style=style)
    return "\n".join(line for line in text.splitlines() if line != "...").strip()


def _line(key: str, value: object) -> str:
    return f"{key}: {_scalar(value)}"


def _list(key: str, values: Iterable[object], comment: object) -> list[str]:
    items = list(values)
    if not items:
        return [f"{key}: []"]
    out = [f"{key}:"]
    for value in items:
        note = comment(value)  # type: ignore[operator]
        out.append(f"  - {_scalar(value)}" + (f"  # {' '.join(str(note).split())}" if note else ""))
    return out


def safe_name(name: str, suffix_default: str, taken: Iterable[str] = ()) -> str:
    """A file name that is safe to write in a temporary folder and to put in YAML."""
    base = _UNSAFE.sub("-", Path(name.replace("\\", "/")).name).strip(" .-") or f"upload{suffix_default}"
    base = base[-80:]
    while base in set(taken):
        base = f"upload-{base}"
    return base


def is_language(value: str) -> bool:
    """Whether ``value`` is a language tag a guide may give (``model.Language``)."""
    try:
        _LANGUAGE.validate_python(value)
    except ValidationError:
        return False
    return True


def chosen_language(value: str) -> str | None:
    """The language a form chose for its text: None for none, or for the default (English, as the
    packs are). Raises ValueError for what is not a language tag."""
    value = value.strip()
    if value and not is_language(value):
        raise ValueError(LANGUAGE_PROBLEM)
    return value if value and value.casefold() != DEFAULT_LANGUAGE.casefold() else None


def untranslated_note(language: str) -> str:
    """What the page says when the words dnadeck adds are in ``language``, not the deck's."""
    try:
        name = f"{Locale.parse(language.replace('-', '_')).get_language_name('en')} ({language})"
    except (UnknownLocaleError, ValueError):
        name = language
    return (
        f"The words dnadeck adds to the slides (labels, speaker notes, credits) are in {name}: "
        "this page has no translation of them."
    )


def problem_json(problem: Problem) -> dict[str, str]:
    """A loader problem as the page shows it: the form field it is about, and
    the message without the FILE:LINE and field that only make sense in a file."""
    head = problem.field.split("[")[0].split(".")[0]
    name = FIELD_OF.get(head, head)
    known = {"source", "story", "question", "date", *TEXT_FIELDS, *FILE_FIELDS}
    if name == "date":  # the file's wording (YYYY-MM-DD) means nothing on the page
        return {"field": "date", "message": "This is not a date that can be used: check the day, month and year."}
    if name == "language":  # the file's wording speaks of an id
        return {"field": "language", "message": LANGUAGE_PROBLEM}
    if problem.field == "stories":  # no story chosen: the file's way out (leave stories: out) is not the page's
        return {"field": "story", "message": "Tick at least one story: a deck is made to show the stories."}
    return {"field": name if name in known else "", "message": tidy(problem.message, name in FILE_FIELDS)}


def tidy(message: str, about_a_file: bool = False) -> str:
    """A message in a facilitator's words: a sentence, with no Python exception
    names, nor (about a file) the reader's own words in brackets."""
    message = _EXCEPTION_NAME.sub("", message).strip()
    if about_a_file:
        message = _BRACKETS.sub("", message)
    return message[:1].upper() + message[1:] + ("" if message.endswith((".", "?", "!")) else ".")


class SettingsProblem(Exception):
    """Why a settings file cannot be opened (a sentence for the page)."""


def read_settings(data: bytes, packs: Iterable[str]) -> dict[str, object]:
    """The page's choices in a settings file it made: pack, text, date, language, stories, questions,
    and the names of the logo and template (their files are not in it). Raises SettingsProblem."""
    advice = "Choose a settings file this page downloaded."
    try:
        loaded = yaml.safe_load(data.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError):
        raise SettingsProblem(f"This is not a settings file. {advice}") from None
    if not isinstance(loaded, dict) or loaded.get("extends") not in set(packs):
        raise SettingsProblem(f"This settings file is not for one of the packs here. {advice}")
    unknown = sorted(str(k) for k in loaded if k not in SETTINGS_KEYS)
    if unknown:
        raise SettingsProblem(f"This settings file has choices the page cannot show ({', '.join(unknown)}). {advice}")
    out: dict[str, object] = {"source": loaded["extends"]}
    for key in TEXT_FIELDS:
        if isinstance(loaded.get(key), (str, int, float)):
            out[key] = " ".join(str(loaded[key]).split())[:WEB_TEXT_MAX]
    if isinstance(loaded.get("date"), dt.date):
        out["date"] = loaded["date"].isoformat()
    if isinstance(loaded.get("language"), str) and is_language(loaded["language"]):
        out["language"] = loaded["language"]
    for key in FILE_FIELDS:
        if loaded.get(key):
            out[key] = str(loaded[key])
    for key in ("stories", "questions"):
        values = loaded.get(key)
        if isinstance(values, list):
            out[key] = [str(v) for v in values[:WEB_CHOICES_MAX] if isinstance(v, (str, int))]
    return out
