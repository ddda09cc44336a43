"""Crawl the built sample site as a project site: every link and asset resolves, fragments included."""
from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator.build import build

REPO = Path(__file__).resolve().parent.parent
BASE = "/chronology/"
EXTERNAL_SCHEMES = ("http", "https", "mailto")


class PageLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.canonical = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "link" and dict(attrs).get("rel") == "canonical":
            self.canonical = dict(attrs)["href"]
            return
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


@dataclass
class Crawl:
    output: Path
    pages: dict[str, PageLinks]   # output path of each HTML page → its links and ids


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    output = tmp_path_factory.mktemp("crawl") / "output"
    result = build(REPO, output, base_url=BASE)
    assert not result.failed, [d.format() for d in result.diagnostics.sorted()]
    pages = {}
    for file in sorted(output.rglob("*.html")):
        parsed = PageLinks()
        parsed.feed(file.read_text(encoding="utf-8"))
        pages[file.relative_to(output).as_posix()] = parsed
    return Crawl(output, pages)


def served_at(path: str) -> str:
    """The address of an output file: people/x/index.html → /chronology/people/x/."""
    return BASE + (path[: -len("index.html")] if path.endswith("index.html") else path)


def output_file(url_path: str) -> str:
    """The output file for a path under the base: '' and 'x/' are folders with an index.html."""
    relative = unquote(url_path[len(BASE):])
    return relative + "index.html" if relative == "" or relative.endswith("/") else relative


def test_sample_site_has_every_kind_of_page(crawl: Crawl) -> None:
    for path in ("index.html", "404.html", "timeline/index.html", "people/index.html", "meetings/index.html",
                 "milestones/index.html", "articles/index.html", "people/kim-jong-un/index.html"):
        assert path in crawl.pages
    assert (crawl.output / ".nojekyll").is_file()


def test_every_link_and_asset_resolves_inside_the_base_path(crawl: Crawl) -> None:
    checked, problems = 0, []
    for path, page in crawl.pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in EXTERNAL_SCHEMES:
                continue
            if parts.scheme or parts.netloc:
                problems.append(f"{path}: {link} is neither internal nor a web address")
                continue
            absolute = urlsplit(urljoin(served_at(path), link))
            if not absolute.path.startswith(BASE):
                problems.append(f"{path}: {link} leaves the base path {BASE}")
                continue
            target = output_file(absolute.path)
            if not (crawl.output / target).is_file():
                problems.append(f"{path}: {link} points to a missing file {target}")
            elif absolute.fragment and absolute.fragment not in crawl.pages[target].ids:
                problems.append(f"{path}: {link} points to no id '{absolute.fragment}' in {target}")
            checked += 1
    assert problems == []
    assert checked > 300


def test_links_are_relative_to_the_page_but_on_the_404_page(crawl: Crawl) -> None:
    """Pages open from disk and under any base path; 404.html is served at any address, so it links from the root."""
    for path, page in crawl.pages.items():
        internal = [link for link in page.links if not urlsplit(link).scheme and not link.startswith("#")]
        assert internal, path
        if path == "404.html":
            assert all(link.startswith(BASE) for link in internal), path
        else:
            assert not [link for link in internal if link.startswith("/")], path
            assert page.canonical == served_at(path), path    # canonical links stay absolute
