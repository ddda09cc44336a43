"""schema.org JSON-LD for meeting, person and article pages.

- A meeting is an ``Event``; a person a ``Person``; an article a ``NewsArticle``
  that describes the original piece (its publisher is the newspaper), with
  ``sameAs`` its original address and ``url``/``mainEntityOfPage`` our page.
- Milestones get none: schema.org has no type for a commitment whose status
  changes over time, and calling one an Event would misstate what it is.
- EDTF dates become the most precise ISO 8601 date that holds the whole date
  (``2018-09`` stays ``2018-09``; a season within one year becomes the year);
  ``~``/``?`` cannot be said in ISO 8601 and are dropped; a date spanning
  several years, and an open or unknown end, give no property at all.
- ``EventRescheduled`` and ``previousStartDate`` are never written: a meeting
  file has one date, and the content model records no earlier one to name.
"""
from __future__ import annotations

import json

from ..content.dates import DAY, Edtf
from .common import date_ends, overdue, plain_text
from ..content.mentions import names_of
from ..content.model import Article, Entry, Meeting, Person, Site
from ..content.urls import Urls, page_path

SCHEMA = "https://schema.org"
EVENT_STATUS = {
    "scheduled": "EventScheduled",
    "held": "EventScheduled",
    "postponed": "EventPostponed",
    "cancelled": "EventCancelled",
}
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def jsonld_for(entry: Entry, site: Site, urls: Urls) -> str | None:
    """The JSON text for a ``<script type="application/ld+json">`` on entry's page, or None.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so no text of ours can
    close the script element or open a comment inside it.
    """
    if isinstance(entry, Meeting):
        data = _event(entry, site, urls)
    elif isinstance(entry, Person):
        data = _person(entry, site, urls)
    elif isinstance(entry, Article):
        data = _news_article(entry, site, urls)
    else:
        return None
    text = json.dumps({"@context": SCHEMA, **data}, sort_keys=True, ensure_ascii=False, indent=1)
    return text.translate(_SCRIPT_SAFE)


def iso_date(point: Edtf) -> str | None:
    """The most precise ISO 8601 date that holds all of point: 2018-09-05, 2018-09 or 2018."""
    lower, upper = point.lower, point.upper
    if point.precision >= DAY:
        return lower.isoformat()
    if (lower.year, lower.month) == (upper.year, upper.month):
        return f"{lower.year:04d}-{lower.month:02d}"
    if lower.year == upper.year:
        return f"{lower.year:04d}"
    return None


def _event(meeting: Meeting, site: Site, urls: Urls) -> dict:
    start, end = date_ends(meeting.date)
    data = {"@type": "Event", "name": meeting.title, "url": _url(urls, meeting)}
    if not overdue(site, meeting):   # a past EventScheduled reads as having taken place
        data["eventStatus"] = f"{SCHEMA}/{EVENT_STATUS[meeting.status]}"
    dates = {"startDate": iso_date(start) if start else None, "endDate": iso_date(end) if end else None}
    data.update({key: value for key, value in dates.items() if value})
    if meeting.location:
        data["location"] = {"@type": "Place", "name": meeting.location}
    attendees = [_person_ref(site.people[p.person], urls) for p in meeting.participants if p.person in site.people]
    if attendees:
        data["attendee"] = attendees
    return _described(data, site, meeting, urls)


def _person(person: Person, site: Site, urls: Urls) -> dict:
    data = {"@type": "Person", "name": person.name, "url": _url(urls, person)}
    other_names = list(names_of(person)[1:])
    if other_names:
        data["alternateName"] = _one_or_many(other_names)
    current = [role for role in person.roles if role.end is None]  # roles without 'to' are held now
    if current:
        data["jobTitle"] = _one_or_many([role.title for role in current])
    organizations = sorted({role.organization for role in current if role.organization})
    if organizations:
        data["affiliation"] = _one_or_many([{"@type": "Organization", "name": name} for name in organizations])
    return _described(data, site, person, urls)


def _news_article(article: Article, site: Site, urls: Urls) -> dict:
    page = _url(urls, article)
    data = {
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published,
        "url": page,
        "mainEntityOfPage": page,
    }
    if article.publication:
        data["publisher"] = {"@type": "Organization", "name": article.publication}
    if article.authors:
        data["author"] = [_author(name, site, urls) for name in article.authors]
    if article.url:
        data["sameAs"] = article.url
    mentioned = [site.people[m.person] for m in site.mentions.get(article.id, ()) if m.person in site.people]
    if mentioned:
        data["mentions"] = [_person_ref(person, urls) for person in sorted(mentioned, key=lambda p: p.id)]
    return _described(data, site, article, urls)


def _author(name: str, site: Site, urls: Urls) -> dict:
    """An author as a Person, linked to their page when the name is one of a person's names."""
    person = site.names.owner(name)
    return _person_ref(site.people[person], urls) if person else {"@type": "Person", "name": name}


def _person_ref(person: Person, urls: Urls) -> dict:
    return {"@type": "Person", "name": person.name, "url": _url(urls, person)}


def _described(data: dict, site: Site, entry: Entry, urls: Urls) -> dict:
    """data with the entry's summary and, for a kind with pictures, its image."""
    summary = plain_text(site, entry.summary)
    image = getattr(entry, "image", None)
    return {**data, **({"description": summary} if summary else {}),
            **({"image": urls.image(image, absolute=True)} if image else {})}


def _url(urls: Urls, entry: Entry) -> str:
    return urls.absolute(page_path(entry.kind, entry.id))


def _one_or_many(values: list):
    return values[0] if len(values) == 1 else values
