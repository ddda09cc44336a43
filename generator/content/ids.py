"""Ids: the file names of content, and how to make one from a name or title."""
from __future__ import annotations

import re

from anyascii import anyascii

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 60   # for ids made from titles; a file named by hand may be longer


def suggest_id(name: str) -> str:
    """A valid id close to name: transliterated, lowercase, hyphen-separated."""
    ascii_name = anyascii(name).lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name))


def id_from_title(title: str) -> str:
    """The id for a new file: ``suggest_id``, cut at a word to at most 60 characters."""
    id = suggest_id(title)
    if len(id) <= MAX_ID_LENGTH:
        return id
    cut = id.rfind("-", 0, MAX_ID_LENGTH + 1)
    return id[:cut] if cut > 0 else id[:MAX_ID_LENGTH].rstrip("-")
