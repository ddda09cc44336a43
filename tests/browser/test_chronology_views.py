"""Filters and the "as of" view of the chronology, and the status-on-a-date view of a milestone."""
from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from generator.content.model import Milestone, Site

ITEMS = ".chrono-item"


def visible_ids(page) -> list[str]:
    return page.locator(f"{ITEMS}:visible").evaluate_all("items => items.map(li => li.id)")


def items_where(page, predicate: str) -> list[str]:
    """Ids of the chronology items whose data attributes satisfy a JavaScript predicate on `d` (dataset)."""
    return page.locator(ITEMS).evaluate_all(f"items => items.filter(li => {{ const d = li.dataset; return {predicate}; }})"
                                            ".map(li => li.id)")


def test_without_javascript_the_whole_chronology_shows(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "?person=nobody&asof=1900-01-01")
    assert page.locator(ITEMS).count() > 0
    assert visible_ids(page) == page.locator(ITEMS).evaluate_all("items => items.map(li => li.id)")
    assert page.locator("#chrono-controls").inner_html() == ""
    context.close()


def test_person_filter_narrows_the_chronology_and_the_url_keeps_it(page, site_url, model, problems):
    page.goto(site_url)
    months = page.locator(".chrono-month").evaluate_all("months => months.map(m => m.dataset.month)")
    person = next(p for p in sorted(model.people)
                  if 0 < len(months_with(page, p)) < len(months))   # someone in some months only
    page.get_by_label("Person").select_option(person)
    expect(page.locator("#chrono-controls select[name='person'] option:checked")).to_have_text(model.people[person].name)
    expected = items_where(page, f"d.people.split(' ').includes('{person}')")
    assert visible_ids(page) == expected
    assert visible_months(page) == months_with(page, person)
    assert page.url == f"{site_url}?person={person}"
    page.reload()
    expect(page.get_by_label("Person")).to_have_value(person)
    assert visible_ids(page) == expected
    assert visible_months(page) == months_with(page, person)
    assert problems.found == []


def months_with(page, person: str) -> list[str]:
    return page.locator(".chrono-month").evaluate_all(
        f"months => months.filter(m => [...m.querySelectorAll('{ITEMS}')]"
        f".some(li => li.dataset.people.split(' ').includes('{person}'))).map(m => m.dataset.month)")


def visible_months(page) -> list[str]:
    return page.locator(".chrono-month:visible").evaluate_all("months => months.map(m => m.dataset.month)")


@pytest.mark.parametrize("name, attribute", [("kind", "kind"), ("track", "tracks"), ("status", "status")])
def test_each_filter_narrows_the_chronology_to_matching_items(name, attribute, page, site_url):
    page.goto(site_url)
    select = page.locator(f"#chrono-controls select[name='{name}']")
    value = select.locator("option").nth(1).get_attribute("value")
    select.select_option(value)
    assert visible_ids(page) == items_where(page, f"(d.{attribute} || '').split(' ').includes('{value}')")
    assert f"{name}={value}" in page.url
    page.get_by_role("button", name="Show all").click()
    assert len(visible_ids(page)) == page.locator(ITEMS).count()
    assert "?" not in page.url


def day_between_two_entries(model: Site) -> tuple[Milestone, datetime.date]:
    """A milestone and a day after one history entry took effect and before the next did."""
    for _, milestone in sorted(model.milestones.items()):
        starts = milestone.starts()
        for earlier, later in zip(starts, starts[1:]):
            if (later - earlier).days >= 2:
                return milestone, earlier + datetime.timedelta(days=1)
    raise AssertionError("no milestone has two history entries at least two days apart")


def test_as_of_view_shows_the_status_a_milestone_had_between_two_history_entries(page, site_url, model, problems):
    milestone, day = day_between_two_entries(model)
    page.goto(site_url)
    page.get_by_label("As of").fill(day.isoformat())
    entry = page.locator(f"#state-of-play li[data-milestone='{milestone.id}']")
    expect(entry).to_have_attribute("data-status", milestone.status_on(day).status)
    expect(entry.locator(".status")).to_have_text(milestone.status_on(day).status)
    assert page.url.endswith(f"?asof={day.isoformat()}")
    assert problems.found == []


def test_as_of_view_shows_what_had_happened_and_known_meetings_still_ahead_as_planned(page, site_url, model):
    day = max(article.published_day for article in model.articles.values()).isoformat()
    page.goto(f"{site_url}?asof={day}")
    expect(page.get_by_label("As of")).to_have_value(day)
    happened = items_where(page, f"d.start <= '{day}'")
    planned = items_where(page, f"d.kind === 'meeting' && d.start > '{day}' && d.known && d.known <= '{day}'")
    assert planned, "the sample site should have a meeting reported before it took place"
    assert visible_ids(page) == [id for id in items_where(page, "true") if id in happened + planned]
    marked = page.locator(f"{ITEMS}.chrono-planned").evaluate_all("items => items.map(li => li.id)")
    assert marked == planned
    for id in planned:
        expect(page.locator(f"#{id} .chrono-planned-badge")).to_have_text("planned")


def test_milestone_page_highlights_the_entry_in_force_on_a_date(page, site_url, model, problems):
    milestone, day = day_between_two_entries(model)
    in_force = milestone.history.index(milestone.status_on(day)) + 1
    page.goto(f"{site_url}milestones/{milestone.id}/?asof={day.isoformat()}")
    expect(page.locator(".history li.in-force")).to_have_count(1)
    expect(page.locator(f"#h{in_force}")).to_have_class(re.compile(r"\bin-force\b"))
    expect(page.locator(".history-asof-result")).to_contain_text(milestone.status_on(day).status)
    later = milestone.starts()[in_force].isoformat()
    page.get_by_label("Status on", exact=True).fill(later)
    expect(page.locator(f"#h{in_force + 1}")).to_have_attribute("aria-current", "true")
    assert page.url.endswith(f"?asof={later}")
    assert problems.found == []
