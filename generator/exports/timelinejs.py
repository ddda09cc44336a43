"""timeline.json: the chronology in TimelineJS3's JSON format.

Every meeting and milestone history entry is one slide. Date objects carry only
the parts the date is known to (a month-precise item has no ``day``), and the
slide's ``display_date`` keeps the site's own wording ("c. August 2018"), which
TimelineJS shows instead of what it would make of the date object. TimelineJS
reads ``headline`` and ``text`` as HTML and strips markup from ``group`` and
``display_date``, so all our text is HTML-escaped first.
"""
from __future__ import annotations

import datetime
import json
from html import escape

from ..content.dates import DAY, MONTH, Edtf
from .common import date_ends, item_headline, item_url, names, plain_text, status_words
from ..content.model import ChronoItem, Meeting, Site
from ..content.urls import Urls

TIMELINE_FILE = "timeline.json"
KIND_GROUP = {"meetings": "Meetings", "milestones": "Milestones"}


def date_object(day: datetime.date, precision: int) -> dict[str, int]:
    """A TimelineJS date with the parts known at this precision."""
    parts = {"year": day.year}
    if precision >= MONTH:
        parts["month"] = day.month
    if precision >= DAY:
        parts["day"] = day.day
    return parts


def slide_dates(date: Edtf) -> dict[str, dict[str, int]]:
    """start_date, and end_date when the date covers more than one unit of its precision.

    A season or decade starts and ends in different months or years; an interval
    ends on its end date; an open end has no end_date, and an open start begins
    where the known end is.
    """
    start, end = date_ends(date)
    first = start or end
    dates = {"start_date": date_object(first.lower, first.precision)}
    last = end if start is not None else None
    if last is not None and last.upper is not None:
        end_object = date_object(last.upper, last.precision)
        if end_object != dates["start_date"]:
            dates["end_date"] = end_object
    return dates


def render_timeline(site: Site, urls: Urls) -> bytes:
    data = {
        "title": {
            "text": {"headline": escape(site.config.title), "text": _paragraph(site.config.description)},
            "unique_id": "title",
        },
        "events": [_slide(site, urls, item) for item in site.chronology],
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1)
    # Harmless in JSON, and keeps the file safe to paste inside a <script> element.
    return (text.replace("</", "<\\/") + "\n").encode("utf-8")


def _slide(site: Site, urls: Urls, item: ChronoItem) -> dict:
    meeting = site.meetings.get(item.id) if item.kind == "meetings" else None
    text = [f"Status: {status_words(site, item)}", f"Location: {meeting.location}" if meeting and meeting.location else "",
            plain_text(site, item.note)]
    if item.people:
        text.append("With " + ", ".join(names(site, item.people)))
    body = "".join(_paragraph(part) for part in text)
    body += f'<p><a href="{escape(item_url(item, urls))}">More on this {"meeting" if item.kind == "meetings" else "milestone"}</a></p>'
    media = {"media": _media(meeting, urls)} if meeting and meeting.image else {}
    return {
        **slide_dates(item.date),
        **media,
        "display_date": escape(item.date.display()),
        "group": escape(item.tracks[0] if item.tracks else KIND_GROUP[item.kind]),
        "text": {"headline": escape(item_headline(site, item)), "text": body},
        "unique_id": item.anchor,
    }


def _media(meeting: Meeting, urls: Urls) -> dict[str, str]:
    """A meeting's picture as TimelineJS media: a full address (the file is read from anywhere), with its credit."""
    media = {"url": urls.image(meeting.image, absolute=True), "alt": escape(meeting.title)}
    return {**media, "credit": escape(meeting.image_credit)} if meeting.image_credit else media


def _paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>" if text else ""
