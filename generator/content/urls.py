"""Every URL of the site comes from here; nothing else builds one by hand.

``base_url`` is either a path (``/`` for a user site, ``/repo/`` for a GitHub
project site) or a full address (``https://user.github.io/repo/``). Links
between pages use its path, so the same output works on any host; feeds,
sitemaps and canonical links use the full address when one is given.
"""
from __future__ import annotations

from urllib.parse import urlsplit

INDEX = "index.html"


def page_path(kind: str, id: str) -> str:
    """The site-relative path of a content page: ``people/kim-jong-un/``."""
    return f"{kind}/{id}/"


def index_path(kind: str) -> str:
    return f"{kind}/"


def output_file(path: str) -> str:
    """The file that serves a site-relative path: ``people/x/`` → ``people/x/index.html``."""
    return path + INDEX if path == "" or path.endswith("/") else path


def history_anchor(index: int) -> str:
    """The fragment of a milestone history entry on the milestone's page (``h1`` is the first)."""
    return f"h{index + 1}"


class Urls:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        parts = urlsplit(base_url)
        self.base_path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""

    def url(self, path: str = "") -> str:
        """Root-relative link to a site path (``''`` is the home page)."""
        return self.base_path + path.lstrip("/")

    def page(self, kind: str, id: str, anchor: str = "", *, absolute: bool = False) -> str:
        link = self.absolute(page_path(kind, id)) if absolute else self.url(page_path(kind, id))
        return link + (f"#{anchor}" if anchor else "")

    def index(self, kind: str) -> str:
        return self.url(index_path(kind))

    def absolute(self, path: str = "") -> str:
        """Full address when base_url has a host; otherwise the root-relative link."""
        return self.origin + self.url(path)
