"""The resolve pass: references, mentions, backlinks, domain checks, chronology.

Takes the typed records of every file and returns the frozen ``Site``; every
problem goes to the diagnostics, none stops the pass.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from .config import Config
from .diagnostics import Diagnostics, did_you_mean
from .fields import IMAGE
from .kinds import KINDS, markdown_of
from .mentions import NameMatcher, matcher_for, name_owners, names_of
from .model import Article, ChronoItem, Citation, Entry, Meeting, Mention, Milestone, Site, link_text, name_key
from .static import StaticFiles, image_problem
from .tags import collect_tags
from .text import BODIES_REMEMBERED, WIKILINK, body_problem, images, links, unclosed_elements, mask_links, normalise, plain, quote_found, sentence_at, wikilinks
from .weburl import leads_to_another_host
from .yamltext import position_of

Key = tuple[str, str]


@dataclass
class _Linker:
    config: Config
    records: dict[str, dict[str, Entry]]
    diagnostics: Diagnostics
    strict: bool
    excluded: dict[str, dict[str, Entry]]
    unreadable: frozenset[Key]
    static: StaticFiles
    unlisted: frozenset[str] = frozenset()   # kinds with a folder that could not be listed

    def __post_init__(self) -> None:
        self.refs: dict[Key, set[Key]] = defaultdict(set)
        self.targets: dict[str, Key] = {}     # each [[target]] written -> the one page it names
        self.named: dict[Key, set[Key]] = defaultdict(set)   # page -> the pages its Markdown names
        self._searchable: dict[str, str] = {}
        self.kinds_of: dict[str, list[str]] = defaultdict(list)   # id → the kinds that have it, in KINDS order
        for kind in KINDS:
            for id in self.records[kind]:
                self.kinds_of[id].append(kind)
        self.named_people: dict[str, list[str]] = defaultdict(list)   # a name or alias, as name_key has it → ids
        for person in self.records["people"].values():
            for name in dict.fromkeys(name_key(written) for written in names_of(person)):  # type: ignore[arg-type]
                self.named_people[name].append(person.id)

    # -- references ---------------------------------------------------------
    def require(self, owner: Entry, kind: str, value: str, field: str, default_line: int) -> bool:
        """Report value unless it names an included file of kind; record the reference."""
        if value in self.records[kind]:
            self.refs[(kind, value)].add(owner.key)
            return True
        if (kind, value) in self.unreadable or kind in self.unlisted:
            return False  # the file exists (or may, in a folder that could not be listed); its errors are reported already
        line, col = position_of(value, (default_line, 1))
        what = KINDS[kind].singular
        if value in self.excluded[kind]:
            self.error(owner, line, col, f"{what} '{value}' in {field} is a draft, left out of this build", "build with --drafts, or remove the reference")
        else:
            self.error(owner, line, col, f"unknown {what} '{value}' in {field}", did_you_mean(value, self.records[kind]) or f"no file content/{kind}/{value}.md")
        return False

    def error(self, owner: Entry, line: int, col: int, message: str, hint: str = "") -> None:
        self.diagnostics.error(owner.path, line, col, message, hint)

    def warning(self, owner: Entry, line: int, col: int, message: str, hint: str = "") -> None:
        self.diagnostics.warning(owner.path, line, col, message, hint)

    def display(self, target: str) -> str:
        key = self.targets.get(target)
        return link_text(target, self.records[key[0]][key[1]]) if key else target

    def resolve(self, target: str) -> list[Key]:
        """The pages a ``[[target]]`` may name: ``kind/id``; an id looked up in every kind; else a person's name or alias."""
        kind, _, id = target.rpartition("/")
        if kind:
            return [(kind, id)] if kind in KINDS and id in self.records[kind] else []
        by_id = [(kind, id) for kind in self.kinds_of.get(id, [])]
        return by_id or [("people", person) for person in self.named_people.get(name_key(target), [])]

    def resolve_markdown(self, entry: Entry) -> None:
        """Record the page each [[target]] of entry's Markdown fields names; only the body's are checked."""
        for text in markdown_of(entry):
            for match in WIKILINK.finditer(text):
                target = match.group(1).strip()
                found = self.resolve(target)
                if len(found) == 1:
                    self.targets[target] = found[0]
                    self.named[entry.key].add(found[0])

    def check_body(self, entry: Entry) -> None:
        """The body's Markdown within the limits on depth and links, checked before anything renders it,
        and no raw HTML element left open to hide the rest of it."""
        problem = body_problem(entry.body)
        if problem is not None:
            line, col, message = problem
            self.error(entry, entry.body_line + line - 1, col, message)
        for address, line, col in links(entry.body):
            if leads_to_another_host(address):
                self.warning(entry, entry.body_line + line - 1, col,
                             f"the link '{address}' leads to another site (browsers read a backslash as '/'), "
                             "so it is shown without its address", "write a whole address such as https://example.com/")
        for tag, line, col, _ in unclosed_elements(entry.body):
            self.warning(entry, entry.body_line + line - 1, col,
                         f"unclosed <{tag}>: it would hide the rest of the body, so it is shown as text",
                         f"close it with </{tag}>, or remove it")

    def check_wikilinks(self, entry: Entry) -> None:
        for target, line, col in wikilinks(entry.body):
            file_line = entry.body_line + line - 1
            kind, _, id = target.rpartition("/")
            if kind and kind not in KINDS:
                self.error(entry, file_line, col, f"unknown folder '{kind}' in [[{target}]]", f"use one of {', '.join(KINDS)}")
                continue
            found = self.resolve(target)
            if len(found) == 1:
                self.refs[found[0]].add(entry.key)
            elif len({id for _, id in found}) == 1:
                files = " and ".join(self.records[k][id].path for k, id in found)
                self.error(entry, file_line, col, f"ambiguous link [[{target}]]: '{id}' is both {files}",
                           f"write [[{found[0][0]}/{id}]] or [[{found[1][0]}/{id}]]")
            elif found:
                ids = [id for _, id in found]
                self.error(entry, file_line, col,
                           f"ambiguous link [[{target}]]: the name belongs to {len(ids)} people: {', '.join(ids)}",
                           f"write the id of the one meant, such as [[{ids[0]}|{target}]]")
            elif any((k, id) in self.unreadable or k in self.unlisted for k in ([kind] if kind else KINDS)):
                continue   # the file exists (or may, in a folder that could not be listed); its errors are reported already
            else:
                everything = [i for k in ([kind] if kind else KINDS) for i in self.records[k]]
                self.error(entry, file_line, col, f"unknown page [[{target}]]", did_you_mean(id, everything))

    def check_images(self, entry: Entry) -> None:
        """Every picture entry shows: its image fields and the images of its body, each a file of static/ or a web address."""
        for field in KINDS[entry.kind].fields:
            value = getattr(entry, field.name) if field.type is IMAGE else None
            problem = image_problem(value, self.static) if value else None
            if problem:
                self.error(entry, *position_of(value, (1, 1)), *problem)
        for source, line, col in images(entry.body):
            problem = image_problem(source, self.static)
            if problem:
                self.error(entry, entry.body_line + line - 1, col, *problem)

    # -- sources ------------------------------------------------------------
    def searchable_body(self, article_id: str) -> str:
        """The article's words, normalised once for every quote checked against them."""
        if article_id not in self._searchable:
            body = self.records["articles"][article_id].body
            titles = tuple((target, self.display(target)) for target in sorted({m.group(1).strip() for m in WIKILINK.finditer(body)}))
            self._searchable[article_id] = _searchable_text(body, titles)
        return self._searchable[article_id]

    def check_citation(self, owner: Entry, citation: Citation, field: str) -> None:
        if not self.require(owner, "articles", citation.article, field, citation.line):
            return
        if citation.by:
            self.require(owner, "people", citation.by, f"{field} 'by'", citation.line)
        if citation.quote and not _quote_in(citation.quote, self.searchable_body(citation.article)):
            line, col = position_of(citation.quote, (citation.line, 1))
            self.warning(owner, line, col, f"quote not found in article '{citation.article}'", "copy the words exactly as the article has them; '...' may stand for left-out words")

    def check_meeting(self, meeting: Meeting) -> None:
        for participant in meeting.participants:
            self.require(meeting, "people", participant.person, "participants", participant.line)
        for milestone in meeting.milestones:
            self.require(meeting, "milestones", milestone, "milestones", 1)
        for citation in meeting.sources:
            self.check_citation(meeting, citation, "sources")
        if self.strict and not meeting.sources:
            self.error(meeting, *position_of(meeting.title, (2, 1)), "meeting has no source", "add sources: with the article that reports it")
        self.check_held_after_sources(meeting)

    def check_held_after_sources(self, meeting: Meeting) -> None:
        cited = [self.records["articles"][c.article] for c in meeting.sources if c.article in self.records["articles"]]
        if meeting.status != "held" or not cited or meeting.date is None:
            return
        latest = max(cited, key=lambda a: a.published_day)
        if meeting.date.lower > latest.published_day:
            line, col = position_of(meeting.date.text, (2, 1))
            self.error(meeting, line, col,
                       f"meeting marked held is dated {meeting.date.display()}, after its source '{latest.id}' was published on {latest.published_day.isoformat()}",
                       "an article can only report a plan: mark it scheduled, or cite a later article")

    def check_milestone(self, milestone: Milestone) -> None:
        for person in milestone.people:
            self.require(milestone, "people", person, "people", 1)
        previous = None
        for entry in milestone.history:
            if entry.source:
                self.check_citation(milestone, entry.source, "history source")
            elif self.strict:
                self.error(milestone, *position_of(entry.date.text, (entry.line, 1)), "history entry has no source", "add source: with the article that reports it")
            if entry.meeting:
                self.require(milestone, "meetings", entry.meeting, "history meeting", entry.line)
            if previous and entry.date.upper is not None and entry.date.upper < previous.date.lower:
                line, col = position_of(entry.date.text, (entry.line, 1))
                self.error(milestone, line, col,
                           f"history out of date order: {entry.date.text} is before {previous.date.text} (line {previous.line})",
                           "list history entries oldest first")
            previous = entry

    def check_article(self, article: Article) -> None:
        """With --strict, an article needs an address a reader can check it at: its original or a stable copy."""
        if self.strict and not article.url and not article.archive_url:
            self.warning(article, *position_of(article.title, (2, 1)), "article has no url or archive_url",
                         "add url: with the original's address, or archive_url: with a stable copy's")

    # -- mentions -----------------------------------------------------------
    def name_matcher(self) -> NameMatcher:
        owners, clashes = name_owners(self.records["people"].values())  # type: ignore[arg-type]
        for person, name, other in clashes:
            line, col = position_of(name, (2, 1))
            key = " ".join(name.split())
            self.warning(person, line, col, f"name '{key}' is also used by person '{other}'; mentions link to '{other}'")
        return matcher_for(owners)

    def find_mentions(self, matcher: NameMatcher) -> dict[str, tuple[Mention, ...]]:
        mentions: dict[str, tuple[Mention, ...]] = {}
        for article in self.records["articles"].values():
            found = []
            for person, line, sentence in _first_mentions(article.body, matcher):
                found.append(Mention(article.id, person, sentence, article.body_line + line))
                self.refs[("people", person)].add(article.key)
            mentions[article.id] = tuple(found)
        return mentions


# Pure functions of one body (and the name table), remembered by text: ``serve``
# links the whole site on every rebuild, but only an edited body is new.

@functools.lru_cache(maxsize=BODIES_REMEMBERED)
def _first_mentions(body: str, matcher: NameMatcher) -> tuple[tuple[str, int, str], ...]:
    """(person, line within body from 0, sentence) of each person's first mention outside code and links."""
    found: dict[str, tuple[str, int, str]] = {}
    for start, end, person in matcher.finditer(mask_links(body)):
        if person not in found:
            found[person] = (person, body.count("\n", 0, start), sentence_at(body, start, end))
    return tuple(found.values())


@functools.lru_cache(maxsize=BODIES_REMEMBERED)
def _searchable_text(body: str, titles: tuple[tuple[str, str], ...]) -> str:
    """The article's words as quotes are compared with them; titles gives each [[link]]'s display text."""
    shown = dict(titles)
    return normalise(plain(body, lambda target: shown.get(target, target)))


@functools.lru_cache(maxsize=4 * BODIES_REMEMBERED)
def _quote_in(quote: str, searchable: str) -> bool:
    return quote_found(quote, searchable)


def link(config: Config, entries: Iterable[Entry], diagnostics: Diagnostics, *, strict: bool = False,
         drafts: bool = True, unreadable: Iterable[Key] = (), unlisted: Iterable[str] = (),
         static: StaticFiles = StaticFiles()) -> Site:
    """Resolve every reference and build the site; problems go to diagnostics.

    ``unreadable`` names files that exist but could not be read: references to
    them are not reported again as unknown, nor references to a kind in ``unlisted``
    (a folder of theirs could not be listed). An incomplete record (a required
    field did not read) is checked for references too, then left out.
    """
    records: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
    excluded: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
    incomplete: list[Entry] = []
    for entry in sorted(entries, key=lambda e: (e.kind, e.id)):
        if not entry.complete:
            incomplete.append(entry)
        else:
            (records if drafts or not entry.draft else excluded)[entry.kind][entry.id] = entry
    failed = frozenset(unreadable) | {entry.key for entry in incomplete}
    linker = _Linker(config, records, diagnostics, strict, excluded, failed, static, frozenset(unlisted))
    included = [entry for kind in KINDS for entry in records[kind].values()]
    for entry in included:      # first, so that quotes are checked against bodies with their links resolved
        linker.resolve_markdown(entry)
    for entry in included + incomplete:
        linker.check_body(entry)
        linker.check_wikilinks(entry)
        linker.check_images(entry)
        if isinstance(entry, Meeting):
            linker.check_meeting(entry)
        elif isinstance(entry, Milestone):
            linker.check_milestone(entry)
        elif isinstance(entry, Article):
            linker.check_article(entry)
    names = linker.name_matcher()
    mentions = linker.find_mentions(names)
    links = defaultdict(set, {key: set(named) for key, named in linker.named.items()})
    for target, sources in linker.refs.items():
        for source in sources:
            links[source].add(target)
    return _assemble(config, records, names, linker.targets, mentions, linker.refs, links,
                     failed=failed, static=static, tags=collect_tags(included, diagnostics))


def _assemble(config: Config, records: dict[str, dict[str, Entry]], names: NameMatcher, targets: dict[str, Key],
              mentions: dict[str, tuple[Mention, ...]], refs: dict[Key, set[Key]], links: dict[Key, set[Key]],
              **more: object) -> Site:
    meetings: dict[str, Meeting] = records["meetings"]  # type: ignore[assignment]
    milestones: dict[str, Milestone] = records["milestones"]  # type: ignore[assignment]
    articles: dict[str, Article] = records["articles"]  # type: ignore[assignment]

    def published(citation_article: str) -> tuple:
        article = articles.get(citation_article)
        return (article.published_day, article.id) if article else ((), citation_article)

    person_meetings: dict[str, list] = defaultdict(list)
    person_quotes: dict[str, list] = defaultdict(list)
    for meeting in sorted(meetings.values(), key=lambda m: (m.date.sort_key(), m.title, m.id)):
        for participant in meeting.participants:
            person_meetings[participant.person].append((meeting, participant.role))
        for citation in meeting.sources:
            if citation.by and citation.quote:
                person_quotes[citation.by].append((meeting.key, citation))
    person_milestones: dict[str, list] = defaultdict(list)
    for milestone in sorted(milestones.values(), key=lambda m: (m.history[0].date.sort_key(), m.title, m.id)):
        for person in milestone.people:
            person_milestones[person].append(milestone)
    person_mentions: dict[str, list] = defaultdict(list)
    for article in sorted(articles.values(), key=lambda a: (a.published_day, a.id)):
        for mention in mentions.get(article.id, ()):
            person_mentions[mention.person].append(mention)
    return Site(
        **more,   # type: ignore[arg-type]
        config=config,
        records=records,
        chronology=chronology(meetings.values(), milestones.values()),
        names=names,
        targets=targets,
        mentions=mentions,
        backlinks={target: tuple(sorted(sources)) for target, sources in sorted(refs.items())},
        links={source: tuple(sorted(targets - {source})) for source, targets in sorted(links.items())},
        person_meetings={k: tuple(v) for k, v in person_meetings.items()},
        person_milestones={k: tuple(v) for k, v in person_milestones.items()},
        person_mentions={k: tuple(v) for k, v in person_mentions.items()},
        person_quotes={k: tuple(sorted(v, key=lambda q: published(q[1].article))) for k, v in person_quotes.items()},
    )


def chronology(meetings: Iterable[Meeting], milestones: Iterable[Milestone]) -> tuple[ChronoItem, ...]:
    """Every meeting and history entry: earliest start, then precision, then title.

    On the same day a meeting comes before the milestone steps that name it as
    their ``meeting`` (they follow it directly), and those steps by title.
    """
    by_id = {meeting.id: meeting for meeting in meetings}
    items: list[tuple[tuple, ChronoItem]] = []
    for meeting in by_id.values():
        people = tuple(p.person for p in meeting.participants)
        item = ChronoItem("meetings", meeting.id, 0, meeting.date, meeting.title, meeting.status, meeting.summary,
                          people, meeting.tracks, meeting.sources, tags=meeting.tags)
        items.append(((meeting.date.sort_key(), meeting.title, "meetings", meeting.id, 0, "", "", 0), item))
    for milestone in milestones:
        for index, (entry, start) in enumerate(zip(milestone.history, milestone.starts())):
            item = ChronoItem("milestones", milestone.id, index, entry.date, milestone.title, entry.status, entry.note,
                              milestone.people, milestone.tracks, (entry.source,) if entry.source else (), entry.meeting,
                              milestone.tags)
            key = (start, -entry.date.precision)
            at = by_id.get(entry.meeting or "")
            if at is not None and at.date.sort_key() == key:
                items.append(((key, at.title, "meetings", at.id, 1, milestone.title, milestone.id, index), item))
            else:
                items.append(((key, milestone.title, "milestones", milestone.id, 0, "", "", index), item))
    return tuple(item for _, item in sorted(items, key=lambda pair: pair[0]))
