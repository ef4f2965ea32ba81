"""Dates and counts are written one way, wherever they appear.

A date is YYYY-MM-DD on the command line, in a guide file and through the
library, refused in the same words by each; counts read "1 slide", "3
slides", "two stories"; the long date on the title slide follows the
deck's language. formatting.py is the one place that spells these out.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

import dnadeck
from dnadeck import GuideError, load_guide
from dnadeck.cli import main
from dnadeck.formatting import count, count_words, long_date, numbers_text, parse_date
from dnadeck.plan import plan_deck

HINT = "is not a date: write it as YYYY-MM-DD, e.g. 2026-12-03"


@pytest.mark.parametrize("text", ["2026-02-30", "2026-W49-4", "20261203", "3/12/2026", "2026-12-3"])
def test_a_date_not_written_yyyy_mm_dd_is_refused_alike_everywhere(
    runner: CliRunner, tmp_path: Path, text: str
) -> None:
    done = runner.invoke(main, ["show", "compassion", "--date", text])
    assert done.exit_code == 1
    assert f"'{text}' {HINT}" in done.stderr
    guide = tmp_path / "dated.yaml"
    guide.write_text(f"extends: compassion\ndate: {text}\n", encoding="utf-8")
    done = runner.invoke(main, ["validate", str(guide)])
    assert done.exit_code == 1
    assert f"{guide}:2: date: '{text}' {HINT}" in done.stderr
    with pytest.raises(GuideError, match=f"'{text}' {HINT}"):
        load_guide("compassion", date=text)
    assert parse_date(text) is None


def test_a_good_date_reaches_the_title_slide_as_a_long_date() -> None:
    assert parse_date("2026-12-03") == dt.date(2026, 12, 3)
    guide = load_guide("compassion", date="2026-12-03")
    assert plan_deck(guide).long_date == long_date(guide.date, guide.wording.words) == "3 December 2026"


def test_a_welsh_deck_writes_its_date_in_welsh() -> None:
    guide = load_guide("compassion", date="2026-12-03")
    words = guide.wording.words.model_copy(update=dnadeck.language.babel_words("cy"))
    assert long_date(dt.date(2026, 12, 3), words) == "3 Rhagfyr 2026"


def test_counts_read_as_english_does() -> None:
    assert [count(n, "slide") for n in (0, 1, 2)] == ["0 slides", "1 slide", "2 slides"]
    assert count(3, "story", "stories") == "3 stories"
    assert [count_words(n, "story", "stories") for n in (0, 1, 2, 11)] == [
        "no stories",
        "one story",
        "two stories",
        "11 stories",
    ]


def test_dates_and_counts_are_spelled_out_only_in_formatting() -> None:
    """A second "not a date" message, date pattern or hand-made plural would drift from these."""
    found = []
    for path in sorted(Path(dnadeck.__file__).parent.rglob("*.py")):
        if path.name == "formatting.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""
            if "is not a date: write" in text or "[0-9]{4}-[0-9]{2}-[0-9]{2}" in text:
                found.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.IfExp) and isinstance(node.body, ast.Constant):
                plural = {node.body.value, getattr(node.orelse, "value", None)}
                if plural in ({"", "s"}, {"s", ""}):
                    found.append(f"{path.name}:{node.lineno}")
    assert not found, f"dates or plurals formatted outside formatting.py: {found}"


def test_numbers_text() -> None:
    assert numbers_text((12,)) == "12" and numbers_text((12, 13)) == "12–13" and numbers_text(()) == ""
