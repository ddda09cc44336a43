"""Building the site again for ``serve``, in memory, reusing what did not change.

``Rebuilder.build`` reads the site again through one ``SourceCache`` (only
changed files are parsed) and returns either a new ``Renderer`` of the
output plan, which renders each file when a browser first asks for it, or the
problems that stopped it; ``serve`` keeps the last good one until a build
succeeds. Nothing here writes a file.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..content.config import CONFIG_FILE
from ..content.incremental import Signature, SourceCache, signature
from ..content.read import read_site
from ..content.static import STATIC
from ..content.urls import Urls
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
        inputs = (signature(self.root / CONFIG_FILE), self._theme_stamp(), _signatures(self.root / STATIC))
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
            bodies = LazyBodies(site, Urls(site.config.base_url), self.bodies)   # rendered as pages ask for them
            live = Renderer(site, self.theme(site.config.theme), bodies, compiled=self.compiled)
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
