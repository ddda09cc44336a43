"""What every machine-readable output says the same way: names, links, dates.

The Atom feed, the calendar, the TimelineJS file and the JSON-LD all describe
the same items; their headlines, links and date readings come from here so
that they never disagree.
"""
from __future__ import annotations

import datetime
import re
from typing import Iterable

from ..content.asknown import row_on, rows_of
from ..content.dates import Edtf, parse_edtf
from ..content.ids import suggest_id
from ..content.model import Article, ChronoItem, Meeting, Site
from ..content.text import plain
from ..content.urls import Urls

UTC = datetime.timezone.utc
OPEN_OR_UNKNOWN = ("..", "")
# What XML 1.0 forbids (controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates) and what it
# discourages and no text means (DEL and the C1 controls). YAML escapes ("\x01") can put them in front matter.
_NOT_TEXT = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_text(text: str) -> str:
    """text without the characters no feed, sitemap or calendar may carry; every such export writes text through it."""
    return _NOT_TEXT.sub("", text)


def site_slug(site: Site) -> str:
    """A name for the site that does not change when it moves host: its title as an id."""
    return suggest_id(site.config.title) or "chronology"


def item_url(item: ChronoItem, urls: Urls) -> str:
    """The full address of the page that tells a chronology item, at the item's place on it."""
    return urls.page(item.kind, item.id, item.page_anchor, absolute=True)


def status_words(site: Site, item: ChronoItem) -> str:
    """The item's status as the site now knows it: 'scheduled, overdue' for a plan whose day passed unreported."""
    known = row_on(site, item)
    return f"{item.status}, overdue" if known is not None and known.overdue else item.status


def overdue(site: Site, meeting: Meeting) -> bool:
    """Whether a meeting is a plan whose day passed with no source reporting it held."""
    known = row_on(site, rows_of(site, "meetings", meeting.id)[0])
    return known is not None and known.overdue


def item_headline(site: Site, item: ChronoItem) -> str:
    """A meeting's title; a history entry as 'milestone title: status'."""
    return item.title if item.kind == "meetings" else f"{item.title}: {status_words(site, item)}"


def plain_text(site: Site, markdown: str | None) -> str:
    """Front-matter or body Markdown as one line of plain words; [[links]] become titles."""
    if not markdown:
        return ""

    return plain(markdown, site.link_text)


def names(site: Site, person_ids: Iterable[str]) -> list[str]:
    return [site.people[p].name if p in site.people else p for p in person_ids]


def date_ends(date: Edtf) -> tuple[Edtf | None, Edtf | None]:
    """The two ends of an interval as dates of their own; a single date is both ends.

    An open ('..') or unknown ('') end is None.
    """
    if not date.is_interval:
        return date, date
    start, end = date.text.split("/")
    return (None if start in OPEN_OR_UNKNOWN else parse_edtf(start),
            None if end in OPEN_OR_UNKNOWN else parse_edtf(end))


def instant(value: datetime.date | datetime.datetime) -> datetime.datetime:
    """A day or a date-time as an aware UTC date-time; a day starts at midnight UTC,
    and a date-time written without an offset is read as UTC."""
    if not isinstance(value, datetime.datetime):
        return datetime.datetime(value.year, value.month, value.day, tzinfo=UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def rfc3339(value: datetime.date | datetime.datetime) -> str:
    """Atom's date-time form; a date-time keeps the offset it was written with."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.isoformat()
    return instant(value).replace(tzinfo=None).isoformat() + "Z"  # isoformat pads years before 1000


def cited_articles(site: Site, item: ChronoItem) -> list[Article]:
    """The articles an item cites, each once, in the order first cited."""
    seen: dict[str, Article] = {}
    for citation in item.sources:
        if citation.article in site.articles:
            seen.setdefault(citation.article, site.articles[citation.article])
    return list(seen.values())
