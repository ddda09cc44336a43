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

from .content.diagnostics import Diagnostics
from .site.uptodate import Stamp, forget_stamp, inputs_key, output_key, read_stamp, replayed, write_stamp
from .site.write import WriteStats, check_output_folder, write_output

DEFAULT_OUTPUT = "output"
CACHE_FOLDER = ".chrono-cache"   # rendered Markdown and the search index between builds; safe to delete


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

    With ``cache``, work that did not change since the last build is taken from
    ``root/.chrono-cache/``, and when nothing at all changed the output is left
    as it is; the output is byte for byte the same either way.

    Raises ``OutputFolderError`` for a forbidden output folder, ``ThemeError``,
    ``RenderError`` or ``OutputCollision`` when the theme cannot render the site.
    """
    started = time.perf_counter()
    output = output if output is not None else root / DEFAULT_OUTPUT
    check_output_folder(root, output)
    cache_folder = root / CACHE_FOLDER if cache else None
    options = {"output": str(output.resolve()), "base_url": base_url, "drafts": drafts, "strict": strict}
    inputs = inputs_key(root, options) if cache_folder else None
    if cache_folder:
        last = read_stamp(cache_folder) if inputs else None
        if last and last.inputs == inputs and last.output == output_key(output):
            return BuildResult(replayed(last), False, last.pages, last.files, WriteStats(0, last.files),
                               time.perf_counter() - started, up_to_date=True)
        forget_stamp(cache_folder)

    # Imported here, not above: a build with nothing to do never loads the Markdown, template or search libraries.
    from .content.read import read_site
    from .site.render import start_render
    from .site.theme import load_theme

    progress.stage("reading content")
    site, diagnostics = read_site(root, strict=strict, drafts=drafts, base_url=base_url, parallel=True)
    if diagnostics.fails(strict):
        return BuildResult(diagnostics, failed=True)

    progress.stage("rendering", len(site.entries()), "entries")
    rendered = start_render(site, load_theme(root, site.config.theme), cache_folder)

    progress.stage("writing", len(rendered.files), "files and the search index")
    stats = write_output(rendered.files, output, rendered.search_index)
    pages = sum(1 for path in rendered.files if path.endswith(".html"))
    files = stats.written + stats.unchanged
    if cache_folder and inputs:
        written = output_key(output)
        if written:
            write_stamp(cache_folder, Stamp(inputs, written, pages, files, tuple(diagnostics.sorted())))
    return BuildResult(diagnostics, False, pages, files, stats, time.perf_counter() - started)
