"""python-docx for long documents: ids counted, not searched for; the same XML, made sooner.

python-docx finds each new relationship id, picture part name and drawing
id by reading all those already there, looks each style up by reading every
style, and places each paragraph by looking for the section properties
among all the body's children. Each is fine for a page, and made a session
plan of 2,500 slides quadratic (over a minute). Here each is found once and
then counted or remembered; our relationship ids and media names have their
own prefixes, so they never meet those python-docx hands out. Two more
changes make the same XML with less work: a run's text without tabs or line
breaks is set at once, not a character at a time, and a new child's place is
found in one pass over its siblings. Those changes to python-docx's own
classes hold only inside ``faster()``, while a session plan is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import weakref
from collections.abc import Callable, Iterator
from typing import Any

from docx.document import Document as DocumentType
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.oxml.document import CT_Body
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.oxml.text.run import CT_R, _RunContentAppender
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.image import ImagePart
from docx.text.run import Run


class PartIds:
    """The ids one part of a document hands out."""

    def __init__(self, part: Any) -> None:
        self.part = part
        self.count = itertools.count(1)
        self.drawings: Iterator[int] | None = None
        self.links: dict[str, str] = {}
        self.images: dict[bytes, tuple[str, Image]] = {}

    def link(self, url: str) -> str:
        """The relationship id of an external hyperlink to ``url`` (one per address)."""
        if url not in self.links:
            self.links[url] = f"rIdLink{next(self.count)}"
            self.part.rels.add_relationship(RELATIONSHIP_TYPE.HYPERLINK, url, self.links[url], is_external=True)
        return self.links[url]

    def image(self, data: bytes) -> tuple[str, Image]:
        """The relationship id of a picture part holding ``data`` (one per picture)."""
        key = hashlib.sha256(data).digest()
        if key not in self.images:
            image = Image.from_blob(data)
            n = next(self.count)
            part = ImagePart.from_image(image, PackURI(f"/word/media/picture{n}.{image.ext}"))
            self.images[key] = (f"rIdPicture{n}", image)
            self.part.rels.add_relationship(RELATIONSHIP_TYPE.IMAGE, part, f"rIdPicture{n}")
        return self.images[key]

    def drawing(self) -> int:
        """A new drawing id: counted on from the first free one, which is read once."""
        if self.drawings is None:
            self.drawings = itertools.count(self.part.next_id)
        return next(self.drawings)


_ids: weakref.WeakKeyDictionary[Any, PartIds] = weakref.WeakKeyDictionary()


def ids(part: Any) -> PartIds:
    if part not in _ids:
        _ids[part] = PartIds(part)
    return _ids[part]


def picture(run: Run, data: bytes, width: Any) -> CT_Inline:
    """``data`` (PNG or JPEG) as an inline picture ``width`` wide in ``run``, as
    ``Run.add_picture`` makes it; returns the inline element."""
    part = run.part
    r_id, image = ids(part).image(data)
    cx, cy = image.scaled_dimensions(width, None)
    inline = CT_Inline.new_pic_inline(ids(part).drawing(), r_id, image.filename, cx, cy)
    run._r.add_drawing(inline)
    return inline


def styles_found_once(doc: DocumentType) -> None:
    """Remember each style's id once it is looked up by name (styles are not added after)."""
    part = doc.part
    look_up: Callable[[Any, Any], str | None] = part.get_style_id
    found: dict[tuple[str, Any], str | None] = {}

    def get_style_id(style_or_name: Any, style_type: Any) -> str | None:
        if not isinstance(style_or_name, str):
            return look_up(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in found:
            found[key] = look_up(style_or_name, style_type)
        return found[key]

    part.get_style_id = get_style_id  # type: ignore[method-assign]


def _before_the_section(body: Any, child: Any) -> Any:
    """A paragraph or table added to a body, before its closing section properties,
    which are always its last child (lxml reads ``body[-1]`` from the end at once)."""
    try:
        last = body[-1]
    except IndexError:
        last = None
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(child)
    else:
        body.append(child)
    return child


_SUCCESSORS: dict[tuple[str, ...], frozenset[str]] = {}


def _first_child_found_in(element: Any, *tagnames: str) -> Any:
    """The first child with one of ``tagnames``, read in one pass over the children
    (python-docx searches once per name: some elements have thirty possible successors).
    Children are in the schema's order, as are the names, so the first found is the same."""
    if not tagnames:
        return None
    tags = _SUCCESSORS.get(tagnames)
    if tags is None:
        tags = _SUCCESSORS[tagnames] = frozenset(qn(t) for t in tagnames)
    for child in element:
        if child.tag in tags:
            return child
    return None


_add_text_by_character = _RunContentAppender.add_text


def _add_text(appender: Any, text: str) -> None:
    """A run's text as python-docx writes it (a ``w:tab`` for a tab, a ``w:br`` for a line
    break, ``w:t`` for the rest), all at once when it has neither."""
    if "\t" in text or "\r" in text or "\n" in text:
        _add_text_by_character(appender, text)
    elif text:
        appender._r.add_t(text)


_RPR = qn("w:rPr")


def _clear_content(run: Any) -> None:
    """Every child of a run but its ``w:rPr`` removed, as ``CT_R.clear_content`` does, without
    compiling an XPath query for each run (a new run has nothing to remove)."""
    for child in list(run):
        if child.tag != _RPR:
            run.remove(child)


# What ``faster`` swaps into python-docx's classes while a session plan is written.
_FASTER: tuple[tuple[type, str, Callable[..., Any]], ...] = (
    (CT_Body, "_insert_p", _before_the_section),
    (CT_Body, "_insert_tbl", _before_the_section),
    (BaseOxmlElement, "first_child_found_in", _first_child_found_in),
    (_RunContentAppender, "add_text", _add_text),
    (CT_R, "clear_content", _clear_content),
)


@contextlib.contextmanager
def faster() -> Iterator[None]:
    """python-docx with the speed-ups above, only while the block runs: a program
    that uses python-docx for its own documents meets it as it was."""
    saved = [(cls, name, cls.__dict__[name]) for cls, name, _ in _FASTER]
    for cls, name, swap in _FASTER:
        setattr(cls, name, swap)
    try:
        yield
    finally:
        for cls, name, original in saved:
            setattr(cls, name, original)
