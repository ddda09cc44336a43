"""``new``: write a content file with its required front matter filled in.

The id comes from the title (transliterated to ASCII). A date given with
``--date`` is checked before anything is written; without one, the file gets
a placeholder that ``check`` reports until the author replaces it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..content.dates import EdtfError, parse_edtf, parse_published
from ..content.ids import ID_PATTERN, id_from_title
from ..content.yamltext import YamlProblem, read_yaml

KIND_FOLDERS = {"person": "people", "meeting": "meetings", "milestone": "milestones", "article": "articles"}
DATE_PLACEHOLDER = "YYYY-MM-DD"


class ScaffoldError(Exception):
    """Input that cannot make a file: an empty title, a bad date or id."""


class FileExists(Exception):
    """The file for this id is already there; ``new`` never overwrites."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; pick another title or pass --id")
        self.path = path


@dataclass(frozen=True)
class NewFile:
    path: Path           # where it was written
    placeholders: bool   # whether the author still has values to fill in


def scalar(value: str) -> str:
    """value as a YAML scalar that reads back as the same text: plain when it can be, else quoted."""
    try:
        if read_yaml(f"key: {value}") == {"key": value}:
            return value
    except YamlProblem:
        pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _checked_date(kind: str, date: str | None) -> tuple[str, bool]:
    """The date text to write, and whether it is the placeholder."""
    if date is None:
        return DATE_PLACEHOLDER, True
    date = date.strip()
    try:
        if kind == "article":
            parse_published(date)
        else:
            parse_edtf(date)
    except EdtfError as exc:
        raise ScaffoldError(f"--date: {exc}") from None
    return date, False


_HINT = "# required: replace YYYY-MM-DD with the date, as in 2018-09-05, 2018-09 or 2018-09-18/2018-09-20"
_PUBLISHED_HINT = "# required: replace YYYY-MM-DD with the date, as in 2018-09-06 or 2018-09-06T15:18:00+09:00"


def front_matter(kind: str, title: str, date: str | None) -> tuple[str, bool]:
    """The whole file text for a new entry of kind, and whether it holds placeholders."""
    if kind == "person":
        if date is not None:
            raise ScaffoldError("--date does not apply to a person; add roles with from/to dates in the file")
        lines = [f"name: {scalar(title)}",
                 "# aliases: [other spellings, used to link mentions in articles]",
                 "# native_name: the name in its own script",
                 "# roles:",
                 "#   - {title: ..., organization: ..., from: 2018-06}"]
        return _file(lines), False
    written, placeholder = _checked_date(kind, date)
    hint = f"  {_PUBLISHED_HINT if kind == 'article' else _HINT}" if placeholder else ""
    if kind == "meeting":
        lines = [f"title: {scalar(title)}",
                 f"date: {written}{hint}",
                 "# location: ...",
                 "# status: held          # scheduled | held | postponed | cancelled",
                 "# participants: [person-id, {person: person-id, role: ...}]",
                 "# sources:",
                 "#   - article: article-id",
                 "#     quote: \"words exactly as the article has them\""]
    elif kind == "milestone":
        lines = [f"title: {scalar(title)}",
                 "# people: [person-id]",
                 "history:                 # oldest first",
                 f"  - date: {written}{hint}",
                 "    status: proposed     # proposed | agreed | scheduled | delayed | done | cancelled | broken",
                 "    # note: ...",
                 "    # source: article-id"]
    else:
        lines = [f"title: {scalar(title)}",
                 "# publication: ...",
                 "# author: ...",
                 f"published: {written}{hint}",
                 "# url: https://..."]
    return _file(lines), placeholder


def _file(lines: list[str]) -> str:
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def new_file(root: Path, kind: str, title: str, *, date: str | None = None, id: str | None = None) -> NewFile:
    """Write content/<kind folder>/<id>.md under root; never overwrites."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the title is empty")
    if id is None:
        id = id_from_title(title)
        if not id:
            raise ScaffoldError(f"cannot make an id from the title {title!r}: it has no letters or digits; pass --id")
    elif not ID_PATTERN.fullmatch(id):
        suggestion = id_from_title(id)
        hint = f"; try --id {suggestion}" if suggestion else ""
        raise ScaffoldError(f"--id {id!r} is not an id: use lowercase ASCII letters, digits and single hyphens{hint}")
    text, placeholders = front_matter(kind, title, date)
    folder = root / "content" / KIND_FOLDERS[kind]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{id}.md"
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        raise FileExists(path) from None
    return NewFile(path, placeholders)
