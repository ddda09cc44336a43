"""sitemap.xml: the home page, the index pages and every entry page.

The sitemaps protocol asks for absolute addresses. They come from
``Urls.absolute``, so a full ``base_url`` (``https://user.github.io/repo/``)
is needed for search engines to accept the file; with a path-only base_url the
addresses are root-relative (docs/exports.md).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..content.model import Site
from ..content.urls import Urls, index_path, page_path

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_FILE = "sitemap.xml"
INDEX_KINDS = ("people", "meetings", "milestones", "articles", "timeline")


def site_paths(site: Site) -> list[str]:
    """Every page path of the site, home page first, in a stable order."""
    return ["", *(index_path(kind) for kind in INDEX_KINDS),
            *(page_path(entry.kind, entry.id) for entry in site.entries())]


def render_sitemap(site: Site, urls: Urls) -> bytes:
    urlset = ET.Element("urlset", {"xmlns": SITEMAP})
    for path in site_paths(site):
        ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = urls.absolute(path)
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
