"""A static file server for tests, serving a built site the way GitHub Pages does.

Only for the browser tests: files under one base path (``/chronology/``), a
folder's ``index.html`` for its URL, a redirect from a folder URL without its
slash, and the site's ``404.html`` with status 404 for anything else.
"""
from __future__ import annotations

import mimetypes
import threading
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".json": "application/json",
         ".xml": "application/xml", ".ics": "text/calendar; charset=utf-8", ".svg": "image/svg+xml"}


def content_type(path: Path) -> str:
    return TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def handler_for(root: Path, base_path: str) -> type[BaseHTTPRequestHandler]:
    root = root.resolve()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self.respond(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self.respond(send_body=False)

        def respond(self, send_body: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(base_path):
                return self.send(HTTPStatus.NOT_FOUND, root / "404.html", send_body)
            target = (root / path[len(base_path):]).resolve()
            if not target.is_relative_to(root):
                return self.send(HTTPStatus.NOT_FOUND, root / "404.html", send_body)
            if target.is_dir():
                if not path.endswith("/"):
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", path + "/")
                    self.send_header("Content-Length", "0")
                    return self.end_headers()
                target = target / "index.html"
            if target.is_file():
                return self.send(HTTPStatus.OK, target, send_body)
            self.send(HTTPStatus.NOT_FOUND, root / "404.html", send_body)

        def send(self, status: HTTPStatus, file: Path, send_body: bool) -> None:
            body = file.read_bytes() if file.is_file() else b"not found"
            self.send_response(status)
            self.send_header("Content-Type", content_type(file))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the tests report failed requests themselves."""

    return Handler


@contextmanager
def serve_folder(root: Path, base_path: str) -> Iterator[str]:
    """Serve ``root`` under ``base_path`` on a free loopback port; yields ``http://127.0.0.1:PORT``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(root, base_path))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
