"""The output plan: every file the site writes, what renders it, and which inputs it reads.

``build`` renders the whole plan, ``serve`` renders one output of it when a
browser asks, and the sitemap lists its pages; nothing else keeps a list of
outputs. Two outputs at one path are refused here, once, before anything is
rendered.

An output's ``reads`` names the inputs its bytes depend on: ``site.yaml``, a
theme file (``theme/templates/base.html``, ``theme/static/site.js``), a
content file, or every file of a content folder (``content/people/``); a
content read ending in ``#front`` is of front matter alone, bodies left out.
They must cover everything the output shows, since ``build`` makes an output
again only when something it reads changed (``depends``), and may be
generous: an entry's page reads its own file, the files it names or that name
it, and the files those name.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Mapping, Protocol

from ..content.config import CONFIG_FILE
from ..content.dates import display_day
from ..content.diagnostics import BuildError
from ..content.kinds import KINDS
from ..content.model import Entry, Site
from ..content.static import STATIC
from ..content.urls import Urls, index_path, output_file, page_path, tag_path
from ..exports.calendar_ics import CALENDAR_FILE, render_calendar
from ..exports.feed import FEED_FILE, render_feed
from ..exports.sitemap import SITEMAP_FILE, render_sitemap
from ..exports.timelinejs import TIMELINE_FILE, render_timeline
from .pages import (Later, as_of_days, as_of_path, chronology_context, entry_context, index_context, tag_context,
                    tags_context, timeline_context, who_met_whom_context)
from .search import SEARCH_FOLDER
from .theme import Theme

ASSETS = "assets/"
NOJEKYLL = ".nojekyll"   # GitHub Pages: serve the files as they are, without Jekyll
NOT_FOUND = "404.html"
TIMELINE = "timeline/"
WHO_MET_WHOM = "who-met-whom/"
THEME = "theme/"
CONTENT = "content/"
FRONT = "#front"                      # a content read of front matter alone
FRONTS = CONTENT + FRONT              # the front matter of every content file, and which files there are
NOW = "#now"                          # the site's "now" (``Site.now``): whether a plan is overdue depends on it


class OutputCollision(BuildError):
    """Two things would be written to one output path."""


@dataclass(frozen=True)
class Page:
    """An HTML page: a template and the read-only context it lays out."""

    path: str                     # site-relative path: '' (home), 'people/kim-jong-un/', '404.html'
    template: str
    source: str                   # where it comes from, for error messages
    title: str
    context: Mapping[str, object] = field(default_factory=dict)
    entry: Entry | None = None
    in_sitemap: bool = True
    searched: bool = False        # in the search index: entry pages; lists repeat their entries' words
    served_anywhere: bool = False  # served at any address (404.html): links from the site root, not from the page

    @property
    def output(self) -> str:
        return output_file(self.path)


Rendered = bytes | Mapping[str, bytes]


class Renders(Protocol):
    """What an output's render function is given (``render.Renderer``)."""

    site: Site
    urls: Urls

    def page(self, page: Page) -> bytes: ...

    def search_index(self) -> dict[str, bytes]: ...


@dataclass(frozen=True)
class Output:
    """One file of the site, or (a path ending in '/') a folder of files made together."""

    path: str
    source: str                                   # where it comes from, named in errors
    inputs: tuple[str, ...] | Callable[[], tuple[str, ...]]   # see ``reads``
    render: Callable[[Renders], Rendered]
    page: Page | None = None

    @functools.cached_property
    def reads(self) -> tuple[str, ...]:
        """The inputs its bytes depend on; an entry page's are worked out when first asked for."""
        return self.inputs() if callable(self.inputs) else self.inputs

    @property
    def is_folder(self) -> bool:
        return self.path.endswith("/")


class Plan:
    """The outputs of one site, checked to lie at distinct paths."""

    def __init__(self, outputs: Iterable[Output]) -> None:
        self.outputs = tuple(outputs)
        check_collisions((output.path, output.source) for output in self.outputs)
        self._by_path = {output.path: output for output in self.outputs}
        self._folders = [output for output in self.outputs if output.is_folder]

    @property
    def pages(self) -> list[Page]:
        return [output.page for output in self.outputs if output.page is not None]

    def find(self, path: str) -> Output | None:
        """The output that makes path: its own, or the folder it lies in."""
        found = self._by_path.get(path)
        return found if found is not None else next((o for o in self._folders if path.startswith(o.path)), None)


# The machine-readable files made from the whole site (docs/exports.md); the sitemap comes from the plan itself.
EXPORTS: tuple[tuple[str, Callable[[Site, Urls], bytes]], ...] = (
    (FEED_FILE, render_feed),
    (CALENDAR_FILE, render_calendar),
    (TIMELINE_FILE, render_timeline),
)


def plan_site(site: Site, theme: Theme) -> Plan:
    """Every output of site with theme: pages (home first), theme files, the site's static/ files,
    exports, the search index."""
    pages = [_page_output(*planned, theme) for planned in _pages(site)]
    sitemap = [page.path for page in (o.page for o in pages) if page is not None and page.in_sitemap]
    return Plan((
        *pages,
        *(Output(ASSETS + name, f"theme file static/{name}", (f"{THEME}static/{name}",), lambda _, data=data: data)
          for name, data in theme.static.items()),
        *(Output(name, f"{STATIC}/{name}", (f"{STATIC}/{name}",), lambda r, name=name: r.site.static.read(name))
          for name in site.static.files),
        Output(NOJEKYLL, "the GitHub Pages marker", (), lambda _: b""),
        *(Output(file, f"the generated {file}", (CONFIG_FILE, FRONTS), lambda r, make=make: make(r.site, r.urls))
          for file, make in EXPORTS),
        Output(SITEMAP_FILE, f"the generated {SITEMAP_FILE}", (CONFIG_FILE, FRONTS),
               lambda r: render_sitemap(sitemap, r.urls)),
        # What the index reads is the searched pages' bytes: ``search.shards`` follows them page by page.
        Output(SEARCH_FOLDER, "the search index", (), lambda r: r.search_index()),
    ))


def _pages(site: Site) -> Iterator[tuple[Page, tuple[str, ...] | Callable[[], tuple[str, ...]]]]:
    """Every HTML page, with the content it reads besides site.yaml and its templates.

    The chronology links each quote to its paragraph in the article, so it also reads the articles' bodies.
    """
    yield (Page("", "chronology.html", CONTENT, site.config.title, Later(lambda: chronology_context(site))),
           (FRONTS, f"{CONTENT}articles/"))
    for day in as_of_days(site):
        yield (Page(as_of_path(day), "chronology.html", CONTENT, f"As known on {display_day(day)}",
                    Later(lambda day=day: chronology_context(site, day))), (FRONTS, f"{CONTENT}articles/"))
    for kind in KINDS.values():
        yield (Page(index_path(kind.folder), kind.index_template, f"{CONTENT}{kind.folder}/", kind.title,
                    Later(lambda kind=kind.folder: index_context(site, kind))), (FRONTS,))
    yield Page(TIMELINE, "timeline.html", CONTENT, "Timeline", Later(lambda: timeline_context(site))), (FRONTS,)
    yield (Page(WHO_MET_WHOM, "who_met_whom.html", CONTENT, "Who met whom", Later(lambda: who_met_whom_context(site))),
           (FRONTS,))
    yield Page(tag_path(""), "tags_index.html", CONTENT, "Tags", Later(lambda: tags_context(site))), (FRONTS,)
    for tag in site.tags.values():
        yield (Page(tag_path(tag.id), "tag.html", CONTENT, tag.name, Later(lambda tag=tag: tag_context(site, tag))),
               (FRONTS,))
    yield Page(NOT_FOUND, "404.html", CONFIG_FILE, "Page not found", in_sitemap=False, served_anywhere=True), ()
    for entry in site.entries():
        page = Page(page_path(entry.kind, entry.id), KINDS[entry.kind].template, entry.path, entry.title,
                    Later(lambda entry=entry: entry_context(site, entry)), entry, searched=True)
        yield page, functools.partial(entry_reads, site, entry)


def navigation() -> tuple[tuple[str, str], ...]:
    """(path, label) of the sections every page links to: the chronology, the timeline, who met whom, each kind's
    index, the tags.

    The same on every site and page, whatever the content: a page is made again only when what it reads
    changed, so its navigation must not depend on files it does not read (the first tag of a site)."""
    return (("", "Chronology"), (TIMELINE, "Timeline"), (WHO_MET_WHOM, "Who met whom"),
            *((index_path(k.folder), k.title) for k in KINDS.values()), (tag_path(""), "Tags"))


def _page_output(page: Page, reads: tuple[str, ...] | Callable[[], tuple[str, ...]], theme: Theme) -> Output:
    templates = tuple(f"{THEME}templates/{name}" for name in theme.uses(page.template))
    inputs = (lambda: (CONFIG_FILE, *templates, *reads())) if callable(reads) else (CONFIG_FILE, *templates, *reads)
    return Output(page.output, page.source, inputs, lambda r: r.page(page), page)


def entry_reads(site: Site, entry: Entry) -> tuple[str, ...]:
    """The content an entry's page shows: the entry, the pages it names or that name it, and those they name.

    An article's mentions depend on every person's names, so its page reads them all. A meeting's page links
    the meetings before and after it, which any meeting's date can change, so it reads every meeting's front
    matter. A meeting's or a milestone's status may read overdue, which depends on the site's "now".
    """
    near = {entry.key, *site.links.get(entry.key, ()), *site.backlinks.get(entry.key, ())}
    around = near | {key for near_key in near for key in site.links.get(near_key, ())}
    files = tuple(sorted(found.path for found in (site.get(*key) for key in around) if found is not None))
    more = {"articles": (f"{CONTENT}people/{FRONT}",), "meetings": (f"{CONTENT}meetings/{FRONT}", NOW),
            "milestones": (NOW,)}.get(entry.kind, ())
    return (*files, *more)


def check_collisions(planned: Iterable[tuple[str, str]]) -> None:
    """Refuse two outputs at one path, or an output inside another's folder (compared without case, as
    macOS and Windows do)."""
    seen: dict[str, tuple[str, str]] = {}
    folders: list[tuple[str, str, str]] = []
    for path, source in planned:
        other = seen.setdefault(path.casefold(), (path, source))
        if other != (path, source):
            raise OutputCollision(f"{other[1]} and {source} would both be written to {path}")
        if path.endswith("/"):
            folders.append((path.casefold(), path, source))
    for folded, (path, source) in seen.items():
        for folder, folder_path, folder_source in folders:
            if folded != folder and folded.startswith(folder):
                raise OutputCollision(f"{source} would be written to {path}, inside {folder_path}, "
                                      f"which {folder_source} fills")
