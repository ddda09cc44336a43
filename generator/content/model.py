"""Frozen records of a chronology site. No I/O here.

Text fields that came from front matter keep their file position (see
``yamltext.YStr``), so later checks can point at the exact line.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from .config import Config
from .dates import Edtf

MEETING_STATUSES = ("scheduled", "held", "postponed", "cancelled")
MILESTONE_STATUSES = ("proposed", "agreed", "scheduled", "delayed", "done", "cancelled", "broken")
KIND_SINGULAR = {"people": "person", "meetings": "meeting", "milestones": "milestone", "articles": "article"}


@dataclass(frozen=True)
class Entry:
    """What every content file has."""

    kind: str
    id: str
    path: str
    title: str
    summary: str | None
    tags: tuple[str, ...]
    draft: bool
    body: str
    body_line: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)


@dataclass(frozen=True)
class Role:
    title: str
    organization: str | None
    start: Edtf | None
    end: Edtf | None


@dataclass(frozen=True)
class Person(Entry):
    aliases: tuple[str, ...] = ()
    native_name: str | None = None
    roles: tuple[Role, ...] = ()

    @property
    def name(self) -> str:
        return self.title


@dataclass(frozen=True)
class Citation:
    """A claim's source: an article, maybe the words quoted and who said them."""

    article: str
    quote: str | None
    by: str | None
    line: int


@dataclass(frozen=True)
class Participant:
    person: str
    role: str | None
    line: int


@dataclass(frozen=True)
class Meeting(Entry):
    date: Edtf = None  # type: ignore[assignment]
    location: str | None = None
    status: str = "held"
    participants: tuple[Participant, ...] = ()
    tracks: tuple[str, ...] = ()
    milestones: tuple[str, ...] = ()
    sources: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class HistoryEntry:
    date: Edtf
    status: str
    note: str | None
    source: Citation | None
    meeting: str | None
    line: int


@dataclass(frozen=True)
class Milestone(Entry):
    people: tuple[str, ...] = ()
    tracks: tuple[str, ...] = ()
    history: tuple[HistoryEntry, ...] = ()

    @property
    def status(self) -> str:
        return self.history[-1].status

    def starts(self) -> tuple[datetime.date, ...]:
        """When each entry took effect: its earliest day, never before the entry above it.

        History is written oldest first, and a vaguer date may start earlier than
        the precise one before it (``2018-08-31~`` then ``2018-08``).
        """
        days: list[datetime.date] = []
        for entry in self.history:
            days.append(max(entry.date.lower, days[-1]) if days else entry.date.lower)
        return tuple(days)

    def status_on(self, day: datetime.date) -> HistoryEntry | None:
        """The history entry in force on day: the last one that had begun by then."""
        current = None
        for entry, start in zip(self.history, self.starts()):
            if start <= day:
                current = entry
        return current


@dataclass(frozen=True)
class Article(Entry):
    publication: str | None = None
    authors: tuple[str, ...] = ()
    published: str = ""
    published_at: datetime.datetime | datetime.date = None  # type: ignore[assignment]
    url: str | None = None

    @property
    def published_day(self) -> datetime.date:
        at = self.published_at
        return at.date() if isinstance(at, datetime.datetime) else at


@dataclass(frozen=True)
class Mention:
    """A person named in an article body, with the sentence that names them."""

    article: str
    person: str
    sentence: str
    line: int


@dataclass(frozen=True)
class ChronoItem:
    """One row of the chronology: a meeting, or one milestone history entry."""

    kind: str                 # "meetings" or "milestones"
    id: str
    index: int                # history position for milestones, 0 for meetings
    date: Edtf
    title: str
    status: str
    note: str | None
    people: tuple[str, ...]
    tracks: tuple[str, ...]
    sources: tuple[Citation, ...]
    meeting: str | None = None

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.id}" if self.kind == "meetings" else f"{self.kind}-{self.id}-{self.index + 1}"


def _frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Site:
    """The whole resolved site: records, references both ways, chronology."""

    config: Config
    people: Mapping[str, Person]
    meetings: Mapping[str, Meeting]
    milestones: Mapping[str, Milestone]
    articles: Mapping[str, Article]
    chronology: tuple[ChronoItem, ...]
    mentions: Mapping[str, tuple[Mention, ...]]                    # article id -> mentions
    backlinks: Mapping[tuple[str, str], tuple[tuple[str, str], ...]]  # target -> pages referring to it
    person_meetings: Mapping[str, tuple[tuple[Meeting, str | None], ...]] = field(default_factory=dict)
    person_milestones: Mapping[str, tuple[Milestone, ...]] = field(default_factory=dict)
    person_mentions: Mapping[str, tuple[Mention, ...]] = field(default_factory=dict)
    person_quotes: Mapping[str, tuple[tuple[tuple[str, str], Citation], ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("people", "meetings", "milestones", "articles", "mentions", "backlinks",
                     "person_meetings", "person_milestones", "person_mentions", "person_quotes"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    def kind(self, kind: str) -> Mapping[str, Entry]:
        return getattr(self, kind)

    def get(self, kind: str, id: str) -> Entry | None:
        return self.kind(kind).get(id)

    def entries(self) -> list[Entry]:
        """Every page-making record, in a stable order."""
        return [e for kind in ("people", "meetings", "milestones", "articles") for e in self.kind(kind).values()]
