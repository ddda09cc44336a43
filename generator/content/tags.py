"""Tags: one page per tag, named by the tag's id.

A tag's id is made by the rule that makes ids from titles (``ids.suggest_id``):
``Sanctions relief`` → ``sanctions-relief``. Spellings that make the same id
("Sanctions", "sanctions") share one page, named by the spelling used most;
each other spelling is reported, so that two tags never merge unnoticed.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from .diagnostics import Diagnostics
from .ids import suggest_id
from .model import Entry, Tag
from .yamltext import position_of


def tag_id(tag: str) -> str:
    return suggest_id(tag)


def collect_tags(entries: Iterable[Entry], diagnostics: Diagnostics) -> dict[str, Tag]:
    """Every tag of entries by id, sorted; a tag that makes no id and a second spelling of one are reported."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    tagged: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
    written: list[tuple[Entry, str, str]] = []
    for entry in entries:
        for tag in entry.tags:
            id = tag_id(tag)
            if not id:
                diagnostics.error(entry.path, *position_of(tag, (1, 1)), f"tag '{tag}' has no letter or digit to name its page")
                continue
            spellings[id][str(tag)] += 1
            tagged[id][entry.key] = None
            written.append((entry, tag, id))
    names = {id: min(counts, key=lambda name: (-counts[name], name)) for id, counts in spellings.items()}
    for entry, tag, id in written:
        if tag != names[id]:
            diagnostics.warning(entry.path, *position_of(tag, (1, 1)),
                                f"tag '{tag}' is also written '{names[id]}': both are listed on the page tags/{id}/",
                                f"write '{names[id]}' to keep them one tag")
    return {id: Tag(id, names[id], tuple(tagged[id])) for id in sorted(names)}
