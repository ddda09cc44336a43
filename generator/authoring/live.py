"""The site as ``serve`` holds it: built in memory, pages rendered when asked for.

``Rebuilder.build`` reads the site again through one ``SourceCache`` (only
changed files are parsed), and returns either a new ``LiveSite`` or the
problems that stopped it; ``serve`` keeps the last good ``LiveSite`` until a
build succeeds. Nothing here writes a file.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import jinja2

from ..content.config import CONFIG_FILE
from ..exports.bundle import render_exports
from ..content.incremental import Signature, SourceCache, signature
from ..site.bodycache import BodyCache
from ..site.markup import LazyBodies, body_cache
from ..content.model import Site
from ..site.pages import plan_pages, searched
from ..content.read import read_site
from ..site.render import (ASSETS, NOJEKYLL, TEMPLATE_FILTERS, OutputCollision, RenderError, check_collisions,
                     render_page, template_functions)
from ..site.search import SEARCH_FOLDER, search_index
from ..site.theme import Theme, ThemeError, builtin_theme_dir, load_theme, template_location
from ..content.urls import Urls


class LiveSite:
    """One build of the site as ``serve`` holds it: pages are rendered when first asked for.

    Creating it reads no file and renders no page or Markdown body; ``get``
    renders a page (and the bodies it shows, from memory unless they changed), the
    exports or the search index the first time it is asked for and keeps the
    bytes. After an edit only the pages a browser asks for are rendered, so the
    time to reload does not grow with the number of pages. The same pages and
    bytes as ``render.render_site``, which this mirrors step by step.
    """

    def __init__(self, site: Site, theme: Theme, bodies: BodyCache, compiled: jinja2.BytecodeCache | None = None) -> None:
        self.site, self.theme = site, theme
        self.urls = Urls(site.config.base_url)
        lazy = LazyBodies(site, self.urls, bodies)   # rendered (or taken from memory) as pages ask for them
        self._env = theme.environment(template_functions(site, self.urls, lazy), TEMPLATE_FILTERS)
        self._env.bytecode_cache = compiled
        self._pages = {page.output: page for page in plan_pages(site)}
        static = {ASSETS + name: data for name, data in theme.static.items()}
        self._planned = ([(p.output, p.source) for p in self._pages.values()]
                         + [(path, f"theme file static/{path[len(ASSETS):]}") for path in static]
                         + [(NOJEKYLL, "the GitHub Pages marker")])
        check_collisions(self._planned)
        self._files: dict[str, bytes] = {**static, NOJEKYLL: b""}
        self._exports_done = self._search_done = False
        self._lock = threading.RLock()   # requests come on many threads; each file is rendered once

    def check_templates(self) -> None:
        """Compile every template, so a syntax error fails the build instead of one page later."""
        for name in self._env.list_templates():
            try:
                self._env.get_template(name)
            except jinja2.TemplateSyntaxError as error:
                template, line = template_location(error, self.theme.template_dirs)
                raise RenderError(f"{template}:{line}: {error.message}") from error

    def has(self, path: str) -> bool:
        """Whether the site has a file at path, without rendering it if it is a page."""
        with self._lock:
            if path in self._files or path in self._pages:
                return True
            self._render_exports()
            return path in self._files

    def get(self, path: str) -> bytes | None:
        """The bytes of the file at site path (``people/x/index.html``), rendering it if needed."""
        with self._lock:
            if path in self._files:
                return self._files[path]
            page = self._pages.get(path)
            if page is not None:
                self._files[path] = render_page(self._env, self.theme, page, self.site, self.urls)
                return self._files[path]
            self._render_exports()
            if path.startswith(SEARCH_FOLDER) and not self._search_done:
                self._render_search()
            return self._files.get(path)

    def _render_exports(self) -> None:
        if not self._exports_done:
            exports = render_exports(self.site, self.urls)
            check_collisions(self._planned + [(path, f"the generated {path}") for path in exports])
            self._files.update(exports)
            self._exports_done = True

    def _render_search(self) -> None:
        """The search index covers every entry's page, so asking for it renders them all."""
        html = {page.output: self.get(page.output) or b"" for page in searched(self._pages.values())}
        index = search_index(html, self.urls)
        check_collisions(self._planned + [(path, "the search index") for path in index])
        self._files.update(index)
        self._search_done = True


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory between builds; Jinja2 recompiles one whose source changed."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


@dataclass(frozen=True)
class Outcome:
    live: LiveSite | None            # None when the build failed
    errors: tuple[str, ...]          # ``path:line:col: error: message`` lines, as ``check`` prints them
    warnings: tuple[str, ...]
    reread: tuple[str, ...]          # content files parsed again for this build
    seconds: float


class Rebuilder:
    """Builds ``LiveSite``s of one site folder, reusing what did not change since the last build."""

    def __init__(self, root: Path, *, drafts: bool = False) -> None:
        self.root, self.drafts = root, drafts
        self.sources = SourceCache()
        self.compiled = CompiledTemplates()
        self.bodies = body_cache()   # rendered Markdown, in memory across rebuilds
        self._theme: tuple[str, tuple, Theme] | None = None
        self._built_from: tuple | None = None    # site.yaml and theme signatures of the last build

    def build(self, hot_paths: Iterable[str] = ()) -> Outcome | None:
        """Read and check the site; render hot_paths (the pages open in browsers) so their errors count.

        None when no source changed since the last build (an editor touched a file, a folder was listed).
        """
        started = time.perf_counter()
        inputs = (signature(self.root / CONFIG_FILE), self._theme_stamp())
        if self._built_from == inputs and self.sources.is_current(self.root):
            return None
        self._built_from = inputs
        site, diagnostics = read_site(self.root, drafts=self.drafts, cache=self.sources)
        errors = tuple(d.format() for d in diagnostics.errors)
        warnings = tuple(d.format() for d in diagnostics.warnings)
        reread = self.sources.last_reread
        if errors:
            return Outcome(None, errors, warnings, reread, time.perf_counter() - started)
        try:
            live = LiveSite(site, self.theme(site.config.theme), self.bodies, self.compiled)
            live.check_templates()
            for path in hot_paths:
                live.get(path)
        except (ThemeError, RenderError, OutputCollision) as error:
            return Outcome(None, (str(error),), warnings, reread, time.perf_counter() - started)
        return Outcome(live, (), warnings, reread, time.perf_counter() - started)

    def theme(self, name: str) -> Theme:
        """The theme, read again only when one of its files changed."""
        stamp = self._theme_stamp(name)
        if self._theme is None or self._theme[:2] != (name, stamp):
            self._theme = (name, stamp, load_theme(self.root, name))
        return self._theme[2]

    def _theme_stamp(self, name: str | None = None) -> tuple:
        """Signatures of every file of the theme (by default, the one last used) and of the built-in one."""
        name = name or (self._theme[0] if self._theme else "default")
        return tuple(_signatures(folder) for folder in (builtin_theme_dir(), self.root / "themes" / name))


def _signatures(folder: Path) -> tuple[tuple[str, Signature | None], ...]:
    if not folder.is_dir():
        return ()
    return tuple((path.as_posix(), signature(path)) for path in sorted(folder.rglob("*")) if path.is_file())
