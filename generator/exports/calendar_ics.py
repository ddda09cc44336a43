"""calendar.ics: the meetings as all-day iCalendar events (RFC 5545), written by hand.

Only meetings dated to the day make events: a calendar entry needs a day to
sit on, and putting a meeting known only as "September 2018" on 1 September
would state a date no source gives. Open and unknown interval ends are left out
for the same reason (``Edtf.is_day_precise`` is false for them).

``DTSTAMP`` must be a date-time; it is the publication time of the latest
article cited for the meeting (when the calendar's knowledge of the meeting
was last revised), or the meeting's first day when it cites none, so that the
same content always gives the same bytes.
"""
from __future__ import annotations

import datetime

from ..content.dates import display_day
from .common import cited_articles, clean_text, instant, names, plain_text, site_slug, status_words
from ..content.model import ChronoItem, Meeting, Site
from ..content.urls import Urls, page_path

CALENDAR_FILE = "calendar.ics"
LINE_OCTETS = 75
STATUS = {"scheduled": "TENTATIVE", "held": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def escape_text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and line breaks escaped, no control characters."""
    value = clean_text(value).replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return value


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 sequence.

    Each continuation line starts with one space, which counts toward its 75.
    """
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def render_calendar(site: Site, urls: Urls) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//chronology-generator//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text(site.config.title),
    ]
    if site.config.description:
        lines.append("X-WR-CALDESC:" + escape_text(site.config.description))
    for item in site.chronology:
        if item.kind == "meetings" and item.date.is_day_precise:
            lines.extend(_event(site, urls, site.meetings[item.id], item))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def _event(site: Site, urls: Urls, meeting: Meeting, item: ChronoItem) -> list[str]:
    url = urls.absolute(page_path("meetings", meeting.id))
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting.id}@{site_slug(site)}",
        "DTSTAMP:" + _basic(_stamp(site, meeting, item).replace(tzinfo=None, microsecond=0)) + "Z",
        "DTSTART;VALUE=DATE:" + _basic(meeting.date.lower),
        _end(meeting.date.lower, meeting.date.upper),
        "SUMMARY:" + escape_text(meeting.title),
        "STATUS:" + STATUS[meeting.status],
    ]
    if meeting.location:
        lines.append("LOCATION:" + escape_text(meeting.location))
    if meeting.tracks:
        lines.append("CATEGORIES:" + ",".join(escape_text(track) for track in meeting.tracks))
    lines.append("URL:" + url)
    lines.append("DESCRIPTION:" + escape_text(_description(site, meeting, item, url)))
    lines.append("END:VEVENT")
    return lines


def _end(first: datetime.date, last: datetime.date) -> str:
    """DTEND is exclusive: the day after the last day, so the event covers every day. An event that
    lasts to the calendar's last day (31 December 9999) has no day after it: its length is given instead."""
    if last < datetime.date.max:
        return "DTEND;VALUE=DATE:" + _basic(last + datetime.timedelta(days=1))
    return f"DURATION:P{(last - first).days + 1}D"


def _basic(value: datetime.date | datetime.datetime) -> str:
    """RFC 5545's basic ISO 8601 form, 20180905 or 20180906T061800; years before 1000 keep four digits."""
    return value.isoformat().replace("-", "").replace(":", "")


def _stamp(site: Site, meeting: Meeting, item: ChronoItem) -> datetime.datetime:
    published = [instant(article.published_at) for article in cited_articles(site, item)]
    return max(published) if published else instant(meeting.date.lower)


def _description(site: Site, meeting: Meeting, item: ChronoItem, url: str) -> str:
    status = status_words(site, item)
    lines = [f"{meeting.date.display()} — {status}."]
    if meeting.status == "postponed":
        lines.append("Postponed: shown as tentative until a new date is known.")
    elif status != meeting.status:
        lines.append(f"Overdue: no source published by {display_day(site.now)} reports that it took place.")
    summary = plain_text(site, meeting.summary)
    if summary:
        lines.append(summary)
    if meeting.participants:
        people = [name + (f" ({p.role})" if p.role else "")
                  for p, name in zip(meeting.participants, names(site, (p.person for p in meeting.participants)))]
        lines += ["", "Participants: " + "; ".join(people)]
    sources = cited_articles(site, item)
    if sources:
        lines += ["", "Sources:"]
        for article in sources:
            byline = ", ".join([*([article.publication] if article.publication else []),
                                display_day(article.published_day)])
            lines.append(f"- {article.title} ({byline})" + (f" {article.url}" if article.url else ""))
    lines += ["", url]
    return "\n".join(lines)
