"""GuideError: what went wrong in a guide, as lines of FILE:LINE: field: message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a guide, located as precisely as we can."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class GuideError(Exception):
    """A guide (or the bundled content it uses) cannot be loaded or built.

    ``problems`` lists every problem found; ``str(error)`` gives one line each.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def one(cls, file: str, line: int | None, field: str, message: str) -> GuideError:
        return cls([Problem(file, line, field, message)])
