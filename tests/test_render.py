"""Rendering: every page from the theme, escaped, with the chronology's contract for site.js."""
from __future__ import annotations

import datetime
import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from generator.site.axis import MAX_LANES, NEVER, WIDTHS
from generator.site.pages import timeline_axis
from generator.content.read import read_site
from generator.site.plan import OutputCollision, check_collisions
from generator.site.render import RenderError, render_site
from generator.site.theme import load_theme

ARTICLE = """---
title: {title}
publication: {title}
author: {title}
published: 2018-09-06T15:18:00+09:00
summary: {title}
---

Kim Jong-un said {payload} in Pyongyang.

"We agreed {payload}," Kim Jong-un said.
"""

PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</title><script>alert(2)</script>")


def hostile_site(payload: str) -> dict[str, str]:
    quoted = payload.replace("\\", "\\\\").replace('"', '\\"')
    title = f'"Title {quoted}"'
    return {
        "site.yaml": f"title: {title}\ndescription: {title}\nbase_url: /repo/\n"
                     f"phases:\n  - title: {title}\n    from: 2018-09\n    summary: {title}\n",
        "static/x": "an image named by the payload's <img src=x>",
        "content/people/kim-jong-un.md": f"---\nname: Kim Jong-un\naliases: [{title}]\nnative_name: {title}\ncountry: {title}\n"
                                         f"roles:\n  - title: {title}\n    organization: {title}\nsummary: {title}\n---\n\n{payload}\n",
        "content/meetings/talks.md": f"---\ntitle: {title}\ndate: 2018-09-05\nlocation: {title}\nsummary: {title}\n"
                                     f"tracks: [{title}]\nparticipants:\n  - {{person: kim-jong-un, role: {title}}}\n"
                                     f"sources:\n  - article: report\n    quote: {title}\n    by: kim-jong-un\n---\n\n{payload}\n",
        "content/milestones/office.md": f"---\ntitle: {title}\ntracks: [{title}]\npeople: [kim-jong-un]\nhistory:\n"
                                        f"  - date: 2018-09-05\n    status: agreed\n    note: {title}\n    meeting: talks\n"
                                        f"    source: report\n    quote: {title}\n---\n\n{payload}\n",
        "content/articles/report.md": ARTICLE.format(title=title, payload=payload),
    }


class ScriptFinder(HTMLParser):
    """Collects what a browser would run: script elements and event-handler attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self.handlers: list[tuple[str, str]] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if tag == "script":
            self.scripts.append(found)
        if tag == "img":
            self.images.append(found.get("src") or "")
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]


def root_of(output: str, base: str = "/repo/") -> str:
    """How a page's links reach the site root: relative to the page, but from 404.html (served at any address)."""
    return base if output == "404.html" else "../" * output.count("/") or "./"


def render(root: Path, drafts: bool = False) -> dict[str, bytes]:
    site, diagnostics = read_site(root, drafts=drafts)
    assert not diagnostics.errors, [d.format() for d in diagnostics.errors]
    return render_site(site, load_theme(root, site.config.theme))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_any_field_never_runs(make_site, payload: str) -> None:
    files = render(make_site(hostile_site(payload)))
    pages = {path: data.decode() for path, data in files.items() if path.endswith(".html")}
    assert len(pages) == 13
    for path, html in pages.items():
        finder = ScriptFinder()
        finder.feed(html)
        assert finder.handlers == [], path
        assert "x" not in finder.images, path
        for script in finder.scripts:
            assert script in ({"src": root_of(path) + "assets/site.js", "defer": None},
                              {"src": root_of(path) + "assets/search.js", "defer": None},
                              {"type": "application/ld+json"}), (path, script)
        assert "<script>alert" not in html, path
    assert f"<title>Title {escape(payload)}</title>" in pages["index.html"]


def test_titles_are_escaped_in_text_attributes_and_title_element(make_site) -> None:
    files = render(make_site(hostile_site('A & B <b> "q"')))
    home = files["index.html"].decode()
    assert "<title>Title A &amp; B &lt;b&gt; &#34;q&#34;</title>" in home
    assert 'data-title="Title A &amp; B &lt;b&gt; &#34;q&#34;"' in home
    assert "<b>" not in home.split("<main", 1)[1].split('class="chrono-list"')[0]


SMALL_SITE = {
    "site.yaml": "title: Talks\nbase_url: /talks/\nlanguage: ko\n",
    "content/people/kim.md": "---\nname: Kim\n---\n",
    "content/people/lee.md": "---\nname: Lee\n---\n",
    "content/articles/report.md": "---\ntitle: Report\npublished: 2018-09-06\n---\n\nKim met Lee.\n\nThey agreed to open the office.\n",
    "content/meetings/talks.md": "---\ntitle: Talks\ndate: 2018-09-05\nparticipants: [kim, lee]\ntracks: [north, south]\n"
                                 "sources:\n  - article: report\n    quote: agreed to open the office\n---\n",
    "content/milestones/office.md": "---\ntitle: Office\npeople: [lee]\nhistory:\n  - date: 2018-08~\n    status: scheduled\n"
                                    "  - date: 2018-09-05\n    status: agreed\n    meeting: talks\n    source: report\n---\n",
}


def test_chronology_carries_the_data_site_js_reads(make_site) -> None:
    home = render(make_site(SMALL_SITE))["index.html"].decode()
    assert '<html lang="ko">' in home
    assert '<body data-base="./">' in home
    assert '<div id="chrono-controls"></div>' in home
    assert '<section class="chrono-year" data-year="2018">' in home
    assert home.index('data-month="2018-08"') < home.index('data-month="2018-09"')
    # What each row was known as on every day (content/asknown.py): reported the day after the meeting;
    # the unsourced step known from its own start, overdue once August ended until the next step was reported.
    assert ('<li class="chrono-item" id="meetings-talks" data-kind="meeting" data-id="talks" data-people="kim lee" '
            'data-tracks="north south" data-tags="" data-status="held" data-start="2018-09-05" data-end="2018-09-05" '
            'data-title="Talks" data-present="held - 1" data-changes="2018-09-06 held - 1">') in home
    assert ('<li class="chrono-item" id="milestones-office-1" data-kind="milestone" data-id="office" data-people="lee" '
            'data-tracks="" data-tags="" data-status="scheduled" data-start="2018-08-01" data-end="2018-08-31" data-title="Office" '
            'data-present="scheduled - 0" data-changes="2018-08-01 scheduled current 0;'
            '2018-09-01 scheduled overdue,current 0;2018-09-06 scheduled - 0" '
            'data-milestone="office" data-index="0">') in home
    assert '<a href="./milestones/office/#h2">Office</a>' in home
    assert '<a href="./articles/report/#p2">Report</a>' in home


def test_every_page_loads_site_js_and_links_the_feed(make_site) -> None:
    files = render(make_site(SMALL_SITE))
    pages = [path for path in files if path.endswith(".html")]
    assert sorted(pages) == ["404.html", "articles/index.html", "articles/report/index.html", "index.html",
                             "meetings/index.html", "meetings/talks/index.html", "milestones/index.html",
                             "milestones/office/index.html", "people/index.html", "people/kim/index.html",
                             "people/lee/index.html", "tags/index.html", "timeline/index.html",
                             "who-met-whom/index.html"]
    for path in pages:
        html = files[path].decode()
        root = root_of(path, "/talks/")
        assert f'<script src="{root}assets/site.js" defer></script>' in html
        assert f'<link rel="alternate" type="application/atom+xml" title="Talks" href="{root}feed.xml">' in html
        assert html.count("<h1") == 1, path
    assert '<link rel="canonical" href="/talks/people/kim/">' in files["people/kim/index.html"].decode()
    assert '<link rel="canonical" href="/talks/">' in files["index.html"].decode()
    assert files[".nojekyll"] == b""
    assert "assets/site.js" in files and "assets/style.css" in files


def test_site_theme_overrides_templates_and_static_files_by_name(make_site) -> None:
    root = make_site({**SMALL_SITE, "site.yaml": "title: Talks\ntheme: mine\n",
                      "themes/mine/templates/404.html": "{% extends 'base.html' %}{% block main %}<h1>Lost</h1>{% endblock %}",
                      "themes/mine/static/style.css": "body { color: red }"})
    files = render(root)
    assert "<h1>Lost</h1>" in files["404.html"].decode()
    assert files["assets/style.css"] == b"body { color: red }"
    assert b"chrono-item" in files["index.html"]


def test_template_error_names_template_line_and_source_file(make_site) -> None:
    root = make_site({**SMALL_SITE, "site.yaml": "title: Talks\ntheme: mine\n",
                      "themes/mine/templates/person.html": "{% extends 'base.html' %}\n{% block main %}\n<h1>{{ page.entry.nickname }}</h1>\n{% endblock %}\n"})
    with pytest.raises(RenderError) as raised:
        render(root)
    assert str(raised.value).startswith("themes/mine/templates/person.html:3: UndefinedError:")
    assert "content/people/kim.md" in str(raised.value)


def test_two_outputs_at_one_path_name_both_sources() -> None:
    with pytest.raises(OutputCollision, match="content/people/kim.md and theme file static/people/kim/index.html"):
        check_collisions([("index.html", "content/"), ("people/kim/index.html", "content/people/kim.md"),
                          ("People/Kim/index.html", "theme file static/people/kim/index.html")])
    check_collisions([("index.html", "content/"), ("people/kim/index.html", "content/people/kim.md")])


def test_search_index_covers_each_entry_page_and_no_list(make_site) -> None:
    files = render(make_site(hostile_site("plain words")))
    indexed = sorted(json.loads(gzip.decompress(body).removeprefix(b"pagefind_dcd"))["url"]
                     for path, body in files.items() if path.endswith(".pf_fragment"))
    assert indexed == ["/articles/report/", "/meetings/talks/", "/milestones/office/", "/people/kim-jong-un/"]


def indexed_text(files: dict[str, bytes]) -> dict[str, str]:
    """What the search index holds of each page, by URL."""
    fragments = (json.loads(gzip.decompress(body).removeprefix(b"pagefind_dcd"))
                 for path, body in files.items() if path.endswith(".pf_fragment"))
    return {fragment["url"]: fragment["content"] for fragment in fragments}


def test_search_index_leaves_out_lists_that_repeat_other_pages(make_site) -> None:
    files = hostile_site("plain words")
    files["content/articles/report.md"] = files["content/articles/report.md"].replace(
        "Kim Jong-un said plain words in Pyongyang.", "Kim Jong-un said zephyrwords in Pyongyang.")
    indexed = indexed_text(render(make_site(files)))
    assert "zephyrwords" in indexed["/articles/report/"]
    assert "zephyrwords" not in indexed["/people/kim-jong-un/"], "a person's mentions belong to the article"
    assert "Cited by" not in indexed["/articles/report/"]
    assert "Kim Jong-un" in indexed["/people/kim-jong-un/"]


def test_search_index_keeps_a_facts_label_apart_from_its_value(make_site) -> None:
    files = {**SMALL_SITE, "content/meetings/talks.md": SMALL_SITE["content/meetings/talks.md"].replace(
        "date: 2018-09-05\n", "date: 2018-09-05\nlocation: Panmunjom\n")}
    text = indexed_text(render(make_site(files)))["/meetings/talks/"]
    assert "Date: 5 September 2018. Location: Panmunjom. Status: held. Tracks: north south." in text


def test_drafts_are_left_out_unless_asked_for(make_site) -> None:
    root = make_site({**SMALL_SITE, "content/people/park.md": "---\nname: Park\ndraft: true\n---\n"})
    assert "people/park/index.html" not in render(root)
    assert "people/park/index.html" in render(root, drafts=True)


def test_timeline_spans_intervals_and_marks_vague_and_open_dates(make_site) -> None:
    root = make_site({**SMALL_SITE,
                      "content/meetings/summit.md": "---\ntitle: Summit\ndate: 2018-09-18/2018-09-20\nstatus: scheduled\n"
                                                    "major: true\n---\n",
                      "content/meetings/later.md": "---\ntitle: Later\ndate: 2018-10-01/..\nstatus: scheduled\n---\n"})
    site, _ = read_site(root)
    axis = timeline_axis(site)
    marks = {(m.item.id, m.item.index): m for m in axis.marks}
    talks, summit, later, vague = marks[("talks", 0)], marks[("summit", 0)], marks[("later", 0)], marks[("office", 0)]
    day = 1 / 92                                            # the axis runs from 1 August to 1 November
    assert (axis.first, axis.end) == (datetime.date(2018, 8, 1), datetime.date(2018, 11, 1))
    assert abs(talks.bar - day) < 1e-9 and abs(summit.bar - 3 * day) < 1e-9
    assert abs(summit.left - talks.left - 13 * day) < 1e-9
    assert vague.vague and abs(vague.bar - 31 * day) < 1e-9 and not talks.vague
    assert later.open_end and later.left + later.bar == 1
    assert summit.major and summit.lane == 0, "a major meeting takes the top lane"
    assert [t.label for t in axis.ticks if t.label_from == 0] == ["Aug 2018", "Sep", "Oct"]
    html = render(root)["timeline/index.html"].decode()
    assert 'class="tl-mark tl-milestone status-scheduled tl-from-0 tl-vague"' in html
    assert re.search(r'class="tl-mark tl-meeting status-scheduled tl-from-\d+ tl-major tl-at-end"', html)
    assert '<a class="tl-hit" href="../milestones/office/#h1">' in html


def test_timeline_labels_show_where_the_track_is_wide_enough_for_them(make_site) -> None:
    """Past the most lanes, marks share lanes and keep their labels for a wider track; ticks thin out to fit."""
    meetings = {f"content/meetings/m{n}.md": f"---\ntitle: Meeting number {n}\ndate: 2018-01-01/2018-01-{n % 28 + 1:02d}\n---\n"
                for n in range(MAX_LANES + 10)}
    root = make_site({"site.yaml": "title: T\n", **meetings,
                      "content/meetings/end.md": "---\ntitle: End\ndate: 2019-12-31\n---\n"})
    site, _ = read_site(root)
    axis = timeline_axis(site)
    assert axis.lanes == MAX_LANES
    for lane in range(axis.lanes):
        in_lane = sorted((m.left, m.left + m.room) for m in axis.marks if m.lane == lane)
        assert all(end <= following for (_, end), (following, _) in zip(in_lane, in_lane[1:])), "rooms never overlap"
    crowded = [m for m in axis.marks if m.room < 0.05]
    assert crowded and all(m.label_from > 0 for m in crowded)
    for mark in axis.marks:
        assert mark.label_from in (0, NEVER) or mark.room * mark.label_from >= 72, "a label shows only where it has room"
    years = [t.label for t in axis.ticks if t.label_from == 0]
    assert years == ["2018", "2019"]
    shown_at = {width: sorted(t.left for t in axis.ticks if t.label_from <= width) for width in (480, 960, 1920)}
    assert len(shown_at[480]) < len(shown_at[960]) <= len(shown_at[1920])
    for width, lefts in shown_at.items():
        assert all((b - a) * width >= 30 for a, b in zip(lefts, lefts[1:])), width


def test_the_theme_hides_timeline_labels_at_every_breakpoint_the_layout_uses() -> None:
    css = (Path(__file__).resolve().parents[1] / "themes" / "default" / "static" / "style.css").read_text(encoding="utf-8")
    for width in WIDTHS[1:]:
        assert f"@container tl (width < {width}px) {{ .tl-from-{width} " in css, width
    assert f".tl-from-{NEVER} > .tl-hit > .tl-text" in css
