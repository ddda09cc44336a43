"""Full-text search from the search box in the page header, with no server behind it."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from generator.content.model import Milestone, Site

from .conftest import BASE_PATH


def search(page, query: str) -> list[str]:
    """Type into the header's search box; the links of every result, loading them all."""
    page.locator("#search-input").fill(query)
    status = page.locator("#search .search-status")
    expect(status).to_have_text(re.compile(rf"^(\d+ results?|No results) for “{re.escape(query)}”\.?$"))
    found = re.match(r"\d+", status.text_content())
    more = page.locator("#search .search-more")
    links = page.locator("#search .search-link")
    if found:
        expect(links.first).to_be_visible()
    while more.is_visible():
        count = links.count()
        more.click()
        expect(links).not_to_have_count(count)
    expect(links).to_have_count(int(found[0]) if found else 0)
    return links.evaluate_all("links => links.map(a => a.pathname)")


def words(*texts: str | None) -> set[str]:
    return set(re.findall(r"[a-z]{6,}", " ".join(t or "" for t in texts).lower()))


def rare_note_word(model: Site) -> tuple[Milestone, str]:
    """A milestone and a word that, of all the milestone pages, only its history notes have."""
    def notes(milestone: Milestone) -> set[str]:
        return words(*(entry.note for entry in milestone.history))

    def rest(milestone: Milestone) -> set[str]:
        return words(milestone.title, milestone.summary, milestone.body,
                     *(entry.source.quote for entry in milestone.history if entry.source))

    milestones = sorted(model.milestones.values(), key=lambda m: m.id)
    for milestone in milestones:
        others = set().union(*(notes(m) | rest(m) for m in milestones if m is not milestone))
        candidates = sorted(notes(milestone) - rest(milestone) - others)
        if candidates:
            return milestone, candidates[0]
    raise AssertionError("no milestone note has a word of its own to search for")


def test_search_finds_a_milestone_by_a_word_in_its_history_note(page, site_url, model, problems):
    milestone, word = rare_note_word(model)
    page.goto(site_url)
    assert f"{BASE_PATH}milestones/{milestone.id}/" in search(page, word)
    assert problems.found == []


def test_search_finds_a_person_by_a_hangul_name(page, site_url, model, problems):
    person = next(p for _, p in sorted(model.people.items()) if p.native_name)
    page.goto(site_url + "meetings/")
    assert f"{BASE_PATH}people/{person.id}/" in search(page, person.native_name)
    assert problems.found == []


def test_search_finds_a_person_whether_the_name_is_written_with_or_without_hyphens(page, site_url, model):
    person = next(p for _, p in sorted(model.people.items()) if "-" in p.name)
    page.goto(site_url)
    for spelling in (person.name, person.name.replace("-", " "), person.name.replace("-", "")):
        assert search(page, spelling)[0] == f"{BASE_PATH}people/{person.id}/", spelling


def test_search_results_show_an_excerpt_with_the_words_found(page, site_url, model):
    milestone, word = rare_note_word(model)
    page.goto(site_url)
    search(page, word)
    excerpt = page.locator("#search .search-excerpt mark").first
    expect(excerpt).to_have_text(re.compile(word, re.IGNORECASE))


def test_a_persons_own_page_ranks_first_for_their_name(page, site_url, model):
    page.goto(site_url)
    for person in sorted(model.people.values(), key=lambda p: p.id):
        assert search(page, person.name)[0] == f"{BASE_PATH}people/{person.id}/", person.name


def test_results_open_over_the_page_without_moving_it(phone_page, site_url, model):
    phone_page.goto(site_url + "meetings/")
    heading = phone_page.locator("main h1").bounding_box()
    results = search(phone_page, next(iter(sorted(model.people.values(), key=lambda p: p.id))).name)
    assert results
    panel = phone_page.locator("#search-results")
    expect(panel).to_be_visible()
    assert phone_page.locator("main h1").bounding_box() == heading
    box = panel.bounding_box()
    assert box["y"] < heading["y"] + heading["height"], "the results cover the page rather than push it down"
    assert 0 <= box["x"] and box["x"] + box["width"] <= 375
    phone_page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(phone_page.locator("#search-input")).to_be_focused()


def test_the_search_engine_loads_only_when_the_box_is_used(page, site_url):
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(site_url, wait_until="networkidle")
    assert not [url for url in asked if "/pagefind/" in url]
    page.locator("#search-input").focus()
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/pagefind/pagefind.js") for url in asked)


def test_the_box_has_a_visible_label_and_readable_colours_in_light_and_dark(browser, site_url):
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(site_url)
        label = page.locator("label[for='search-input']")
        expect(label).to_be_visible()
        colours = page.evaluate("""() => {
            const input = document.getElementById('search-input');
            const style = getComputedStyle(input), placeholder = getComputedStyle(input, '::placeholder');
            return {text: style.color, placeholder: placeholder.color, background: style.backgroundColor,
                    page: getComputedStyle(document.body).backgroundColor, font: style.fontFamily,
                    siteFont: getComputedStyle(document.querySelector('.site-nav a')).fontFamily};
        }""")
        assert colours["background"] == colours["page"], scheme
        assert contrast(colours["placeholder"], colours["background"]) >= 4.5, (scheme, colours)
        assert contrast(colours["text"], colours["background"]) >= 4.5, (scheme, colours)
        assert colours["font"] == colours["siteFont"], scheme
        context.close()


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two CSS rgb() colours."""
    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
