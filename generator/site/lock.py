"""One build at a time per output folder.

A build holds an exclusive ``flock`` on ``.<output>.lock`` beside the output
folder from before it reads the cache until its record is saved. A second
build does not wait: it stops at once, naming the process that holds the
lock, and changes nothing. The lock file holds that process id and is removed
by its holder when the build ends; the lock is the kernel's, so a killed build
never leaves a stale one. Where ``fcntl`` is missing (Windows) builds are not
serialised.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

try:
    import fcntl
except ImportError:   # Windows
    fcntl = None   # type: ignore[assignment]


PID_TRIES = 50   # 10 ms apart


class OutputBusy(Exception):
    """Another build holds the output folder."""


class OutputLock:
    """``with OutputLock(output):`` the output folder and the cache are this process's alone."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.path = output.parent / f".{output.name}.lock"
        self._descriptor: int | None = None

    def __enter__(self) -> "OutputLock":
        if fcntl is None:
            return self
        self.output.parent.mkdir(parents=True, exist_ok=True)
        while self._descriptor is None:
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(descriptor)
                os.close(descriptor)
                pid = f" (pid {holder})" if holder else ""
                raise OutputBusy(f"another build is writing {self.output}{pid}; try again when it ends") from None
            if _same_file(descriptor, self.path):
                self._descriptor = descriptor
            else:   # its holder removed the file between our open and our lock: take the new one
                os.close(descriptor)
        os.ftruncate(self._descriptor, 0)
        os.write(self._descriptor, f"{os.getpid()}\n".encode())
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._descriptor is None:
            return
        try:
            os.unlink(self.path)   # while still held: whoever opens the path next makes a new file
        except OSError:
            pass
        os.close(self._descriptor)
        self._descriptor = None


def _holder(descriptor: int) -> str:
    """The process id the holder wrote, given a moment to write it (it writes just after it locks); '' if none."""
    for _ in range(PID_TRIES):
        holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
        if holder.isdigit():
            return holder
        time.sleep(0.01)
    return ""


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(descriptor), os.lstat(path))
    except OSError:
        return False
