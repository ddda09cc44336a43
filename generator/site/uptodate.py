"""Whether a build can stop before reading anything: nothing it depends on changed.

A successful build leaves ``build.json`` in the cache folder with two hashes
and what the build reported. The first covers every input: each file and
folder under ``content/``, ``themes/`` and ``static/``, ``site.yaml``, the generator's own
files and the built-in theme (by path, size, modification time, change time
and inode, so any edit, new, moved or removed file counts), the versions of
the libraries that shape the output, Python's version and the build's
options. The second covers the output folder as the build left it. When both
still match, the output is byte for byte what a build would write, so it is
left alone and the same problems are reported again.

A site whose sources hold a symbolic link is always built in full: the link's
target may change without any file under the site changing. So is a site
with a source changed in the last two seconds: file systems stamp times in
steps (a few milliseconds on Linux, two seconds on FAT), so a second edit
that soon could leave the same size and time behind.
"""
from __future__ import annotations

import json
import os
import stat
import sys
import time
from dataclasses import dataclass
from hashlib import sha256
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..content.diagnostics import Diagnostic, Diagnostics
from .theme import builtin_theme_dir

STAMP_FILE = "build.json"
FORMAT = 1
SOURCES = ("content", "themes", "static", "site.yaml")
SHAPING_LIBRARIES = ("markdown", "jinja2", "markupsafe", "nh3", "pagefind", "pyyaml", "anyascii")
SETTLED_NS = 2_000_000_000   # a source modified more recently than this could change unseen


class _Unknowable(Exception):
    """An input whose state cannot be pinned down: build in full."""


@dataclass(frozen=True)
class Stamp:
    """What a successful build leaves behind to compare the next one with."""

    inputs: str
    output: str
    pages: int
    files: int
    diagnostics: tuple[Diagnostic, ...]


def inputs_key(root: Path, options: dict[str, object]) -> str | None:
    """The hash of everything a build of root with options reads; None when it cannot be known."""
    digest = sha256(json.dumps({"format": FORMAT, "python": sys.version, "options": options,
                                "libraries": [_version(name) for name in SHAPING_LIBRARIES]},
                               sort_keys=True).encode())
    settled = time.time_ns() - SETTLED_NS
    try:
        for name in SOURCES:
            if _add_tree(digest, root, name) > settled:
                return None
        for code in (Path(__file__).parents[1], builtin_theme_dir()):
            _add_tree(digest, code, ".", skip=frozenset({"__pycache__"}))
    except _Unknowable:
        return None
    return digest.hexdigest()


def output_key(output: Path) -> str | None:
    """The hash of the output folder's files as they are now; None when it is missing or odd."""
    digest = sha256()
    try:
        _add_tree(digest, output, ".")
    except _Unknowable:
        return None
    return digest.hexdigest()


def read_stamp(cache: Path) -> Stamp | None:
    """The stamp the last successful build left, or None (missing, damaged, other format)."""
    try:
        data = json.loads((cache / STAMP_FILE).read_bytes())
        if data["format"] != FORMAT:
            return None
        return Stamp(str(data["inputs"]), str(data["output"]), int(data["pages"]), int(data["files"]),
                     tuple(Diagnostic(str(p), int(line), int(col), str(sev), str(msg), str(hint))
                           for p, line, col, sev, msg, hint in data["diagnostics"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_stamp(cache: Path, stamp: Stamp) -> None:
    """Keep the stamp for the next build; a stamp that cannot be written only costs that build time."""
    data = {"format": FORMAT, "inputs": stamp.inputs, "output": stamp.output, "pages": stamp.pages,
            "files": stamp.files,
            "diagnostics": [[d.path, d.line, d.col, d.severity, d.message, d.hint] for d in stamp.diagnostics]}
    temporary = cache / f".{STAMP_FILE}.tmp-{os.getpid()}"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temporary, cache / STAMP_FILE)
    except OSError:
        temporary.unlink(missing_ok=True)


def forget_stamp(cache: Path) -> None:
    """Before a build changes anything: a build that fails must not leave an old stamp behind."""
    try:
        (cache / STAMP_FILE).unlink(missing_ok=True)
    except OSError:
        pass


def replayed(stamp: Stamp) -> Diagnostics:
    diagnostics = Diagnostics()
    diagnostics.extend(stamp.diagnostics)
    return diagnostics


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def _add_tree(digest, folder: Path, name: str, skip: frozenset[str] = frozenset()) -> int:
    """Every file and folder at folder/name and below (but those named in skip), in a fixed order, into digest.

    Returns the latest modification or change time found, in nanoseconds.
    """
    latest = 0
    pending = [name]
    while pending:
        relative = pending.pop()
        path = os.path.join(folder, relative)
        try:
            status = os.lstat(path)
        except FileNotFoundError:
            digest.update(f"{relative}\0missing\0".encode())
            continue
        except OSError as error:
            raise _Unknowable(path) from error
        if stat.S_ISLNK(status.st_mode):
            raise _Unknowable(path)
        digest.update(f"{relative}\0{status.st_mode}\0{status.st_size}\0{status.st_mtime_ns}\0"
                      f"{status.st_ctime_ns}\0{status.st_ino}\0".encode())
        latest = max(latest, status.st_mtime_ns, status.st_ctime_ns)
        if stat.S_ISDIR(status.st_mode):
            try:
                children = sorted(os.listdir(path), reverse=True)
            except OSError as error:
                raise _Unknowable(path) from error
            pending.extend(os.path.join(relative, child) for child in children if child not in skip)
    return latest
