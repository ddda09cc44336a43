"""Watching a site folder: one call back per burst of changes to its sources.

``content/``, ``themes/``, ``static/`` and ``site.yaml`` are watched with watchdog (inotify
on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows). Editors save
in bursts (a temporary file, a rename, a metadata change), so the call back
waits until the folder has been quiet for a moment; changes that arrive while
it runs cause one more call afterwards, never a lost one. Before each call,
``touched`` is told the paths the events named, so that the build hashes them
whatever their times say. A watched folder replaced as a whole (renamed away
and another renamed in, as a checkout or a sync tool does it) is watched again
under its new identity: a watch follows the folder it was set on, not its name.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Callable, Iterable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from ..content.config import CONFIG_FILE

WATCHED_FOLDERS = ("content", "themes", "static")
QUIET_SECONDS = 0.03
# Events that change nothing (a file opened or closed unwritten; the build itself opens every file).
_IGNORED_EVENTS = frozenset({"opened", "closed_no_write"})
_EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".swo", ".tmp")


def is_source_change(root: Path, event: FileSystemEvent) -> bool:
    """Whether event touches site.yaml or a visible file under content/, themes/ or static/."""
    if event.event_type in _IGNORED_EVENTS:
        return False
    paths = [event.src_path, getattr(event, "dest_path", "")]
    return any(_is_source(root, Path(p if isinstance(p, str) else p.decode())) for p in paths if p)


def _is_source(root: Path, path: Path) -> bool:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return False
    if parts == (CONFIG_FILE,):
        return True
    if not parts or parts[0] not in WATCHED_FOLDERS:
        return False
    name = parts[-1]
    hidden = any(part.startswith((".", "#")) for part in parts)
    return not hidden and not name.endswith(_EDITOR_LEFTOVERS) and name != "4913"   # vim's write test


class Watcher(FileSystemEventHandler):
    """Calls on_change from its own thread after changes to the site's sources settle."""

    def __init__(self, root: Path, on_change: Callable[[], None], *, quiet: float = QUIET_SECONDS,
                 touched: Callable[[Iterable[Path]], None] | None = None) -> None:
        self.root = root.resolve()
        self.on_change = on_change
        self.touched = touched
        self.quiet = quiet
        self._pending = threading.Event()
        self._stopping = threading.Event()
        self._observer = Observer()
        self._watched: dict[str, tuple[int, ObservedWatch]] = {}   # folder name -> (its inode, its watch)
        self._changed: set[Path] = set()                           # paths events named since the last call
        self._changed_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="chrono-rebuild", daemon=True)

    def start(self) -> None:
        self._observer.schedule(self, str(self.root), recursive=False)
        self._watch_folders()
        self._observer.start()
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._pending.set()
        if self._observer.is_alive():
            self._observer.stop()
            self._observer.join(timeout=5)
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if is_source_change(self.root, event):
            # A folder's own "modified" says only that its entries changed, which a scan sees: naming it
            # would hash every file below it again. A folder made or moved is named, so all of it is read.
            if not (event.is_directory and event.event_type == "modified"):
                paths = [event.src_path, getattr(event, "dest_path", "")]
                with self._changed_lock:
                    self._changed.update(Path(os.fsdecode(path)) for path in paths if path)
            self._pending.set()

    def _watch_folders(self) -> None:
        """Watch content/, themes/ and static/ recursively: when they are made after serve started, and
        again when one was replaced by another folder of the same name."""
        for name in WATCHED_FOLDERS:
            folder = self.root / name
            try:
                inode = os.stat(folder).st_ino if folder.is_dir() else None
            except OSError:
                inode = None
            known = self._watched.get(name)
            if known is not None and known[0] != inode:
                self._observer.unschedule(known[1])
                del self._watched[name]
            if inode is not None and name not in self._watched:
                self._watched[name] = (inode, self._observer.schedule(self, str(folder), recursive=True))

    def _run(self) -> None:
        while True:
            self._pending.wait()
            while self._pending.is_set() and not self._stopping.is_set():   # wait for a quiet moment
                self._pending.clear()
                self._stopping.wait(self.quiet)
            if self._stopping.is_set():
                return
            self._watch_folders()
            with self._changed_lock:
                changed, self._changed = self._changed, set()
            if self.touched is not None:
                self.touched(changed)
            self.on_change()
