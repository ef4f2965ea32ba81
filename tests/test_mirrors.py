"""The test files mirror the modules: ``src/dnadeck/X.py`` is tested in
``tests/test_X.py`` and ``src/dnadeck/P/X.py`` (a module of package P) in
``tests/test_P_X.py``, which imports it. A package's ``__init__`` is tested
through its modules and the facade (test_layers.py). The other test files
test the product as a whole and are listed in WHOLE with what they cover."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import re
from pathlib import Path

import pytest

import dnadeck

PACKAGE = Path(dnadeck.__file__).parent
TESTS = Path(__file__).parent

# Test files that follow the product through many modules, not one.
WHOLE = {
    "test_accessible_deck": "every pack's deck against the accessibility rules",
    "test_accessible_handout": "every pack's session plan against the accessibility rules",
    "test_accessible_pdf": "the PDFs of decks and session plans, tagged (PDF/UA)",
    "test_content_honesty": "the words of every pack against the content rules",
    "test_feedback": "what the commands say while they work",
    "test_fuzz": "generated guides: loaded, refused in one line, or built",
    "test_hostile": "hostile input to the command: nothing crashes, hangs, leaks or is destroyed",
    "test_layers": "the flow of imports between the modules, and the facade",
    "test_messages": "how every command words a problem",
    "test_mirrors": "this file: the test files mirror the modules",
    "test_order": "stories and their questions in order, for every pack",
    "test_readme": "the README's commands run as written",
    "test_signals": "a run stopped by a signal leaves nothing half-written",
    "test_template_corpus": "every pack on every template of the corpus",
    "test_text_values": "YAML values where text is wanted, from guide to slide",
    "test_validate": "dnadeck validate and build agree",
    "test_wording": "the wording files and labels, from guide to deck and session plan",
    "test_web_browser": "the page in Chromium",
    "test_web_proxy": "two servers behind nginx",
}


def modules() -> list[str]:
    """Every module of the package, as dotted names below ``dnadeck``, but packages' __init__ and __main__."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] not in ("__init__", "__main__"):
            found.append(".".join(parts))
    return found


def mirror(module: str) -> str:
    return "test_" + module.replace(".", "_")


def imported(test_file: Path) -> set[str]:
    """The dnadeck modules a test file imports from: ``from dnadeck.P import name``
    counts for the module that defines ``name`` (so the facade's names count for theirs)."""
    found = set()
    for node in ast.walk(ast.parse(test_file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("dnadeck"):
            found.add(node.module)
            module = importlib.import_module(node.module)
            for alias in node.names:
                value = getattr(module, alias.name, None)
                if (
                    value is None
                    and hasattr(module, "__path__")
                    and importlib.util.find_spec(f"{node.module}.{alias.name}")
                ):
                    value = importlib.import_module(f"{node.module}.{alias.name}")  # a submodule not imported yet
                found.add(value.__name__ if inspect.ismodule(value) else getattr(value, "__module__", "") or "")
    return {name.removeprefix("dnadeck.") for name in found if name.startswith("dnadeck.")}


def test_the_rule_names_one_file_for_each_module() -> None:
    names = [mirror(m) for m in modules()]
    assert len(names) == len(set(names)), "two modules would share a test file"
    assert not set(names) & set(WHOLE)


@pytest.mark.parametrize("module", modules())
def test_each_module_has_its_test_file_which_imports_it(module: str) -> None:
    path = TESTS / f"{mirror(module)}.py"
    assert path.is_file(), f"src/dnadeck/{module.replace('.', '/')}.py has no test file: write {path.name}"
    assert module in imported(path), f"{path.name} does not import dnadeck.{module}"


def test_every_test_file_mirrors_a_module_or_tests_the_whole() -> None:
    mirrors = {mirror(m) for m in modules()}
    stray = sorted(p.stem for p in TESTS.glob("test_*.py") if p.stem not in mirrors and p.stem not in WHOLE)
    assert not stray, f"test files for no module: {stray} (name each after its module, or add it to WHOLE)"
    gone = sorted(name for name in WHOLE if not (TESTS / f"{name}.py").is_file())
    assert not gone, f"WHOLE lists test files that are not there: {gone}"


def test_the_code_map_names_every_module() -> None:
    """docs/code.md, where a newcomer starts, names every module and none that is gone."""
    text = (TESTS.parent / "docs" / "code.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^\| `([a-z_/]+\.py)` \|", text, flags=re.M))
    modules = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")}
    assert modules - named == set(), "add these to docs/code.md"
    assert named - modules == set(), "these in docs/code.md are gone"
