"""Reading Markdown bodies as plain text: code and links masked, quotes matched.

Masking keeps every offset and newline, so a match in the masked text points
at the same line and column of the original body.
"""
from __future__ import annotations

import functools
import re
from typing import Callable

BODIES_REMEMBERED = 20_000   # per-body results kept for the next read of the same text

WIKILINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
_FENCED = re.compile(r"^(?P<fence>`{3,}|~{3,}).*?(?:^(?P=fence)[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_INDENTED = re.compile(r"(?:(?<=\n\n)|\A)(?:(?: {4}|\t).*(?:\n|\Z))+")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|<[^>\n]+>|https?://\S+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")
_QUOTES = {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "*": ""}
_QUOTE_CHARS = re.compile("[" + "".join(_QUOTES) + "]")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\])\s*")


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_code(body: str) -> str:
    """The body with fenced, indented and inline code blanked out."""
    if "`" in body or "~~~" in body:
        body = _FENCED.sub(_blank, body)
    if "    " in body or "\t" in body:
        body = _INDENTED.sub(_blank, body)
    return _CODE_SPAN.sub(_blank, body) if "`" in body else body


def mask_links(body: str) -> str:
    """The code-masked body with links, wikilinks, HTML tags and URLs blanked too."""
    return _LINK.sub(_blank, WIKILINK.sub(_blank, mask_code(body)))


@functools.lru_cache(maxsize=BODIES_REMEMBERED)
def wikilinks(body: str) -> tuple[tuple[str, int, int], ...]:
    """The target of each ``[[target|text]]`` outside code, with its 1-based line and column in the body.

    Remembered by body text: ``serve`` checks every body's links on each rebuild.
    """
    found = []
    for match in WIKILINK.finditer(mask_code(body)):
        line = body.count("\n", 0, match.start()) + 1
        col = match.start() - (body.rfind("\n", 0, match.start()) + 1) + 1
        found.append((match.group(1).strip(), line, col))
    return tuple(found)


_IMAGE = re.compile(r"!\[(?:[^\]\n]|\\\])*\]\(\s*(?:<([^>\n]+)>|([^)\s]+))"   # ![alt](src "title"), ![alt](<src>)
                    r"|<img\b[^>]*?\ssrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)


@functools.lru_cache(maxsize=BODIES_REMEMBERED)
def images(body: str) -> tuple[tuple[str, int, int], ...]:
    """The source of each image outside code (``![alt](src)`` or an ``<img src>``), with its 1-based line and column."""
    found = []
    for match in _IMAGE.finditer(mask_code(body)):
        source = next(group for group in match.groups() if group is not None)
        start = match.start(next(i for i, group in enumerate(match.groups(), 1) if group is not None))
        line = body.count("\n", 0, start) + 1
        col = start - (body.rfind("\n", 0, start) + 1) + 1
        found.append((source.strip(), line, col))
    return tuple(found)


def sentence_at(body: str, start: int, end: int) -> str:
    """The sentence of the paragraph around body[start:end], as plain text."""
    para_start = body.rfind("\n\n", 0, start) + 2 if body.rfind("\n\n", 0, start) >= 0 else 0
    para_end = body.find("\n\n", end)
    para_end = len(body) if para_end < 0 else para_end
    sentence_start, sentence_end = para_start, para_end
    for boundary in _SENTENCE_END.finditer(body, para_start, para_end):
        if boundary.end() <= start:
            sentence_start = boundary.end()
        elif boundary.start() >= end:
            sentence_end = boundary.start()
            break
    return plain(body[sentence_start:sentence_end])


def plain(markdown: str, display: Callable[[str], str] = lambda target: target) -> str:
    """Markdown reduced to the words a reader sees, on one line."""
    text = WIKILINK.sub(lambda m: m.group(2) or display(m.group(1).strip()), markdown)
    text = re.sub(r"!?\[([^\]\n]*)\]\([^)\n]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s+", "", text, flags=re.MULTILINE)
    return " ".join(text.replace("*", "").split())


def normalise(text: str) -> str:
    """For comparing quotes: straight quotes, one space, no case, no emphasis."""
    return " ".join(_QUOTE_CHARS.sub(lambda m: _QUOTES[m.group()], text).split()).casefold()


@functools.lru_cache(maxsize=BODIES_REMEMBERED)
def quote_parts(quote: str) -> tuple[str, ...]:
    """The ``normalise``d parts of quote between its ellipses, empty parts left out."""
    return tuple(part for part in map(normalise, _ELLIPSIS.split(quote)) if part)


def quote_found(quote: str | tuple[str, ...], haystack: str) -> bool:
    """Whether every part of quote (split at ellipses) occurs in order in haystack.

    haystack is already ``normalise``d: callers check many quotes against one
    text. A quote looked for in many texts can be given as its ``quote_parts``.
    """
    position = 0
    for part in quote_parts(quote) if isinstance(quote, str) else quote:
        found = haystack.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True
