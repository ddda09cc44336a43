"""What a build wrote into the output folder, and everything else in it, which is the user's.

Each build lists the files it wrote in ``.chrono-manifest`` at the top of the
output folder. The next build replaces exactly those; every other entry (a
``.git`` of a gh-pages checkout, a ``CNAME``, notes) is carried into the new
folder by hard links (a copy where links are impossible; a symbolic link as
a link, never followed), so it keeps its bytes, times and inode and is never
deleted. A build that would write a file where the user keeps a different
one stops instead (``UsersFile``). A folder an older chrono made (it has
``.nojekyll`` but no manifest) has every entry the new build does not write
carried over.
"""
from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path
from typing import Iterator

MANIFEST = ".chrono-manifest"
HEADER = "# the files chrono wrote in this folder; the next build replaces these and keeps every other file\n"


class UsersFile(Exception):
    """The build would replace a file the last build did not write."""


def write_manifest(folder: Path) -> None:
    """List every file now in folder (the new site, before anything is carried over)."""
    paths = sorted(path for path, kind in walk(folder) if kind != "dir")
    with open(folder / MANIFEST, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(HEADER + "".join(f"{path}\n" for path in paths))


def read_manifest(folder: Path) -> set[str] | None:
    """The files the last build wrote in folder, or None when it has no manifest it can read
    (then the folder is taken as an older chrono's, whose entries the new build does not write are kept)."""
    try:
        with open(folder / MANIFEST, encoding="utf-8", newline="\n") as handle:
            return {line[:-1] for line in handle if line.endswith("\n") and not line.startswith("#")}
    except (OSError, UnicodeDecodeError):
        return None


def carry_over(old: Path, new: Path, shown: Path) -> None:
    """Link into new every entry of old that the last build did not write (shown: old as the user named it)."""
    ours = read_manifest(old)
    our_folders = {path[:index] for path in ours or () for index, char in enumerate(path) if char == "/"}
    for path, kind in walk(old):
        if path == MANIFEST or (ours is not None and path in ours):
            continue
        source, target = old / path, new / path
        try:
            if kind == "dir":
                if path not in our_folders and not os.path.lexists(target):
                    os.mkdir(target, stat.S_IMODE(os.lstat(source).st_mode) | 0o700)
                elif path not in our_folders and not _is_folder(target):
                    raise FileExistsError(target)
            elif os.path.lexists(target):
                if ours is not None and not _same_bytes(source, target):
                    raise FileExistsError(target)
            else:
                os.makedirs(target.parent, exist_ok=True)
                _link(source, target, kind)
        except (FileExistsError, NotADirectoryError):
            if ours is not None:
                raise UsersFile(f"{shown}/{path} was not written by a build (it is not in {MANIFEST}) and this build "
                                "writes a file there; move it out of the output folder and build again") from None
            # an older chrono's folder: what the new build wrote there wins
        except OSError as error:   # a full disk, an unreadable folder: name the entry as the user knows it
            raise OSError(error.errno, error.strerror, f"{shown}/{path}") from None


def walk(folder: Path) -> Iterator[tuple[str, str]]:
    """(relative path, "dir" | "link" | "file" | "other") of everything below folder, parents first;
    never enters a symbolic link."""
    pending = [""]
    while pending:
        relative = pending.pop()
        with os.scandir(folder / relative if relative else folder) as entries:
            for entry in sorted(entries, key=lambda entry: entry.name):
                path = f"{relative}{entry.name}"
                if entry.is_symlink():
                    yield path, "link"
                elif entry.is_dir(follow_symlinks=False):
                    yield path, "dir"
                    pending.append(path + "/")
                else:
                    yield path, "file" if entry.is_file(follow_symlinks=False) else "other"


def _link(source: Path, target: Path, kind: str) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        if kind == "link":
            os.symlink(os.readlink(source), target)
        elif kind == "file":
            shutil.copy2(source, target, follow_symlinks=False)
        else:
            raise


def _is_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _same_bytes(first: Path, second: Path) -> bool:
    try:
        a, b = os.lstat(first), os.lstat(second)
        if os.path.samestat(a, b):
            return True
        if not (stat.S_ISREG(a.st_mode) and stat.S_ISREG(b.st_mode)) or a.st_size != b.st_size:
            return False
        return first.read_bytes() == second.read_bytes()
    except OSError:
        return False
