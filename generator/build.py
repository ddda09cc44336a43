"""``build``: read the site, render it in memory, write it to the output folder.

Reads top to bottom: the output folder is checked first (nothing is read from
a site whose build would overwrite it), every content problem is collected
before anything is rendered, and nothing touches the output folder unless the
whole site rendered.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .content.changes import Reader, scan
from .content.diagnostics import Diagnostics
from .site.depends import Fingerprints, OutputState, engine_key, tree_signature
from .site.plan import NOW
from .site.theme import builtin_theme_dir
from .site.lock import OutputLock
from .site.write import Staging, WriteStats, check_cache_folder, check_output_folder

DEFAULT_OUTPUT = "output"
CACHE_FOLDER = ".chrono-cache"   # what the last build read and made, for the next one; safe to delete


class Progress(Protocol):
    """Told each stage of a build as it starts, with how many things it works on."""

    def stage(self, name: str, count: int | None = None, unit: str = "") -> None: ...


class NoProgress:
    """For a build that nobody watches."""

    def stage(self, name: str, count: int | None = None, unit: str = "") -> None:
        pass


@dataclass(frozen=True)
class BuildResult:
    diagnostics: Diagnostics
    failed: bool                 # content errors (or warnings under --strict): nothing was written
    pages: int = 0
    files: int = 0
    stats: WriteStats | None = None
    seconds: float = 0.0
    up_to_date: bool = False     # nothing changed since the last build: the output was left as it was


def build(root: Path, output: Path | None = None, *, base_url: str | None = None, drafts: bool = False,
          strict: bool = False, cache: bool = True, progress: Progress = NoProgress()) -> BuildResult:
    """Build the site in root into output (default ``root/output``).

    With ``cache``, the build reads again only the content files whose bytes
    changed and makes again only the outputs whose inputs changed, taking the
    rest from the output folder as the last build left it (``site/depends.py``),
    and leaves the output alone when no source changed at all; the output is
    byte for byte the same either way.

    Raises ``OutputFolderError`` for a forbidden output or cache folder, ``OutputBusy`` while another
    build holds the output folder, ``OutputWriteError`` when it cannot be written, ``ThemeError``,
    ``RenderError`` or ``OutputCollision`` when the theme cannot render the site.
    """
    started = time.perf_counter()
    output = output if output is not None else root / DEFAULT_OUTPUT
    check_output_folder(root, output)
    cache_folder = root / CACHE_FOLDER if cache else None
    if cache_folder:
        check_cache_folder(cache_folder)
    with OutputLock(output):
        return _build(root, output, cache_folder, base_url, drafts, strict, progress, started)


def _build(root: Path, output: Path, cache_folder: Path | None, base_url: str | None, drafts: bool, strict: bool,
           progress: Progress, started: float) -> BuildResult:
    """``build``, once the output folder is this process's alone."""
    engine = engine_key({"output": str(output.resolve()), "base_url": base_url, "drafts": drafts, "strict": strict})
    state = OutputState.load(cache_folder, engine) if cache_folder else OutputState()
    sources = scan(root, builtin_theme_dir())
    intact = bool(state.tree) and tree_signature(output) == state.tree
    if intact and state.sources == sources.files:
        files = sum(len(built.files) for built in state.outputs.values())
        return BuildResult(state.replayed(), False, state.pages, files, WriteStats(0, files),
                           time.perf_counter() - started, up_to_date=True)

    # Imported here, not above: a build with nothing to do never loads the Markdown, template or search libraries.
    from .content.read import read_site
    from .site.render import render_changed
    from .site.theme import load_theme

    progress.stage("reading content")
    reader = Reader.load(cache_folder) if cache_folder else Reader()
    site, diagnostics = read_site(root, strict=strict, drafts=drafts, base_url=base_url, cache=reader,
                                  sources=sources, parallel=True)
    if cache_folder:
        reader.save(cache_folder)
    if diagnostics.fails(strict):
        return BuildResult(diagnostics, failed=True)

    theme = load_theme(root, site.config.theme)
    fingerprints = Fingerprints(sources, reader.reads, site.config.theme, {NOW: str(site.now)})
    with Staging(output, state.file_digests() if intact else None) as staging:
        made = render_changed(site, theme, staging, fingerprints, state.outputs if intact else {}, cache_folder,
                              progress.stage)
        progress.stage("writing", made.files, "files")
        staging.commit()
    pages = sum(path.endswith(".html") for built in made.outputs.values() for path in built.files)
    if cache_folder:
        OutputState(engine, sources.files, tree_signature(output) or "", made.outputs, pages,
                    tuple(diagnostics.sorted())).save(cache_folder)
    return BuildResult(diagnostics, False, pages, made.files, WriteStats(made.written, made.files - made.written),
                       time.perf_counter() - started)
