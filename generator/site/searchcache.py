"""The last search index kept on disk, reused while every indexed page is unchanged.

Pagefind takes seconds for a thousand pages and its index is a pure function
of the pages given to it (their output paths, the site's base URL and their
HTML) and of Pagefind's own version. So a build whose pages all came out the
same as last time, such as a rebuild after touching nothing or after editing
only a template comment, takes the index from ``<cache>/search/index.json``
instead of running Pagefind again. The file names the hash of its inputs; a
file that cannot be read, is damaged, or was made from other pages is ignored
and replaced, so the cache never changes the output.
"""
from __future__ import annotations

import base64
import json
import os
import tempfile
from hashlib import sha256
from importlib.metadata import version
from pathlib import Path
from typing import Mapping

from .search import search_index
from ..content.urls import Urls

FORMAT = f"2;pagefind-{version('pagefind')}"
INDEX_FILE = "index.json"


def cached_search_index(pages: Mapping[str, bytes], urls: Urls, folder: Path | None) -> dict[str, bytes]:
    """``search.search_index(pages, urls)``, from folder when it holds the index of these very pages."""
    if folder is None:
        return search_index(pages, urls)
    key = pages_key(pages, urls)
    cached = _read(folder / INDEX_FILE, key)
    if cached is not None:
        return cached
    index = search_index(pages, urls)
    _write(folder, key, index)
    return index


def pages_key(pages: Mapping[str, bytes], urls: Urls) -> str:
    """A hash of everything the index depends on, the order of the pages included."""
    digest = sha256(f"{FORMAT}\0{urls.url()}\0".encode())
    for path in pages:
        digest.update(f"{len(path)}:{path}{len(pages[path])}:".encode())
        digest.update(pages[path])
    return digest.hexdigest()


def _read(file: Path, key: str) -> dict[str, bytes] | None:
    try:
        data = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return None
    if not (isinstance(data, dict) and data.get("format") == FORMAT and data.get("key") == key):
        return None
    files = data.get("files")
    if not (isinstance(files, dict) and all(isinstance(v, str) for v in files.values())):
        return None
    try:
        return {path: base64.b64decode(encoded, validate=True) for path, encoded in sorted(files.items())}
    except ValueError:
        return None


def _write(folder: Path, key: str, index: Mapping[str, bytes]) -> None:
    """Replace the cached index through a temporary file; a cache that cannot be written only costs time."""
    data = {"format": FORMAT, "key": key,
            "files": {path: base64.b64encode(content).decode("ascii") for path, content in index.items()}}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="ascii") as file:
            json.dump(data, file)
        os.replace(temporary, folder / INDEX_FILE)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
