"""Who met whom: every pair of people listed together as participants of a meeting.

A pair's meetings are split in two: those held, which the who-met-whom page
counts, and the others (scheduled, postponed, cancelled), which it names
beside the count, since they were planned but had not happened.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from ..content.kinds import KINDS
from ..content.model import Meeting, Person, Site

HELD = "held"
MATRIX_MOST = 40   # people in the matrix at most: those with the most meetings (a wider one is no longer a picture)


@dataclass(frozen=True)
class Encounter:
    """Two people (in people-index order) and the meetings both took part in, in date order."""

    first: Person
    second: Person
    meetings: tuple[Meeting, ...]

    @property
    def held(self) -> tuple[Meeting, ...]:
        return tuple(m for m in self.meetings if m.status == HELD)

    @property
    def other(self) -> tuple[Meeting, ...]:
        """Meetings planned or called off: scheduled, postponed, cancelled."""
        return tuple(m for m in self.meetings if m.status != HELD)

    @property
    def anchor(self) -> str:
        return f"pair-{self.first.id}--{self.second.id}"

    def counterpart(self, person: Person) -> Person:
        return self.second if person.id == self.first.id else self.first


def _person_order(person: Person) -> tuple:
    """By country (people with none last), then by name."""
    return (person.country is None, (person.country or "").casefold(), person.name.casefold(), person.id)


def encounters(site: Site) -> dict[tuple[str, str], Encounter]:
    """Every pair that shares a meeting, keyed by their ids in ``people_in_meetings`` order."""
    order = {person.id: n for n, person in enumerate(people_in_meetings(site))}
    pairs: dict[tuple[str, str], list[Meeting]] = {}
    for meeting in sorted(site.meetings.values(), key=KINDS["meetings"].order):
        ids = sorted({p.person for p in meeting.participants}, key=order.__getitem__)
        for pair in combinations(ids, 2):
            pairs.setdefault(pair, []).append(meeting)
    return {pair: Encounter(site.people[pair[0]], site.people[pair[1]], tuple(meetings))
            for pair, meetings in sorted(pairs.items(), key=lambda item: (order[item[0][0]], order[item[0][1]]))}


def people_in_meetings(site: Site) -> tuple[Person, ...]:
    """Everyone who took part in at least one meeting, by country, then name."""
    ids = {p.person for meeting in site.meetings.values() for p in meeting.participants}
    return tuple(sorted((site.people[id] for id in ids), key=_person_order))


def by_frequency(found: list[Encounter] | tuple[Encounter, ...]) -> list[Encounter]:
    """Most meetings held first, then most meetings in all, then in the order given."""
    return sorted(found, key=lambda e: (-len(e.held), -len(e.meetings)))


def counterparts(site: Site, person: Person, limit: int = 5) -> tuple[Encounter, ...]:
    """Whom the person met most often, at most ``limit`` of them."""
    pairs: dict[str, list[Meeting]] = {}
    for meeting, _ in site.person_meetings.get(person.id, ()):
        for other in dict.fromkeys(p.person for p in meeting.participants):
            if other != person.id:
                pairs.setdefault(other, []).append(meeting)
    order = sorted(pairs, key=lambda id: _person_order(site.people[id]))
    found = [Encounter(*sorted((person, site.people[id]), key=_person_order), tuple(pairs[id])) for id in order]
    return tuple(by_frequency(found)[:limit])


@dataclass(frozen=True)
class Cell:
    """One square of the who-met-whom matrix: the pair's meetings, shaded 1-4 by how many were held."""

    encounter: Encounter
    level: int


def matrix(site: Site, pairs: dict[tuple[str, str], Encounter]) -> tuple[tuple[Person, tuple[Cell | None, ...]], ...]:
    """A row per person (the ``MATRIX_MOST`` with the most meetings, in ``people_in_meetings`` order), with a cell
    per person in the same order (None where they never shared a meeting, and on the diagonal)."""
    everyone = people_in_meetings(site)
    meetings = {person.id: len(site.person_meetings.get(person.id, ())) for person in everyone}
    most = set(sorted(meetings, key=lambda id: -meetings[id])[:MATRIX_MOST])
    people = [person for person in everyone if person.id in most]
    most = max((len(e.held) for e in pairs.values()), default=0) or 1

    def cell(a: Person, b: Person) -> Cell | None:
        found = pairs.get((a.id, b.id)) or pairs.get((b.id, a.id))
        return Cell(found, -(-4 * len(found.held) // most)) if found else None

    return tuple((row, tuple(cell(row, column) for column in people)) for row in people)
