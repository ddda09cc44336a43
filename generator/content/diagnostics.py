"""One format for every problem the generator reports.

A diagnostic is printed as ``path:line:col: severity: message``, followed by
``; hint`` when a hint helps (``did you mean 'kim-jong-un'?``). Paths are
relative to the site folder and use forward slashes.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


class BuildError(Exception):
    """A problem outside the content files that stops a build: the theme, a template,
    two outputs at one path, the search index program."""


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: str
    message: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


class Diagnostics:
    """Collects problems from every stage; nothing aborts until all are in."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def error(self, path: str, line: int, col: int, message: str, hint: str = "") -> None:
        self._items.append(Diagnostic(path, line, col, ERROR, message, hint))

    def warning(self, path: str, line: int, col: int, message: str, hint: str = "") -> None:
        self._items.append(Diagnostic(path, line, col, WARNING, message, hint))

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self._items.extend(items)

    def sorted(self) -> list[Diagnostic]:
        """All problems by path, then line and column; identical ones once."""
        return sorted(set(self._items), key=lambda d: (d.path, d.line, d.col, d.severity, d.message))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if not d.is_error]

    def fails(self, strict: bool = False) -> bool:
        return any(d.is_error or strict for d in self._items)

    def __len__(self) -> int:
        return len(self._items)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A hint naming the closest candidate, or an empty string."""
    close = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
