"""Reading YAML with line numbers: every value keeps its line, YAML's surprises
are refused, and a bad file is one clear problem naming its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dnadeck.errors import GuideError
from dnadeck.yamlfile import did_you_mean, format_path, parse_yaml, read_yaml

GUIDE = """\
title: Ward 7
slides:
  - kind: title
  - kind: text
    title: Why
    points:
      - first
      - second
"""


def test_every_value_keeps_its_line() -> None:
    source = parse_yaml(GUIDE, "g.yaml")
    assert source.data["slides"][1]["points"] == ["first", "second"]
    assert source.line_of(("title",)) == 1
    assert source.line_of(("slides", 1, "title")) == 5
    assert source.line_of(("slides", 1, "points", 1)) == 8
    assert source.line_of(("slides", 1, "nosuch")) == 4  # the nearest part the file has


def test_yaml_values_stay_as_written() -> None:
    data = parse_yaml("a: no\nb: 1.10\nc: 2026-12-02\nd: ~\ne: 0x1F\n", "g.yaml").data
    assert data == {"a": "no", "b": 1.1, "c": dt.date(2026, 12, 2), "d": None, "e": "0x1F"}  # Norway stays "no"
    assert data["b"].written == "1.10"  # as typed, where text is wanted


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        ("a: &x 1\nb: *x\n", 1, "anchors and aliases"),
        ("title: A\ntitle: B\n", 2, "title"),
        ("title: [unclosed\n", None, ""),
        ("title: A\n  bad: indent\n", 2, ""),
        ("title: \x07bell\n", 1, "U+0007"),
    ],
)
def test_a_bad_file_is_one_problem_naming_its_line(text: str, line: int | None, said: str) -> None:
    with pytest.raises(GuideError) as caught:
        parse_yaml(text, "g.yaml")
    problems = caught.value.problems
    assert len(problems) == 1 and problems[0].file == "g.yaml"
    if line is not None:
        assert problems[0].line == line
    assert said in problems[0].message


def test_files_in_other_encodings(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_bytes("title: Café\n".encode("utf-16"))
    assert read_yaml(path).data == {"title": "Café"}
    path.write_bytes("\ufefftitle: Café\n".encode())
    assert read_yaml(path).data == {"title": "Café"}
    path.write_bytes("title: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(GuideError, match=r"not UTF-8 text .* save it as UTF-8"):
        read_yaml(path)
    path.write_bytes(b"PK\x03\x04 a zip")
    with pytest.raises(GuideError, match="holds binary data"):
        read_yaml(path)


def test_paths_are_counted_from_one_and_typos_get_a_suggestion() -> None:
    assert format_path(("slides", 3, "story")) == "slides[4].story"
    assert format_path(()) == ""
    assert "storyteller" in did_you_mean("storytelller", ["storyteller", "title"])
    assert did_you_mean("zzz", ["storyteller", "title"]) == ""


def test_past_the_limit_the_problems_shown_are_the_first_by_line(tmp_path: Path) -> None:
    """Only the problems shown are worded; they are the ones wording them all would show first."""
    from pydantic import ValidationError

    from dnadeck.errors import at_most, by_line
    from dnadeck.limits import MAX_PROBLEMS
    from dnadeck.model import GuideFile
    from dnadeck.yamlfile import _problem, validate_all

    slides = "".join(
        "  - {kind: quote, bye: x}\n" if n % 3 else f"  - {{kind: story, story: {n}, title: [a]}}\n" for n in range(120)
    )
    path = tmp_path / "g.yaml"
    path.write_text(f"title: A\nwhen: never\nslides:\n{slides}date: someday\n", encoding="utf-8")
    source = read_yaml(path)
    with pytest.raises(ValidationError) as info:
        GuideFile.model_validate(source.data)
    errors = info.value.errors()
    assert len(errors) > MAX_PROBLEMS
    every = sorted((_problem(e, source, GuideFile, source.data, ()) for e in errors), key=by_line)
    shown = validate_all(GuideFile, source)[1]
    assert [str(p) for p in shown] == [str(p) for p in at_most(every, source.label)]
    assert str(shown[-1]).endswith(f"{len(errors) - MAX_PROBLEMS} more problems not shown; fix these first")
    assert [p.line for p in shown[:2]] == [2, 4]  # the unknown top-level key first, then slide 1
