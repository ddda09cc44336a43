"""The machine-readable files built beside the pages, from the same Site.

docs/exports.md says what each file holds, what it leaves out and why.
"""
from __future__ import annotations

from .calendar_ics import CALENDAR_FILE, render_calendar
from .feed import FEED_FILE, render_feed
from ..content.model import Site
from .sitemap import SITEMAP_FILE, render_sitemap
from .timelinejs import TIMELINE_FILE, render_timeline
from ..content.urls import Urls

__all__ = ["render_exports"]


def render_exports(site: Site, urls: Urls) -> dict[str, bytes]:
    """{output path: bytes} for the Atom feed, the calendar, the TimelineJS file and the sitemap."""
    return {
        FEED_FILE: render_feed(site, urls),
        CALENDAR_FILE: render_calendar(site, urls),
        TIMELINE_FILE: render_timeline(site, urls),
        SITEMAP_FILE: render_sitemap(site, urls),
    }
