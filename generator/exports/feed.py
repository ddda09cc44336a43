"""feed.xml: an Atom 1.0 feed of the chronology and the articles, newest first.

Entry ids are ``urn:uuid:`` names derived (UUID version 5) from the site's
title and the item's place in it, so they stay the same across builds and when
the site moves to another host or base path. The feed's ``updated`` is its
newest entry's date, never the time of the build.
"""
from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from ..content.dates import display_day
from .common import (cited_articles, clean_text, instant, item_headline, item_url, names, plain_text, rfc3339,
                            site_slug, status_words)
from ..content.model import Article, ChronoItem, Site
from ..content.urls import Urls, page_path

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_FILE = "feed.xml"
EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z"  # a feed with no entries has no newest date


def entry_id(site: Site, name: str) -> str:
    """A stable Atom id: a version 5 UUID of the site's slug and the entry's name."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"chronology:{site_slug(site)}:{name}"))


def render_feed(site: Site, urls: Urls) -> bytes:
    entries = [(instant(item.date.lower), _item_entry(site, urls, item)) for item in site.chronology]
    for article in sorted(site.articles.values(), key=lambda a: (instant(a.published_at), a.id)):
        entries.append((instant(article.published_at), _article_entry(site, urls, article)))
    entries.sort(key=lambda pair: pair[0], reverse=True)  # stable: equal dates keep chronology order

    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: site.config.language})
    _text(feed, "id", entry_id(site, "feed"))
    _text(feed, "title", site.config.title)
    if site.config.description:
        _text(feed, "subtitle", site.config.description)
    _text(feed, "updated", entries[0][1].findtext("updated") if entries else EMPTY_FEED_UPDATED)
    _text(ET.SubElement(feed, "author"), "name", site.config.title)
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": urls.absolute(FEED_FILE)})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": urls.absolute("")})
    _text(feed, "generator", "chronology-generator")
    feed.extend(entry for _, entry in entries)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _item_entry(site: Site, urls: Urls, item: ChronoItem) -> ET.Element:
    """A meeting or one milestone history entry, dated by the earliest day it can be."""
    name = f"{item.kind}/{item.id}" + (f"/{item.index + 1}" if item.kind == "milestones" else "")
    entry = _entry(entry_id(site, name), item_headline(site, item), item_url(item, urls), rfc3339(item.date.lower))
    meeting = site.meetings.get(item.id) if item.kind == "meetings" else None
    where = f", {meeting.location}" if meeting and meeting.location else ""
    parts = [f"{item.date.display()} — {status_words(site, item)}{where}.", plain_text(site, item.note)]
    if item.people:
        parts.append("With " + ", ".join(names(site, item.people)) + ".")
    sources = [a.title for a in cited_articles(site, item)]
    if sources:
        parts.append("Sources: " + "; ".join(sources) + ".")
    _text(entry, "summary", " ".join(p for p in parts if p), {"type": "text"})
    for track in item.tracks:
        ET.SubElement(entry, "category", {"term": clean_text(track)})
    return entry


def _article_entry(site: Site, urls: Urls, article: Article) -> ET.Element:
    published = rfc3339(article.published_at)
    entry = _entry(entry_id(site, f"articles/{article.id}"), article.title,
                   urls.absolute(page_path("articles", article.id)), published)
    _text(entry, "published", published)
    for author in article.authors:
        _text(ET.SubElement(entry, "author"), "name", author)
    if article.url:
        ET.SubElement(entry, "link", {"rel": "related", "type": "text/html", "href": article.url})
    byline = ", ".join([*([article.publication] if article.publication else []), *article.authors,
                        display_day(article.published_day)])
    summary = plain_text(site, article.summary)
    _text(entry, "summary", f"{byline}. {summary}".strip(), {"type": "text"})
    return entry


def _entry(id: str, title: str, href: str, updated: str) -> ET.Element:
    entry = ET.Element("entry")
    _text(entry, "id", id)
    _text(entry, "title", title, {"type": "text"})
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": href})
    _text(entry, "updated", updated)
    return entry


def _text(parent: ET.Element, tag: str, text: str, attrib: dict[str, str] | None = None) -> ET.Element:
    """A child element holding text, without the characters XML 1.0 cannot carry."""
    child = ET.SubElement(parent, tag, attrib or {})
    child.text = clean_text(text)
    return child
