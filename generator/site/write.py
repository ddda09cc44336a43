"""Writing the built site: all or nothing, and only inside the output folder.

The new site is written into ``.<output>.tmp-<random>`` beside the output
folder, then swapped in: the old folder is renamed to ``.<output>.old-<random>``,
the new one renamed into place, and the old one removed. Until the swap the
old output is only read, never changed, so a failure or a kill at any point
leaves it byte for byte as it was; a leftover temporary folder is removed by
the next build (and an old folder put back, if the kill came mid-swap).

A file whose bytes did not change is hard-linked (or, where links are not
possible, copied with its times) from the old output, so it keeps its mtime:
rsync, browsers and the dev server see only what really changed.
"""
from __future__ import annotations

import os
import secrets
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

MARKER = ".nojekyll"   # every build writes it; a folder without it was not made by a build
PROTECTED = ("content", "themes", "seeds")


class OutputFolderError(Exception):
    """The output folder is one the build must not replace."""


@dataclass(frozen=True)
class WriteStats:
    written: int     # new or changed files
    unchanged: int   # files kept from the previous output

    def __add__(self, other: "WriteStats") -> "WriteStats":
        return WriteStats(self.written + other.written, self.unchanged + other.unchanged)


def check_output_folder(site_root: Path, output: Path) -> None:
    """Refuse an output folder that is or holds the site, or lies inside its sources."""
    root, out = site_root.resolve(), output.resolve()
    if out == root or root.is_relative_to(out):
        raise OutputFolderError(f"output folder {output} is or contains the site folder {site_root}; choose a folder inside it such as output/")
    for name in PROTECTED:
        if out.is_relative_to(root / name):
            raise OutputFolderError(f"output folder {output} lies inside {name}/ of the site; choose another such as output/")
    if output.is_symlink():
        raise OutputFolderError(f"output folder {output} is a symbolic link; give the folder it points to")
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"output {output} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise OutputFolderError(f"output folder {output} is not empty and was not made by a build (it has no {MARKER}); "
                                "remove it or choose another folder")


def write_output(files: Mapping[str, bytes], output: Path,
                 more: Callable[[], Mapping[str, bytes]] | None = None) -> WriteStats:
    """Replace the output folder's content with files (site-relative path → bytes), atomically.

    ``more``, when given, is called once files are written and returns the
    rest of the site (the search index, made meanwhile); if it raises, the
    output folder is left as it was.
    """
    with Staging(output) as staging:
        stats = staging.fill(files)
        if more is not None:
            stats = stats + staging.fill(more())
        staging.commit()
    return stats


class Staging:
    """The next output folder, filled file by file beside the old one and swapped in by ``commit``.

    Until then the old output is only read, never changed; leaving the
    ``with`` block without committing removes the new folder. ``put`` may be
    called from forked worker processes. ``previous`` gives the hash of each
    file in the old folder when the caller knows it (``depends``), so that an
    unchanged file is linked without being read.
    """

    def __init__(self, output: Path, previous: Mapping[str, str] | None = None) -> None:
        self.output = output.absolute()
        self.previous = previous
        self.output.parent.mkdir(parents=True, exist_ok=True)
        recover_interrupted(self.output)
        self.folder = _beside(self.output, "tmp")
        self.folder.mkdir()
        self._folders: set[str] = {""}   # made so far, in this process
        self._committed = False

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self._committed:
            shutil.rmtree(self.folder, ignore_errors=True)

    def put(self, path: str, data: bytes, hashed: str | None = None) -> bool:
        """Write one file (hashed: the hash of data, to compare with ``previous``); False when the old
        output had the same bytes and the file was linked from there instead."""
        target = self._target(path)
        old = os.path.join(self.output, path)
        same = (self.previous.get(path) == hashed and os.path.isfile(old) if self.previous is not None and hashed
                else _same_file(old, data))
        if same:
            _keep(old, target)
            return False
        write_file(Path(target), data)
        return True

    def keep(self, path: str) -> None:
        """Take the old output's file at path as it is."""
        _keep(os.path.join(self.output, path), self._target(path))

    def _target(self, path: str) -> str:
        """Where path goes in the new folder, its folder made."""
        _check_relative(path)
        folder = path.rpartition("/")[0]
        if folder not in self._folders:
            os.makedirs(os.path.join(self.folder, folder), exist_ok=True)
            self._folders.add(folder)
        return os.path.join(self.folder, path)

    def read(self, path: str) -> bytes:
        """A file already put or kept."""
        with open(os.path.join(self.folder, path), "rb") as handle:
            return handle.read()

    def fill(self, files: Mapping[str, bytes]) -> WriteStats:
        for path in files:
            _check_relative(path)
        written = sum(self.put(path, files[path]) for path in sorted(files))
        return WriteStats(written, len(files) - written)

    def commit(self) -> None:
        _swap_in(self.folder, self.output)
        self._committed = True


def recover_interrupted(output: Path) -> None:
    """Undo what a killed build left beside the output folder."""
    old = sorted(output.parent.glob(f".{output.name}.old-*"), key=lambda path: path.lstat().st_mtime_ns)
    leftovers = sorted(output.parent.glob(f".{output.name}.tmp-*")) + old
    if not output.exists() and old:
        os.rename(old[-1], output)       # killed between the two renames: the latest old site goes back
    for path in leftovers:
        if path.exists():
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()


def _beside(output: Path, role: str) -> Path:
    """An unused name next to the output folder: ``.output.tmp-1a2b3c4d``."""
    while True:
        path = output.parent / f".{output.name}.{role}-{secrets.token_hex(4)}"
        if not path.exists():
            return path


def _check_relative(path: str) -> None:
    parts = path.split("/")
    if "\\" in path or ":" in parts[0] or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"refusing to write {path!r}: output paths must stay inside the output folder")


def write_file(target: Path, data: bytes) -> None:
    with open(target, "xb") as handle:
        handle.write(data)


def _same_file(old: str, data: bytes) -> bool:
    """Whether old is a regular file (not a link to one) holding exactly data."""
    try:
        status = os.lstat(old)
        if not stat.S_ISREG(status.st_mode) or status.st_size != len(data):
            return False
        with open(old, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _keep(old: str, target: str) -> None:
    try:
        os.link(old, target)
    except OSError:
        shutil.copy2(old, target)


def _swap_in(staging: Path, output: Path) -> None:
    if not output.exists():
        os.rename(staging, output)
        return
    retired = _beside(output, "old")
    os.rename(output, retired)
    try:
        os.rename(staging, output)
    except BaseException:
        os.rename(retired, output)
        raise
    shutil.rmtree(retired)
