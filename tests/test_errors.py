"""Errors carry their own message and exit status; the library speaks in its own terms.

The command line adds its options (``-o``, ``--force``) to what the library
says; a program calling the library sees no option it never had.
"""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

import dnadeck
from dnadeck.catalogue import assets_dir
from dnadeck.cli import main
from dnadeck.errors import Failure, GuideError, OfficeError, OutputError, OutputNameError, Problem

PACKAGE = Path(dnadeck.__file__).parent
FLAGS = (
    "-o ",
    "--force",
    "--debug",
    "--pdf",
    "--output",
    "--preview",
    "--story",
    "--question",
    "--jobs",
    "--packs-dir",
)
LIBRARY = sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if p.name not in ("cli.py", "__main__.py"))


def _strings(path: Path) -> list[str]:
    """Every string constant (f-string parts included) in a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


@pytest.mark.parametrize("module", LIBRARY)
def test_library_messages_name_no_command_line_option(module: str) -> None:
    said = [s for s in _strings(PACKAGE / module) if any(flag in s for flag in FLAGS)]
    assert said == []


def test_a_refused_output_says_what_is_wrong_and_which_way_out_there_is(tmp_path: Path) -> None:
    foreign = tmp_path / "deck.pptx"
    foreign.write_bytes(b"not a deck")
    with pytest.raises(OutputError) as caught:
        dnadeck.write_deck("compassion", foreign)
    assert str(caught.value) == f"'{foreign}' is already there and is not a deck dnadeck wrote"
    assert (caught.value.replaceable, caught.value.elsewhere) == (True, True)
    with pytest.raises(OutputNameError) as named:
        dnadeck.write_deck("compassion", tmp_path / "deck.odp")
    assert str(named.value).startswith(f"'{tmp_path / 'deck.odp'}': a deck is written to a .pptx or .pdf file")
    assert list(tmp_path.iterdir()) == [foreign]


def test_the_command_line_adds_its_options_to_the_library_s_words(runner: CliRunner, tmp_path: Path) -> None:
    foreign = tmp_path / "deck.pptx"
    foreign.write_bytes(b"not a deck")
    result = runner.invoke(main, ["build", "compassion", "-o", str(foreign)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"dnadeck: '{foreign}' is already there and is not a deck dnadeck wrote; "
        "use --force to replace it, or -o to write elsewhere\n",
    )
    template = str(assets_dir() / "example" / "example-trust-template.pptx")
    result = runner.invoke(main, ["template", "inspect", template, "--preview", str(tmp_path / "sheet.jpg")])
    assert result.exit_code == 1
    assert f"dnadeck template inspect: --preview '{tmp_path / 'sheet.jpg'}': a preview is written" in result.stderr


def test_errors_carry_their_exit_status() -> None:
    for kind in (GuideError, OutputError, OutputNameError, OfficeError):
        assert issubclass(kind, Failure) and kind.exit_status == 1


def test_errors_cross_processes_whole() -> None:
    """build_all's workers send errors back pickled: nothing of them may be lost on the way."""
    guide = GuideError([Problem("a.yaml", 3, "title", "too long"), Problem("a.yaml", None, "", "more")])
    back = pickle.loads(pickle.dumps(guide))
    assert type(back) is GuideError and back.problems == guide.problems and str(back) == str(guide)
    output = OutputNameError("'x.txt': wrong kind", elsewhere=True, instead="x.pptx")
    again = pickle.loads(pickle.dumps(output))
    assert type(again) is OutputNameError and str(again) == str(output)
    assert (again.replaceable, again.elsewhere, again.instead) == (False, True, "x.pptx")


def test_build_all_returns_each_failure_and_the_command_line_words_it(runner: CliRunner, tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "broken.yaml").write_text("id: broken\ntitle: [\n", encoding="utf-8")
    results = dnadeck.build_all(tmp_path / "out", 1, dnadeck.pack_sources(packs))
    assert len(results) == 1 and isinstance(results[0].error, GuideError)
    result = runner.invoke(main, ["build-all", "--packs-dir", str(packs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{packs / 'broken.yaml'}:")


def test_the_web_app_has_one_problem_type() -> None:
    """Form problems are the library's Problem too: no hand-made {"field": ..., "message": ...} in the app."""
    tree = ast.parse((PACKAGE / "web" / "app.py").read_text(encoding="utf-8"))
    made = [
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict) and any(isinstance(k, ast.Constant) and k.value == "field" for k in node.keys)
    ]
    assert made == []
