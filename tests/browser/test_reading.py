"""Reading the story at a glance: nothing overlaps on a phone, the timeline fits, the overview and
the who-met-whom page say what the content says, and meetings link their neighbours."""
from __future__ import annotations

import re

import pytest

from generator.content.model import Site

from .layout import OVERLAPPING_TEXT, PAGE_WIDTHS
from .pages import one_page_of_each_kind


@pytest.mark.parametrize("width", [320, 375])
def test_no_two_runs_of_text_overlap_on_any_kind_of_page(width, browser, site_url, model):
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    found = {}
    for path in [*one_page_of_each_kind(model), "who-met-whom/",
                 *(f"meetings/{id}/" for id in sorted(model.meetings))]:
        page.goto(site_url + path, wait_until="networkidle")
        overlaps = page.evaluate(OVERLAPPING_TEXT)
        if overlaps:
            found[path or "/"] = overlaps
    context.close()
    assert found == {}


@pytest.mark.parametrize("width", [375, 1280])
def test_the_timeline_shows_its_whole_span_without_scrolling(width, browser, site_url):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + "timeline/", wait_until="networkidle")
    assert page.evaluate(PAGE_WIDTHS)[0] <= width
    box = page.evaluate("(() => { const b = document.querySelector('.tl-box'); "
                        "return [b.scrollWidth, b.clientWidth, b.getBoundingClientRect().right]; })()")
    assert box[0] <= box[1], f"the timeline's {box[0]} px do not fit its {box[1]} px box"
    assert box[2] <= width
    marks = page.locator(".tl-mark").evaluate_all("marks => marks.map(m => { const r = m.querySelector('.tl-bar')"
                                                  ".getBoundingClientRect(); return [r.left, r.right]; })")
    left, right = page.evaluate("(() => { const r = document.querySelector('.tl-track').getBoundingClientRect(); "
                                "return [r.left, r.right]; })()")
    assert all(left <= a and b <= right + 0.5 for a, b in marks), "every bar lies on the track"
    assert page.evaluate(OVERLAPPING_TEXT) == []
    context.close()


def test_a_cut_timeline_label_reads_in_full_on_hover_and_on_focus(browser, site_url, model):
    context = browser.new_context(viewport={"width": 320, "height": 900})
    page = context.new_page()
    page.goto(site_url + "timeline/", wait_until="networkidle")
    cut = page.locator(".tl-mark").evaluate_all("""marks => marks.map((m, i) => {
        const label = m.querySelector('.tl-label');
        return [i, label.scrollWidth > label.clientWidth + 1 || label.getBoundingClientRect().width <= 1];
    }).filter(([, cut]) => cut).map(([i]) => i)""")
    assert cut, "at 320 px some label of the sample timeline is cut or hidden"
    for index in cut:
        mark = page.locator(".tl-mark").nth(index)
        title = mark.locator(".tl-label").text_content()
        for reveal in (lambda: mark.locator(".tl-hit").hover(), lambda: mark.locator(".tl-hit").focus()):
            page.mouse.move(0, 0)
            page.locator("h1").click()
            reveal()
            label = mark.locator(".tl-label")
            width = label.evaluate("l => [l.scrollWidth, l.clientWidth, l.getBoundingClientRect().width]")
            assert width[0] <= width[1] + 1 and width[2] > 1, (title, width)
            assert label.is_visible()
    context.close()


def test_zoom_widens_the_track_and_the_box_then_scrolls(page, site_url):
    page.goto(site_url + "timeline/", wait_until="networkidle")
    before = page.evaluate("document.querySelector('.tl-track').getBoundingClientRect().width")
    page.locator("label[for='tl-zoom-4']").click()
    after = page.evaluate("document.querySelector('.tl-track').getBoundingClientRect().width")
    assert after == pytest.approx(4 * before, rel=0.01)
    assert page.evaluate(PAGE_WIDTHS)[0] <= 1280, "the page itself does not scroll sideways"


def test_meetings_link_the_previous_and_next_in_the_chronology(page, site_url, model: Site):
    order = [item.id for item in model.chronology if item.kind == "meetings"]
    assert len(order) >= 2
    for index, id in enumerate(order):
        page.goto(f"{site_url}meetings/{id}/")
        previous = page.locator("a[rel='prev']")
        following = page.locator("a[rel='next']")
        if index:
            assert previous.get_attribute("href").endswith(f"/meetings/{order[index - 1]}/")
        else:
            assert previous.count() == 0
        if index + 1 < len(order):
            assert following.get_attribute("href").endswith(f"/meetings/{order[index + 1]}/")
        else:
            assert following.count() == 0


def test_meeting_participants_are_grouped_by_country(page, site_url, model: Site):
    meeting = next(m for _, m in sorted(model.meetings.items())
                   if len({model.people[p.person].country for p in m.participants}) > 1)
    page.goto(f"{site_url}meetings/{meeting.id}/")
    groups = page.locator(".delegation").all_text_contents()
    countries = list(dict.fromkeys(model.people[p.person].country for p in meeting.participants))
    assert groups == [country or "Others" for country in sorted(countries, key=lambda c: c is None)]


def test_the_overview_lists_every_milestone_with_its_status(page, site_url, model: Site):
    page.goto(site_url)
    shown = page.locator(".promise-group").evaluate_all("""groups => groups.flatMap(g =>
        [...g.querySelectorAll('li a')].map(a => [a.pathname, g.dataset.status,
            g.querySelector('.status').textContent, g.querySelector('.promise-count').textContent]))""")
    assert sorted((path, status) for path, status, _, _ in shown) == sorted(
        (f"{site_url_path(site_url)}milestones/{m.id}/", m.status) for m in model.milestones.values())
    for _, status, badge, count in shown:
        assert badge == status and int(count) == sum(m.status == status for m in model.milestones.values())
    legend = page.locator(".status-legend dt").all_text_contents()
    assert set(legend) == {item.status for item in model.chronology}
    phases = page.locator(".phase-list > li > .phase-line > a").all_text_contents()
    assert phases == [phase.title for phase in model.config.phases]
    major = page.locator(".overview-major a").all_text_contents()
    assert major == [m.title for m in sorted(model.meetings.values(), key=lambda m: m.date.sort_key()) if m.major]
    assert major, "the sample site marks a major meeting"


def test_jump_links_lead_to_each_month(page, site_url):
    page.goto(site_url)
    links = page.locator(".jump-links a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert links
    for href in links:
        assert page.locator(href).count() == 1, href


def test_who_met_whom_counts_the_meetings_each_pair_held(page, site_url, model: Site):
    page.goto(site_url + "who-met-whom/")
    cells = page.locator(".met-cell a").evaluate_all("""links => links.map(a => {
        const cell = a.closest('td'), row = cell.parentElement;
        const column = row.closest('table').querySelectorAll('thead th')[cell.cellIndex - 1];
        return [row.querySelector('th a').pathname.split('/').at(-2), column.textContent.trim(),
                a.childNodes[1].textContent, a.getAttribute('href')];
    })""")
    names = {person.name: id for id, person in model.people.items()}
    expected = {}
    for meeting in model.meetings.values():
        ids = {p.person for p in meeting.participants}
        for a in ids:
            for b in ids - {a}:
                expected[(a, b)] = expected.get((a, b), 0) + (meeting.status == "held")
    assert {(row, names[column]): int(count) for row, column, count, _ in cells} == expected
    for _, _, _, href in cells:
        pair = page.locator(href)
        assert pair.count() == 1
        listed = pair.locator("li a").evaluate_all("links => links.map(a => a.pathname.split('/').at(-2))")
        assert listed, href


def site_url_path(site_url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", site_url)
