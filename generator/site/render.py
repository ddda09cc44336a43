"""Rendering: a pure function of site + theme → ``{output path: bytes}``.

Nothing here writes to disk. Templates get read-only model objects, every URL
through ``url``/``page_url``/``index_url``, and rendered Markdown as the only
markup that is not escaped.
"""
from __future__ import annotations

import datetime
import functools
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

import jinja2
from markupsafe import Markup

from ..content.dates import Edtf, display_day
from ..content.diagnostics import BuildError
from ..exports.common import plain_text
from ..exports.bundle import render_exports
from ..exports.jsonld import jsonld_for
from .markup import body_cache, render_bodies
from ..content.kinds import KINDS
from ..content.model import ChronoItem, Citation, Entry, Site
from .pages import Page, plan_pages, searched
from ..content.parallel import render_all
from .searchcache import cached_search_index
from .theme import Theme, template_location
from ..content.urls import Urls

ASSETS = "assets/"
NOJEKYLL = ".nojekyll"   # GitHub Pages: serve the files as they are, without Jekyll


class RenderError(BuildError):
    """A template failed; the message names the template, its line and the page's source file."""


class OutputCollision(BuildError):
    """Two things would be written to one output path."""


@dataclass(frozen=True)
class RenderedSite:
    """The built site: every file but the search index, and the index still being made.

    Pagefind runs in its own process, so while it indexes, this process can
    write the other files; ``search_index()`` waits for it.
    """

    files: dict[str, bytes]
    search_index: Callable[[], dict[str, bytes]]


def render_site(site: Site, theme: Theme, cache: Path | None = None) -> dict[str, bytes]:
    """Every file of the built site, by output path, in sorted order.

    With a cache folder, rendered Markdown and the search index are kept there
    between builds (``markdown/`` and ``search/``); the output is the same with or without it.
    """
    rendered = start_render(site, theme, cache)
    return dict(sorted({**rendered.files, **rendered.search_index()}.items()))


def start_render(site: Site, theme: Theme, cache: Path | None = None) -> RenderedSite:
    """``render_site``, returning as soon as everything but the search index is rendered."""
    urls = Urls(site.config.base_url)
    bodies = render_bodies(site, urls, body_cache(cache / "markdown" if cache else None), parallel=True)
    pages = plan_pages(site)
    static = {ASSETS + name: data for name, data in theme.static.items()}
    planned = ([(p.output, p.source) for p in pages]
               + [(path, f"theme file static/{path[len(ASSETS):]}") for path in static]
               + [(NOJEKYLL, "the GitHub Pages marker")])
    check_collisions(planned)
    env = theme.environment(template_functions(site, urls, bodies), TEMPLATE_FILTERS)
    rendered = render_all(lambda page: render_page(env, theme, page, site, urls), pages)
    html = {page.output: page_html for page, page_html in zip(pages, rendered)}
    searched_html = {page.output: html[page.output] for page in searched(pages)}
    indexing = ThreadPoolExecutor(1, thread_name_prefix="search-index")   # no fork after this thread starts
    index = indexing.submit(cached_search_index, searched_html, urls, cache / "search" if cache else None)
    indexing.shutdown(wait=False)
    exports = render_exports(site, urls)
    planned += [(path, f"the generated {path}") for path in exports]
    check_collisions(planned)

    def search_index() -> dict[str, bytes]:
        files = index.result()
        check_collisions(planned + [(path, "the search index") for path in files])
        return files

    return RenderedSite(dict(sorted({**html, **static, **exports, NOJEKYLL: b""}.items())), search_index)


def check_collisions(planned: Iterable[tuple[str, str]]) -> None:
    """Refuse two outputs at one path (compared without case, as macOS and Windows do)."""
    seen: dict[str, tuple[str, str]] = {}
    for path, source in planned:
        other = seen.setdefault(path.casefold(), (path, source))
        if other != (path, source):
            raise OutputCollision(f"{other[1]} and {source} would both be written to {path}")


def render_page(env: jinja2.Environment, theme: Theme, page: Page, site: Site, urls: Urls) -> bytes:
    context = dict(page.context, page=page, config=site.config,
                   jsonld=jsonld_for(page.entry, site, urls) if page.entry else None)
    try:
        text = env.get_template(page.template).render(context)
    except jinja2.TemplateNotFound as error:
        raise RenderError(f"{page.source}: theme has no template {error.name} for this page") from error
    except Exception as error:  # any failure inside a template: say where it happened
        template, line = template_location(error, theme.template_dirs)
        where = f"{template}:{line}" if line else template
        raise RenderError(f"{where}: {type(error).__name__}: {error} (while rendering {page.output} from {page.source})") from error
    return text.encode("utf-8")


def template_functions(site: Site, urls: Urls, bodies: Mapping) -> dict[str, object]:
    """What templates may call. URLs only come from here."""

    @functools.lru_cache(maxsize=None)
    def anchored(article: str, quote: str | None) -> str:
        body = bodies.get(("articles", article))
        anchor = body.anchor_for(quote) if body is not None and quote else None
        return urls.page("articles", article, anchor or "")

    def quote_url(citation: Citation) -> str:
        """The cited article, at the paragraph holding the quote when it is found there."""
        return anchored(citation.article, citation.quote)

    def item_url(item: ChronoItem) -> str:
        """A meeting's page, or the milestone page at this history entry."""
        return urls.page(item.kind, item.id, item.page_anchor)

    def body(entry: Entry) -> Markup:
        rendered = bodies.get(entry.key)
        return Markup(rendered.html) if rendered is not None else Markup("")

    return {
        "site": site,
        "url": urls.url,
        "page_url": urls.page,
        "index_url": urls.index,
        "absolute_url": urls.absolute,
        "quote_url": quote_url,
        "plain": functools.partial(plain_text, site),
        "item_url": item_url,
        "body": body,
        "kind_singular": lambda kind: KINDS[kind].singular,
    }


def _day(day: datetime.date | None) -> str:
    return display_day(day) if day else ""


def _iso(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


_HTML_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2})?)?")


def _machine_date(edtf: Edtf) -> str:
    """The HTML ``datetime`` value of a plain year, month or day ('2018-09'); '' for other forms."""
    text = edtf.text.rstrip("?~%")
    return text if not edtf.is_interval and _HTML_DATE.fullmatch(text) else ""


def _by_article(citations: Iterable[Citation]) -> list[Citation]:
    """The first citation of each article: a source list names an article once."""
    first: dict[str, Citation] = {}
    for citation in citations:
        first.setdefault(citation.article, citation)
    return list(first.values())


TEMPLATE_FILTERS = {"day": _day, "iso": _iso, "machine_date": _machine_date, "spaced": lambda values: " ".join(values), "by_article": _by_article}
