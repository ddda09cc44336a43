"""render_exports end to end: the sample site and a site with drafts, through every parser."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import feedparser
import html5lib
import icalendar
import pytest

from export_sites import BASE_URL, DRAFT_TITLE, build_site, render_exports
from generator.exports.jsonld import jsonld_for
from generator.content.read import read_site
from generator.site.render import render_site
from generator.site.theme import load_theme
from generator.content.urls import Urls, output_file, page_path

SAMPLE_SITE = Path(__file__).resolve().parent.parent


def test_sample_site_exports_read_back(tmp_path: Path) -> None:
    site, diagnostics = read_site(SAMPLE_SITE, drafts=False, base_url="https://example.github.io/chronology/")
    assert not diagnostics.errors
    urls = Urls(site.config.base_url)
    files = render_exports(site)
    assert sorted(files) == ["calendar.ics", "feed.xml", "sitemap.xml", "timeline.json"]

    feed = feedparser.parse(files["feed.xml"])
    assert feed.bozo == 0 and len(feed.entries) == len(site.chronology) + len(site.articles)
    calendar = icalendar.Calendar.from_ical(files["calendar.ics"])
    assert len(calendar.walk("VEVENT")) == sum(m.date.is_day_precise for m in site.meetings.values())
    timeline = json.loads(files["timeline.json"])
    assert len(timeline["events"]) == len(site.chronology)
    sitemap = ET.fromstring(files["sitemap.xml"])
    tag_pages = len(site.tags)     # one page per tag; the list of tags is always there
    assert len(sitemap) == 8 + tag_pages + len(site.entries())   # home, timeline, who met whom, tags, four indexes
    for entry in site.entries():
        text = jsonld_for(entry, site, urls)
        assert text is None if entry.kind == "milestones" else json.loads(text)["url"].startswith("https://")
    assert render_exports(site) == files


def test_drafts_appear_in_no_export(tmp_path: Path) -> None:
    site, urls = build_site(tmp_path)
    assert "secret" not in site.meetings
    for name, raw in render_exports(site).items():
        assert DRAFT_TITLE.encode() not in raw and b"/secret/" not in raw, name


@pytest.fixture
def rendered(tmp_path: Path):
    """The test site, and every file of it as the build renders it."""
    site, urls = build_site(tmp_path)
    return site, urls, render_site(site, load_theme(tmp_path, site.config.theme))


def test_every_exported_link_lands_on_a_built_page_and_anchor(rendered) -> None:
    site, urls, built = rendered
    files = {name: built[name] for name in render_exports(site)}
    links = [entry.link for entry in feedparser.parse(files["feed.xml"]).entries]
    links += [loc.text for loc in ET.fromstring(files["sitemap.xml"]).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    links += [str(event["URL"]) for event in icalendar.Calendar.from_ical(files["calendar.ics"]).walk("VEVENT")]
    links += [unescape(href) for event in json.loads(files["timeline.json"])["events"]
              for href in re.findall(r'href="([^"]*)"', event["text"]["text"])]
    assert len(links) > len(site.entries())
    for link in links:
        assert link.startswith(BASE_URL), link
        path, _, anchor = link[len(BASE_URL):].partition("#")
        page = built.get(output_file(path))
        assert page is not None, f"{link} is not a built page"
        assert not anchor or f'id="{anchor}"'.encode() in page, f"{link}: no element with that id"


def test_built_pages_carry_the_json_ld_of_their_entry(rendered) -> None:
    site, urls, built = rendered
    for entry in site.entries():
        page = built[output_file(page_path(entry.kind, entry.id))]
        document = html5lib.parse(page, namespaceHTMLElements=False)
        scripts = [json.loads(s.text) for s in document.iter("script") if s.get("type") == "application/ld+json"]
        expected = jsonld_for(entry, site, urls)
        assert scripts == ([json.loads(expected)] if expected else []), entry.path
