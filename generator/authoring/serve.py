"""``serve``: the site from memory, rebuilt when a source changes, reloading open pages.

Files are served only from the in-memory build (``site.render.Renderer``), under the
site's base path as GitHub Pages serves it, so no request can reach a file on
disk. Served HTML pages (never ``build`` output) get a small script that waits
on ``/__chrono/wait`` (a long poll that answers when the build number changes)
and reloads the page; after a failed build they also get a banner with the
problems, while the last good build stays up.
"""
from __future__ import annotations

import gc
import html
import ipaddress
import re
import socket
import sys
import threading
import traceback
from collections import OrderedDict
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TextIO
from urllib.parse import parse_qs, quote, unquote

from .rebuild import Outcome, Rebuilder
from ..site.plan import NOT_FOUND, OutputCollision
from ..site.render import Renderer, RenderError
from .watch import Watcher

LIVE = "/__chrono/"               # the reload script and its endpoint; outside any site path
WAIT_SECONDS = 20.0               # longest a /__chrono/wait request is held open
IDLE_SECONDS = 30.0              # a connection that sends nothing for this long is closed
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")   # Host names always answered
HOT_PAGES = 8                     # recently viewed pages, rendered as part of each rebuild
TIDY_SECONDS = 2.0                # quiet time after a rebuild before earlier builds' objects are collected
TIDY_EVERY = 10                   # rebuilds after which they are collected even without a quiet moment
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
         ".json": "application/json", ".xml": "application/xml", ".ics": "text/calendar; charset=utf-8",
         ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8", ".wasm": "application/wasm",
         ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
         ".webp": "image/webp", ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff"}
RELOAD_SCRIPT = b"""(function () {
  var seen = document.currentScript.getAttribute("data-build");
  function wait() {
    fetch("/__chrono/wait?after=" + encodeURIComponent(seen), {cache: "no-store"})
      .then(function (response) { if (!response.ok) { throw response; } return response.text(); })
      .then(function (now) { if (now !== seen) { location.reload(); } else { wait(); } },
            function () { setTimeout(wait, 1000); });
  }
  wait();
})();
"""
BANNER_STYLE = b""".chrono-build-errors { position: sticky; top: 0; z-index: 2147483647; margin: 0; padding: .75em 1em;
  background: #fff0f0; color: #6b0000; border-bottom: 3px solid #b00020; font: 14px/1.4 system-ui, sans-serif; }
.chrono-build-errors pre { margin: .5em 0 0; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace; }
"""
_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE = re.compile(rb"</body\s*>", re.IGNORECASE)


class LiveState:
    """What the server shows: the last good build, the problems of the latest one, and a build number."""

    def __init__(self) -> None:
        self.live: Renderer | None = None
        self.errors: tuple[str, ...] = ()
        self.number = 0
        self.closed = False
        self._changed = threading.Condition()
        self._viewed: OrderedDict[str, None] = OrderedDict()

    def publish(self, outcome: Outcome) -> None:
        with self._changed:
            if outcome.live is not None:
                self.live = outcome.live
            self.errors = outcome.errors
            self.number += 1
            self._changed.notify_all()

    def wait(self, seen: str, timeout: float) -> str:
        """The build number, once it differs from seen (or after timeout, or at shutdown)."""
        with self._changed:
            self._changed.wait_for(lambda: str(self.number) != seen or self.closed, timeout)
            return str(self.number)

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def viewed(self, path: str) -> None:
        with self._changed:
            self._viewed[path] = None
            self._viewed.move_to_end(path)
            while len(self._viewed) > HOT_PAGES:
                self._viewed.popitem(last=False)

    def hot_paths(self) -> list[str]:
        with self._changed:
            return list(self._viewed)


def site_path(target: str) -> str | None:
    """The decoded path of a request target, or None when it could name something outside the site."""
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        return None
    try:
        decoded = unquote(path, errors="strict") if "%" in path else path
    except UnicodeDecodeError:
        return None
    segments = decoded.split("/")[1:]
    if any(bad in decoded for bad in ("\\", "\x00")) or any(s in (".", "..") for s in segments):
        return None
    if any(s == "" for s in segments[:-1]):    # '//etc/passwd', '/a//b'
        return None
    return decoded


def content_type(path: str) -> str:
    suffix = path[path.rfind("."):] if "." in path.rsplit("/", 1)[-1] else ""
    return TYPES.get(suffix.lower(), "application/octet-stream")


def with_live_reload(page: bytes, number: int, errors: tuple[str, ...]) -> bytes:
    """page with the reload script before </body> and, after a failed build, the error banner after <body>."""
    script = (f'<link rel="stylesheet" href="{LIVE}live.css">'
              f'<script src="{LIVE}live.js" data-build="{number}"></script>').encode()
    closing = list(_BODY_CLOSE.finditer(page))
    page = page[:closing[-1].start()] + script + page[closing[-1].start():] if closing else page + script
    if errors:
        lines = html.escape("\n".join(errors))
        banner = (f'<div class="chrono-build-errors" role="alert"><strong>The site did not build.</strong> '
                  f'You are looking at the last good build; fix these and this page reloads by itself.'
                  f'<pre>{lines}</pre></div>').encode()
        opening = _BODY_OPEN.search(page)
        at = opening.end() if opening else 0
        page = page[:at] + banner + page[at:]
    return page


def host_name(header: str | None) -> str | None:
    """The host a Host header names, lowercased and without its port; None when malformed."""
    found = re.fullmatch(r"(\[[0-9a-f:.]+\]|[^\[\]:]+)(?::[0-9]{1,5})?", (header or "").strip().lower())
    return found[1] if found else None


def served_hosts(bound: tuple[str, ...], extra: tuple[str, ...]) -> tuple[str, ...]:
    """The Host names answered: this machine's, the addresses bound to (but not "every interface"), and extra.

    Checking Host is what stops DNS rebinding: a page on evil.example whose name
    now resolves to 127.0.0.1 reaches this server, but still says Host: evil.example.
    """
    names = [*LOCAL_HOSTS, *(f"[{name}]" if ":" in name else name for name in bound if name not in ("0.0.0.0", "::", ""))]
    names += (host_name(name) or name.lower() for name in extra)      # 'Laptop.local:8000' allows laptop.local
    return tuple(dict.fromkeys(name.lower() for name in names))


def _error_page(title: str) -> bytes:
    return (f"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<body><h1>{html.escape(title)}</h1></body></html>").encode()


class _Handler(BaseHTTPRequestHandler):
    state: LiveState
    out: TextIO
    hosts: tuple[str, ...]
    timeout = IDLE_SECONDS       # socketserver's read timeout: a half-sent request does not hold a connection
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.respond(send_body=False)

    def respond(self, send_body: bool) -> None:
        self.send_body = send_body
        if host_name(self.headers.get("Host")) not in self.hosts:
            self.close_connection = True
            return self.send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8",
                             (f"this server answers only requests for {', '.join(LOCAL_HOSTS)}; "
                              f"start it with --allow-host NAME to allow another name\n").encode())
        path = site_path(self.path)
        live, errors, number = self.state.live, self.state.errors, self.state.number
        if path is not None and path.startswith(LIVE):
            return self.live_reload(path[len(LIVE):])
        if live is None:
            return self.send(HTTPStatus.SERVICE_UNAVAILABLE, "text/html; charset=utf-8",
                             with_live_reload(_error_page("The site has not built yet"), number, errors))
        base = live.urls.base_path
        if path is None or not path.startswith(base):
            if path in ("/", base.rstrip("/")):
                return self.redirect(quote(base), HTTPStatus.FOUND if path == "/" else HTTPStatus.MOVED_PERMANENTLY)
            return self.not_found(live, number, errors)
        file = path[len(base):]
        file = file + "index.html" if file == "" or file.endswith("/") else file
        try:
            data = live.get(file)
            if data is None and live.has(file + "/index.html"):
                return self.redirect(self.path.partition("?")[0] + "/", HTTPStatus.MOVED_PERMANENTLY)
        except Exception as error:   # a template that fails on this page only, or a bug: say so, keep serving
            message = error if isinstance(error, (RenderError, OutputCollision)) else f"{type(error).__name__}: {error}"
            print(f"error: {message}", file=self.out, flush=True)
            page = with_live_reload(_error_page("This page could not be rendered"), number, (*errors, f"error: {message}"))
            return self.send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/html; charset=utf-8", page)
        if data is None:
            return self.not_found(live, number, errors)
        kind = content_type(file)
        if kind.startswith("text/html"):
            self.state.viewed(file)
            data = with_live_reload(data, number, errors)
        self.send(HTTPStatus.OK, kind, data)

    def not_found(self, live: Renderer, number: int, errors: tuple[str, ...]) -> None:
        page = live.get(NOT_FOUND) or _error_page("Page not found")
        self.send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", with_live_reload(page, number, errors))

    def live_reload(self, name: str) -> None:
        if name == "live.js":
            return self.send(HTTPStatus.OK, TYPES[".js"], RELOAD_SCRIPT)
        if name == "live.css":
            return self.send(HTTPStatus.OK, TYPES[".css"], BANNER_STYLE)
        if name == "wait":
            seen = parse_qs(self.path.partition("?")[2]).get("after", [""])[0]
            return self.send(HTTPStatus.OK, "text/plain; charset=utf-8", self.state.wait(seen, WAIT_SECONDS).encode())
        self.send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found")

    def redirect(self, location: str, status: HTTPStatus) -> None:
        query = self.path.partition("?")[2]
        self.send_response(status)
        self.send_header("Location", location + (f"?{query}" if query else ""))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows builds and their problems, not every request."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True            # held /__chrono/wait requests must not keep the process alive


class _Server6(_Server):
    address_family = socket.AF_INET6


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class DevServer:
    """The development server: first build, HTTP, watcher and rebuilds; ``stop`` ends them all."""

    def __init__(self, root: Path, *, host: str = "127.0.0.1", port: int = 8000, drafts: bool = False,
                 allowed_hosts: tuple[str, ...] = (), idle_seconds: float = IDLE_SECONDS,
                 out: TextIO = sys.stderr) -> None:
        self.root, self.out = root, out
        self.state = LiveState()
        self.rebuilder = Rebuilder(root, drafts=drafts)
        handler = type("Handler", (_Handler,), {"state": self.state, "out": out, "timeout": idle_seconds})
        self.httpd = (_Server6 if ":" in host else _Server)((host, port), handler)
        handler.hosts = self.hosts = served_hosts((host, self.address[0]), allowed_hosts)
        self.watcher = Watcher(root, self.rebuild, touched=self.rebuilder.touched)
        self._building = threading.Lock()
        self._tidying: threading.Timer | None = None
        self._untidy = 0                  # rebuilds since the last collection
        self._serving = threading.Thread(target=self.httpd.serve_forever, name="chrono-http", daemon=True)

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.httpd.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        """Where the site's home page is."""
        host, port = self.address
        shown = f"[{host}]" if ":" in host else host
        base = self.state.live.urls.base_path if self.state.live else "/"
        return f"http://{shown}:{port}{base}"

    def start(self) -> None:
        self.watcher.start()
        self.rebuild()
        self._serving.start()
        host = self.address[0]
        if not is_loopback(host):
            print(f"warning: listening on {host}: the site is reachable from other machines on your network; "
                  f"it answers only requests for {', '.join(self.hosts)} (--allow-host NAME adds a name)",
                  file=self.out)
        print(f"serving {self.url} (Ctrl-C stops)", file=self.out, flush=True)

    def rebuild(self) -> None:
        """Build again and publish the result; called by the watcher, never raises.

        The objects of the builds so far are frozen first, so that no full
        garbage collection (0.2 s for 1,800 content files, 0.7 s for 5,400)
        runs in the middle of a rebuild; ``_tidy`` collects them once edits
        pause, or after ``TIDY_EVERY`` rebuilds.
        """
        with self._building:
            gc.freeze()
            try:
                outcome = self.rebuilder.build(self.state.hot_paths())
            except Exception as error:   # a bug must not take the server down with it
                traceback.print_exc(file=self.out)
                outcome = Outcome(None, (f"error: the build crashed: {type(error).__name__}: {error}",), (), (), 0.0)
            if outcome is not None:
                self._report(outcome)
                self.state.publish(outcome)
            self._untidy += 1
            if self._tidying is not None:
                self._tidying.cancel()
            self._tidying = threading.Timer(0.0 if self._untidy >= TIDY_EVERY else TIDY_SECONDS, self._tidy)
            self._tidying.daemon = True
            self._tidying.start()

    def _tidy(self) -> None:
        """Collect what earlier builds left behind, unless a rebuild is running (it comes back here)."""
        if self._building.acquire(blocking=False):
            try:
                gc.unfreeze()
                gc.collect()
                self._untidy = 0
            finally:
                self._building.release()

    def _report(self, outcome: Outcome) -> None:
        for line in (*outcome.errors, *outcome.warnings):
            print(line, file=self.out)
        changed = len(outcome.reread)
        read = f"{changed} file{'s' * (changed != 1)} read again"
        if outcome.live is None:
            kept = "still serving the last good build" if self.state.live else "nothing to serve yet"
            print(f"build failed ({read}); {kept}; fix the problems above and it rebuilds", file=self.out, flush=True)
        else:
            print(f"built in {outcome.seconds:.2f} s ({read})", file=self.out, flush=True)

    def stop(self) -> None:
        self.watcher.stop()
        if self._tidying is not None:
            self._tidying.cancel()
        gc.unfreeze()
        self.state.close()
        if self._serving.is_alive():
            self.httpd.shutdown()
        self.httpd.server_close()

    def run(self) -> None:
        """Serve until Ctrl-C."""
        try:
            self.start()
            threading.Event().wait()
        except KeyboardInterrupt:
            print("\nstopped", file=self.out, flush=True)
        finally:
            self.stop()
