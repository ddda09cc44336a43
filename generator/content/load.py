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
from .sitefiles import SiteFileError, classify, folder_problem, walk
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


def load_file(root: Path, file: Path, kind: str, diagnostics: Diagnostics, data: bytes) -> SourceFile | None:
    """One file, from the bytes read from it (``sitefiles.read``)."""
    path = file.relative_to(root).as_posix()
    text = decode(data, path, diagnostics)
    if text is None:
        return None
    parts = split(text, path, diagnostics)
    if parts is None:
        return None
    meta, body, body_line = parts
    return SourceFile(path, kind, file.stem, meta, body, body_line, text)


def content_files(root: Path, diagnostics: Diagnostics, skipped: list[str] | None = None,
                  unlisted: list[str] | None = None) -> list[tuple[str, Path]]:
    """Every Markdown file under content/<kind>/, sorted, with its kind.

    Anything else found there is reported, so that no file is silently lost;
    links and special files follow the rule of ``sitefiles`` (what it skips is added to skipped,
    the folders it cannot list to unlisted).
    """
    content = root / "content"
    found: list[tuple[str, Path]] = []
    refused = folder_problem(root, "content")
    if refused is not None:
        diagnostics.error("content", 1, 1, refused.message, refused.hint)
        return found
    if not content.is_dir():
        folders = [f"content/{kind}" for kind in KINDS]
        diagnostics.error("content", 1, 1, f"no content folder: create {', '.join(folders[:-1])} and {folders[-1]}")
        return found
    site = root.resolve()
    try:
        entries = sorted(os.scandir(content), key=lambda entry: entry.name)
    except OSError as error:
        diagnostics.error("content", 1, 1, f"cannot read the folder content: {error.strerror or error}",
                          "its files would be left out")
        if unlisted is not None:
            unlisted.append("content")
        return found
    for entry in entries:
        path = f"content/{entry.name}"
        if entry.name.startswith("."):
            continue
        try:
            what = classify(Path(entry.path), site)
        except SiteFileError as problem:
            problem.report(path, diagnostics)
            if skipped is not None:
                skipped.append(path)
            continue
        except OSError:      # vanished since the listing
            continue
        if not (what == "folder" and entry.name in KINDS):
            hint = "content goes in " + ", ".join(f"content/{k}/" for k in KINDS)
            diagnostics.warning(path, 1, 1, "not a content folder; it is ignored", hint)
            continue
        folder = Path(entry.path)
        for parts in walk(folder, site, path, diagnostics, hidden_files=True, skipped=skipped, unlisted=unlisted):
            file = folder.joinpath(*parts)
            if parts[-1].startswith(".#"):       # an editor's lock file
                continue
            if parts[-1].endswith(".md") and parts[-1] != ".md":
                found.append((entry.name, file))
            elif not parts[-1].startswith("."):
                diagnostics.warning(file.relative_to(root).as_posix(), 1, 1, "not a Markdown file; it is ignored", "content files end in .md")
    return found


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

