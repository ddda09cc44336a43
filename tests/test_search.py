"""The Pagefind index: what goes in, under which URL, and that it is reproducible."""
from __future__ import annotations

import gzip
import json

import pytest

from generator.site.search import SearchIndexError, search_index
from generator.content.urls import Urls


def page(title: str, text: str) -> bytes:
    return (f'<!DOCTYPE html><html lang="en"><head><title>{title}</title></head>'
            f'<body><main><h1>{title}</h1><p>{text}</p></main></body></html>').encode()


def fragments(bundle: dict[str, bytes]) -> list[dict]:
    """The indexed pages: each fragment is gzip of 'pagefind_dcd' followed by JSON."""
    return [json.loads(gzip.decompress(body).removeprefix(b"pagefind_dcd"))
            for path, body in sorted(bundle.items()) if path.endswith(".pf_fragment")]


PAGES = {
    "index.html": page("Chronology", "Every meeting."),
    "people/kim-jong-un/index.html": page("Kim Jong-un", "Kim Jong Un, 김정은."),
    "milestones/kaesong/index.html": page("Kaesong office", "Indefinitely delayed over sanctions."),
}


@pytest.fixture(scope="module")
def bundle() -> dict[str, bytes]:
    return search_index(PAGES, Urls("/chronology/"))


def test_indexes_every_page_given_under_its_base_path_url(bundle):
    assert sorted(f["url"] for f in fragments(bundle)) == [
        "/chronology/", "/chronology/milestones/kaesong/", "/chronology/people/kim-jong-un/"]


def test_indexes_page_text_including_hangul(bundle):
    person = next(f for f in fragments(bundle) if f["url"].endswith("kim-jong-un/"))
    assert person["meta"]["title"] == "Kim Jong-un"
    assert "김정은" in person["content"]


def test_ships_the_search_ui_and_engine_under_pagefind(bundle):
    assert {"pagefind/pagefind.js", "pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css",
            "pagefind/pagefind-entry.json"} <= set(bundle)
    assert all(path.startswith("pagefind/") for path in bundle)


def test_same_pages_in_the_same_order_give_the_same_bytes(bundle):
    assert search_index(dict(PAGES), Urls("/chronology/")) == bundle


def test_user_site_urls_start_at_the_root():
    urls = sorted(f["url"] for f in fragments(search_index({"index.html": page("Home", "Text.")}, Urls("/"))))
    assert urls == ["/"]


def test_missing_pagefind_program_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("generator.site.search.get_executable", lambda: None)
    with pytest.raises(SearchIndexError, match=r"install the package 'pagefind\[extended\]'"):
        search_index(PAGES, Urls("/"))


def test_pagefind_program_that_cannot_start_is_a_clear_error(monkeypatch, tmp_path):
    not_a_program = tmp_path / "pagefind"
    not_a_program.write_text("not a program")
    monkeypatch.setattr("generator.site.search.get_executable", lambda: not_a_program)
    with pytest.raises(SearchIndexError, match="cannot start the Pagefind program"):
        search_index(PAGES, Urls("/"))
