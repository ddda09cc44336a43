"""Rendering the output plan: a pure function of site + theme → ``{output path: bytes}``.

Nothing here writes to disk. ``Renderer`` renders each output of the plan
once, the first time it is asked for: ``serve`` asks for the pages browsers
open, ``build`` for everything at once. Templates get read-only model
objects, every URL through ``url``/``page_url``/``index_url``, and rendered
Markdown as the only markup that is not escaped.
"""
from __future__ import annotations

import datetime
import functools
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

import jinja2
from markupsafe import Markup

from ..content.dates import Edtf, display_day
from ..content.diagnostics import BuildError
from ..content.kinds import KINDS
from ..content.model import ChronoItem, Citation, Entry, Site
from ..content.parallel import render_all
from ..content.urls import Urls
from ..exports.common import plain_text
from ..exports.jsonld import jsonld_for
from .markup import RenderedBody, body_cache, render_bodies
from .plan import WHO_MET_WHOM, Output, Page, Plan, navigation, plan_site
from .searchcache import cached_search_index
from .theme import Theme, template_location


class RenderError(BuildError):
    """A template failed; the message names the template, its line and the page's source file."""


@dataclass(frozen=True)
class RenderedSite:
    """The built site: every file but the search index, and the index still being made.

    Pagefind runs in its own process, so while it indexes, this process can
    write the other files; ``search_index()`` waits for it.
    """

    files: dict[str, bytes]
    search_index: Callable[[], dict[str, bytes]]


class Renderer:
    """The outputs of one site's plan, each rendered once, when first asked for.

    Creating it plans the site (refusing colliding outputs) and renders
    nothing. The bytes of an output are the same whichever way it is reached.
    """

    def __init__(self, site: Site, theme: Theme, bodies: Mapping[tuple[str, str], RenderedBody], *,
                 compiled: jinja2.BytecodeCache | None = None, search_cache: Path | None = None) -> None:
        self.site, self.theme = site, theme
        self.urls = Urls(site.config.base_url)
        self.plan: Plan = plan_site(site, theme)
        self.env = theme.environment(template_functions(site, self.urls, bodies), TEMPLATE_FILTERS)
        self.env.bytecode_cache = compiled
        self._search_cache = search_cache
        self._files: dict[str, bytes] = {}
        self._lock = threading.RLock()   # serve asks on many threads; each output is rendered once

    def get(self, path: str) -> bytes | None:
        """The bytes of the file at output path (``people/x/index.html``), rendering it if needed."""
        with self._lock:
            if path not in self._files:
                output = self.plan.find(path)
                if output is None:
                    return None
                self._keep(output, output.render(self))
            return self._files.get(path)

    def has(self, path: str) -> bool:
        """Whether the site has a file at path; renders only a folder output that path may lie in."""
        output = self.plan.find(path)
        return output is not None and (not output.is_folder or self.get(path) is not None)

    def page(self, page: Page) -> bytes:
        return render_page(self.env, self.theme, page, self.site, self.urls)

    def search_index(self) -> dict[str, bytes]:
        """The search index of the pages the plan marks as searched (rendering them if needed)."""
        html = {page.output: self.get(page.output) or b"" for page in self.plan.pages if page.searched}
        return cached_search_index(html, self.urls, self._search_cache)

    def check_templates(self) -> None:
        """Compile every template, so that a syntax error fails the build rather than one page."""
        for name in self.env.list_templates():
            try:
                self.env.get_template(name)
            except jinja2.TemplateSyntaxError as error:
                template, line = template_location(error, self.theme.template_dirs)
                raise RenderError(f"{template}:{line}: {error.message}") from error

    def render_everything(self) -> RenderedSite:
        """Every output: pages on every core, then folders (the search index) in a thread while the rest renders.

        Forks only before the thread starts. Call it once, on a renderer nothing was asked of yet.
        """
        pages = [output for output in self.plan.outputs if output.page is not None]
        for output, data in zip(pages, render_all(lambda output: output.render(self), pages)):
            self._keep(output, data)
        folders = [output for output in self.plan.outputs if output.is_folder]
        making = ThreadPoolExecutor(1, thread_name_prefix="folders")
        made = [making.submit(output.render, self) for output in folders]
        making.shutdown(wait=False)
        rest = [output.path for output in self.plan.outputs if output.page is None and not output.is_folder]
        files = {path: self.get(path) for path in rest}

        def folder_files() -> dict[str, bytes]:
            found: dict[str, bytes] = {}
            for output, future in zip(folders, made):
                found.update(_inside(output, future.result()))
            return found

        return RenderedSite(dict(sorted({**{o.path: self._files[o.path] for o in pages}, **files}.items())),
                            folder_files)

    def _keep(self, output: Output, data: bytes | Mapping[str, bytes]) -> None:
        self._files.update(_inside(output, data) if output.is_folder else {output.path: data})


def _inside(folder: Output, files: Mapping[str, bytes]) -> dict[str, bytes]:
    """A folder output's files, each checked to lie inside the folder."""
    for path in files:
        if not path.startswith(folder.path):
            raise BuildError(f"{folder.source} made {path}, outside its folder {folder.path}")
    return dict(files)


def render_site(site: Site, theme: Theme, cache: Path | None = None) -> dict[str, bytes]:
    """Every file of the built site, by output path, in sorted order.

    With a cache folder, rendered Markdown and the search index are kept there
    between builds (``markdown/`` and ``search/``); the output is the same with or without it.
    """
    rendered = start_render(site, theme, cache)
    return dict(sorted({**rendered.files, **rendered.search_index()}.items()))


def start_render(site: Site, theme: Theme, cache: Path | None = None) -> RenderedSite:
    """``render_site``, returning as soon as everything but the search index is rendered."""
    bodies = render_bodies(site, Urls(site.config.base_url), body_cache(cache / "markdown" if cache else None),
                           parallel=True)
    renderer = Renderer(site, theme, bodies, search_cache=cache / "search" if cache else None)
    return renderer.render_everything()


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
        "pair_url": lambda pair: urls.url(WHO_MET_WHOM) + "#" + pair.anchor,
        "phase_url": lambda phase: urls.url("") + "#" + phase.anchor,
        "navigation": navigation(),
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


def _fraction(value: float) -> str:
    """A share of the timeline for CSS (0.12345), rounded so that output is the same on every machine."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


TEMPLATE_FILTERS = {"fraction": _fraction, "day": _day, "iso": _iso, "machine_date": _machine_date, "spaced": lambda values: " ".join(values), "by_article": _by_article}
