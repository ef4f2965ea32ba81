"""Runs and paragraphs of text are declared once (``dnadeck.text``) and reach the drawing as planned."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import dnadeck
from dnadeck.layout import draw
from dnadeck.layout.canvas import TextShape
from dnadeck.load import load_guide
from dnadeck.plan import plan_deck
from dnadeck.text import Block, Span

PACKAGE = Path(dnadeck.__file__).parent
RUN_FIELDS = {f.name for f in dataclasses.fields(Span)}
# What a paragraph type says besides its runs: how it is marked, numbered or placed.
PARAGRAPH_FIELDS = {"style", "number", "bullet", "marker", "heading", "align", "indent", "space_before", "origin"}


def look_alikes(source: str) -> list[str]:
    """Classes in ``source`` that declare a run of text or a paragraph of runs over again."""
    fields: dict[str, dict[str, str]] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            fields[node.name] = {
                item.target.id: ast.unparse(item.annotation)
                for item in node.body
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
            }
    runs = {"Span"} | {name for name, held in fields.items() if "text" in held and len(RUN_FIELDS & held.keys()) >= 4}
    found = [name for name in runs if name != "Span"]
    for name, held in fields.items():
        holds_runs = any(f"tuple[{run}, ...]" in annotation for annotation in held.values() for run in runs)
        if holds_runs and len(PARAGRAPH_FIELDS & held.keys()) >= 2 and name != "Block":
            found.append(name)
    return sorted(found)


def test_the_guard_finds_a_run_or_paragraph_declared_again() -> None:
    again = """
class Run:
    text: str
    link: str | None = None
    bold: bool = False
    italic: bool = False
    lang: str | None = None

class Para:
    runs: tuple[Run, ...]
    bullet: bool = False
    number: int | None = None

class SetPara:
    spans: tuple[Span, ...]
    align: str = "l"
    indent: int = 0

class StoryLine:
    spans: tuple[Span, ...]
    number: int | None = None
"""
    assert look_alikes(again) == ["Para", "Run", "SetPara"]


def test_no_module_declares_a_run_or_paragraph_of_text_again() -> None:
    found = {
        str(path.relative_to(PACKAGE)): names
        for path in sorted(PACKAGE.rglob("*.py"))
        if (names := look_alikes(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_drawing_sets_the_plans_own_paragraphs() -> None:
    """Every paragraph the plan writes for a slide's text is drawn as that very paragraph: nothing is copied."""
    plan = plan_deck(load_guide("compassionate-leadership"))
    planned = [b for s in plan.slides for b in (*getattr(s, "body", ()), *getattr(s, "attribution", ()))]
    drawn = [
        p.block
        for slide in draw(plan).slides
        for shape in slide.shapes
        if isinstance(shape, TextShape)
        for p in shape.paras
    ]
    assert planned and all(isinstance(b, Block) for b in drawn)
    seen = {id(b) for b in drawn}
    assert all(id(b) in seen for b in planned)
    links = [s for b in drawn for s in b.spans if s.link]
    assert links and all(s.tip for s in links if s.link and s.link.startswith("http"))
