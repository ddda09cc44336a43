"""sitemap.xml read with xml.etree: the sitemaps namespace, every page once, absolute addresses."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from export_sites import build_site
from generator.exports.sitemap import SITEMAP, render_sitemap
from generator.content.urls import page_path

NS = {"s": SITEMAP}


def locs(raw: bytes) -> list[str]:
    root = ET.fromstring(raw)
    assert root.tag == f"{{{SITEMAP}}}urlset"
    return [loc.text for loc in root.findall("s:url/s:loc", NS)]


def test_sitemap_lists_home_indexes_timeline_and_every_page_once(tmp_path: Path) -> None:
    site, urls = build_site(tmp_path)
    found = locs(render_sitemap(site, urls))
    base = "https://example.github.io/talks/"
    expected = {base, *(base + index for index in ("people/", "meetings/", "milestones/", "articles/", "timeline/")),
                *(base + page_path(entry.kind, entry.id) for entry in site.entries())}
    assert len(found) == len(set(found)) and set(found) == expected
    assert found[0] == base


def test_sitemap_addresses_are_absolute_with_a_full_base_url(tmp_path: Path) -> None:
    site, urls = build_site(tmp_path)
    for loc in locs(render_sitemap(site, urls)):
        parts = urlsplit(loc)
        assert (parts.scheme, parts.netloc) == ("https", "example.github.io") and parts.path.startswith("/talks/")


def test_sitemap_follows_a_path_only_base_url(tmp_path: Path) -> None:
    site, urls = build_site(tmp_path, base_url="/talks/")
    found = locs(render_sitemap(site, urls))
    assert found[0] == "/talks/" and all(loc.startswith("/talks/") for loc in found)


def test_sitemap_leaves_out_drafts(tmp_path: Path) -> None:
    site, urls = build_site(tmp_path)
    assert not any("/secret/" in loc for loc in locs(render_sitemap(site, urls)))
