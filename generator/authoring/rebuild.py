"""Building the site again for ``serve``, in memory, reusing what did not change.

``Rebuilder.build`` scans the sources (``content.changes``: only files whose
bytes changed are parsed again) and returns either a new ``Renderer`` of the
output plan, which renders each file when a browser first asks for it, or the
problems that stopped it; ``serve`` keeps the last good one until a build
succeeds. Rendered Markdown and search index shards are kept between builds
under the hashes of what they were made from (``site.depends.Store``).
Nothing here writes a file.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..content.changes import Reader, Scan, scan
from ..content.read import read_site
from ..content.urls import Urls
from ..site.depends import Store
from ..site.markup import LazyBodies, body_cache
from ..site.plan import OutputCollision
from ..site.render import Renderer, RenderError
from ..site.theme import CompiledTemplates, Theme, ThemeError, builtin_theme_dir, load_theme


@dataclass(frozen=True)
class Outcome:
    live: Renderer | None            # None when the build failed
    errors: tuple[str, ...]          # ``path:line:col: error: message`` lines, as ``check`` prints them
    warnings: tuple[str, ...]
    reread: tuple[str, ...]          # content files parsed again for this build
    seconds: float


class Rebuilder:
    """Builds one site folder again and again, reusing what did not change since the last build."""

    def __init__(self, root: Path, *, drafts: bool = False) -> None:
        self.root, self.drafts = root, drafts
        self.reader = Reader()
        self.compiled = CompiledTemplates()
        self.bodies = body_cache()   # rendered Markdown, in memory across rebuilds
        self.shards = Store()        # search index shards, likewise
        self._sources: Scan | None = None
        self._theme: tuple[str, dict[str, str], Theme] | None = None
        self._touched: set[str] = set()   # site paths events named since the last build: hashed whatever stat says

    def touched(self, paths: Iterable[Path]) -> None:
        """Paths (files or folders) that events say changed; the next build reads them again."""
        root = self.root.resolve()
        for path in paths:
            if path.is_relative_to(root):
                self._touched.add(path.relative_to(root).as_posix())

    def build(self, hot_paths: Iterable[str] = ()) -> Outcome | None:
        """Read and check the site; render hot_paths (the pages open in browsers) so their errors count.

        None when no source changed since the last build (an editor touched a file, a folder was listed).
        """
        started = time.perf_counter()
        touched, self._touched = self._touched, set()
        sources = scan(self.root, builtin_theme_dir(), self._sources, trust_stat=True, touched=touched)
        if self._sources is not None and sources.files == self._sources.files:
            return None
        self._sources = sources
        site, diagnostics = read_site(self.root, drafts=self.drafts, cache=self.reader, sources=sources)
        errors = tuple(d.format() for d in diagnostics.errors)
        warnings = tuple(d.format() for d in diagnostics.warnings)
        reread = self.reader.last_reread
        if errors:
            return Outcome(None, errors, warnings, reread, time.perf_counter() - started)
        try:
            bodies = LazyBodies(site, Urls(site.config.base_url), self.bodies)   # rendered as pages ask for them
            live = Renderer(site, self.theme(site.config.theme, sources), bodies, compiled=self.compiled,
                            store=self.shards)
            live.check_templates()
            for path in hot_paths:
                live.get(path)
        except (ThemeError, RenderError, OutputCollision) as error:
            return Outcome(None, (str(error),), warnings, reread, time.perf_counter() - started)
        return Outcome(live, (), warnings, reread, time.perf_counter() - started)

    def theme(self, name: str, sources: Scan) -> Theme:
        """The theme, read again only when one of its files changed."""
        files = sources.theme(name)
        if self._theme is None or self._theme[:2] != (name, files):
            self._theme = (name, files, load_theme(self.root, name))
        return self._theme[2]
