"""Write a deterministic synthetic chronology site for benchmarks.

    python tests/bench/synth.py OUT_DIR --scale 1000 [--seed 2018]

Scale N gives N/10 people, N meetings, N/5 milestones (3-5 history entries
each) and N/2 articles of about 800 words, each mentioning 3-6 people by name
or alias. Scale 1,000 is 1,800 content files. The same scale and seed always
give the same bytes. The site passes ``chrono check`` with no errors and no
warnings: every quote is a sentence (or clause) of the article it cites, held
meetings are cited by articles published on or after their date, and milestone
histories run oldest first. ``hugo.py`` writes the same site for Hugo from
``generate()``.
"""
from __future__ import annotations

import argparse
import bisect
import datetime
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from vocabulary import (BACKGROUND, KINDS_OF_MEETING, MILESTONE_SUBJECTS, MILESTONE_PATHS, NOTES, ORGANIZATIONS,
                        PLACES, PUBLICATIONS, REPORTERS, ROLE_TITLES, SPEECH, SURNAMES, SYLLABLES, TOPICS, TRACKS,
                        WHO_SENTENCES)

FIRST_DAY = datetime.date(2010, 1, 1)
LAST_DAY = datetime.date(2024, 12, 31)
WORDS_PER_ARTICLE = 800


@dataclass
class Sentence:
    text: str
    speaker: str | None = None   # person id when the sentence is direct speech
    spoken: str | None = None    # the words inside the quotation marks


@dataclass
class Person:
    id: str
    name: str
    aliases: list[str]
    native_name: str
    roles: list[tuple[str, str, str, str | None]]  # title, organization, from, to
    articles: list[str] = field(default_factory=list)


@dataclass
class Article:
    id: str
    title: str
    publication: str
    author: str
    published: datetime.datetime
    paragraphs: list[str]
    quotable: list[Sentence]
    people: list[str]

    @property
    def day(self) -> datetime.date:
        return self.published.date()


@dataclass
class Source:
    article: str
    quote: str
    by: str | None = None


@dataclass
class Meeting:
    id: str
    title: str
    date: str          # EDTF as written
    lower: datetime.date
    location: str
    status: str
    participants: list[tuple[str, str | None]]
    tracks: list[str]
    sources: list[Source]
    milestones: list[str] = field(default_factory=list)


@dataclass
class HistoryEntry:
    date: str
    lower: datetime.date
    status: str
    note: str
    source: Source
    meeting: str | None


@dataclass
class Milestone:
    id: str
    title: str
    people: list[str]
    tracks: list[str]
    history: list[HistoryEntry]


@dataclass
class Site:
    scale: int
    people: list[Person]
    meetings: list[Meeting]
    milestones: list[Milestone]
    articles: list[Article]

    def files(self) -> int:
        return len(self.people) + len(self.meetings) + len(self.milestones) + len(self.articles)


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def edtf(rng: random.Random, day: datetime.date) -> str:
    """One of the EDTF forms people write, starting on or before ``day``."""
    form = rng.choices(["day", "month", "approx", "uncertain", "interval", "open"], [55, 10, 10, 8, 12, 5])[0]
    if form == "month":
        return day.strftime("%Y-%m")
    if form == "approx":
        return f"{day.isoformat()}~"
    if form == "uncertain":
        return f"{day.strftime('%Y-%m')}?"
    if form == "interval":
        return f"{day.isoformat()}/{(day + datetime.timedelta(days=rng.randint(1, 3))).isoformat()}"
    if form == "open":
        return f"../{day.isoformat()}"
    return day.isoformat()


def lower_bound(date: str) -> datetime.date:
    """The earliest day an EDTF text written by ``edtf`` can start on."""
    text = date.removeprefix("../").split("/")[0].rstrip("~?")
    return datetime.date.fromisoformat(text if len(text) == 10 else text + "-01")


def random_day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def make_people(rng: random.Random, count: int) -> list[Person]:
    given = [(a, b) for a in SYLLABLES for b in SYLLABLES if a != b]
    combos = rng.sample([(s, g) for s in SURNAMES for g in given], count)
    people = []
    for (surname, hangul), ((first, h1), (second, h2)) in sorted(combos):
        name = f"{surname} {first.capitalize()}-{second}"
        title, organization = rng.choice(ROLE_TITLES), rng.choice(ORGANIZATIONS)
        start = random_day(rng, datetime.date(2005, 1, 1), datetime.date(2015, 12, 31))
        end = (start + datetime.timedelta(days=rng.randint(400, 3000))).strftime("%Y-%m") if rng.random() < 0.3 else None
        roles = [(title, organization, start.strftime("%Y-%m"), end)]
        if rng.random() < 0.4:
            roles.append((rng.choice(ROLE_TITLES), rng.choice(ORGANIZATIONS), f"{start.year - rng.randint(2, 6)}", None))
        aliases = [f"{surname} {first.capitalize()} {second.capitalize()}", f"{title} {name}"]
        people.append(Person(slug(name), name, aliases, hangul + h1 + h2, roles))
    return people


def make_article(rng: random.Random, index: int, published: datetime.datetime, people: list[Person]) -> Article:
    mentioned = rng.sample(people, rng.randint(3, 6))
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    publication = rng.choice(PUBLICATIONS)
    sentences: list[Sentence] = []
    for person in mentioned:
        for _ in range(rng.randint(1, 3)):
            fill = {"name": rng.choice([person.name, *person.aliases]), "title": person.roles[0][0],
                    "org": person.roles[0][1], "place": rng.choice(PLACES), "topic": rng.choice(TOPICS)}
            if rng.random() < 0.5:
                spoken = rng.choice(SPEECH).format(**fill)
                sentences.append(Sentence(f"“{spoken},” {fill['name']} told reporters in {fill['place']}.", person.id, spoken))
            else:
                sentences.append(Sentence(rng.choice(WHO_SENTENCES).format(**fill)))
    words = sum(len(s.text.split()) for s in sentences)
    target = WORDS_PER_ARTICLE + rng.randint(-40, 40)
    while words < target:
        text = rng.choice(BACKGROUND).format(place=rng.choice(PLACES), topic=rng.choice(TOPICS), n=rng.randint(2, 9))
        sentences.insert(rng.randint(0, len(sentences)), Sentence(text))
        words += len(text.split())
    paragraphs, position = [], 0
    while position < len(sentences):
        size = rng.randint(2, 4)
        paragraphs.append(" ".join(s.text for s in sentences[position:position + size]))
        position += size
    if len(paragraphs) > 6:
        paragraphs.insert(len(paragraphs) // 2, "## Background")
    paragraphs.insert(1, f"*Delegates arrive for talks in {place}. ({publication})*")
    title = f"Talks on {topic} in {place} {rng.choice(['stall', 'resume', 'end without a deal', 'make progress', 'are postponed'])}"
    article_id = f"{slug(publication)}-{published.date().isoformat()}-{index:05d}"
    for person in mentioned:
        person.articles.append(article_id)
    return Article(article_id, title, publication, rng.choice(REPORTERS), published, paragraphs, sentences,
                   sorted(p.id for p in mentioned))


def quote_from(rng: random.Random, article: Article) -> Source:
    """A quote that really occurs in the article: spoken words, a sentence, or parts joined by '...'."""
    sentence = rng.choice(article.quotable)
    if sentence.speaker and rng.random() < 0.7:
        return Source(article.id, sentence.spoken, sentence.speaker)
    words = sentence.text.split()
    if len(words) > 12 and rng.random() < 0.3:
        return Source(article.id, " ".join(words[:5]) + " ... " + " ".join(words[-4:]).rstrip("."))
    return Source(article.id, sentence.text)


def articles_from(rng: random.Random, articles: list[Article], days: list[datetime.date], day: datetime.date,
                  held: bool) -> list[Article]:
    """1-3 articles near ``day``; when held, all published on or after it."""
    start = bisect.bisect_left(days, day)
    window = articles[start:start + 6] if held else articles[max(0, start - 3):start + 3]
    return rng.sample(window, min(len(window), rng.randint(1, 3)))


def make_meetings(rng: random.Random, count: int, people: list[Person], articles: list[Article]) -> list[Meeting]:
    days = [a.day for a in articles]
    last = days[-1] - datetime.timedelta(days=1)
    width = len(str(count))
    meetings = []
    for index, day in enumerate(sorted(random_day(rng, FIRST_DAY, last) for _ in range(count))):
        date = edtf(rng, day)
        status = rng.choices(["held", "scheduled", "postponed", "cancelled"], [70, 12, 10, 8])[0]
        kind, place = rng.choice(KINDS_OF_MEETING), rng.choice(PLACES)
        participants = [(p.id, rng.choice([None, None, f"head of the {rng.choice(ORGANIZATIONS)} delegation", "adviser"]))
                        for p in rng.sample(people, min(len(people), rng.randint(2, 5)))]
        sources = [quote_from(rng, a) for a in articles_from(rng, articles, days, lower_bound(date), status == "held")]
        meetings.append(Meeting(f"{slug(kind)}-{slug(place)}-{day.strftime('%Y-%m')}-{index:0{width}d}",
                                f"{kind.capitalize()} in {place}", date, lower_bound(date), place, status,
                                participants, rng.sample(TRACKS, rng.randint(1, 2)), sources))
    return meetings


def make_milestones(rng: random.Random, count: int, people: list[Person], articles: list[Article],
                    meetings: list[Meeting]) -> list[Milestone]:
    days = [a.day for a in articles]
    meeting_days = [m.lower for m in meetings]
    milestones = []
    for index in range(count):
        subject, place = rng.choice(MILESTONE_SUBJECTS), rng.choice(PLACES)
        title = subject.format(place=place)
        path = rng.choice(MILESTONE_PATHS)[:rng.randint(3, 5)]
        day = random_day(rng, FIRST_DAY, days[-1] - datetime.timedelta(days=1200))
        milestone_id = f"{slug(title)}-{index:04d}"
        history = []
        for position, status in enumerate(path):
            date = f"../{day.isoformat()}" if position == 0 and rng.random() < 0.2 else edtf(rng, day)
            source = quote_from(rng, rng.choice(articles_from(rng, articles, days, lower_bound(date), True)))
            near = bisect.bisect_left(meeting_days, day)
            meeting = meetings[near] if near < len(meetings) and rng.random() < 0.3 else None
            if meeting:
                meeting.milestones.append(milestone_id)
            note = rng.choice(NOTES).format(status=status, place=place)
            history.append(HistoryEntry(date, lower_bound(date), status, note, source, meeting and meeting.id))
            day += datetime.timedelta(days=rng.randint(15, 240))
        milestones.append(Milestone(milestone_id, title, sorted(p.id for p in rng.sample(people, rng.randint(1, 3))),
                                    rng.sample(TRACKS, rng.randint(1, 2)), history))
    return milestones


def generate(scale: int, seed: int = 2018) -> Site:
    rng = random.Random(seed)
    people = make_people(rng, max(scale // 10, 6))
    moments = sorted(datetime.datetime.combine(random_day(rng, FIRST_DAY, LAST_DAY), datetime.time(rng.randint(6, 22), rng.choice([0, 15, 30, 45])),
                                               datetime.timezone(datetime.timedelta(hours=9)))
                     for _ in range(max(scale // 2, 10)))
    articles = [make_article(rng, i, moment, people) for i, moment in enumerate(moments)]
    meetings = make_meetings(rng, scale, people, articles)
    meeting_days = [m.lower for m in meetings]
    for article in articles:  # a wikilink to an earlier meeting, now that meetings exist
        earlier = bisect.bisect_left(meeting_days, article.day)
        if earlier and rng.random() < 0.6:
            article.paragraphs.insert(2, f"The talks follow [[{meetings[rng.randrange(earlier)].id}]], which set the agenda.")
    milestones = make_milestones(rng, max(scale // 5, 2), people, articles, meetings)
    return Site(scale, people, meetings, milestones, articles)


# -- writing ----------------------------------------------------------------
_NEEDS_QUOTES = re.compile(r"^[\[\]{}>|*&!%@`'\"#?:,-]|: | #|[?:]$")


def scalar(text: str) -> str:
    """Text as a user would write it: plain when YAML allows, double-quoted when not."""
    return json.dumps(text, ensure_ascii=False) if _NEEDS_QUOTES.search(text) else text


def flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def source_lines(source: Source, key: str, quote_key: str = "quote", with_by: bool = True) -> list[str]:
    lines = [f"{key}: {source.article}", f"  {quote_key}: {json.dumps(source.quote, ensure_ascii=False)}"]
    if with_by and source.by:
        lines.append(f"  by: {source.by}")
    return lines


def person_file(person: Person) -> str:
    lines = [f"name: {person.name}", f"aliases: {flow(person.aliases)}", f"native_name: {person.native_name}", "roles:"]
    for title, organization, start, end in person.roles:
        lines += [f"  - title: {title}", f"    organization: {organization}", f"    from: {start}"]
        lines += [f"    to: {end}"] if end else []
    title, organization = person.roles[0][:2]
    lines.append(f"summary: {scalar(f'{title} of {organization}.')}")
    body = f"{title} of {organization}."
    if person.articles:
        body += " Mentioned in " + " and ".join(f"[[{a}]]" for a in person.articles[:3]) + "."
    return document(lines, [body])


def meeting_file(meeting: Meeting, names: dict[str, str]) -> str:
    lines = [f"title: {scalar(meeting.title)}", f"date: {meeting.date}", f"location: {meeting.location}",
             f"status: {meeting.status}", "participants:"]
    lines += [f"  - {{person: {p}, role: {role}}}" if role else f"  - {p}" for p, role in meeting.participants]
    lines.append(f"tracks: {flow(meeting.tracks)}")
    milestones = list(dict.fromkeys(meeting.milestones))
    if milestones:
        lines.append(f"milestones: {flow(milestones)}")
    lines.append(f"summary: {scalar(f'{meeting.title}, with {len(meeting.participants)} participants.')}")
    lines.append("sources:")
    for source in meeting.sources:
        lines += ["  - " + line if i == 0 else "  " + line for i, line in enumerate(source_lines(source, "article"))]
    (first, _), (second, _) = meeting.participants[:2]
    body = [f"[[{first}]] met [[{second}|{names[second]}]] in {meeting.location}. "
            f"The meeting was reported in [[{meeting.sources[0].article}]]."]
    if milestones:
        body.append("It concerned " + ", ".join(f"[[milestones/{m}]]" for m in milestones) + ".")
    return document(lines, body)


def milestone_file(milestone: Milestone) -> str:
    lines = [f"title: {scalar(milestone.title)}", f"people: {flow(milestone.people)}",
             f"tracks: {flow(milestone.tracks)}", f"summary: {scalar(milestone.title + '.')}", "history:"]
    for entry in milestone.history:
        lines += [f"  - date: {entry.date}", f"    status: {entry.status}", f"    note: {scalar(entry.note)}"]
        lines += ["    " + line.strip() for line in source_lines(entry.source, "source", with_by=False)]
        lines += [f"    meeting: {entry.meeting}"] if entry.meeting else []
    body = [f"Followed by [[{milestone.people[0]}]]; first reported in [[{milestone.history[0].source.article}]]."]
    return document(lines, body)


def article_file(article: Article) -> str:
    lines = [f"title: {scalar(article.title)}", f"publication: {article.publication}", f"author: {article.author}",
             f"published: {article.published.isoformat()}", f"url: https://example.org/{article.id}",
             f"summary: {scalar(article.quotable[0].text)}"]
    return document(lines, article.paragraphs)


def document(front_matter: list[str], paragraphs: list[str]) -> str:
    return "---\n" + "\n".join(front_matter) + "\n---\n\n" + "\n\n".join(paragraphs) + "\n"


def write_site(site: Site, root: Path) -> None:
    """Write site.yaml and content/ under root, which must not hold content/ already."""
    content = root / "content"
    content.mkdir(parents=True)
    (root / "site.yaml").write_text(
        f'title: "Synthetic chronology (scale {site.scale})"\nbase_url: /\nlanguage: en\n'
        f'description: "A generated site for benchmarks: {site.files()} content files."\n', encoding="utf-8")
    names = {p.id: p.name for p in site.people}
    files = ([("people", p.id, person_file(p)) for p in site.people]
             + [("meetings", m.id, meeting_file(m, names)) for m in site.meetings]
             + [("milestones", m.id, milestone_file(m)) for m in site.milestones]
             + [("articles", a.id, article_file(a)) for a in site.articles])
    for kind in ("people", "meetings", "milestones", "articles"):
        (content / kind).mkdir()
    for kind, id, text in files:
        (content / kind / f"{id}.md").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a deterministic synthetic chronology site.")
    parser.add_argument("out", type=Path, help="folder to create; must not hold a content/ folder")
    parser.add_argument("--scale", type=int, default=1000, help="number of meetings (default 1000)")
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args()
    if (args.out / "content").exists():
        parser.error(f"{args.out / 'content'} already exists")
    site = generate(args.scale, args.seed)
    write_site(site, args.out)
    print(f"wrote {site.files()} content files to {args.out}")


if __name__ == "__main__":
    main()
