"""Every URL of the site comes from here; nothing else builds one by hand.

``base_url`` is either a path (``/`` for a user site, ``/repo/`` for a GitHub
project site) or a full address (``https://user.github.io/repo/``).

Links between pages are relative to the page they are on (``../../people/x/``
from ``meetings/y/``), so the same output works on any host, under any base
path, and opened from disk. The way up to the site root depends only on how
many folders deep the page lies (``relative_root``), so a piece of HTML made
for one page is right on every page of the same depth. Canonical links, feeds,
the sitemap and JSON-LD use the full address (``absolute``) when one is given.
"""
from __future__ import annotations

from urllib.parse import quote, urlencode, urlsplit

from .static import is_web_address, local_image

INDEX = "index.html"
TAGS = "tags"


def page_path(kind: str, id: str) -> str:
    """The site-relative path of a content page: ``people/kim-jong-un/``."""
    return f"{kind}/{id}/"


def index_path(kind: str) -> str:
    return f"{kind}/"


def tag_path(tag_id: str) -> str:
    """The page of one tag: ``tags/sanctions/``; ``tag_path('')`` is the list of tags."""
    return f"{TAGS}/{tag_id}/" if tag_id else f"{TAGS}/"


def output_file(path: str) -> str:
    """The file that serves a site-relative path: ``people/x/`` → ``people/x/index.html``."""
    return path + INDEX if path == "" or path.endswith("/") else path


def history_anchor(index: int) -> str:
    """The fragment of a milestone history entry on the milestone's page (``h1`` is the first)."""
    return f"h{index + 1}"


def relative_root(page: str) -> str:
    """The link from a page (a site-relative path) to the site root: ``''`` → ``./``, ``people/x/`` → ``../../``."""
    return "../" * page.count("/") or "./"


class Urls:
    """The URLs of one site, as linked from one place.

    ``Urls(base_url)`` links from anywhere on the host (root-relative, under
    the base path), as a page served at any address needs (``404.html``);
    ``from_page(path)`` gives the links of the page at path, relative to it.
    """

    def __init__(self, base_url: str, root: str | None = None) -> None:
        self.base_url = base_url
        parts = urlsplit(base_url)
        self.base_path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""
        self.root = self.base_path if root is None else root

    def from_page(self, page: str) -> "Urls":
        """The links of the page at site path page (``meetings/x/``), relative to its folder."""
        return Urls(self.base_url, relative_root(page))

    def from_entries(self) -> "Urls":
        """The links of any content file's own page: they all lie at the depth of ``page_path``."""
        return self.from_page(page_path("kind", "id"))

    def url(self, path: str = "") -> str:
        """Link to a site path (``''`` is the home page)."""
        return self.root + path.lstrip("/")

    def file(self, path: str, *, absolute: bool = False) -> str:
        """Link to a file copied from static/, its name percent-encoded."""
        encoded = quote(path.lstrip("/"))
        return self.absolute(encoded) if absolute else self.url(encoded)

    def image(self, image: str, *, absolute: bool = False) -> str:
        """An image field's picture: its web address, or its file under static/."""
        return image if is_web_address(image) else self.file(local_image(image) or "", absolute=absolute)

    def page(self, kind: str, id: str, anchor: str = "", *, absolute: bool = False) -> str:
        link = self.absolute(page_path(kind, id)) if absolute else self.url(page_path(kind, id))
        return link + (f"#{anchor}" if anchor else "")

    def index(self, kind: str) -> str:
        return self.url(index_path(kind))

    def chronology(self, **filters: str) -> str:
        """The chronology filtered as its controls do (``?tag=sanctions``)."""
        return self.url("") + (f"?{urlencode(filters)}" if filters else "")

    def tag(self, tag_id: str = "") -> str:
        """A tag's page; with no tag, the list of tags."""
        return self.url(tag_path(tag_id))

    def absolute(self, path: str = "") -> str:
        """Full address when base_url has a host; otherwise the root-relative link."""
        return self.origin + self.base_path + path.lstrip("/")
