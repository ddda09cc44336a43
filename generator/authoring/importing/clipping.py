"""What reading a clipping yields, and the error for one that cannot be read."""
from __future__ import annotations

from dataclasses import dataclass


class ClippingError(ValueError):
    """A clipping that cannot be imported; the message names the file and the problem."""


@dataclass(frozen=True)
class Clipping:
    title: str
    publication: str | None
    authors: tuple[str, ...]
    published: str | None        # ISO 8601 date, or date-time with its UTC offset
    url: str | None
    paragraphs: tuple[str, ...]
    markdown: bool = False       # paragraphs are Markdown already (a web clip), not plain text
    summary: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hints:
    """Fields a page states outright (HTML metadata, a web clip's front matter); the text
    rules fill in only what is missing and use these to recognise the lines that repeat them."""
    title: str | None = None
    publication: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    url: str | None = None
    description: str | None = None
