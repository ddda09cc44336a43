"""Filters and the "as of" view of the chronology, and the status-on-a-date view of a milestone."""
from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from generator.content.asknown import current_step, row_on
from generator.content.model import Site

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


def shown_state(state) -> list[str]:
    """What a row's badges say for a state of the model: the status and its planned/overdue flags."""
    return [state.status, *(flag for flag in state.flags if flag != "current")]


def state_of_play_on(model: Site, day: datetime.date) -> list[tuple[str, str]]:
    """(milestone id, status) of each milestone with a step in force on day, in chronology order."""
    found = {}
    for item in model.chronology:
        if item.kind == "milestones" and item.id not in found:
            index = current_step(model, model.milestones[item.id], day)
            if index is not None:
                found[item.id] = model.milestones[item.id].history[index].status
    return list(found.items())


def test_as_of_view_shows_what_was_known_and_meetings_still_ahead_as_planned(page, site_url, model, problems):
    day = model.now
    page.goto(site_url)
    page.get_by_label("As of").fill(day.isoformat())
    known = [(item, row_on(model, item, day)) for item in model.chronology]
    known = [(item, state) for item, state in known if state is not None]
    assert visible_ids(page) == [item.anchor for item, _ in known]
    assert any(state.planned for _, state in known), "the sample site should have a meeting reported before it took place"
    for item, state in known:
        expect(page.locator(f"#{item.anchor} .row-state > span")).to_have_text(shown_state(state))
    entries = page.locator("#state-of-play li").evaluate_all(
        "items => items.map(li => [li.dataset.milestone, li.dataset.status])")
    assert [tuple(entry) for entry in entries] == state_of_play_on(model, day)
    assert page.url.endswith(f"?asof={day.isoformat()}")
    assert problems.found == []


def test_milestone_page_highlights_the_step_in_force_on_a_date(page, site_url, model, problems):
    milestone = next(m for _, m in sorted(model.milestones.items()) if len(m.history) > 1)
    day = model.now
    in_force = current_step(model, milestone, day) + 1
    page.goto(f"{site_url}milestones/{milestone.id}/?asof={day.isoformat()}")
    expect(page.locator(".history li.in-force")).to_have_count(1)
    expect(page.locator(f"#h{in_force}")).to_have_class(re.compile(r"\bin-force\b"))
    expect(page.locator(f"#h{in_force}")).to_have_attribute("aria-current", "true")
    expect(page.locator(".history-asof-result")).to_contain_text(milestone.history[in_force - 1].status)
    before = (day - datetime.timedelta(days=1)).isoformat()
    page.get_by_label("Status on", exact=True).fill(before)
    expect(page.locator(".history-asof-result")).to_contain_text("Nothing was on record yet")
    assert page.url.endswith(f"?asof={before}")
    assert problems.found == []
