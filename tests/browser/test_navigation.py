"""A reader finds their way from the chronology to every kind of page by clicking."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import BASE_PATH

LINKS_FROM_THE_CHRONOLOGY = {
    "people": ".chrono-item .chrono-people a",
    "meetings": ".chrono-item[data-kind='meeting'] .chrono-title a",
    "milestones": ".chrono-item[data-kind='milestone'] .chrono-title a",
    "articles": ".chrono-item .chrono-sources a",
}


@pytest.mark.parametrize("kind", sorted(LINKS_FROM_THE_CHRONOLOGY))
def test_click_from_the_chronology_opens_the_linked_page(kind, page, site_url, model, problems):
    page.goto(site_url)
    link = page.locator(LINKS_FROM_THE_CHRONOLOGY[kind]).first
    href = urlsplit(urljoin(page.url, link.get_attribute("href") or ""))
    match = re.fullmatch(rf"{re.escape(BASE_PATH)}{kind}/([a-z0-9-]+)/(#[\w-]+)?",
                         href.path + (f"#{href.fragment}" if href.fragment else ""))
    assert match, f"the chronology's first {kind} link goes to {href!r}, not to a {kind} page under {BASE_PATH}"
    link.click()
    expect(page).to_have_url(re.compile(re.escape(site_url + f"{kind}/{match[1]}/")))
    expect(page.locator("main h1")).to_have_text(model.get(kind, match[1]).title)
    if match[2]:
        expect(page.locator(match[2])).to_be_attached()
    assert problems.found == []
