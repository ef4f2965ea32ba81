"""The one-way flow: model <- load <- plan <- layout <- write <- (deck, build) <- cli/web.

Every module of the package is checked: what content decides (model, load,
plan) imports neither python-pptx nor Pillow; the layout reads the plan (each
slide kind's plan class stands beside its planner) but never the guide's files
or its story ties; the writers read plans and drawn decks, never the guide's
files nor what calls them; nothing in the library imports the command line.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import dnadeck

PACKAGE = Path(dnadeck.__file__).parent
MODULES = sorted(
    ".".join(p.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__") for p in PACKAGE.rglob("*.py")
)
HEAVY = {"pptx", "PIL", "segno", "lxml", "docx"}
# Each module, and what it must not import (ours by module name, or packages).
PURE = ["model", "errors", "yamlfile", "catalogue", "load", "plan", "ties", "schema", "starter", "text"]
RULES: dict[str, set[str]] = {
    **{m: HEAVY | {"layout", "fit", "images", "deck", "build", "cli", "write"} for m in PURE},
    "model": HEAVY | {m for m in ("yamlfile", "load", "plan", "catalogue", "layout", "deck", "build", "cli")},
    "layout": {"load", "yamlfile", "ties", "build", "cli", "deck", "write"},
    "write": {"load", "build", "cli", "deck"},
    "fit": {"layout", "plan", "load", "build", "cli"},
}


def parsed(module: str) -> tuple[list[str], ast.Module]:
    """The package a module is in (its own, for a package's ``__init__``), and its parsed source."""
    path = PACKAGE / (module.replace(".", "/") + ".py")
    package = module.split(".")[:-1]
    if not path.exists():
        path = PACKAGE / module.replace(".", "/") / "__init__.py"
        package = module.split(".")
    return package, ast.parse(path.read_text(encoding="utf-8"))


def imports(module: str) -> set[str]:
    """Top-level packages, and our own modules by their first name in the package, that ``module`` imports."""
    package, tree = parsed(module)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level:
            up = node.level - 1
            base = package[: len(package) - up] if up else package
            if node.module:
                found.add([*base, *node.module.split(".")][0])
            else:
                found |= {[*base, alias.name][0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add((node.module or "").split(".")[0])
    return found


def test_imports_are_read_right() -> None:
    assert {"plan", "fit", "images", "theme", "layout"} <= imports("layout.slides")
    assert {"ties", "catalogue", "plan", "model"} <= imports("plan.slides")


def _rule(module: str) -> set[str]:
    top = module.split(".")[0]
    return RULES.get(module, RULES.get(top, set()))


@pytest.mark.parametrize("module", [m for m in MODULES if m])
def test_every_module_keeps_to_the_flow(module: str) -> None:
    if module.split(".")[0] in ("cli", "__main__"):
        return
    forbidden = _rule(module) | {"cli"}
    if module.split(".")[0] == "layout":
        forbidden = RULES["layout"] | {"cli"}
    assert not imports(module) & forbidden, f"{module} imports {sorted(imports(module) & forbidden)}"


def test_importing_the_facade_loads_neither_pptx_nor_pillow() -> None:
    code = "import sys, dnadeck; dnadeck.load_guide, dnadeck.plan_deck; print(sorted(m for m in ('pptx', 'PIL', 'lxml') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_command_starts_without_pptx_pillow_or_lxml() -> None:
    """``dnadeck --help`` and every command's start read the writers' table, not the writers' libraries."""
    code = "import sys, dnadeck.cli; print(sorted(m for m in ('pptx', 'PIL', 'lxml', 'docx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_public_api() -> None:
    for name in (
        "load_guide",
        "plan_deck",
        "deck_presentation",
        "save_deck",
        "deck_bytes",
        "GuideError",
        "Guide",
        "Story",
    ):
        assert name in dnadeck.__all__ and hasattr(dnadeck, name)


def _typed_exports() -> dict[str, str]:
    """What the facade's TYPE_CHECKING block gives mypy: public name -> "module" or "module:name"."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    found: dict[str, str] = {}
    modules: dict[str, str] = {}
    for node in block.body:
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                name = alias.asname or alias.name
                found[name] = node.module if name == alias.name else f"{node.module}:{alias.name}"
        elif isinstance(node, ast.ImportFrom):
            modules |= {alias.asname or alias.name: alias.name for alias in node.names}
        elif isinstance(node, ast.Assign):
            target, value = node.targets[0], node.value
            assert isinstance(target, ast.Name) and isinstance(value, ast.Attribute)
            assert isinstance(value.value, ast.Name)
            found[target.id] = f"{modules[value.value.id]}:{value.attr}"
    return found


def test_the_facade_gives_type_checkers_every_name_it_exports() -> None:
    """The lazy table and the imports mypy reads name the same objects, so every call through the facade is checked."""
    assert _typed_exports() == dnadeck._EXPORTS
    for name in dnadeck.__all__:
        assert getattr(dnadeck, name) is not None


def test_the_command_line_reaches_the_library_only_through_the_facade() -> None:
    """cli.py imports no library module that decides, draws or writes a deck: it calls ``dnadeck.<name>``."""
    library = {"build", "load", "plan", "deck", "catalogue", "handout", "layout", "model", "write"}
    assert not imports("cli") & library, sorted(imports("cli") & library)
    code = "import sys, dnadeck.cli; print(sorted(m for m in ('pydantic', 'pptx', 'PIL') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


OFFICE_PLUMBING = {"web.app": set(), "web.jobs": set(), "web.workers": set(), "web.converters": {"write"}}


@pytest.mark.parametrize("module", ["web.app", "web.jobs", "web.converters", "web.workers"])
def test_the_web_app_reaches_the_library_only_through_the_facade(module: str) -> None:
    """What makes a deck or a PDF is called as ``dnadeck.<name>``, with the facade's real signatures.
    (web.converters runs LibreOffice converters for the server: it shares the converter client of write.office.)"""
    library = {"build", "load", "plan", "deck", "handout", "model", "layout"} | ({"write"} - OFFICE_PLUMBING[module])
    assert not imports(module) & library, sorted(imports(module) & library)


def our_imports(module: str) -> set[str]:
    """Our modules that ``module`` imports, by full dotted name (``layout.canvas``), type-checking imports too."""
    package, tree = parsed(module)
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            up = node.level - 1
            base = package[: len(package) - up] if up else package
        elif (node.module or "").split(".")[0] == "dnadeck":
            base = []
        else:
            continue
        named = [*base, *(node.module or "").removeprefix("dnadeck").lstrip(".").split(".")]
        named = [part for part in named if part]
        for alias in node.names:
            for candidate in (".".join([*named, alias.name]), ".".join(named)):
                if candidate in MODULES and candidate != module:
                    found.add(candidate)
                    break
    return found


def test_no_module_imports_one_that_imports_it_back() -> None:
    """No import cycles among our modules, not even for type checking: each module's place in the flow is clear."""
    graph = {m: our_imports(m) for m in MODULES if m}
    assert "layout.canvas" in graph["layout.page"]  # the graph is read right
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycles.append([*path[path.index(module) :], module])
            return
        if module in done:
            return
        for imported in sorted(graph.get(module, ())):
            visit(imported, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)
