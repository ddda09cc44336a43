"""The incremental build: an edit makes again only what it touches, and the output is always a cold build's.

The property test applies 200 random sequences of edits, renames, deletions,
tags, template, static-file and config changes (a seeded generator, so a failure
names a sequence that can be replayed) and after each sequence compares the
output folder of an incremental build with that of a cold build, byte for byte.
"""
from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.build import CACHE_FOLDER, build
from generator.site import search
from generator.site.theme import builtin_theme_dir

SEQUENCES = 200
SEED = 2018
SINGULAR = {"people": "person", "meetings": "meeting", "milestones": "milestone", "articles": "article"}
TAGS = ("sanctions", "summit", "border", "Border")   # the last two make one tag page
WORDS = ("talks", "sanctions", "envoy", "summit", "missile", "liaison", "office", "delayed", "agreed", "statement",
         "inspection", "railway", "reunion", "border", "hotline")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shards of a few pages, so that pages coming and going move the cuts between them."""
    monkeypatch.setattr(search, "shard_size", lambda pages: 4)


# -- a small site, kept as a model and written out after each change ----------------------

@dataclass
class Model:
    people: dict[str, dict] = field(default_factory=dict)
    meetings: dict[str, dict] = field(default_factory=dict)
    milestones: dict[str, dict] = field(default_factory=dict)
    articles: dict[str, dict] = field(default_factory=dict)
    config: dict = field(default_factory=lambda: {"title": "Talks", "description": "A chronology."})
    templates: dict[str, str] = field(default_factory=dict)   # theme overrides: path under themes/default/ -> text
    static: dict[str, str] = field(default_factory=dict)      # the site's static/ files: path under static/ -> text
    made: int = 0

    def new_id(self, kind: str) -> str:
        self.made += 1
        return f"{SINGULAR[kind]}-{self.made}"


def sentence(rng: random.Random, model: Model, kind: str) -> str:
    words = rng.sample(WORDS, 4)
    if model.people and rng.random() < 0.5:
        words.insert(1, rng.choice([p["name"] for p in model.people.values()]))
    if rng.random() < 0.4:
        targets = [f"{k}/{i}" for k in ("meetings", "milestones", "people") for i in getattr(model, k)]
        if targets:
            words.append(f"[[{rng.choice(targets)}]]")
    return " ".join(words).capitalize() + "."


def seed_site(rng: random.Random) -> Model:
    model = Model()
    for _ in range(3):
        add_person(rng, model)
    for _ in range(3):
        add_article(rng, model)
    for _ in range(4):
        add_meeting(rng, model)
    for _ in range(2):
        add_milestone(rng, model)
    return model


def add_person(rng: random.Random, model: Model) -> None:
    id = model.new_id("people")
    model.people[id] = {"name": f"{rng.choice(['Kim', 'Moon', 'Ri', 'Pak'])} {rng.choice(WORDS).title()} {model.made}",
                        "body": sentence(rng, model, "people")}


def add_article(rng: random.Random, model: Model) -> None:
    id = model.new_id("articles")
    model.articles[id] = {"title": f"Report on {rng.choice(WORDS)} {model.made}", "published": published_day(rng),
                          "body": "\n\n".join(sentence(rng, model, "articles") for _ in range(rng.randint(1, 3))),
                          "draft": False, "tags": []}


def published_day(rng: random.Random) -> str:
    """Before or after the milestones' step of 2018-09-19, so that the site's "now" (the latest publication)
    moves across it and the step turns overdue or back; always after the meetings, which an article can report."""
    return rng.choice([f"2018-09-1{rng.randint(0, 8)}", f"2019-0{rng.randint(2, 9)}-1{rng.randint(0, 9)}"])


def add_meeting(rng: random.Random, model: Model) -> None:
    id = model.new_id("meetings")
    people = rng.sample(sorted(model.people), min(len(model.people), rng.randint(1, 2)))
    sources = rng.sample(sorted(model.articles), min(len(model.articles), 1))
    quotes = {article: quotable(rng, model.articles[article]["body"]) for article in sources}
    model.meetings[id] = {"title": f"Meeting on {rng.choice(WORDS)} {model.made}", "date": f"2018-0{rng.randint(1, 9)}-0{rng.randint(1, 9)}",
                          "status": rng.choice(["held", "scheduled", "postponed"]), "participants": people,
                          "sources": sources, "quotes": quotes, "body": sentence(rng, model, "meetings"), "tags": []}


def quotable(rng: random.Random, body: str) -> str:
    """The first words of one of body's paragraphs, as a source quotes them (the chronology links to that paragraph)."""
    paragraph = rng.choice([p for p in body.split("\n\n") if p.strip()])
    return " ".join(paragraph.split(" ")[:2]).strip(".")


def add_milestone(rng: random.Random, model: Model) -> None:
    id = model.new_id("milestones")
    meeting = rng.choice(sorted(model.meetings)) if model.meetings else None
    model.milestones[id] = {"title": f"Promise on {rng.choice(WORDS)} {model.made}", "status": rng.choice(["proposed", "agreed", "scheduled"]),
                            "meeting": meeting, "people": rng.sample(sorted(model.people), min(1, len(model.people))),
                            "body": sentence(rng, model, "milestones")}


def tags_line(entry: dict) -> str:
    return f"tags: [{', '.join(entry['tags'])}]\n" if entry["tags"] else ""


def files(model: Model) -> dict[str, str]:
    """The site's files as text: site.yaml, content/, theme overrides and static/."""
    out = {"site.yaml": f"title: {model.config['title']}\ndescription: {model.config['description']}\n"
                        + model.config.get("phases", "")}
    for id, p in model.people.items():
        country = f"country: {p['country']}\n" if p.get("country") else ""
        out[f"content/people/{id}.md"] = f"---\nname: {p['name']}\n{country}---\n\n{p['body']}\n"
    for id, a in model.articles.items():
        draft = "draft: true\n" if a["draft"] else ""
        out[f"content/articles/{id}.md"] = f"---\ntitle: {a['title']}\npublished: {a['published']}\n{draft}{tags_line(a)}---\n\n{a['body']}\n"
    for id, m in model.meetings.items():
        sources = "".join(f"  - article: {s}\n    quote: \"{m['quotes'].get(s, '')}\"\n" for s in m["sources"]
                          if s in model.articles and not model.articles[s]["draft"])
        out[f"content/meetings/{id}.md"] = (
            f"---\ntitle: {m['title']}\ndate: {m['date']}\nstatus: {m['status']}\n{tags_line(m)}"
            + ("major: true\n" if m.get("major") else "")
            + f"participants: [{', '.join(p for p in m['participants'] if p in model.people)}]\n"
            + (f"sources:\n{sources}" if sources else "") + f"---\n\n{m['body']}\n")
    for id, s in model.milestones.items():
        meeting = f"    meeting: {s['meeting']}\n" if s["meeting"] in model.meetings else ""
        out[f"content/milestones/{id}.md"] = (
            f"---\ntitle: {s['title']}\npeople: [{', '.join(p for p in s['people'] if p in model.people)}]\n"
            f"history:\n  - date: 2018-09-19\n    status: {s['status']}\n    note: Said at the {rng_free_word(id)}.\n{meeting}"
            f"---\n\n{s['body']}\n")
    for path, text in model.templates.items():
        out[f"themes/default/{path}"] = text
    for path, text in model.static.items():
        out[f"static/{path}"] = text
    return out


def rng_free_word(id: str) -> str:
    return WORDS[sum(map(ord, id)) % len(WORDS)]


def write(root: Path, model: Model) -> None:
    """Write the files whose text changed and delete those the model no longer has."""
    wanted = files(model)
    for folder in ("content", "themes", "static"):
        for file in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else []:
            if file.is_file() and file.relative_to(root).as_posix() not in wanted:
                file.unlink()
    for path, text in wanted.items():
        file = root / path
        if not file.is_file() or file.read_text(encoding="utf-8") != text:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")


# -- what can happen to a site between two builds ----------------------------------------

def edit_body(rng: random.Random, model: Model) -> None:
    kind = rng.choice(["people", "meetings", "milestones", "articles"])
    entries = getattr(model, kind)
    if entries:
        entry = entries[rng.choice(sorted(entries))]
        added = sentence(rng, model, kind)
        entry["body"] = f"{added}\n\n{entry['body']}" if rng.random() < 0.5 else f"{entry['body']}\n\n{added}"


def retitle(rng: random.Random, model: Model) -> None:
    kind = rng.choice(["people", "meetings", "milestones", "articles"])
    entries = getattr(model, kind)
    if entries:
        entry = entries[rng.choice(sorted(entries))]
        key = "name" if kind == "people" else "title"
        entry[key] = f"{entry[key].split(' ')[0]} {rng.choice(WORDS)} {rng.randint(1, 99)}"


def rename(rng: random.Random, model: Model) -> None:
    """A file renamed, with every reference to it updated, as a writer would."""
    kind = rng.choice(["people", "meetings", "articles"])
    entries = getattr(model, kind)
    if not entries:
        return
    old = rng.choice(sorted(entries))
    new = model.new_id(kind)
    entries[new] = entries.pop(old)
    for entry in [*model.meetings.values(), *model.milestones.values()]:
        for key in ("participants", "sources", "people"):
            if key in entry:
                entry[key] = [new if value == old else value for value in entry[key]]
        if old in entry.get("quotes", {}):
            entry["quotes"][new] = entry["quotes"].pop(old)
        if entry.get("meeting") == old:
            entry["meeting"] = new
    for group in (model.people, model.meetings, model.milestones, model.articles):
        for entry in group.values():
            entry["body"] = entry["body"].replace(f"/{old}]]", f"/{new}]]")


def delete(rng: random.Random, model: Model) -> None:
    """A file removed, with references and wiki links to it dropped."""
    kind = rng.choice(["people", "meetings", "milestones", "articles"])
    entries = getattr(model, kind)
    if len(entries) > 1:
        gone = rng.choice(sorted(entries))
        entries.pop(gone)
        for group in (model.people, model.meetings, model.milestones, model.articles):
            for entry in group.values():
                entry["body"] = entry["body"].replace(f"[[{kind}/{gone}]]", gone)


def add(rng: random.Random, model: Model) -> None:
    rng.choice([add_person, add_article, add_meeting, add_milestone])(rng, model)


def toggle_draft(rng: random.Random, model: Model) -> None:
    if model.articles:
        article = model.articles[rng.choice(sorted(model.articles))]
        article["draft"] = not article["draft"]


TEMPLATES = ("templates/meeting.html", "templates/macros.html", "templates/base.html", "templates/person.html",
             "static/style.css")


def change_theme(rng: random.Random, model: Model) -> None:
    """A template or static file of the site's own theme: overridden, changed again, or removed."""
    path = rng.choice(TEMPLATES)
    if path in model.templates and rng.random() < 0.3:
        del model.templates[path]
        return
    text = model.templates.get(path) or (builtin_theme_dir() / path).read_text(encoding="utf-8")
    word = rng.choice(WORDS)
    if path.endswith(".css"):
        model.templates[path] = text + f"\n/* {word} */\n.{word} {{ color: red }}\n"
    elif path == "templates/macros.html":
        model.templates[path] = text.replace('<span class="status status-', f'<span title="{word}" class="status status-', 1) \
            if 'title="' not in text.split("macro status", 1)[1][:80] else text.replace("<span title=", "<span data-x=", 1)
    else:
        model.templates[path] = text.replace("</article>", f"<p>{word}</p>\n</article>", 1).replace(
            "</footer>", f"<p>{word}</p>\n</footer>", 1)


def retag(rng: random.Random, model: Model) -> None:
    """An article's or a meeting's tags: none, or a few (a site may gain its first tag or lose its last)."""
    entries = [*model.articles.values(), *model.meetings.values()]
    if entries:
        rng.choice(entries)["tags"] = rng.sample(TAGS, rng.randint(0, 2))


def change_static(rng: random.Random, model: Model) -> None:
    """A file of static/: added, changed or removed."""
    path = rng.choice(("robots.txt", "images/map.svg", "CNAME"))
    if path in model.static and rng.random() < 0.4:
        del model.static[path]
    else:
        model.static[path] = f"{rng.choice(WORDS)} {rng.randint(1, 99)}\n"


def mark(rng: random.Random, model: Model) -> None:
    """A meeting made major or not, or a person's country set or cleared."""
    if rng.random() < 0.5 and model.meetings:
        meeting = model.meetings[rng.choice(sorted(model.meetings))]
        meeting["major"] = not meeting.get("major")
    elif model.people:
        model.people[rng.choice(sorted(model.people))]["country"] = rng.choice(["", "North Korea", "South Korea"])


def redate(rng: random.Random, model: Model) -> None:
    """An article's publication day: the site's "now" may move."""
    if model.articles:
        model.articles[rng.choice(sorted(model.articles))]["published"] = published_day(rng)


def change_config(rng: random.Random, model: Model) -> None:
    if rng.random() < 0.3:
        model.config["phases"] = rng.choice(["", "phases:\n  - title: Thaw\n    from: 2018-03\n    to: 2018-08\n"])
        return
    model.config[rng.choice(["title", "description"])] = f"{rng.choice(WORDS).title()} {rng.randint(1, 9)}"


CHANGES = (edit_body, edit_body, retitle, retitle, rename, delete, add, toggle_draft, change_theme, change_config,
           retag, change_static, redate, mark)


def test_after_any_sequence_of_changes_an_incremental_build_equals_a_cold_one(tmp_path: Path, small_shards) -> None:
    rng = random.Random(SEED)
    model = seed_site(rng)
    root = tmp_path / "site"
    write(root, model)
    assert not build(root).failed
    for sequence in range(SEQUENCES):
        done = []
        for _ in range(rng.randint(1, 4)):
            change = rng.choice(CHANGES)
            change(rng, model)
            done.append(change.__name__)
        write(root, model)
        incremental = build(root)
        cold_output = tmp_path / "cold"
        shutil.rmtree(cold_output, ignore_errors=True)
        cold = build(root, cold_output, cache=False)
        problems = [d.format() for d in cold.diagnostics.errors]
        assert not cold.failed and not incremental.failed, (sequence, done, problems)
        assert tree(root / "output") == tree(cold_output), f"sequence {sequence} ({', '.join(done)}) differs"


# -- what an edit makes again ------------------------------------------------------------

FULL_SITE = Path(__file__).parent / "sites" / "full"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FULL_SITE, root, ignore=shutil.ignore_patterns(CACHE_FOLDER, "output"))
    assert not build(root).failed
    return root


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def remade(site: Path, change) -> set[str]:
    """The output files a build after change wrote anew (the others are the old files, linked)."""
    before = inodes(site / "output")
    change(site)
    assert not build(site).failed
    after = inodes(site / "output")
    return {path for path, inode in after.items() if before.get(path) != inode}


def test_editing_a_body_writes_only_the_pages_that_show_it(site: Path) -> None:
    def edit(root: Path) -> None:
        person = root / "content/people/chung-eui-yong.md"
        person.write_text(person.read_text(encoding="utf-8") + "\nHe also led the second visit.\n", encoding="utf-8")
    written = remade(site, edit)
    pages = {path for path in written if path.endswith(".html")}
    assert pages == {"people/chung-eui-yong/index.html"}
    assert not {"feed.xml", "calendar.ics", "timeline.json", "index.html"} & written


def test_a_template_change_makes_again_only_the_pages_made_with_it(site: Path, tmp_path: Path) -> None:
    def edit(root: Path) -> None:
        templates = root / "themes/default/templates"
        templates.mkdir(parents=True, exist_ok=True)
        original = (builtin_theme_dir() / "templates/milestone.html").read_text(encoding="utf-8")
        (templates / "milestone.html").write_text(original.replace("<h2>History</h2>", "<h2>What happened</h2>"),
                                                  encoding="utf-8")
    written = remade(site, edit)
    milestones = {p.relative_to(site / "output").as_posix() for p in (site / "output/milestones").glob("*/index.html")}
    assert {path for path in written if path.endswith(".html")} == milestones
    assert build(site, tmp_path / "cold", cache=False).pages and tree(site / "output") == tree(tmp_path / "cold")


def test_an_output_edited_by_hand_is_made_again(site: Path, tmp_path: Path) -> None:
    page = site / "output/people/chung-eui-yong/index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>by hand</p></body>"))
    assert not build(site).failed
    build(site, tmp_path / "cold", cache=False)
    assert tree(site / "output") == tree(tmp_path / "cold")


# -- shared pieces -------------------------------------------------------------------------

def test_a_shared_piece_is_rendered_once_per_key_and_page_depth(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from generator.site.theme import Theme
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "row.html").write_text("{% for key in keys %}{% shared key %}<li>{{ count(key) }}</li>{% endshared %}"
                                     "{% endfor %}", encoding="utf-8")
    made: list[str] = []
    env = Theme((folder,), {}).environment({"count": lambda key: made.append(key) or f"{key}{len(made)}"}, {})
    template = env.get_template("row.html")
    home = SimpleNamespace(output="index.html")
    person = SimpleNamespace(output="people/kim/index.html")
    assert template.render(keys=["a", "b", "a"], page=home) == "<li>a1</li><li>b2</li><li>a1</li>"
    assert template.render(keys=["b"], page=SimpleNamespace(output="404.html")) == "<li>b2</li>"
    assert template.render(keys=["b"], page=person) == "<li>b3</li>"    # two folders deeper: its own
    assert made == ["a", "b", "b"]
