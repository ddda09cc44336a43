"""Writing the built site: all or nothing, and only inside the output folder.

The new site is written into ``.<output>.tmp-<random>`` beside the output
folder, the files the last build did not write are carried into it
(``manifest``), and it is swapped in (``swap``: in one system call where the
system allows). Until the swap the old output is only read, never changed, so
a failure, a full disk or a kill at any point leaves it byte for byte as it
was; a leftover temporary folder is removed by the next build. Callers hold
the output folder's lock (``lock.OutputLock``) while a ``Staging`` exists.

A file whose bytes did not change is hard-linked (or, where links are not
possible, copied with its times) from the old output, so it keeps its mtime:
rsync, browsers and the dev server see only what really changed.
"""
from __future__ import annotations

import os
import shutil
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Mapping

from .lock import OutputLock
from .manifest import MANIFEST, UsersFile, carry_over, write_manifest
from .swap import beside, recover_interrupted, retire, swap_in

MARKER = ".nojekyll"   # every build writes it; with the manifest, the sign of a folder a build made
PROTECTED = ("content", "themes", "seeds")


class OutputFolderError(Exception):
    """The output folder is one the build must not replace."""


class OutputWriteError(OSError):
    """The output folder could not be written (a full disk, no permission); the old output stands.
    Its message names the file as the user knows it, never the temporary folder."""


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
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file() and not (out / MANIFEST).is_file():
        raise OutputFolderError(f"output folder {output} is not empty and was not made by a build (it has no {MARKER}); "
                                "remove it or choose another folder")


def check_cache_folder(cache: Path) -> None:
    """Refuse a cache folder that is, or holds, a symbolic link (so it cannot lead outside the site):
    the build writes and prunes files there."""
    for path in [cache, *(cache.iterdir() if _is_folder(cache) else ())]:
        if path.is_symlink():
            raise OutputFolderError(f"cache folder {path} is a symbolic link; chrono never writes or deletes through one: "
                                    "remove the link (the cache is safe to delete) or build with --no-cache")


def write_output(files: Mapping[str, bytes], output: Path,
                 more: Callable[[], Mapping[str, bytes]] | None = None) -> WriteStats:
    """Replace the output folder's content with files (site-relative path → bytes), atomically.

    ``more``, when given, is called once files are written and returns the
    rest of the site (the search index, made meanwhile); if it raises, the
    output folder is left as it was.
    """
    with OutputLock(output), Staging(output) as staging:
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
        self.shown = output                # as the user named it, for messages
        self.previous = previous
        with self._writing(""):
            self.output.parent.mkdir(parents=True, exist_ok=True)
            recover_interrupted(self.output)
            self.folder = beside(self.output, "tmp")
            self.folder.mkdir()
        self._folders: set[str] = {""}   # made so far, in this process
        self._swapped = False

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self._swapped:   # the unfinished new site; or, interrupted right after an exchange, the old one
            retire(self.folder)

    def put(self, path: str, data: bytes, hashed: str | None = None) -> bool:
        """Write one file (hashed: the hash of data, to compare with ``previous``); False when the old
        output had the same bytes and the file was linked from there instead."""
        target = self._target(path)
        old = os.path.join(self.output, path)
        same = (self.previous.get(path) == hashed and os.path.isfile(old) if self.previous is not None and hashed
                else _same_file(old, data))
        with self._writing(path):
            if same:
                _keep(old, target)
                return False
            write_file(Path(target), data)
        return True

    def keep(self, path: str) -> None:
        """Take the old output's file at path as it is."""
        target = self._target(path)
        with self._writing(path):
            _keep(os.path.join(self.output, path), target)

    def _target(self, path: str) -> str:
        """Where path goes in the new folder, its folder made."""
        _check_relative(path)
        folder = path.rpartition("/")[0]
        if folder not in self._folders:
            with self._writing(folder):
                os.makedirs(os.path.join(self.folder, folder), exist_ok=True)
            self._folders.add(folder)
        return os.path.join(self.folder, path)

    @contextmanager
    def _writing(self, path: str) -> Iterator[None]:
        """An OSError as one line naming the file in the output folder, not in the temporary one."""
        try:
            yield
        except OSError as error:
            shown = f"{self.shown}/{path}" if path else f"{self.shown}"
            raise OutputWriteError(f"cannot write {shown}: {error.strerror or error}") from None

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
        """List what the build wrote, carry the user's files over, and swap the new folder in."""
        with self._writing(MANIFEST):
            write_manifest(self.folder)
        if _is_folder(self.output):
            try:
                carry_over(self.output, self.folder, self.shown)
            except UsersFile as error:
                raise OutputFolderError(str(error)) from None
            except OSError as error:
                raise OutputWriteError(f"cannot carry {error.filename} over into the new output: "
                                       f"{error.strerror or error}") from None
        with self._writing(""):
            retired = swap_in(self.folder, self.output)
        self._swapped = True
        if retired is not None:
            retire(retired)


def _is_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _check_relative(path: str) -> None:
    parts = path.split("/")
    if any(char in path for char in "\\\n\r") or ":" in parts[0] or any(part in ("", ".", "..") for part in parts):
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
