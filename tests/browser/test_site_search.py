"""Full-text search from the search box in the page header, with no server behind it."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from generator.content.model import Milestone, Site

from .conftest import BASE_PATH


def search(page, query: str) -> list[str]:
    """Type into the header's search box; the links of every result, loading them all."""
    box = page.locator("#search input[type='text'], #search input[type='search']")
    box.fill(query)
    message = page.locator("#search .pagefind-ui__message")
    # "Searching for …" while it loads, then "3 results for …" or "No results for …"
    expect(message).to_have_text(re.compile(rf"^(\d+ results?|No results) for {re.escape(query)}$"))
    found = re.match(r"\d+", message.text_content())
    more = page.locator("#search .pagefind-ui__button")
    while more.is_visible():
        more.click()
    links = page.locator("#search .pagefind-ui__result-link")
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
    excerpt = page.locator("#search .pagefind-ui__result-excerpt mark").first
    expect(excerpt).to_have_text(re.compile(word, re.IGNORECASE))
