"""The "as of" view in Chromium on tests/sites/asknown/, where event days and report days differ.

What each page must show on each day comes from the model (content/asknown.py),
which the Python tests check against the fixture's stories; here the browser
must agree with it on every chosen day, with JavaScript and without.
"""
from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from generator.content.asknown import row_on, sources_in_order

from .test_chronology_views import shown_state, state_of_play_on, visible_ids

D = datetime.date
DAYS = [
    D(2018, 5, 15),   # the summit announced, not yet held
    D(2018, 6, 12),   # the summit held, two promises made there
    D(2018, 7, 19),   # the secret trip made, not yet revealed
    D(2018, 7, 20),   # revealed
    D(2018, 8, 10),   # the missile halt broken two days ago, not yet reported
    D(2018, 8, 15),   # reported
    D(2018, 12, 11),  # the visit to Seoul overdue
]


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_as_of_a_day_the_chronology_shows_what_was_known_then(day, page, asknown_url, asknown_model, problems):
    model = asknown_model
    page.goto(f"{asknown_url}?asof={day.isoformat()}")
    expect(page.get_by_label("As of")).to_have_value(day.isoformat())
    known = [(item, row_on(model, item, day)) for item in model.chronology]
    known = [(item, state) for item, state in known if state is not None]
    assert visible_ids(page) == [item.anchor for item, _ in known]
    for item, state in known:
        row = page.locator(f"#{item.anchor}")
        expect(row.locator(".row-state > span")).to_have_text(shown_state(state))
        published = [model.articles[c.article].title for c in sources_in_order(model, item)][:state.sources]
        expect(row.locator(".citations > li:visible cite > a")).to_have_text(published)
        later = len(sources_in_order(model, item)) - state.sources
        if later:
            expect(row.locator(".chrono-later")).to_contain_text(f"{later} later report")
        else:
            expect(row.locator(".chrono-later:visible")).to_have_count(0)
    entries = page.locator("#state-of-play li[data-milestone]").evaluate_all(
        "items => items.map(li => [li.dataset.milestone, li.dataset.status])")
    assert [tuple(entry) for entry in entries] == state_of_play_on(model, day)
    assert problems.found == []


def test_the_secret_trip_appears_when_it_is_revealed_and_show_all_restores_the_present(page, asknown_url):
    page.goto(f"{asknown_url}?asof=2018-07-19")
    expect(page.locator("#meetings-secret-trip")).to_be_hidden()
    page.get_by_label("As of").fill("2018-07-20")
    expect(page.locator("#meetings-secret-trip")).to_be_visible()
    expect(page.locator("#meetings-seoul-visit")).to_be_hidden()
    page.get_by_role("button", name="Show all").click()
    expect(page.locator("#meetings-seoul-visit .row-state > span")).to_have_text(["scheduled", "overdue"])
    expect(page.locator("#meetings-singapore-summit .citations > li:visible")).to_have_count(2)
    expect(page.locator("#meetings-singapore-summit .chrono-later")).to_be_hidden()
    assert "?" not in page.url


def test_a_milestone_page_shows_the_status_as_reported_not_as_it_happened(page, asknown_url, problems):
    page.goto(f"{asknown_url}milestones/missile-test-halt/?asof=2018-08-10")
    expect(page.locator("#h1")).to_have_attribute("aria-current", "true")
    expect(page.locator("#h2")).to_have_class("history-entry status-broken not-yet-known")
    expect(page.locator(".history-asof-result")).to_have_text("On 10 August 2018 the status was: agreed.")
    page.get_by_label("Status on", exact=True).fill("2018-08-15")
    expect(page.locator("#h2")).to_have_attribute("aria-current", "true")
    expect(page.locator(".history-asof-result")).to_have_text("On 15 August 2018 the status was: broken.")
    page.goto(f"{asknown_url}milestones/seoul-visit-plan/?asof=2018-12-11")
    expect(page.locator(".history-asof-result")).to_have_text("On 11 December 2018 the status was: scheduled, overdue.")
    assert problems.found == []


def test_without_javascript_the_year_end_page_is_the_as_of_view(browser, asknown_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(asknown_url)
    expect(page.locator("#meetings-seoul-visit .row-state > span")).to_have_text(["scheduled", "overdue"])
    page.get_by_role("link", name="31 December 2018").click()
    assert page.url == f"{asknown_url}as-of/2018-12-31/"
    expect(page.get_by_role("heading", name="As known on 31 December 2018")).to_be_visible()
    expect(page.locator(".state-of-play-list li")).to_have_count(4)
    assert page.locator(".chrono-item").count() == page.locator(".chrono-item:visible").count() > 0
    context.close()


def test_on_a_year_end_page_filters_work_but_the_day_is_fixed(page, asknown_url, problems):
    page.goto(f"{asknown_url}as-of/2018-12-31/")
    expect(page.get_by_label("As of")).to_have_count(0)
    page.get_by_label("Kind").select_option("meeting")
    expect(page.locator(".chrono-item:visible")).to_have_count(3)
    expect(page.locator("#meetings-seoul-visit .row-state > span")).to_have_text(["scheduled", "overdue"])
    assert problems.found == []
