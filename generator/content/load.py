"""Read content files: decode, split front matter from body, keep true lines.

The opening ``---`` is line 1 of the file; front matter values carry their
file positions and the body knows the file line it starts on.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostics
from .ids import ID_PATTERN, suggest_id
from .kinds import KINDS
from .textfile import decode
from .yamltext import Note, YamlProblem, YMap, read_yaml

_FENCE = re.compile(r"---[ \t]*")


@dataclass(frozen=True)
class SourceFile:
    """One content file as read from disk, before its fields are checked."""

    path: str          # relative to the site folder, forward slashes
    kind: str          # its folder under content/, which names its kind
    id: str
    meta: YMap
    body: str
    body_line: int     # file line of the body's first line
    text: str          # the whole file, newlines normalised


def split(text: str, path: str, diagnostics: Diagnostics) -> tuple[YMap, str, int] | None:
    """Front matter mapping, body text, and the body's first file line."""
    lines = text.split("\n")
    if not _FENCE.fullmatch(lines[0]):
        diagnostics.error(path, 1, 1, "missing front matter: the file must start with a '---' line")
        return None
    closing = next((i for i in range(1, len(lines)) if _FENCE.fullmatch(lines[i])), None)
    if closing is None:
        diagnostics.error(path, 1, 1, "front matter is not closed: add a '---' line after it")
        return None
    notes: list[Note] = []
    try:
        meta = read_yaml("\n".join(lines[1:closing]), first_line=2, notes=notes)
    except YamlProblem as problem:
        diagnostics.error(path, problem.line, problem.col, problem.message, problem.hint)
        return None
    for line, col, message, hint in notes:
        diagnostics.warning(path, line, col, message, hint)
    if meta is None:
        meta = YMap()
        meta.line, meta.col, meta.key_positions, meta.value_positions = 1, 1, {}, {}
    if not isinstance(meta, YMap):
        found = "a list" if isinstance(meta, list) else "plain text"
        diagnostics.error(path, meta.line, meta.col, f"front matter must be a mapping of keys to values, not {found}")
        return None
    return meta, "\n".join(lines[closing + 1:]), closing + 2


def load_file(root: Path, file: Path, kind: str, diagnostics: Diagnostics, data: bytes | None = None) -> SourceFile | None:
    """One file, from data when its bytes were read already."""
    path = file.relative_to(root).as_posix()
    text = decode(file.read_bytes() if data is None else data, path, diagnostics)
    if text is None:
        return None
    parts = split(text, path, diagnostics)
    if parts is None:
        return None
    meta, body, body_line = parts
    return SourceFile(path, kind, file.stem, meta, body, body_line, text)


def content_files(root: Path, diagnostics: Diagnostics) -> list[tuple[str, Path]]:
    """Every Markdown file under content/<kind>/, sorted, with its kind.

    Anything else found there is reported, so that no file is silently lost.
    """
    content = root / "content"
    found: list[tuple[str, Path]] = []
    if not content.is_dir():
        folders = [f"content/{kind}" for kind in KINDS]
        diagnostics.error("content", 1, 1, f"no content folder: create {', '.join(folders[:-1])} and {folders[-1]}")
        return found
    for entry in sorted(content.iterdir()):
        path = entry.relative_to(root).as_posix()
        if entry.name.startswith("."):
            continue
        if not (entry.is_dir() and entry.name in KINDS):
            hint = "content goes in " + ", ".join(f"content/{k}/" for k in KINDS)
            diagnostics.warning(path, 1, 1, "not a content folder; it is ignored", hint)
            continue
        for parts in _files_under(entry):
            file = entry.joinpath(*parts)
            if parts[-1].endswith(".md") and parts[-1] != ".md":
                found.append((entry.name, file))
            elif not parts[-1].startswith("."):
                diagnostics.warning(file.relative_to(root).as_posix(), 1, 1, "not a Markdown file; it is ignored", "content files end in .md")
    return found


def _files_under(folder: Path) -> list[tuple[str, ...]]:
    """Path parts, relative to folder, of every file below it outside hidden folders, sorted as paths sort.

    One ``os.scandir`` per folder: a content folder of thousands of files is listed in milliseconds.
    """
    files: list[tuple[str, ...]] = []
    pending: list[tuple[str, ...]] = [()]
    while pending:
        prefix = pending.pop()
        try:
            entries = list(os.scandir(folder.joinpath(*prefix)))
        except OSError:     # unreadable: skipped, as Path.rglob does
            continue
        for entry in entries:
            if entry.is_dir():
                if not entry.name.startswith(".") and not entry.is_symlink():
                    pending.append((*prefix, entry.name))
            elif not entry.name.startswith(".#"):
                files.append((*prefix, entry.name))
    return sorted(files)


def check_ids(files: list[SourceFile], diagnostics: Diagnostics) -> list[SourceFile]:
    """Files whose names are valid, unique ids; every other one is reported."""
    valid: dict[tuple[str, str], SourceFile] = {}
    for source in files:
        if not ID_PATTERN.fullmatch(source.id):
            continue
        first = valid.setdefault((source.kind, source.id), source)
        if first is not source:
            diagnostics.error(source.path, 1, 1, f"duplicate id '{source.id}': also used by {first.path}")
    for source in files:
        if not ID_PATTERN.fullmatch(source.id):
            suggestion = suggest_id(source.id)
            taken = valid.get((source.kind, suggestion))
            if taken:
                hint = f"'{suggestion}' differs only in case or spelling from {taken.path}; ids must be unique"
            else:
                hint = f"rename it to '{suggestion}.md'" if suggestion else ""
            diagnostics.error(source.path, 1, 1, f"invalid id '{source.id}': use lowercase ASCII letters, digits and single hyphens", hint)
    return [s for s in files if valid.get((s.kind, s.id)) is s]

