"""static/: files copied as they are to the site root, and the images content names from it.

Only what lies inside the site folder is read: a symbolic link under static/
whose target lies outside the site is an error, and a symlinked folder that
leads back into static/ (a loop) is not entered twice. Hidden files and
folders are left out (an editor's or the system's), except ``.well-known/``,
which hosts read for domain checks and security contacts.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

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
        """The bytes of static/path, checked again to lie inside the site (it may have changed since the scan)."""
        if self.site is None or path not in self:
            raise FileNotFoundError(f"{STATIC}/{path}")
        file = inside_site(self.site / STATIC / path, self.site)
        if file is None:
            raise PermissionError(f"{STATIC}/{path} now leads outside the site folder")
        return file.read_bytes()


def inside_site(path: Path, site: Path) -> Path | None:
    """path with every symbolic link followed, if that lies inside the (resolved) site folder; else None."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):   # missing, or a link loop
        return None
    return real if real.is_relative_to(site) else None


def scan_static(root: Path, diagnostics: Diagnostics) -> StaticFiles:
    """Every file under root/static/ that may be copied; a link leading out of the site is reported."""
    site = root.resolve()
    folder = root / STATIC
    if not folder.exists() and not folder.is_symlink():
        return StaticFiles(site)
    if inside_site(folder, site) is None or not folder.is_dir():
        diagnostics.error(STATIC, 1, 1, "static/ must be a folder inside the site folder",
                          "a symbolic link to a folder elsewhere is not followed; copy the files in")
        return StaticFiles(site)
    files: list[str] = []
    seen: set[Path] = set()
    pending: list[tuple[Path, str]] = [(folder, "")]
    while pending:
        directory, prefix = pending.pop()
        real = directory.resolve()
        if real in seen:
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            diagnostics.error(f"{STATIC}/{prefix}".rstrip("/"), 1, 1, f"cannot read the folder: {error.strerror or error}")
            continue
        for entry in entries:
            name = prefix + entry.name
            if entry.name.startswith(".") and entry.name not in KEPT_HIDDEN:
                continue
            if entry.is_symlink() and inside_site(Path(entry.path), site) is None:
                diagnostics.error(f"{STATIC}/{name}", 1, 1, "symbolic link leads outside the site folder (or nowhere); "
                                  "it is not copied", "copy the file into static/ instead")
            elif entry.is_dir():
                pending.append((Path(entry.path), name + "/"))
            elif entry.is_file():
                files.append(name)
    return StaticFiles(site, tuple(sorted(files)))


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
