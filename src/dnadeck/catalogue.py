"""The bundled content: where it is, the packs, the stories, the series facts."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from pathlib import Path

from .errors import GuideError
from .model import Catalogue, Series, Slide, Story, StorySlide, Wording
from .yamlfile import read_yaml, validate


def _bundled(name: str) -> Path:
    """``content`` or ``assets``: inside the installed package, else the repo."""
    inside = Path(str(files("dnadeck"))) / name
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parents[2] / name


def content_dir() -> Path:
    return _bundled("content")


def assets_dir() -> Path:
    return _bundled("assets")


def pack_ids() -> list[str]:
    """The ids of the bundled packs, sorted."""
    return sorted(p.stem for p in (content_dir() / "packs").glob("*.yaml"))


def pack_path(pack_id: str) -> Path | None:
    path = content_dir() / "packs" / f"{pack_id}.yaml"
    return path if pack_id in pack_ids() else None


@cache
def series() -> Series:
    """The series facts every deck states."""
    return validate(Series, read_yaml(content_dir() / "series.yaml", "content/series.yaml"))


@cache
def catalogue() -> Catalogue:
    """The story catalogue as its file says it (its language, its stories)."""
    return validate(Catalogue, read_yaml(content_dir() / "stories.yaml", "content/stories.yaml"))


@cache
def stories() -> dict[str, Story]:
    """The story catalogue, by id, in catalogue order."""
    path = content_dir() / "stories.yaml"
    by_id: dict[str, Story] = {}
    for story in catalogue().stories:
        if story.id in by_id:
            raise GuideError.one(str(path), None, "stories", f"story id '{story.id}' is used twice")
        by_id[story.id] = story
    return by_id


@cache
def wording() -> Wording:
    """Default slide labels and speaker notes."""
    return validate(Wording, read_yaml(content_dir() / "wording.yaml", "content/wording.yaml"))


def story_titles(slides: Iterable[Slide]) -> dict[str, str]:
    """Story id -> title: every catalogue story's, then the stories of ``slides`` (a guide's own too)."""
    titles = {s.id: s.title for s in stories().values()}
    return titles | {s.key: s.title or s.key for s in slides if isinstance(s, StorySlide)}
