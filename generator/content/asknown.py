"""What was known when: each chronology row as the articles published by a day reported it.

The rules (docs/reading.md, "As known on a day") are here and nowhere else.
The chronology page, the pre-built "as of" pages, the data that site.js reads,
the milestone pages and the exports all take a row's state from ``row_on``:

- A row is known from the day its first source was published. A row with no
  source (allowed unless ``--strict``) is taken as known from its own start.
- A meeting is reported *held* once its date has begun and a source published
  on or after that start has appeared: an article from before the meeting can
  only report a plan. It is reported *cancelled* or *postponed* once its
  latest source has appeared (the file holds one status, and the last report
  is the one that can have changed it). Until then it reads *scheduled*.
- A milestone step is in force on a day when it has begun by then and its
  source was published by then; the milestone's status on the day is that of
  its last step in force (its ``current`` one). A step dated later is shown
  only when it is a plan (``scheduled``) already reported.
- A row is *planned* on a day before its start.
- A *scheduled* row is *overdue* when its latest possible day is before the
  day (in the present view, before the site's "now") and nothing follows it:
  for a milestone step, no later step is in force; a meeting has one status,
  so nothing in its file can follow it.
- Only the sources published by the day are shown, in publication order.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from .model import ChronoItem, Citation, Milestone, Site

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Known:
    """A chronology row as it read on one day (or in the present view)."""

    status: str            # as then reported
    planned: bool = False  # still ahead on that day
    overdue: bool = False  # scheduled, its latest day passed, and nothing follows it
    current: bool = False  # a milestone step: the one in force (the milestone's status then)
    sources: int = 0       # how many of ``sources_in_order`` had been published by then

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(name for name in ("planned", "overdue", "current") if getattr(self, name))


def published_day(site: Site, citation: Citation) -> datetime.date | None:
    article = site.articles.get(citation.article)
    return article.published_day if article is not None else None


def sources_in_order(site: Site, item: ChronoItem) -> tuple[Citation, ...]:
    """The row's sources, one citation per article, oldest publication first."""
    first: dict[str, Citation] = {}
    for citation in item.sources:
        if citation.article in site.articles:
            first.setdefault(citation.article, citation)
    return tuple(sorted(first.values(), key=lambda c: (site.articles[c.article].published_day, c.article)))


def start(site: Site, item: ChronoItem) -> datetime.date:
    """The day a row begins: a milestone step never before the step above it."""
    if item.kind == "milestones":
        return site.milestones[item.id].starts()[item.index]
    return item.date.lower


def rows_of(site: Site, kind: str, id: str) -> list[ChronoItem]:
    """The chronology rows of one meeting (one row) or milestone (one per step, in history order)."""
    return sorted((item for item in site.chronology if item.kind == kind and item.id == id), key=lambda item: item.index)


def _source_days(site: Site, item: ChronoItem) -> list[datetime.date]:
    return sorted(day for day in (published_day(site, c) for c in item.sources) if day is not None)


def known_since(site: Site, item: ChronoItem) -> datetime.date:
    """The first day a source reported the row; its own start when it has no source."""
    days = _source_days(site, item)
    return days[0] if days else start(site, item)


def _steps(site: Site, milestone: Milestone) -> list[tuple[datetime.date, datetime.date]]:
    """(start, first day known) of each step of the milestone's history."""
    steps = []
    for entry, began in zip(milestone.history, milestone.starts()):
        reported = published_day(site, entry.source) if entry.source else None
        steps.append((began, reported or began))
    return steps


def _meeting_status(site: Site, item: ChronoItem, day: datetime.date) -> str:
    days = _source_days(site, item)
    if not days:
        return item.status
    if item.status == "held":
        began = item.date.lower
        return "held" if any(began <= published <= day for published in days) else "scheduled"
    if item.status in ("cancelled", "postponed"):
        return item.status if days[-1] <= day else "scheduled"
    return item.status


def current_step(site: Site, milestone: Milestone, day: datetime.date | None) -> int | None:
    """The index of the milestone's step in force on day (the last one in the present view), if any."""
    if day is None:
        return len(milestone.history) - 1
    in_force = [index for index, (began, known) in enumerate(_steps(site, milestone)) if began <= day and known <= day]
    return in_force[-1] if in_force else None


def row_on(site: Site, item: ChronoItem, day: datetime.date | None = None) -> Known | None:
    """The row as known on day, or None when nothing had been reported of it by then.

    With no day, the present view: the row as its file says, overdue against the site's "now".
    """
    sources = sources_in_order(site, item)
    if day is None:
        reference, status, planned = site.now, item.status, False
        shown = len(sources)
    else:
        if known_since(site, item) > day:
            return None
        reference, planned = day, start(site, item) > day
        if item.kind == "meetings":
            status = _meeting_status(site, item, day)
        elif planned and item.status != "scheduled":
            return None
        else:
            status = item.status
        shown = sum(1 for c in sources if site.articles[c.article].published_day <= day)
    # A meeting has one status, so nothing in its file follows it; a step is followed once it is not in force.
    current = item.kind == "milestones" and current_step(site, site.milestones[item.id], day) == item.index
    followed = item.kind == "milestones" and not current
    late = item.date.upper is not None and reference is not None and item.date.upper < reference
    overdue = status == "scheduled" and late and not followed
    return Known(status, planned, overdue, current, shown)


def changes(site: Site, item: ChronoItem) -> tuple[tuple[datetime.date, Known | None], ...]:
    """The row's state from each day it changes on: (first day, state), oldest first.

    Before the first day nothing was known of it. The states are ``row_on`` at
    each day where any of its inputs can change, so a reader of these pairs
    (site.js) needs no rule of its own.
    """
    days = {known_since(site, item), start(site, item), *_source_days(site, item)}
    if item.date.upper is not None and item.date.upper < datetime.date.max:
        days.add(item.date.upper + ONE_DAY)
    if item.kind == "milestones":
        days |= {day for step in _steps(site, site.milestones[item.id]) for day in step}
    found: list[tuple[datetime.date, Known | None]] = []
    for day in sorted(days):
        state = row_on(site, item, day)
        if (found[-1][1] if found else None) != state:
            found.append((day, state))
    return tuple(found)
