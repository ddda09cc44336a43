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
"""
from __future__ import annotations

import base64
import json
import subprocess
from io import BufferedReader
from typing import Mapping, Protocol

from pagefind.service import get_executable

from ..content.diagnostics import BuildError

SEARCH_FOLDER = "pagefind/"


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
    with _PagefindService() as service:
        index_id = service.request({"type": "NewIndex", "config": None})["index_id"]
        for path, body in pages.items():
            service.request({"type": "AddFile", "index_id": index_id, "file_path": None,
                             "url": urls.url(_page_url(path)), "file_contents": body.decode("utf-8")},
                            about=path)
        files = service.request({"type": "GetFiles", "index_id": index_id})["files"]
    return {SEARCH_FOLDER + file["path"]: base64.b64decode(file["content"])
            for file in sorted(files, key=lambda file: file["path"])}


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
