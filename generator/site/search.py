"""Full-text search with no server: a Pagefind index built from the rendered pages.

Pagefind (https://pagefind.app) turns HTML into a static, chunked index plus a
small WebAssembly search engine and a search UI, all plain files served next
to the site. The index is built in memory: every rendered page goes to the
``pagefind --service`` process bundled by the ``pagefind[extended]`` package,
and the index files come back as bytes, so nothing is written outside the
output folder.

We speak that service's protocol (base64-encoded JSON messages, each ended by
a comma, over stdin/stdout) directly instead of through ``pagefind``'s own
asyncio wrapper: the wrapper polls for replies ten times a second, which costs
0.1 s per page (50 s for a site of 500 pages); answering each request as soon
as it arrives indexes the same pages in a fraction of that.

The output is byte-for-byte reproducible: Pagefind names its chunks after
their content hashes, and the caller gives the pages in a fixed order (the
order changes the bytes, not the results).

A site's index is made of shards: the searched pages, in the order of their
paths, are cut into runs of about ``shard_size`` pages, each indexed on its
own as a Pagefind bundle, and the browser merges them (Pagefind's
``mergeIndex``; ``pagefind/shards.json`` lists them for ``site.js``). A page
starts a new shard when a hash of its path says so (content-defined cuts), so
adding or removing a page moves the cuts around it only, and an edit indexes
again the shards whose pages changed, not the whole site. The first shard
comes with the search UI and engine in ``pagefind/``; the others hold only
their index, in ``pagefind/<hash of their pages>/``. Each Pagefind process
indexes one shard, so its memory stays bounded, and two run at once.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import subprocess
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from io import BufferedReader
from typing import Callable, Iterable, Mapping, Protocol

from pagefind.service import get_executable

from ..content.diagnostics import BuildError

SEARCH_FOLDER = "pagefind/"
SHARDS_FILE = "shards.json"                   # the bundles besides the first, for mergeIndex
SHARD_FORMAT = f"1;pagefind-{version('pagefind')}"
# What a shard after the first keeps: its own index, not the search UI or engine.
INDEX_PARTS = ("pagefind-entry.json", "index/", "fragment/", "filter/", ".pf_meta")


class SearchIndexError(BuildError):
    """Pagefind is missing, or refused a page or a request."""


class _SiteUrls(Protocol):
    def url(self, path: str = "") -> str: ...


def search_index(pages: Mapping[str, bytes], urls: _SiteUrls) -> dict[str, bytes]:
    """The Pagefind bundle for ``pages``, as output paths under ``pagefind/`` mapped to bytes.

    ``pages`` maps output paths (``people/kim-jong-un/index.html``) to HTML,
    in the order they are indexed; each is indexed under the URL readers use,
    so results link to pages under the site's base path.
    """
    return {SEARCH_FOLDER + name: data for name, data in bundle(pages, urls).items()}


def bundle(pages: Mapping[str, bytes], urls: _SiteUrls, service: "_PagefindService | None" = None) -> dict[str, bytes]:
    """``search_index`` with paths relative to the bundle's folder; in service when given, else in a new one."""
    if service is None:
        with _PagefindService() as service:
            return bundle(pages, urls, service)
    index_id = service.request({"type": "NewIndex", "config": None})["index_id"]
    for path, body in pages.items():
        service.request({"type": "AddFile", "index_id": index_id, "file_path": None,
                         "url": urls.url(_page_url(path)), "file_contents": body.decode("utf-8")}, about=path)
    files = service.request({"type": "GetFiles", "index_id": index_id})["files"]
    service.request({"type": "DeleteIndex", "index_id": index_id})
    return {file["path"]: base64.b64decode(file["content"]) for file in sorted(files, key=lambda file: file["path"])}


# -- shards ------------------------------------------------------------------------------

def shard_size(pages: int) -> int:
    """Pages per shard, on average: a power of two near four times the square root of the page count
    (128 for 1,800 pages, 512 for 18,000), so the number of shards a reader loads grows slowly."""
    return max(64, 2 ** round(math.log2(4 * math.sqrt(max(pages, 1)))))


def shards(paths: Iterable[str]) -> list[list[str]]:
    """The searched pages cut into shards: in path order, a page starts a new shard once the current one
    has half the average size and its path's hash falls so (about one in half the average), or at twice it."""
    ordered = sorted(paths)
    size = shard_size(len(ordered))
    cut: list[list[str]] = []
    for path in ordered:
        if not cut or len(cut[-1]) >= 2 * size or (
                len(cut[-1]) >= size // 2 and int.from_bytes(hashlib.sha256(path.encode()).digest()[:4], "big") % (size // 2) == 0):
            cut.append([])
        cut[-1].append(path)
    return cut or [[]]   # a site with nothing to search still gets the search UI and an empty index


def shard_key(pages: Iterable[tuple[str, str]], urls: _SiteUrls, first: bool) -> str:
    """A hash of everything a shard's files depend on: its pages (path and hash of their bytes), in order."""
    hashed = hashlib.sha256(f"{SHARD_FORMAT}\0{urls.url()}\0{first}\0".encode())
    for path, digest in pages:
        hashed.update(f"{path}\0{digest}\0".encode())
    return hashed.hexdigest()[:32]


def shard_files(pages: Mapping[str, bytes], urls: _SiteUrls, first: bool,
                service: "_PagefindService | None" = None) -> dict[str, bytes]:
    """One shard's bundle, relative to its folder: the whole bundle for the first, the index alone for others."""
    made = bundle(pages, urls, service)
    return made if first else {name: data for name, data in made.items()
                               if name.startswith(INDEX_PARTS) or name.endswith(INDEX_PARTS)}


def shard_folder(key: str, first: bool) -> str:
    return SEARCH_FOLDER if first else f"{SEARCH_FOLDER}{key[:12]}/"


def shard_list(keys: list[str]) -> bytes:
    """``pagefind/shards.json``: the folders of the shards after the first, relative to ``pagefind/``."""
    return json.dumps([shard_folder(key, False)[len(SEARCH_FOLDER):] for key in keys[1:]]).encode() + b"\n"


def sharded_index(pages: list[tuple[str, str]], urls: _SiteUrls, read: Callable[[str], bytes],
                  cached: Callable[[str], dict[str, bytes] | None],
                  keep: Callable[[str, dict[str, bytes]], None]) -> dict[str, dict[str, bytes]]:
    """Every shard's files by shard key, for the searched pages given as (output path, hash of its bytes).

    A shard ``cached`` returns is not indexed again; one that is made is handed to ``keep``. Two
    Pagefind processes index at once, each reading its pages through ``read`` when it starts.
    """
    digests = dict(pages)
    keys = []
    for number, paths in enumerate(shards(digests)):
        keys.append((shard_key(((p, digests[p]) for p in paths), urls, number == 0), paths, number == 0))
    found: dict[str, dict[str, bytes]] = {}
    missing = []
    for key, paths, first in keys:
        files = cached(key)
        if files is None:
            missing.append((key, paths, first))
        else:
            found[key] = files

    def index_some() -> None:
        """One Pagefind process indexing shards until none is left."""
        with _PagefindService() as service:
            while missing:
                try:
                    key, paths, first = missing.pop()
                except IndexError:   # the other process took the last one
                    return
                files = shard_files({path: read(path) for path in paths}, urls, first, service)
                keep(key, files)
                found[key] = files

    with ThreadPoolExecutor(2, thread_name_prefix="pagefind") as pool:
        for running in [pool.submit(index_some) for _ in range(min(2, len(missing)))]:
            running.result()
    return {key: found[key] for key, _, _ in keys}


def place(shard_files_by_key: Mapping[str, Mapping[str, bytes]]) -> dict[str, bytes]:
    """The output files of the whole index: each shard in its folder, and the list of shards."""
    keys = list(shard_files_by_key)
    files = {SEARCH_FOLDER + SHARDS_FILE: shard_list(keys)}
    for number, key in enumerate(keys):
        folder = shard_folder(key, number == 0)
        files.update((folder + name, data) for name, data in shard_files_by_key[key].items())
    return dict(sorted(files.items()))


def _page_url(output_path: str) -> str:
    """``people/x/index.html`` → ``people/x/``; other files keep their name."""
    return output_path.removesuffix("index.html")


class _PagefindService:
    """One ``pagefind --service`` process, asked one request at a time."""

    def __init__(self) -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError("the Pagefind program is missing: install the package 'pagefind[extended]'")
        try:
            self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as error:
            raise SearchIndexError(f"cannot start the Pagefind program {executable}: {error}") from error
        self._message_id = 0

    def __enter__(self) -> "_PagefindService":
        return self

    def __exit__(self, *exc_info: object) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.terminate()
        self._process.wait()

    def request(self, payload: dict, about: str = "") -> dict:
        """Send one request and wait for its reply; an error reply raises, naming ``about``."""
        self._message_id += 1
        message = json.dumps({"message_id": self._message_id, "payload": payload}).encode("utf-8")
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and isinstance(stdout, BufferedReader)
        stdin.write(base64.b64encode(message) + b",")
        stdin.flush()
        reply = json.loads(base64.b64decode(_read_until_comma(stdout)))
        answer = reply["payload"]
        if answer.get("type") == "Error":
            where = f" for {about}" if about else ""
            raise SearchIndexError(f"Pagefind could not index{where}: {answer.get('message')}")
        if reply.get("message_id") != self._message_id:
            raise SearchIndexError(f"Pagefind answered message {reply.get('message_id')}, not {self._message_id}")
        return answer


def _read_until_comma(stream: BufferedReader) -> bytes:
    """One message: base64 text has no commas, so the first comma ends it."""
    chunks = []
    while True:
        chunk = stream.read1(65536)
        if not chunk:
            raise SearchIndexError("Pagefind stopped before it answered")
        end = chunk.find(b",")
        if end >= 0:
            if end != len(chunk) - 1:
                raise SearchIndexError("Pagefind sent more than one answer to one request")
            chunks.append(chunk[:end])
            return b"".join(chunks)
        chunks.append(chunk)
