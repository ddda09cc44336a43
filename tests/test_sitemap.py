"""sitemap.xml read with xml.etree: the sitemaps namespace, every page once, absolute addresses."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from export_sites import build_site, render_exports
from generator.content.urls import page_path
from generator.exports.sitemap import SITEMAP, SITEMAP_FILE
from generator.site.plan import NOT_FOUND
from generator.site.render import render_site
from generator.site.theme import load_theme

NS = {"s": SITEMAP}


def locs(raw: bytes) -> list[str]:
    root = ET.fromstring(raw)
    assert root.tag == f"{{{SITEMAP}}}urlset"
    return [loc.text for loc in root.findall("s:url/s:loc", NS)]


def sitemap(site) -> bytes:
    return render_exports(site)[SITEMAP_FILE]


def test_sitemap_lists_every_page_the_site_writes_but_the_404_page(tmp_path: Path) -> None:
    site, urls = build_site(tmp_path)
    files = render_site(site, load_theme(tmp_path, site.config.theme))
    pages = [path.removesuffix("index.html") for path in files
             if path.endswith(".html") and path != NOT_FOUND and not path.startswith(("assets/", "pagefind/"))]
    assert sorted(locs(files[SITEMAP_FILE])) == sorted(urls.absolute(path) for path in pages)


def test_sitemap_lists_home_indexes_timeline_who_met_whom_and_every_page_once(tmp_path: Path) -> None:
    site, urls = build_site(tmp_path)
    found = locs(sitemap(site))
    base = "https://example.github.io/talks/"
    expected = {base, *(base + index for index in ("people/", "meetings/", "milestones/", "articles/", "timeline/",
                                                   "who-met-whom/", "tags/")),
                *(base + page_path(entry.kind, entry.id) for entry in site.entries())}
    assert len(found) == len(set(found)) and set(found) == expected
    assert found[0] == base


def test_sitemap_addresses_are_absolute_with_a_full_base_url(tmp_path: Path) -> None:
    site, urls = build_site(tmp_path)
    for loc in locs(sitemap(site)):
        parts = urlsplit(loc)
        assert (parts.scheme, parts.netloc) == ("https", "example.github.io") and parts.path.startswith("/talks/")


def test_sitemap_follows_a_path_only_base_url(tmp_path: Path) -> None:
    site, urls = build_site(tmp_path, base_url="/talks/")
    found = locs(sitemap(site))
    assert found[0] == "/talks/" and all(loc.startswith("/talks/") for loc in found)


def test_sitemap_leaves_out_drafts(tmp_path: Path) -> None:
    site, urls = build_site(tmp_path)
    assert not any("/secret/" in loc for loc in locs(sitemap(site)))
