"""The site's own files: which of them are read, and how. One rule for content/, themes/, static/ and seeds/.

- A symbolic link is followed only when what it leads to, every link on the
  way followed, lies inside the site folder. A link that leads outside, or
  nowhere (a missing target, a loop), is skipped with a warning naming it,
  and nothing is read through it. A link to a folder inside the site is
  followed too; each real folder is listed once, so a loop adds nothing.
- content/, static/, themes/ or seeds/ that is itself a link out of the site
  is an error (``folder_problem``): nothing is read from it or written into it.
- Only regular files are read. A FIFO, socket or device is skipped with a
  warning and never opened (opening a FIFO waits for a writer forever); a
  file is opened non-blocking and checked again on its open descriptor, in
  case it was swapped after it was listed.
- A file read as text (content, site.yaml, a template, a seed) of more than
  ``MAX_FILE_BYTES`` is refused unread; at most that many bytes and one more
  are ever read, so a file that grows while read is refused too. Files copied
  as they are (static/, a theme's static/) have no size limit.
- A folder that cannot be listed is an error, since its files would be lost.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .diagnostics import Diagnostics
from .limits import MAX_FILE_BYTES

_SPECIAL = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
            (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder"))
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


class SiteFileError(Exception):
    """A file of the site that is not read: a link out of the site, not a regular file, too large, unreadable."""

    def __init__(self, message: str, hint: str = "", *, skipped: bool = False) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint
        self.skipped = skipped      # left out by the rule (a warning), rather than failing to read (an error)

    def report(self, path: str, diagnostics: Diagnostics) -> None:
        (diagnostics.warning if self.skipped else diagnostics.error)(path, 1, 1, self.message, self.hint)


def outside_link(link: Path) -> SiteFileError:
    """The warning for a link that leads outside the site, or to nothing."""
    if not os.path.exists(link):
        return SiteFileError("symbolic link to nothing (its target is missing, or a loop); it is skipped",
                             skipped=True)
    what, hint = ("a folder", "copy the files into the site instead") if os.path.isdir(link) else \
        ("a file", "copy the file into the site instead")
    return SiteFileError(f"symbolic link to {what} outside the site; it is skipped", hint, skipped=True)


def special_file(mode: int) -> SiteFileError:
    kind = next((name for test, name in _SPECIAL if test(mode)), "not a file")
    return SiteFileError(f"{kind}, not a regular file; it is skipped", skipped=True)


def too_large() -> SiteFileError:
    return SiteFileError(f"the file is larger than {MAX_FILE_BYTES // 2 ** 20} MB, the limit for a file of the site; "
                         "it is not read")


def unreadable(shown: str, error: OSError) -> SiteFileError:
    return SiteFileError(f"cannot read {shown}: {error.strerror or error}")


def inside(path: Path, site: Path) -> Path | None:
    """path with every symbolic link followed, if that exists and lies inside site (resolved); else None."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):   # missing, or a link loop
        return None
    return real if real.is_relative_to(site) else None


def folder_problem(root: Path, name: str) -> SiteFileError | None:
    """Why root/name (``content``, ``content/people``…), when it is there, may not be read or written into:
    a link out of the site."""
    folder = root / name
    if not folder.is_symlink() or inside(folder, root.resolve()) is not None:
        return None
    return SiteFileError(f"{name}/ is a symbolic link to a folder outside the site; it is not read",
                         "move the folder into the site instead")


def classify(path: Path, site: Path) -> str:
    """"folder" or "file": what one entry is under the rule, its link followed; SiteFileError when it is skipped."""
    status = os.lstat(path)
    if stat.S_ISLNK(status.st_mode):
        target = inside(path, site)
        if target is None:
            raise outside_link(path)
        status = os.stat(target)
    if stat.S_ISDIR(status.st_mode):
        return "folder"
    if stat.S_ISREG(status.st_mode):
        return "file"
    raise special_file(status.st_mode)


def walk(folder: Path, site: Path, shown: str, diagnostics: Diagnostics,
         keep_hidden: frozenset[str] = frozenset(), hidden_files: bool = False,
         skipped: list[str] | None = None, unlisted: list[str] | None = None) -> list[tuple[str, ...]]:
    """Path parts, relative to folder, of every regular file below it, sorted as paths sort.

    shown is folder as messages name it (``content/people``); hidden names are left out but
    for keep_hidden (and, with hidden_files, hidden regular files, links not followed); what
    the rule skips is reported to diagnostics, and its path (as shown) added to skipped; a
    folder that cannot be listed is an error, and its path is added to unlisted. One ``os.scandir`` per folder: a content
    folder of thousands of files is listed in milliseconds.
    """
    files: list[tuple[str, ...]] = []
    seen: set[Path] = set()
    pending: list[tuple[str, ...]] = [()]
    while pending:
        prefix = pending.pop()
        directory = folder.joinpath(*prefix)
        real = directory.resolve()
        if real in seen:
            continue
        seen.add(real)
        where = "/".join((shown, *prefix))
        try:
            entries = list(os.scandir(directory))
        except OSError as error:
            diagnostics.error(where, 1, 1, f"cannot read the folder {where}: {error.strerror or error}",
                              "its files would be left out")
            if unlisted is not None:
                unlisted.append(where)
            continue
        for entry in entries:
            parts = (*prefix, entry.name)
            if entry.name.startswith(".") and entry.name not in keep_hidden:
                if hidden_files and entry.is_file(follow_symlinks=False):   # the caller says what it is
                    files.append(parts)
                continue
            try:
                what = _classify_entry(entry, site)
            except SiteFileError as problem:
                problem.report(f"{where}/{entry.name}", diagnostics)
                if skipped is not None:
                    skipped.append(f"{where}/{entry.name}")
                continue
            except OSError:      # vanished since the listing
                continue
            (pending if what == "folder" else files).append(parts)
    return sorted(files)


def _classify_entry(entry: os.DirEntry, site: Path) -> str:
    """classify, from what the listing knows already when the entry is no link (the common case)."""
    if entry.is_symlink():
        return classify(Path(entry.path), site)
    if entry.is_dir(follow_symlinks=False):
        return "folder"
    if entry.is_file(follow_symlinks=False):
        return "file"
    raise special_file(entry.stat(follow_symlinks=False).st_mode)


def read(file: Path, site: Path | None, shown: str, *, listed: bool = False,
         limit: int | None = MAX_FILE_BYTES) -> bytes:
    """The bytes of one regular file, under the rule (links followed only inside site; with site None, the
    path was named by the user and links are followed anywhere). FileNotFoundError when it is gone;
    SiteFileError for every other reason it is not read. limit is None for a file copied as it is
    (``static/``, a theme's static files): only what is read as text has the size limit.

    listed says that ``walk`` found file (every folder on its way checked): it is opened without
    following a link, and told again only when it became one since.
    """
    descriptor = _open_listed(file, shown) if listed and site is not None else None
    if descriptor is None:
        descriptor = _open_checked(file, site, shown)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):     # swapped since it was told
            raise special_file(status.st_mode)
        if limit is not None and status.st_size > limit:
            raise too_large()
        data = _read_at_most(descriptor, None if limit is None else limit + 1)
    except OSError as error:
        raise unreadable(shown, error) from None
    finally:
        os.close(descriptor)
    if limit is not None and len(data) > limit:
        raise too_large()
    return data


def _open_listed(file: Path, shown: str) -> int | None:
    """A descriptor of file opened without following a link; None when file has become a link."""
    try:
        return os.open(file, _OPEN_FLAGS)
    except FileNotFoundError:
        raise
    except OSError as error:
        if error.errno == errno.ELOOP:
            return None
        raise unreadable(shown, error) from None


def _open_checked(file: Path, site: Path | None, shown: str) -> int:
    """A descriptor of file once its links are followed inside site (anywhere without one) and it is told
    to be a regular file: opening a FIFO or a device may block or act."""
    if site is not None:
        real = inside(file, site)
        if real is None:
            if not os.path.lexists(file):
                raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), os.fspath(file))
            raise outside_link(file)
    else:
        real = file.resolve()
    try:
        status = os.stat(real)
        if not stat.S_ISREG(status.st_mode):
            raise special_file(status.st_mode)
        return os.open(real, _OPEN_FLAGS)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise unreadable(shown, error) from None


def _read_at_most(descriptor: int, limit: int | None) -> bytes:
    chunks: list[bytes] = []
    left = limit
    while left is None or left > 0:
        chunk = os.read(descriptor, 1 << 20 if left is None else min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        if left is not None:
            left -= len(chunk)
    return b"".join(chunks)

