"""sitemap.xml: every page the output plan marks for it, in the plan's order.

The sitemaps protocol asks for absolute addresses. They come from
``Urls.absolute``, so a full ``base_url`` (``https://user.github.io/repo/``)
is needed for search engines to accept the file; with a path-only base_url the
addresses are root-relative (docs/exports.md).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Iterable

from ..content.urls import Urls

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_FILE = "sitemap.xml"


def render_sitemap(paths: Iterable[str], urls: Urls) -> bytes:
    """The sitemap of the pages at paths (site-relative: '' is the home page)."""
    urlset = ET.Element("urlset", {"xmlns": SITEMAP})
    for path in paths:
        ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = urls.absolute(path)
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
