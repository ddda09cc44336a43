"""static/: files copied as they are to the site root, and the images content names from it.

Files are found and read under the rule of ``sitefiles``: a symbolic link out
of the site is skipped with a warning, a link inside it is followed. Hidden files and
folders are left out (an editor's or the system's), except ``.well-known/``,
which hosts read for domain checks and security contacts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from . import sitefiles
from .diagnostics import Diagnostics, did_you_mean

STATIC = "static"
KEPT_HIDDEN = frozenset({".well-known"})
_WEB_ADDRESS = re.compile(r"https?://[^\s/]+", re.IGNORECASE)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True)
class StaticFiles:
    """The files of a site's static/ folder, by path relative to it (``images/kim.jpg``), sorted."""

    site: Path | None = None          # the site folder, resolved
    files: tuple[str, ...] = ()
    _names: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_names", frozenset(self.files))

    def __contains__(self, path: object) -> bool:
        return path in self._names

    def read(self, path: str) -> bytes:
        """The bytes of static/path, under the rule of ``sitefiles`` again (it may have changed since the scan)."""
        if self.site is None or path not in self:
            raise FileNotFoundError(f"{STATIC}/{path}")
        try:
            return sitefiles.read(self.site / STATIC / path, self.site, f"{STATIC}/{path}", listed=True, limit=None)
        except sitefiles.SiteFileError as problem:
            raise PermissionError(f"{STATIC}/{path}: {problem.message}") from None


def scan_static(root: Path, diagnostics: Diagnostics, skipped: list[str] | None = None) -> StaticFiles:
    """Every file under root/static/ that may be copied; what the rule of ``sitefiles`` skips is reported
    (and added to skipped)."""
    site = root.resolve()
    folder = root / STATIC
    refused = sitefiles.folder_problem(root, STATIC)
    if refused is not None:
        diagnostics.error(STATIC, 1, 1, refused.message, refused.hint)
        return StaticFiles(site)
    if not folder.exists():
        return StaticFiles(site)
    if not folder.is_dir():
        diagnostics.error(STATIC, 1, 1, "static/ must be a folder", "move the file into a folder named static/")
        return StaticFiles(site)
    found = sitefiles.walk(folder, site, STATIC, diagnostics, keep_hidden=KEPT_HIDDEN, skipped=skipped)
    return StaticFiles(site, tuple(sorted("/".join(parts) for parts in found)))


# -- images that content names ---------------------------------------------------

def is_web_address(value: str) -> bool:
    return bool(_WEB_ADDRESS.match(value))


def local_image(value: str) -> str | None:
    """The static/ path an image reference names (``/images/a%20b.jpg`` → ``images/a b.jpg``); None for a web address.

    Any other scheme (``data:``, ``file:``) or a ``..`` step is not a local image: ``image_problem`` says why.
    """
    if is_web_address(value) or _SCHEME.match(value) or value.startswith("//"):
        return None
    return unquote(value.split("#")[0].split("?")[0]).lstrip("/")


def image_problem(value: str, static: StaticFiles) -> tuple[str, str] | None:
    """(message, hint) when an image reference names no file of static/ and no web address; None when it is fine."""
    if is_web_address(value):
        return None
    path = local_image(value)
    if path is None:
        return f"image '{value}' is neither a file under static/ nor an http(s) address", ""
    if ".." in path.split("/") or not path:
        return f"image '{value}' must name a file under static/, such as images/photo.jpg", ""
    if path in static:
        return None
    within = path.removeprefix(f"{STATIC}/")
    if within != path and within in static:
        return f"image '{value}' is not found", f"paths are relative to static/: write '{within}'"
    return f"image '{value}' is not found: no file static/{path}", did_you_mean(path, static.files)
