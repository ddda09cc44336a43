"""The built site opened from disk (file://): styles apply, links open pages, search says it needs a server.

Browsers show a folder listing for a link to a folder over file://; site.js
points such links at the folder's index.html when the page comes from disk.
"""
from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect


def styled(page) -> bool:
    """Whether the theme's style sheet applied (a browser keeps its rules from file: pages to itself):
    the navigation laid out in a row, and the theme's fonts."""
    return page.evaluate("""() => {
        const nav = getComputedStyle(document.querySelector('.site-nav ul'));
        return nav.display === 'flex' && nav.listStyleType === 'none'
            && getComputedStyle(document.body).fontFamily.includes('Georgia');
    }""")


def test_the_home_page_opened_from_disk_has_its_styles_and_working_links(page, built_site: Path, model, problems):
    page.goto((built_site / "index.html").as_uri())
    assert styled(page)
    # A person's page, two folders down, and back up to a meeting through its own relative links.
    person = min(model.people)
    page.locator(f".chrono-people a[href*='people/{person}/']").first.click()
    expect(page).to_have_url((built_site / "people" / person / "index.html").as_uri())
    expect(page.locator("main h1")).to_have_text(model.people[person].name)
    assert styled(page)
    page.locator(".site-nav a", has_text="Meetings").click()
    expect(page).to_have_url((built_site / "meetings" / "index.html").as_uri())
    page.locator("main .index-table a").first.click()
    expect(page).to_have_url(re.compile(re.escape((built_site / "meetings").as_uri()) + r"/[a-z0-9-]+/index\.html$"))
    page.locator(".site-title").click()
    expect(page).to_have_url((built_site / "index.html").as_uri())
    assert problems.found == []


def test_every_internal_link_from_disk_names_a_file(page, built_site: Path, problems):
    for start in ("index.html", "timeline/index.html", "people/index.html"):
        page.goto((built_site / start).as_uri())
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map((link) => link.href)")
        internal = [href for href in hrefs if href.startswith("file:")]
        assert internal, start
        for href in internal:
            path = Path(re.sub(r"[?#].*$", "", href.removeprefix("file://")))
            assert path.is_file(), f"{start} links to {href}, which is no file"
    assert problems.found == []


def test_the_filters_work_from_disk(page, built_site: Path, problems):
    page.goto((built_site / "index.html").as_uri() + "?status=held")
    expect(page.locator("#chrono-status")).to_have_value("held")
    shown = page.locator(".chrono-item:not([hidden])")
    assert shown.count() > 0
    assert all(status == "held" for status in shown.evaluate_all("items => items.map((i) => i.dataset.status)"))
    assert problems.found == []


def test_search_from_disk_says_it_needs_a_web_server(page, built_site: Path, problems):
    page.goto((built_site / "people" / "index.html").as_uri())
    expect(page.locator("#search .search-offline")).to_have_text(
        "Search needs the site on a web server: run chrono serve, or open the published site.")
    assert page.locator("#search input").count() == 0
    assert problems.found == []


def test_the_tag_filter_shows_only_the_tagged_entries(page, built_site: Path, model, problems):
    tag = next(tag for tag in model.tags.values() if any(kind == "milestones" for kind, _ in tag.entries))
    page.goto((built_site / "index.html").as_uri())
    page.select_option("#chrono-tag", tag.id)
    tagged = {id for kind, id in tag.entries}
    shown = page.locator(".chrono-item:not([hidden])").evaluate_all("items => items.map((i) => i.dataset.id)")
    expected = [item.id for item in model.chronology if item.id in tagged]
    assert shown == expected and shown
    expect(page.locator("#chrono-tag option:checked")).to_have_text(tag.name)
    page.locator(".chrono-item:not([hidden]) a.tag").first.click()     # a row's tag opens the tag's page
    expect(page).to_have_url((built_site / "tags" / tag.id / "index.html").as_uri())
    expect(page.locator("main h1")).to_have_text(tag.name)
    assert problems.found == []
