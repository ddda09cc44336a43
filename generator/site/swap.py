"""Putting a finished folder in place of the output folder, with no moment without one.

On Linux the two folders trade places in one system call (``renameat2`` with
``RENAME_EXCHANGE``): at every instant ``output/`` is the whole old site or
the whole new one. Elsewhere the old folder is renamed aside and the new one
renamed in; a kill between those two renames leaves no ``output/``, and the
next build puts the old one back (``recover_interrupted``) before anything else.
"""
from __future__ import annotations

import ctypes
import errno
import os
import secrets
import shutil
import sys
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing folders atomically; False where the system cannot (then nothing changed)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2   # the C library this Python runs on
    except (OSError, AttributeError):   # no C library found, or one older than glibc 2.28
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):   # a file system or kernel without it
        return False
    raise OSError(number, os.strerror(number), str(second))


def swap_in(new: Path, output: Path) -> Path | None:
    """Put the folder new in output's place; the folder now holding the old site, for ``retire``
    (None when there was no old site)."""
    if not output.exists():
        os.rename(new, output)
        return None
    if exchange(new, output):
        return new
    retired = beside(output, "old")
    os.rename(output, retired)
    try:
        os.rename(new, output)
    except BaseException:
        os.rename(retired, output)
        raise
    return retired


def retire(folder: Path) -> None:
    """Remove the old site once the new one is in place (``rmtree`` never follows a symbolic link)."""
    shutil.rmtree(folder, ignore_errors=True)


def recover_interrupted(output: Path) -> None:
    """Undo what a killed build left beside the output folder: put the old site back if there is
    no output folder, and remove the temporary and retired folders."""
    old = sorted(output.parent.glob(f".{output.name}.old-*"), key=lambda path: path.lstat().st_mtime_ns)
    leftovers = sorted(output.parent.glob(f".{output.name}.tmp-*")) + old
    if not os.path.lexists(output) and old:
        os.rename(old[-1], output)       # killed between the two renames: the latest old site goes back
    for path in leftovers:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif os.path.lexists(path):
            path.unlink()


def beside(output: Path, role: str) -> Path:
    """An unused name next to the output folder: ``.output.tmp-1a2b3c4d``."""
    while True:
        path = output.parent / f".{output.name}.{role}-{secrets.token_hex(4)}"
        if not os.path.lexists(path):
            return path
