"""What was known when, on pages: the fixture site tests/sites/asknown/, where event days and report days differ.

Its articles report a summit before it took place, a secret trip weeks after
it, a broken promise a week after the break, two promises made at the summit
(on its day), and a visit planned for 10 December 2018 that nothing reports
again; the latest article, and so the site's "now", is of 28 February 2019.
"""
from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from generator.content.asknown import changes, row_on, rows_of
from generator.content.read import read_site
from generator.site.pages import chronology_context
from generator.site.plan import Page
from generator.site.render import Renderer, render_site
from generator.site.theme import load_theme

SITE = Path(__file__).parent / "sites" / "asknown"
D = datetime.date


@pytest.fixture(scope="module")
def site():
    site, diagnostics = read_site(SITE, strict=True)
    assert [d.format() for d in diagnostics.sorted()] == []
    return site


@pytest.fixture(scope="module")
def renderer(site):
    return Renderer(site, load_theme(SITE, "default"), {})


def chronology_on(renderer, day: datetime.date | None) -> str:
    """The chronology page as known on day (the present view without one), as HTML."""
    return renderer.page(Page("", "chronology.html", "content/", "As of", chronology_context(renderer.site, day))).decode()


def row(html: str, anchor: str) -> str | None:
    """The HTML of one chronology row, or None when the page leaves it out."""
    found = re.search(rf'<li class="chrono-item" id="{anchor}".*?(?=<li class="chrono-item"|</ol>)', html, re.DOTALL)
    return found.group(0) if found else None


def badges(row_html: str) -> list[str]:
    """The status and its flags, as the row shows them."""
    state = re.search(r'<span class="row-state">(.*?)</span></p>', row_html).group(1)
    return re.findall(r'class="(?:status|flag) [^"]*">([^<]*)<', state)


def citations(row_html: str) -> list[str]:
    return re.findall(r'<cite class="citation"><a href="[^"]*">([^<]*)</a>', row_html)


def row_ids(html: str) -> list[str]:
    return re.findall(r'<li class="chrono-item" id="([^"]+)"', html)


def test_a_secret_meeting_is_left_out_until_an_article_reveals_it(renderer):
    assert row(chronology_on(renderer, D(2018, 7, 19)), "meetings-secret-trip") is None
    revealed = row(chronology_on(renderer, D(2018, 7, 20)), "meetings-secret-trip")
    assert badges(revealed) == ["held"]
    assert citations(revealed) == ["Envoy made a secret trip to Pyongyang in early July"]


def test_a_meeting_reported_before_it_was_held_reads_planned_with_the_earlier_source_only(renderer):
    before = row(chronology_on(renderer, D(2018, 6, 11)), "meetings-singapore-summit")
    assert badges(before) == ["scheduled", "planned"]
    assert citations(before) == ["Leaders to meet in Singapore on 12 June"]
    assert '<p class="chrono-later">1 later report not shown: <a href="./#meetings-singapore-summit">present view</a></p>' \
        in before
    on_the_day = row(chronology_on(renderer, D(2018, 6, 12)), "meetings-singapore-summit")
    assert badges(on_the_day) == ["held"]
    assert citations(on_the_day) == ["Leaders to meet in Singapore on 12 June", "Leaders sign a statement in Singapore"]
    assert "chrono-later" not in on_the_day


def test_a_status_change_counts_from_the_day_it_was_reported(renderer, site):
    halt = site.milestones["missile-test-halt"]
    assert halt.status_on(D(2018, 8, 10)).status == "broken"       # the day it happened, in hindsight
    a_week_later = chronology_on(renderer, D(2018, 8, 10))
    assert row(a_week_later, "milestones-missile-test-halt-2") is None
    assert badges(row(a_week_later, "milestones-missile-test-halt-1")) == ["agreed"]
    assert re.search(r'data-milestone="missile-test-halt" data-status="agreed">', a_week_later)
    reported = chronology_on(renderer, D(2018, 8, 15))
    assert badges(row(reported, "milestones-missile-test-halt-2")) == ["broken"]
    assert re.search(r'data-milestone="missile-test-halt" data-status="broken">', reported)


def test_the_promises_of_a_meeting_follow_it_on_its_day(renderer):
    ids = row_ids(chronology_on(renderer, None))
    day = ids[ids.index("meetings-singapore-summit"):][:3]
    # The promises' titles sort before the summit's; the meeting still comes first.
    assert day == ["meetings-singapore-summit", "milestones-complete-denuclearization-1", "milestones-return-of-remains-1"]


def test_a_plan_with_no_follow_up_is_overdue_once_its_day_has_passed(renderer, site):
    assert site.now == D(2019, 2, 28)
    present = row(chronology_on(renderer, None), "meetings-seoul-visit")
    assert badges(present) == ["scheduled", "overdue"]
    assert badges(row(chronology_on(renderer, D(2018, 10, 1)), "meetings-seoul-visit")) == ["scheduled", "planned"]
    assert badges(row(chronology_on(renderer, D(2018, 12, 10)), "meetings-seoul-visit")) == ["scheduled"]
    assert badges(row(chronology_on(renderer, D(2018, 12, 11)), "meetings-seoul-visit")) == ["scheduled", "overdue"]
    step = rows_of(site, "milestones", "seoul-visit-plan")[0]
    assert row_on(site, step).overdue and not row_on(site, step, D(2018, 12, 10)).overdue


def test_entry_pages_say_overdue_beside_the_status(site):
    files = render_site(site, load_theme(SITE, "default"))
    meeting = files["meetings/seoul-visit/index.html"].decode()
    assert ('<dt>Status<span class="visually-hidden">:</span></dt> <dd><span class="status status-scheduled">scheduled</span> '
            '<span class="flag flag-overdue">overdue</span></dd>') in meeting
    milestone = files["milestones/seoul-visit-plan/index.html"].decode()
    assert ('<p class="current-status">Now <span class="status status-scheduled">scheduled</span> '
            '<span class="flag flag-overdue">overdue</span></p>') in milestone
    held = files["meetings/singapore-summit/index.html"].decode()
    assert "flag-overdue" not in held


def test_each_year_end_before_now_has_a_prebuilt_page_linked_from_the_chronology(site):
    files = render_site(site, load_theme(SITE, "default"))
    assert sorted(path for path in files if path.startswith("as-of/")) == ["as-of/2018-12-31/index.html"]
    home = files["index.html"].decode()
    assert '<a href="./as-of/2018-12-31/">31 December 2018</a>' in home
    page = files["as-of/2018-12-31/index.html"].decode()
    assert "<title>As known on 31 December 2018 · As known: a test chronology</title>" in page
    assert '<div id="chrono-controls" data-as-of="2018-12-31"></div>' in page
    assert badges(row(page, "meetings-seoul-visit")) == ["scheduled", "overdue"]
    assert "Sources" in row(page, "meetings-singapore-summit")
    assert row(page, "meetings-seoul-visit") and "year-in-review" not in page
    state = re.findall(r'<li data-milestone="([^"]+)" data-status="([^"]+)">', page)
    assert state == [("missile-test-halt", "broken"), ("complete-denuclearization", "agreed"),
                     ("return-of-remains", "agreed"), ("seoul-visit-plan", "scheduled")]


def test_the_data_site_js_reads_is_the_model_state_on_each_day(renderer, site):
    """site.js finds a day's state among these changes: they must agree with the model on every day."""
    html = chronology_on(renderer, None)
    for item in site.chronology:
        written = re.search(rf'id="{item.anchor}"[^>]* data-changes="([^"]*)"', html).group(1)
        days = [D.fromisoformat(change.split(" ", 1)[0]) for change in written.split(";")]
        assert days == [day for day, _ in changes(site, item)]
        for day in (D(2018, 5, 1) + datetime.timedelta(days=n) for n in range(0, 320, 3)):
            in_force = [change.split(" ", 1)[1] for change in written.split(";")
                        if D.fromisoformat(change.split(" ", 1)[0]) <= day]
            state = row_on(site, item, day)
            expected = "hidden" if state is None else f"{state.status} {','.join(state.flags) or '-'} {state.sources}"
            assert (in_force[-1] if in_force else "hidden") == expected, (item.anchor, day)


def test_a_plan_dated_to_the_last_possible_year_has_no_day_after_it(make_site):
    site, _ = read_site(make_site({
        "site.yaml": "title: Far\n",
        "content/meetings/far.md": "---\ntitle: Far\ndate: 99XX\nstatus: scheduled\n---\n",
    }))
    [item] = site.chronology
    assert changes(site, item) == ((D(9900, 1, 1), row_on(site, item, D(9900, 1, 1))),)
    assert "Far" in chronology_on(Renderer(site, load_theme(SITE, "default"), {}), None)
