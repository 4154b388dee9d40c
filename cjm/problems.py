"""One problem type for everything cjm reports about a file: schema errors and rule findings."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
SEVERITIES = (WARNING, ERROR)


@dataclass(frozen=True, order=True)
class Problem:
    """A positioned message about a file. ``line`` and ``column`` are 1-based."""

    file: str
    line: int
    column: int
    message: str
    severity: str = ERROR
    rule: str = "syntax"

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"


class JourneyError(Exception):
    """Raised when a file cannot be turned into a journey; carries every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.file, p.line, p.column)))
        super().__init__("\n".join(p.format() for p in self.problems))
