"""render_exports end to end: the sample site and a site with drafts, through every parser."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import icalendar

from export_sites import DRAFT_TITLE, build_site
from generator.exports import render_exports
from generator.jsonld import jsonld_for
from generator.read import read_site
from generator.urls import Urls

SAMPLE_SITE = Path(__file__).resolve().parent.parent


def test_sample_site_exports_read_back(tmp_path: Path) -> None:
    site, diagnostics = read_site(SAMPLE_SITE, drafts=False, base_url="https://example.github.io/chronology/")
    assert not diagnostics.errors
    urls = Urls(site.config.base_url)
    files = render_exports(site, urls)
    assert sorted(files) == ["calendar.ics", "feed.xml", "sitemap.xml", "timeline.json"]

    feed = feedparser.parse(files["feed.xml"])
    assert feed.bozo == 0 and len(feed.entries) == len(site.chronology) + len(site.articles)
    calendar = icalendar.Calendar.from_ical(files["calendar.ics"])
    assert len(calendar.walk("VEVENT")) == sum(m.date.is_day_precise for m in site.meetings.values())
    timeline = json.loads(files["timeline.json"])
    assert len(timeline["events"]) == len(site.chronology)
    sitemap = ET.fromstring(files["sitemap.xml"])
    assert len(sitemap) == 6 + len(site.entries())
    for entry in site.entries():
        text = jsonld_for(entry, site, urls)
        assert text is None if entry.kind == "milestones" else json.loads(text)["url"].startswith("https://")
    assert render_exports(site, urls) == files


def test_drafts_appear_in_no_export(tmp_path: Path) -> None:
    site, urls = build_site(tmp_path)
    assert "secret" not in site.meetings
    for name, raw in render_exports(site, urls).items():
        assert DRAFT_TITLE.encode() not in raw and b"/secret/" not in raw, name
