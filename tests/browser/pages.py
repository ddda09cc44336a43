"""Which pages of the built site the browser tests visit."""
from __future__ import annotations

from pathlib import Path

from generator.content.model import Site

KINDS = ("people", "meetings", "milestones", "articles")


def one_page_of_each_kind(model: Site) -> list[str]:
    """Site-relative paths: home, timeline, 404, and each kind's index and first page."""
    paths = ["", "timeline/", "404.html"]
    for kind in KINDS:
        paths += [f"{kind}/", f"{kind}/{min(model.kind(kind))}/"]
    return paths


def every_page(built_site: Path) -> list[str]:
    """Site-relative paths of every HTML page in the build (the search bundle aside)."""
    paths = []
    for file in sorted(built_site.rglob("*.html")):
        relative = file.relative_to(built_site).as_posix()
        if relative.startswith("pagefind/"):
            continue
        paths.append(relative.removesuffix("index.html"))
    return paths
