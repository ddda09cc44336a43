"""Rendered Markdown kept between builds: in memory for as long as the cache object, on disk when asked.

A key is a hash of everything the HTML depends on (``markup.BodyRenderer.fingerprint``),
so an entry can go unused but never stale; ``prune`` removes unused files once
they outnumber the used ones. A cache file that cannot be read,
or does not hold what its name promises, is ignored and rewritten: a bad cache
never changes the output, and deleting the folder is always safe.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections import OrderedDict
from pathlib import Path

Cached = tuple[str, tuple[tuple[str, str], ...]]   # (html, paragraphs)

MEMORY_LIMIT = 20_000                # bodies kept in memory; the least recently used go first


class BodyCache:
    def __init__(self, directory: Path | None, version: str) -> None:
        self.directory = directory
        self.version = version
        self._memory: OrderedDict[str, Cached] = OrderedDict()

    def get(self, key: str) -> Cached | None:
        if key in self._memory:
            self._memory.move_to_end(key)
            return self._memory[key]
        if self.directory is None:
            return None
        value = self._read(key)
        if value is not None:
            self._remember(key, value)
        return value

    def put(self, key: str, value: Cached) -> None:
        self._remember(key, value)
        if self.directory is not None:
            self._write(key, value)

    def prune(self, used: set[str]) -> int:
        """Delete the files of keys not in used when they outnumber used; how many went.

        Bodies edited since, or rendered for other options (another ``--base-url``),
        leave files behind. Waiting until they outnumber the live ones keeps a
        site built two ways from rendering everything again at each switch.
        """
        if self.directory is None:
            return 0
        try:
            names = os.listdir(self.directory)
        except OSError:
            return 0
        unused = [name for name in names if name.endswith(".json") and name[:-len(".json")] not in used]
        if len(unused) <= len(used):
            return 0
        removed = 0
        for name in unused:
            try:
                os.unlink(self.directory / name)
                removed += 1
            except OSError:
                pass
        return removed

    def _remember(self, key: str, value: Cached) -> None:
        self._memory[key] = value
        self._memory.move_to_end(key)
        while len(self._memory) > MEMORY_LIMIT:
            self._memory.popitem(last=False)

    def _file(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / f"{key}.json"

    def _read(self, key: str) -> Cached | None:
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not (isinstance(data, dict) and data.get("version") == self.version and data.get("key") == key):
            return None
        html, paragraphs = data.get("html"), data.get("paragraphs")
        if not isinstance(html, str) or not isinstance(paragraphs, list):
            return None
        if not all(isinstance(p, list) and len(p) == 2 and all(isinstance(s, str) for s in p) for p in paragraphs):
            return None
        return html, tuple((anchor, text) for anchor, text in paragraphs)

    def _write(self, key: str, value: Cached) -> None:
        """Write through a temporary file and rename, so a reader never sees half a file.

        A cache that cannot be written only costs time, so failures are ignored.
        """
        html, paragraphs = value
        data = {"version": self.version, "key": key, "html": html, "paragraphs": [list(p) for p in paragraphs]}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
        except OSError:
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(data, file, ensure_ascii=False)
            os.replace(temporary, self._file(key))
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass
