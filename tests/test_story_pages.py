"""The pages that tell the story at a glance: overview, phases, jump links, neighbours, delegations, who met whom."""
from __future__ import annotations

import re

from generator.content.read import read_site
from generator.site.encounters import counterparts, encounters, matrix
from generator.site.pages import chronology_chapters, jump_links, overview
from generator.site.render import render_site
from generator.site.theme import load_theme


def person(name: str, country: str = "", extra: str = "") -> str:
    return f"---\nname: {name}\n{f'country: {country}' if country else ''}\n{extra}---\n"


def meeting(title: str, date: str, people: list[str], status: str = "held", major: bool = False) -> str:
    return (f"---\ntitle: {title}\ndate: {date}\nstatus: {status}\nparticipants: [{', '.join(people)}]\n"
            f"{'major: true' if major else ''}\n---\n")


SITE = {
    "site.yaml": "title: Talks\nbase_url: /talks/\nphases:\n"
                 "  - {title: Thaw, from: 2018-03, to: 2018-04-26, summary: Envoys travel.}\n"
                 "  - {title: Summits, from: 2018-04-27, to: 2018-06}\n",
    "content/people/kim.md": person("Kim Jong-un", "North Korea", "native_name: 김정은\n"),
    "content/people/abe.md": person("Abe Shinzo", "Japan", "native_name: 安倍晋三\nnative_lang: ja\n"),
    "content/people/moon.md": person("Moon Jae-in", "South Korea"),
    "content/people/chung.md": person("Chung Eui-yong", "South Korea"),
    "content/people/note.md": person("Note Taker"),
    "content/meetings/early.md": meeting("Early contact", "2018-01-10", ["chung", "kim"]),
    "content/meetings/envoys.md": meeting("Envoys in Pyongyang", "2018-03-05", ["note", "chung", "kim"]),
    "content/meetings/panmunjom.md": meeting("Panmunjom summit", "2018-04-27", ["moon", "kim", "chung"], major=True),
    "content/meetings/cancelled.md": meeting("Cancelled talks", "2018-05-16", ["chung", "kim"], status="cancelled"),
    "content/meetings/late.md": meeting("Later talks", "2018-09-01", ["moon", "kim"]),
    "content/milestones/office.md": "---\ntitle: Liaison office\nhistory:\n  - date: 2018-04-27\n    status: agreed\n"
                                    "  - date: 2018-09-14\n    status: done\n---\n",
    "content/milestones/tests.md": "---\ntitle: Test site closure\nhistory:\n  - date: 2018-05-24\n    status: done\n---\n",
    "content/milestones/list.md": "---\ntitle: Full list\nhistory:\n  - date: 2018-06\n    status: proposed\n---\n",
}


def site_of(make_site, files=SITE):
    site, diagnostics = read_site(make_site(files))
    assert not diagnostics.errors, [d.format() for d in diagnostics.sorted()]
    return site


def pages(make_site, files=SITE) -> dict[str, str]:
    root = make_site(files)
    site, _ = read_site(root)
    return {path: data.decode() for path, data in render_site(site, load_theme(root)).items() if path.endswith(".html")}


def test_the_chronology_is_cut_into_phases_with_years_outside_them(make_site):
    site = site_of(make_site)
    chapters = chronology_chapters(site)
    titles = [chapter.phase.title if chapter.phase else None for chapter in chapters]
    assert titles == [None, "Thaw", "Summits", None]
    ids = [[row.item.id for year in c.years for month in year.months for row in month.rows] for c in chapters]
    assert ids == [["early"], ["envoys"], ["office", "panmunjom", "cancelled", "tests", "list"], ["late", "office"]]
    anchors = [month.anchor for c in chapters for year in c.years for month in year.months]
    assert anchors == ["m2018-01", "m2018-03", "m2018-04", "m2018-05", "m2018-06", "m2018-09"]
    jumps = jump_links(chapters)
    assert [(j.year, j.anchor, j.months) for j in jumps] == [
        (2018, "m2018-01", (("Jan", "m2018-01"), ("Mar", "m2018-03"), ("Apr", "m2018-04"), ("May", "m2018-05"),
                            ("Jun", "m2018-06"), ("Sep", "m2018-09")))]


def test_a_month_split_by_a_phase_boundary_is_anchored_once(make_site):
    files = {**SITE, "content/meetings/april.md": meeting("April talks", "2018-04-02", ["moon", "chung"])}
    chapters = chronology_chapters(site_of(make_site, files))
    april = [(c.phase.title, m.anchor) for c in chapters if c.phase for y in c.years for m in y.months if m.key == "2018-04"]
    assert april == [("Thaw", "m2018-04"), ("Summits", "")]


def test_the_home_page_heads_chapters_with_their_phase_and_opens_with_an_overview(make_site):
    home = pages(make_site)["index.html"]
    assert '<section class="chrono-phase" id="phase-thaw" aria-labelledby="phase-thaw-title">' in home
    assert '<h2 id="phase-thaw-title">Thaw</h2>' in home
    assert '<p class="phase-summary">Envoys travel.</p>' in home
    assert home.count('<h2 class="year-heading">2018</h2>') == 2, "entries outside every phase keep their year"
    assert '<li class="chrono-item chrono-major" id="meetings-panmunjom"' in home
    assert '<li class="chrono-item" id="meetings-early"' in home
    overview_html = home.split('<section class="overview"', 1)[1].split("</section>\n{% endif %}")[0]
    assert re.search(r'<a href="#phase-thaw">Thaw</a> <span class="phase-meta"><span class="date">March 2018 – '
                     r'26 April 2018</span> · 1 entry</span>', overview_html)
    assert '<a href="./meetings/panmunjom/">Panmunjom summit</a>' in overview_html.split('id="overview-major"')[1]
    assert '<p class="promise-counts">1 proposed · 2 done</p>' in overview_html
    assert '<a href="#m2018-05">May</a>' in home and 'id="m2018-05"' in home


def test_the_overview_counts_milestones_by_current_status_and_explains_the_statuses_shown(make_site):
    site = site_of(make_site)
    shown = overview(site, chronology_chapters(site))
    assert [(status, [m.id for m in group]) for status, group in shown["promises"]] == [
        ("proposed", ["list"]), ("done", ["office", "tests"])]
    assert [status for status, _ in shown["legend"]] == ["proposed", "agreed", "held", "done", "cancelled"]
    assert [(phase.title, count) for phase, count in shown["phases"]] == [("Thaw", 1), ("Summits", 5)]
    assert [m.id for m in shown["major"]] == ["panmunjom"]


def test_a_meeting_page_links_its_neighbours_and_groups_participants_by_country(make_site):
    html = pages(make_site)["meetings/panmunjom/index.html"]
    assert 'rel="prev" href="../../meetings/envoys/"' in html
    assert 'rel="next" href="../../meetings/cancelled/"' in html
    assert re.findall(r'<h3 class="delegation">([^<]+)</h3>', html) == ["South Korea", "North Korea"]
    assert '<p class="kicker">Major meeting</p>' in html
    first = pages(make_site)["meetings/early/index.html"]
    assert 'rel="prev"' not in first and 'rel="next" href="../../meetings/envoys/"' in first
    mixed = pages(make_site)["meetings/envoys/index.html"]
    assert re.findall(r'<h3 class="delegation">([^<]+)</h3>', mixed) == ["South Korea", "North Korea", "Others"]


def test_who_met_whom_counts_held_meetings_and_names_the_rest(make_site):
    site = site_of(make_site)
    pairs = encounters(site)
    chung_kim = pairs[("kim", "chung")]
    assert [m.id for m in chung_kim.held] == ["early", "envoys", "panmunjom"]
    assert [m.id for m in chung_kim.other] == ["cancelled"]
    assert [m.id for m in pairs[("kim", "moon")].held] == ["panmunjom", "late"]
    rows = matrix(site, pairs)
    assert [p.id for p, _ in rows] == ["kim", "chung", "moon", "note"], "by country (none last), then name"
    for i, (row, cells) in enumerate(rows):
        assert cells[i] is None
        for j, cell in enumerate(cells):
            other = rows[j][1][i]
            assert (cell is None) == (other is None) and (cell is None or cell.encounter is other.encounter)
    assert rows[0][1][1].level == 4 and rows[0][1][2].level == 3, "shaded by meetings held, the most in the darkest"
    html = pages(make_site)["who-met-whom/index.html"]
    assert ('<a href="#pair-kim--chung"><span class="visually-hidden">Kim Jong-un and Chung Eui-yong: </span>3'
            '<span class="met-other">+1</span></a>') in html
    assert '<section class="met-pair" id="pair-kim--chung">' in html


def test_a_person_page_lists_whom_they_met_most_often(make_site):
    site = site_of(make_site)
    kim = site.people["kim"]
    assert [(pair.counterpart(kim).id, len(pair.held)) for pair in counterparts(site, kim)] == [
        ("chung", 3), ("moon", 2), ("note", 1)]
    assert len(counterparts(site, kim, limit=2)) == 2
    html = pages(make_site)["people/kim/index.html"]
    assert '<a class="counterpart-count" href="../../who-met-whom/#pair-kim--chung">3 held, 1 not held</a>' in html


def test_native_names_carry_their_language(make_site):
    html = pages(make_site)
    assert '<p class="native-name" translate="no" lang="ko">김정은</p>' in html["people/kim/index.html"]
    assert '<p class="native-name" translate="no" lang="ja">安倍晋三</p>' in html["people/abe/index.html"]
    assert '<span class="native-name" translate="no" lang="ko">김정은</span>' in html["people/index.html"]


def test_the_matrix_keeps_the_people_with_the_most_meetings_and_the_list_keeps_every_pair(make_site, monkeypatch):
    monkeypatch.setattr("generator.site.encounters.MATRIX_MOST", 2)
    html = pages(make_site)["who-met-whom/index.html"]
    rows = re.findall(r'<th scope="row"><a href="../people/([a-z-]+)/">', html)
    assert rows == ["kim", "chung"], "Kim and Chung have the most meetings"
    assert "The table shows the 2 people with the most meetings; the pairs below include the other 2." in html
    assert len(re.findall(r'<section class="met-pair" id=', html)) == 5
