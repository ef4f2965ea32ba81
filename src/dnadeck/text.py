"""Runs and paragraphs of text: one type from the plan to the written file.

The plan writes a slide's words as blocks of spans; the fitter measures and
splits those same blocks; the layout sets them in text boxes, and the
writers (deck, session plan, web preview) write them. Plain data: no
python-pptx, no Pillow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

# The links text may hold: web pages and e-mail addresses, nothing a click could run.
LINK_SCHEMES = ("http://", "https://", "mailto:")
# Characters XML 1.0 cannot hold (C0 controls but tab, newline and return; lone surrogates;
# U+FFFE and U+FFFF), as a regular expression's character class.
NOT_XML = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"

BlockStyle = Literal["plain", "bullet", "number", "heading"]


@dataclass(frozen=True)
class Span:
    """A piece of text with one style; ``link`` makes it a hyperlink.

    ``tip`` is the link's ScreenTip (what a screen reader or a hover says
    about where it goes). A newline in ``text`` is a line break.
    """

    text: str
    link: str | None = None
    tip: str | None = None
    bold: bool = False
    italic: bool = False
    lang: str | None = None  # BCP 47 language of the text, where not the deck's


@dataclass(frozen=True)
class Block:
    """A paragraph: spans of text, perhaps a bullet point, a numbered item or a heading.

    A heading is kept with what follows it when text runs on to another slide.
    """

    spans: tuple[Span, ...]
    style: BlockStyle = "plain"
    number: int | None = None  # for style "number"

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    @property
    def bold(self) -> bool:
        return any(s.bold for s in self.spans)

    @property
    def italic(self) -> bool:
        return any(s.italic for s in self.spans)

    @property
    def marked(self) -> bool:
        """Whether a bullet or a number stands before it, in a hanging indent."""
        return self.style == "bullet" or self.style == "number"

    @property
    def spaced(self) -> bool:
        """Whether the paragraph has a gap above it (when not first)."""
        return self.style != "plain"


def block(text: str, style: BlockStyle = "plain", **span: Any) -> Block:
    """A one-span block; ``span`` is the Span's link, tip, bold, italic or lang."""
    return Block((Span(text, **span),), style)
