"""GuideError: what went wrong in a guide, as lines of FILE:LINE: field: message.

Values quoted in messages come from users' files, so they may hold line
breaks or terminal escape sequences: ``shown`` quotes a value safely, and
``Problem.__str__`` escapes whatever is left, so each problem is one plain
line on a terminal.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Self

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


def at_most(problems: list[Problem], label: str, total: int | None = None) -> list[Problem]:
    """The first MAX_PROBLEMS problems, and a line saying how many more there are: of ``total``
    where only the first ones were made into problems."""
    total = len(problems) if total is None else total
    if total <= MAX_PROBLEMS:
        return problems
    more = f"{total - MAX_PROBLEMS} more problems not shown; fix these first"
    return [*problems[:MAX_PROBLEMS], Problem(label, None, "", more)]


def by_line(problem: Problem) -> float:
    """Sort key: problems in line order; those with no line (such as "N more") last."""
    return line_order(problem.line)


def line_order(line: int | None) -> float:
    """Where a problem on ``line`` sorts: in line order, with no line last."""
    return line if line is not None else math.inf


class Failure(Exception):
    """A failure the user can put right: ``str(error)`` says what is wrong, in the
    library's own terms (never a command-line option: the command line adds
    those), and ``exit_status`` is the command's exit status for it."""

    exit_status = 1


class GuideError(Failure):
    """A guide (or the bundled content it uses) cannot be loaded or built.

    ``problems`` lists every problem found; ``str(error)`` gives one line each.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self) -> tuple[type[GuideError], tuple[list[Problem]]]:
        return type(self), (self.problems,)  # intact across processes (build_all's workers)

    @classmethod
    def one(cls, file: str, line: int | None, field: str, message: str) -> Self:
        return cls([Problem(file, line, field, message)])


class OutputError(Failure):
    """A file cannot or must not be written (it would destroy something).

    The message is one line naming the file and saying what is wrong. What the
    caller could do instead is said by flags, for each caller to word as its
    options are named: ``replaceable``, ``force=True`` would replace the file;
    ``elsewhere``, another output name avoids the problem; ``instead``, the
    output name that would do.
    """

    def __init__(
        self, message: str, *, replaceable: bool = False, elsewhere: bool = False, instead: str | None = None
    ) -> None:
        super().__init__(message)
        self.replaceable, self.elsewhere, self.instead = replaceable, elsewhere, instead

    def __reduce__(self) -> tuple[Any, ...]:
        flags = {"replaceable": self.replaceable, "elsewhere": self.elsewhere, "instead": self.instead}
        return _output_error, (type(self), str(self), flags)


def _output_error(kind: type[OutputError], message: str, flags: dict[str, Any]) -> OutputError:
    return kind(message, **flags)


class OutputNameError(OutputError):
    """The output named cannot be written (a deck named .txt): a mistake in what was typed.

    The message starts with the name as given."""


REPORT_TO = "to the dnadeck maintainers"  # where internal errors should be reported


def internal_error(exc: BaseException, also: str = "") -> str:
    """The one line for a failure that is dnadeck's fault, not the input's (``also``: the caller's way to learn more)."""
    more = f"; {also}" if also else ""
    return (
        f"internal error: {type(exc).__name__}: {shorten(escape(str(exc)), 200)} (please report this {REPORT_TO}{more})"
    )


class OfficeError(Failure, RuntimeError):
    """LibreOffice or poppler is missing or failed; the message says what to do."""
