"""GuideError: what went wrong in a guide, as lines of FILE:LINE: field: message.

Values quoted in messages come from users' files, so they may hold line
breaks or terminal escape sequences: ``shown`` quotes a value safely, and
``Problem.__str__`` escapes whatever is left, so each problem is one plain
line on a terminal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Self

from .limits import MAX_PROBLEMS

SHOWN_MAX = 60  # characters of a value quoted in a message
LINE_MAX = 600  # characters of a whole message line

# C0 and C1 controls (and DEL), lone surrogates, line and paragraph
# separators, and the bidirectional overrides that can reorder a line.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(text: str) -> str:
    """``text`` with control characters written as escapes (\\n, \\x1b, \\u202e)."""

    def one(match: re.Match[str]) -> str:
        ch = match.group()
        if ch in _NAMED:
            return _NAMED[ch]
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE.sub(one, text)


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value: object, limit: int = SHOWN_MAX) -> str:
    """A value for a message: in quotes, escaped, cut short with … if long."""
    return f"'{shorten(escape(str(value)), limit)}'"


COMMAND_LINE = "command line"  # Problem.file for a problem with what was typed: the source or an option


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a guide, located as precisely as we can.

    ``file`` is COMMAND_LINE for what was typed (a pack id, an option's
    value; ``field`` then names the option's key, e.g. ``stories[2]``), and
    empty for a problem in no file, when the line starts ``dnadeck:``.
    """

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        file = self.file or "dnadeck"
        where = file if self.line is None else f"{file}:{self.line}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return shorten(escape(text), LINE_MAX)


def at_most(problems: list[Problem], label: str) -> list[Problem]:
    """The first MAX_PROBLEMS problems, and a line saying how many more there are."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = f"{len(problems) - MAX_PROBLEMS} more problems not shown; fix these first"
    return [*problems[:MAX_PROBLEMS], Problem(label, None, "", more)]


def by_line(problem: Problem) -> float:
    """Sort key: problems in line order; those with no line (such as "N more") last."""
    return problem.line if problem.line is not None else float("inf")


class GuideError(Exception):
    """A guide (or the bundled content it uses) cannot be loaded or built.

    ``problems`` lists every problem found; ``str(error)`` gives one line each.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def one(cls, file: str, line: int | None, field: str, message: str) -> Self:
        return cls([Problem(file, line, field, message)])


class OutputError(Exception):
    """A file cannot or must not be written (it would destroy something).

    The message is one line naming the file and saying what to do.
    """


class OutputNameError(OutputError):
    """``-o`` names something that cannot be written (a deck named .txt): a mistake in what was typed."""


REPORT_TO = "to the dnadeck maintainers"  # where internal errors should be reported


def internal_error(exc: BaseException) -> str:
    """The one line for a failure that is dnadeck's fault, not the input's."""
    return (
        f"internal error: {type(exc).__name__}: {shorten(escape(str(exc)), 200)} "
        f"(please report this {REPORT_TO}; run with --debug for details)"
    )


class OfficeError(RuntimeError):
    """LibreOffice or poppler is missing or failed; the message says what to do."""
