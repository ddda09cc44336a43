"""Rendering the output plan: a pure function of site + theme → ``{output path: bytes}``.

``Renderer`` renders each output of the plan once, the first time it is
asked for: ``serve`` asks for the pages browsers open, ``render_site`` for
everything. ``render_changed`` is the build's loop: it renders only the
outputs whose inputs changed (``depends``) and hands each file to the next
output folder as soon as it is made. Templates get read-only model objects,
every URL through ``url``/``page_url``/``index_url``, and rendered Markdown
as the only markup that is not escaped.

Links are relative to the page, so pages at different depths get their URL
functions from different Jinja2 environments (one per way up to the site
root, sharing compiled templates): a template, or a macro imported into it,
always links from the page being rendered.
"""
from __future__ import annotations

import datetime
import functools
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

import jinja2
from markupsafe import Markup

from ..content.changes import digest
from ..content.dates import Edtf, display_day
from ..content.diagnostics import BuildError
from ..content.kinds import KINDS
from ..content.model import ChronoItem, Citation, Entry, Site
from ..content.parallel import render_all
from ..content.tags import tag_id
from ..content.urls import Urls
from ..exports.common import plain_text
from ..exports.jsonld import jsonld_for
from .depends import Built, Fingerprints, Store, pack, unpack
from .markup import LazyBodies, RenderedBody, render_bodies
from .plan import WHO_MET_WHOM, Output, Page, Plan, navigation, plan_site
from .search import SEARCH_FOLDER, place, sharded_index
from .theme import CompiledTemplates, Theme, template_location
from .write import Staging


class RenderError(BuildError):
    """A template failed; the message names the template, its line and the page's source file."""


class Renderer:
    """The outputs of one site's plan, each rendered once, when first asked for.

    Creating it plans the site (refusing colliding outputs) unless given the
    plan, and renders nothing. The bytes of an output are the same whichever
    way it is reached. ``store`` keeps search index shards between renderers
    (``serve`` passes the same one each time; see ``search``).
    """

    def __init__(self, site: Site, theme: Theme, bodies: Mapping[tuple[str, str], RenderedBody], *,
                 compiled: jinja2.BytecodeCache | None = None, store: Store | None = None,
                 plan: Plan | None = None) -> None:
        self.site, self.theme = site, theme
        self.urls = Urls(site.config.base_url)
        self.plan: Plan = plan or plan_site(site, theme)
        self.store = store or Store()
        self._bodies = bodies
        self._compiled = compiled or CompiledTemplates()
        self._envs: dict[str, jinja2.Environment] = {}      # by the pages' way up to the site root
        self._files: dict[str, bytes] = {}
        self._lock = threading.RLock()   # serve asks on many threads; each output is rendered once
        self.env = self.environment(self.urls)

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
        urls = self.urls if page.served_anywhere else self.urls.from_page(page.path)
        return render_page(self.environment(urls), self.theme, page, self.site, urls)

    def environment(self, urls: Urls) -> jinja2.Environment:
        """The templates with URL functions linking as urls does: one environment per way to the site root."""
        with self._lock:
            env = self._envs.get(urls.root)
            if env is None:
                env = self.theme.environment(template_functions(self.site, urls, self._bodies), TEMPLATE_FILTERS)
                env.bytecode_cache = self._compiled
                self._envs[urls.root] = env
            return env

    def search_index(self) -> dict[str, bytes]:
        """The search index of the pages the plan marks as searched (rendering them if needed).

        Pages are indexed at their paths from the site root; the search box adds
        the address the site is at when it runs, so results work under any base path.
        """
        html = {page.output: self.get(page.output) or b"" for page in self.plan.pages if page.searched}
        return place(self.search_shards([(path, digest(data)) for path, data in html.items()], html.__getitem__))

    def search_shards(self, pages: list[tuple[str, str]], read: Callable[[str], bytes]) -> dict[str, dict[str, bytes]]:
        """``search.sharded_index`` of pages (output path, hash of its bytes), with shards kept in the store."""
        def cached(key: str) -> dict[str, bytes] | None:
            piece = self.store.get(key)
            return unpack(piece) if piece is not None else None

        return sharded_index(pages, Urls("/"), read, cached, lambda key, files: self.store.put(key, pack(files)))

    def check_templates(self) -> None:
        """Compile every template, so that a syntax error fails the build rather than one page."""
        for name in self.env.list_templates():
            try:
                self.env.get_template(name)
            except jinja2.TemplateSyntaxError as error:
                template, line = template_location(error, self.theme.template_dirs)
                raise RenderError(f"{template}:{line}: {error.message}") from error

    def _keep(self, output: Output, data: bytes | Mapping[str, bytes]) -> None:
        self._files.update(_inside(output, data) if output.is_folder else {output.path: data})


def _inside(folder: Output, files: Mapping[str, bytes]) -> dict[str, bytes]:
    """A folder output's files, each checked to lie inside the folder."""
    for path in files:
        if not path.startswith(folder.path):
            raise BuildError(f"{folder.source} made {path}, outside its folder {folder.path}")
    return dict(files)


def render_site(site: Site, theme: Theme) -> dict[str, bytes]:
    """Every file of the built site, by output path, in sorted order, rendered in this process."""
    bodies = render_bodies(site, Urls(site.config.base_url))
    renderer = Renderer(site, theme, bodies)
    files: dict[str, bytes] = {}
    for output in renderer.plan.outputs:
        data = output.render(renderer)
        files.update(_inside(output, data) if output.is_folder else {output.path: data})
    return dict(sorted(files.items()))


# -- a build: only what changed, written as it is made -----------------------------------

@dataclass(frozen=True)
class Made:
    """What ``render_changed`` did."""

    outputs: dict[str, Built]    # every output: its fingerprint and the hash of each file it wrote
    rendered: int                # outputs made again
    written: int                 # files whose bytes differ from the old output's
    files: int                   # files in the new output


def render_changed(site: Site, theme: Theme, staging: Staging, fingerprints: Fingerprints,
                   previous: Mapping[str, Built], cache: Path | None,
                   stage: Callable[..., None] = lambda name, count=None, unit="": None) -> Made:
    """Every output of the plan into staging: those whose fingerprint is as ``previous`` recorded are
    taken from the old output, the others rendered (searched pages on every core, written by the
    workers as they are made), then the search index, whose unchanged shards are kept, made while
    this process renders the lists and exports.

    Forks before it starts any thread; tells ``stage`` (``build.Progress.stage``) what it starts. ``cache`` holds rendered Markdown and search shards
    and compiled templates (``markdown/``, ``search/``, ``templates/``) between builds.
    """
    stage("planning")
    plan = plan_site(site, theme)
    urls = Urls(site.config.base_url)
    made: dict[str, Built] = {}
    stale: list[tuple[Output, str]] = []
    for output in plan.outputs:
        if output.path == SEARCH_FOLDER:
            continue
        fingerprint = fingerprints.of(output.reads)
        before = previous.get(output.path)
        if before is not None and before.fingerprint == fingerprint:
            for path in before.files:
                staging.keep(path)
            made[output.path] = before
        else:
            stale.append((output, fingerprint))
    pages = [(output, fingerprint) for output, fingerprint in stale if output.page is not None]
    stage("rendering", len(pages), f"of {len(plan.pages):,} pages")
    store = Store(cache / "markdown" if cache else None)
    if len(pages) > len(plan.pages) // 2:   # most pages: every body, on every core, first
        bodies: Mapping = render_bodies(site, urls, store, parallel=True)
    else:                                    # a few: only the bodies they show, as they ask
        bodies = LazyBodies(site, urls, store)
    renderer = Renderer(site, theme, bodies, plan=plan, store=Store(cache / "search" if cache else None),
                        compiled=CompiledTemplates(cache / "templates" if cache else None))
    renderer.check_templates()

    def make(job: tuple[Output, str]) -> tuple[str, bool]:
        output, _ = job
        data = output.render(renderer)
        hashed = digest(data)
        return hashed, staging.put(output.path, data, hashed)

    written = 0

    def record(jobs: list[tuple[Output, str]], results: Iterable[tuple[str, bool]]) -> None:
        nonlocal written
        for (output, fingerprint), (hashed, new) in zip(jobs, results):
            made[output.path] = Built(fingerprint, {output.path: hashed})
            written += new

    # Searched pages first, on every core; then Pagefind indexes while this process makes the rest.
    searched_jobs = [job for job in pages if job[0].page is not None and job[0].page.searched]
    record(searched_jobs, render_all(make, searched_jobs))
    searched = [(page.output, made[page.output].files[page.output]) for page in plan.pages if page.searched]
    stage("indexing the search, rendering lists and exports")
    indexing = ThreadPoolExecutor(1, thread_name_prefix="search")
    try:
        index_made = indexing.submit(renderer.search_shards, searched, staging.read)
        rest = [job for job in stale if job[0].page is None or not job[0].page.searched]
        record(rest, map(make, rest))
        shards = index_made.result()
    finally:
        indexing.shutdown(wait=True)
    index = place(shards)
    before = previous.get(SEARCH_FOLDER)
    for path, data in index.items():
        hashed = digest(data)
        written += staging.put(path, data, hashed)
    made[SEARCH_FOLDER] = Built(digest("\0".join(shards).encode()), {path: digest(data) for path, data in index.items()})
    renderer.store.prune(set(shards))
    files = sum(len(built.files) for built in made.values())
    return Made(made, len(stale) + (before is None or before.fingerprint != made[SEARCH_FOLDER].fingerprint), written, files)


def render_page(env: jinja2.Environment, theme: Theme, page: Page, site: Site, urls: Urls) -> bytes:
    context = dict(page.context, page=page, config=site.config, params=site.config.params,
                   jsonld=jsonld_for(page.entry, site, urls) if page.entry else None)
    try:
        text = env.get_template(page.template).render(context)
    except Exception as error:  # any failure inside a template (a missing include too): say where it happened
        if isinstance(error, jinja2.TemplateNotFound) and error.name == page.template:
            raise RenderError(f"{page.source}: theme has no template {error.name} for this page") from error
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
        "tag_url": lambda tag="": urls.tag(tag_id(tag) if tag else ""),
        "image_url": urls.image,
        "chronology_url": urls.chronology,
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


def _fraction(value: float) -> str:
    """A share of the timeline for CSS (0.12345), rounded so that output is the same on every machine."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


TEMPLATE_FILTERS = {"fraction": _fraction, "day": _day, "iso": _iso, "machine_date": _machine_date,
                    "spaced": lambda values: " ".join(values), "tag_id": tag_id}
