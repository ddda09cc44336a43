"""Every page loads cleanly, fits a phone screen, and has no serious accessibility problem."""
from __future__ import annotations

import json

from .pages import every_page, one_page_of_each_kind

SERIOUS = {"serious", "critical"}


def test_no_console_errors_or_failed_requests_on_any_page(page, site_url, built_site, problems):
    paths = every_page(built_site)
    assert len(paths) > 10
    for path in paths:
        page.goto(site_url + path, wait_until="networkidle")
    assert problems.found == []


def test_no_horizontal_scrolling_at_375_px_on_any_page(phone_page, site_url, built_site):
    too_wide = {}
    for path in every_page(built_site):
        phone_page.goto(site_url + path, wait_until="networkidle")
        scroll, client = phone_page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            too_wide[path or "/"] = f"{scroll} px of content in a {client} px window"
    assert too_wide == {}


def test_axe_finds_no_serious_or_critical_violation_on_each_kind_of_page(page, site_url, model, axe_script):
    violations = {}
    for path in one_page_of_each_kind(model):
        page.goto(site_url + path, wait_until="networkidle")
        page.add_script_tag(path=str(axe_script))
        found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        serious = [{"rule": v["id"], "impact": v["impact"], "help": v["help"],
                    "where": [node["target"] for node in v["nodes"]][:5]}
                   for v in found if v["impact"] in SERIOUS]
        if serious:
            violations[path or "/"] = serious
    assert violations == {}, json.dumps(violations, indent=2)


def test_axe_finds_no_serious_violation_in_the_chronology_controls_in_use(page, site_url, model, axe_script):
    day = max(article.published_day for article in model.articles.values()).isoformat()
    page.goto(f"{site_url}?asof={day}", wait_until="networkidle")
    page.locator("#search-input").fill(next(iter(sorted(model.people.values(), key=lambda p: p.id))).name)
    page.locator("#search .search-link").first.wait_for()
    page.add_script_tag(path=str(axe_script))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    assert [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in found if v["impact"] in SERIOUS] == []
