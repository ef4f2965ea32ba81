"""Random guides: whatever a file says, loading and building end in a deck or
in GuideError, never another exception, never a hang, never a stray file.

Hypothesis writes guide-like structures (the real keys and slide kinds,
random keys, wrong types, any Unicode including control characters, empty
and huge values) and raw YAML fragments (anchors, aliases, tags, tabs, deep
brackets) to a file, then loads it with the library, builds a sample of
what loads, and runs a sample through the command.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import CpuTimeExceeded, cpu_bounded, cpu_limit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dnadeck import GuideError, load_guide
from dnadeck.build import write_deck
from dnadeck.cli import main
from dnadeck.model import SLIDE_KINDS

TOP_KEYS = ["id", "extends", "title", "subtitle", "presenter", "organisation", "date", "logo", "template"]
TOP_KEYS += ["language", "labels", "slides", "stories", "questions"]
SLIDE_KEYS = ["kind", "title", "text", "by", "points", "body", "cite", "story", "url", "synopsis", "licence"]
SLIDE_KEYS += ["storyteller", "questions", "notes", "minutes", "source", "year", "role", "attributed", "selection"]
STORY_IDS = ["stay", "touch", "floristry-perhaps", "stya", ""]
PACKS = ["compassion", "resilience", "nosuch", "../x.yaml", "/etc/passwd"]

# DNADECK_FUZZ=20 runs twenty times as many examples, freshly random (for a long hunt).
MORE = int(os.environ.get("DNADECK_FUZZ", "1"))
SETTINGS = settings(
    max_examples=60 * MORE,
    deadline=None,  # no clock: each example is bounded by CPU time instead (cpu_bounded)
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=MORE == 1,  # the same examples in every ordinary run
    database=None,
)

words = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)  # any Unicode, controls included
texts = st.one_of(
    words,
    st.sampled_from(["", " ", "\x01", "\x1b[31m", "a\nb", "\ufffe", "‮", "{story}", "https://example.org", "mailto:x"]),
    st.builds(lambda s, n: s * n, st.sampled_from(["word ", "x", "é"]), st.integers(0, 3000)),
)
scalars = st.one_of(
    texts,
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(words, inner, max_size=3), max_leaves=8
)


def slide_value(key: str) -> st.SearchStrategy[Any]:
    if key == "kind":
        return st.sampled_from([*SLIDE_KINDS, "quot", "", "Title"]) | values
    if key == "story":
        return st.sampled_from(STORY_IDS) | values
    if key in ("points", "questions"):
        return st.lists(texts, max_size=5) | values
    return texts | values


slides = st.lists(
    st.fixed_dictionaries({"kind": st.sampled_from(SLIDE_KINDS)}).flatmap(
        lambda base: st.dictionaries(st.sampled_from(SLIDE_KEYS) | words, st.just(None), max_size=5).flatmap(
            lambda keys: st.fixed_dictionaries(
                {**{k: st.just(v) for k, v in base.items()}, **{k: slide_value(k) for k in keys}}
            )
        )
    )
    | values,
    max_size=6,
)


def top_value(key: str) -> st.SearchStrategy[Any]:
    return {
        "slides": slides,
        "extends": st.sampled_from(PACKS) | values,
        "stories": st.lists(st.sampled_from(STORY_IDS) | words, max_size=4) | values,
        "questions": st.lists(st.integers(-3, 40) | st.booleans() | st.floats(), max_size=5) | values,
        "date": st.dates() | texts | st.integers() | values,
        "logo": st.sampled_from(["logo.png", "~nosuchuser/x.png", "../x.png", "/dev/zero.png"]) | texts,
        "template": st.sampled_from(["t.pptx", "../t.pptx", "x.potx"]) | texts,
    }.get(key, texts | values)


guides = st.dictionaries(st.sampled_from(TOP_KEYS) | words, st.just(None), max_size=7).flatmap(
    lambda keys: st.fixed_dictionaries({k: top_value(k) for k in keys})
)

fragments = st.lists(
    st.sampled_from(
        [
            "title: A\n",
            "slides:\n",
            "  - kind: title\n",
            "  - kind: quote\n    text: x\n    by: y\n",
            "a: &a [x, x]\n",
            "b: [*a, *a]\n",
            "<<: {x: 1}\n",
            "\t- kind: title\n",
            "extends: compassion\n",
            "questions: [1, 2]\n",
            "title: !!python/object:os.system x\n",
            "---\n",
            "[" * 50,
            "{a: " * 30,
            "- " * 40 + "x\n",
            'title: "\\x01\\uFFFF"\n',
            "? [a]\n: b\n",
            "date: 2026-02-30\n",
            "date: 0\n",
            "title: |\n  block\n",
            "%YAML 1.1\n",
        ]
    )
    | words.map(lambda s: s + "\n"),
    max_size=8,
).map("".join)


# Guides of the right shape, with any text in them: most load, so building is exercised.
plain = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40)
plausible_slides = st.lists(
    st.one_of(
        st.fixed_dictionaries({"kind": st.just("title")}),
        st.fixed_dictionaries({"kind": st.just("section"), "title": plain}),
        st.fixed_dictionaries({"kind": st.just("text"), "title": plain, "body": texts}),
        st.fixed_dictionaries(
            {"kind": st.just("text"), "title": plain, "points": st.lists(plain, min_size=1, max_size=12)}
        ),
        st.fixed_dictionaries(
            {"kind": st.just("quote"), "text": texts, "by": plain},
            optional={"source": st.sampled_from(["https://example.org/q", "mailto:a@b.c", "ftp://x"]), "year": plain},
        ),
        st.fixed_dictionaries({"kind": st.just("story"), "story": st.sampled_from(STORY_IDS[:3])}),
        st.fixed_dictionaries({"kind": st.just("questions"), "questions": st.lists(plain, min_size=1, max_size=8)}),
        st.fixed_dictionaries({"kind": st.sampled_from(["warning", "credits"])}, optional={"notes": texts}),
    ),
    min_size=1,
    max_size=8,
)
plausible = st.fixed_dictionaries(
    {"title": plain, "slides": plausible_slides},
    optional={
        "subtitle": plain,
        "presenter": plain,
        "organisation": plain,
        "date": st.dates(),
        "id": st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
    },
)


def as_yaml(guide: dict[str, Any]) -> str:
    try:
        return yaml.safe_dump(guide, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, UnicodeError, ValueError, RecursionError):
        return yaml.safe_dump({"title": "unrepresentable"})


def guide_file(folder: Path, guide: dict[str, Any]) -> Path:
    path = folder / "g.yaml"
    path.write_text(as_yaml(guide), encoding="utf-8")
    return path


def load_or_guide_error(path: Path) -> Any:
    try:
        return load_guide(path)
    except GuideError as exc:
        assert exc.problems and all(str(p) and "\n" not in str(p) for p in exc.problems)
        return None


@SETTINGS
@given(guide=guides)
@cpu_bounded(5)
def test_any_structure_loads_or_gives_guide_error(guide: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        load_or_guide_error(guide_file(Path(tmp), guide))


@SETTINGS
@given(text=fragments)
@cpu_bounded(5)
def test_any_yaml_text_loads_or_gives_guide_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        load_or_guide_error(path)


@SETTINGS
@given(data=st.binary(max_size=2000) | fragments.map(lambda t: t.encode("utf-8", "surrogatepass")[::-1]))
@cpu_bounded(5)
def test_any_bytes_load_or_give_guide_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.yaml"
        path.write_bytes(data)
        load_or_guide_error(path)


BUILT: list[bool] = []


@settings(SETTINGS, max_examples=25 * MORE)
@given(guide=plausible | guides)
@cpu_bounded(20)
def test_building_makes_a_deck_or_nothing(guide: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out = folder / "out"
        try:
            done = write_deck(guide_file(folder, guide), out_dir=out)
        except GuideError:
            assert not out.exists() or not list(out.iterdir())
            BUILT.append(False)
            return
        BUILT.append(True)
        assert done.path is not None and done.path.is_file() and done.slides >= 1
        assert [p.name for p in out.iterdir()] == [done.path.name]


def test_the_fuzzed_builds_made_decks() -> None:
    """The building test above is only worth something if some guides built."""
    if BUILT:
        assert BUILT.count(True) >= 5, BUILT


@settings(SETTINGS, max_examples=10 * MORE)
@given(guide=plausible | guides)
@cpu_bounded(20)
def test_the_command_says_one_line_per_problem(guide: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        result = CliRunner().invoke(main, ["build", str(guide_file(folder, guide)), "-o", str(folder / "out.pptx")])
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        if result.exit_code == 1:
            assert not (folder / "out.pptx").exists()
            assert all(
                line.startswith(str(folder)) or line.startswith("dnadeck") for line in result.stderr.splitlines()
            )


def test_an_example_that_spins_is_stopped_by_its_cpu_bound() -> None:
    with pytest.raises(CpuTimeExceeded), cpu_limit(0.2):
        while True:
            pass


def test_no_example_is_timed_by_the_clock() -> None:
    """conftest's profile: Hypothesis's default deadline would fail slow examples on a busy machine."""
    assert settings.default.deadline is None and SETTINGS.deadline is None
