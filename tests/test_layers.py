"""The one-way dependencies: model <- load <- render <- cli."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import dnadeck

PACKAGE = Path(dnadeck.__file__).parent
NO_PPTX_OR_PIL = ["model", "errors", "source", "catalogue", "load"]


def imports(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add("." + (node.module or "") if node.level else (node.module or "").split(".")[0])
    return found


@pytest.mark.parametrize("module", NO_PPTX_OR_PIL)
def test_model_and_loading_import_neither_pptx_nor_pillow(module: str) -> None:
    assert not imports(module) & {"pptx", "PIL", "segno", ".render", ".images", ".fit", ".cli"}


def test_the_library_does_not_import_the_cli() -> None:
    for path in PACKAGE.glob("*.py"):
        if path.stem not in ("cli", "__main__"):
            assert ".cli" not in imports(path.stem), path.name


def test_public_api() -> None:
    for name in ("load_guide", "build_deck", "save_deck", "deck_bytes", "GuideError", "Guide", "Story"):
        assert name in dnadeck.__all__ and hasattr(dnadeck, name)
