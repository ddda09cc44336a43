"""``new``: write a content file with its required front matter filled in.

The id comes from the title (transliterated to ASCII). A date given with
``--date`` is checked before anything is written; without one, the file gets
a placeholder that ``check`` reports until the author replaces it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..content.fields import Field, FieldError
from ..content.ids import ID_PATTERN, id_from_title
from ..content.kinds import BY_SINGULAR, Kind
from ..content.sitefiles import folder_problem
from ..content.yamltext import YamlProblem, read_yaml

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


def _checked_date(kind: Kind, date: str | None) -> tuple[str, bool]:
    """The date text to write, and whether it is the placeholder."""
    if not kind.date_field:
        if date is not None:
            raise ScaffoldError(f"--date does not apply to a {kind.singular}; write its dates in the file")
        return "", False
    if date is None:
        return DATE_PLACEHOLDER, True
    date = date.strip()
    try:
        kind.date_field[-1].type.read(date)
    except FieldError as exc:
        raise ScaffoldError(f"--date: {exc.message}") from None
    return date, False


def front_matter(kind: Kind, title: str, date: str | None) -> tuple[str, bool]:
    """The whole file text for a new entry of kind, and whether it holds placeholders.

    The title and the date are filled in, the other required fields get their
    first choice, and every optional field is a comment saying what it takes.
    """
    written, placeholder = _checked_date(kind, date)
    date_field = kind.date_field

    def value(field: Field) -> str:
        if field.name == "title":
            return scalar(title)
        if field is date_field[-1]:
            hint = f"  # required: replace {DATE_PLACEHOLDER} with the date, as in {field.type.examples}"
            return written + (hint if placeholder else "")
        return field.type.choices[0]

    lines = []
    for field in kind.fields:
        if len(date_field) == 2 and field is date_field[0]:
            lines.append(f"{field.key}:                 # {field.description}")
            item = field.type.item
            assert item is not None
            inner = [f"{f.key}: {value(f)}" if f.required else _comment(f) for f in item.fields]
            lines += ["  - " + inner[0], *("    " + line for line in inner[1:])]
        elif field.required:
            lines.append(f"{field.key}: {value(field)}")
        else:
            lines.append(_comment(field))
    return _file(lines), placeholder


def _comment(field: Field) -> str:
    default = f" (default {field.default})" if field.default is not None else ""
    return f"# {field.key}: {field.type.name} — {field.description}{default}"


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
    text, placeholders = front_matter(BY_SINGULAR[kind], title, date)
    folder = root / "content" / BY_SINGULAR[kind].folder
    for name in ("content", f"content/{folder.name}"):     # never written into through a link out of the site
        refused = folder_problem(root, name)
        if refused is not None:
            raise ScaffoldError(f"{refused.message}; {refused.hint}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{id}.md"
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        raise FileExists(path) from None
    return NewFile(path, placeholders)
