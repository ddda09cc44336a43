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

from .diagnostics import Diagnostics
from .read import read_site
from .render import start_render
from .theme import load_theme
from .write import WriteStats, check_output_folder, write_output

DEFAULT_OUTPUT = "output"
CACHE_FOLDER = ".chrono-cache"   # rendered Markdown and the search index between builds; safe to delete


@dataclass(frozen=True)
class BuildResult:
    diagnostics: Diagnostics
    failed: bool                 # content errors (or warnings under --strict): nothing was written
    pages: int = 0
    files: int = 0
    stats: WriteStats | None = None
    seconds: float = 0.0


def build(root: Path, output: Path | None = None, *, base_url: str | None = None, drafts: bool = False,
          strict: bool = False, cache: bool = True) -> BuildResult:
    """Build the site in root into output (default ``root/output``).

    With ``cache``, work that did not change since the last build is taken from
    ``root/.chrono-cache/``; the output is byte for byte the same either way.

    Raises ``OutputFolderError`` for a forbidden output folder, ``ThemeError``,
    ``RenderError`` or ``OutputCollision`` when the theme cannot render the site.
    """
    started = time.perf_counter()
    output = output if output is not None else root / DEFAULT_OUTPUT
    check_output_folder(root, output)

    site, diagnostics = read_site(root, strict=strict, drafts=drafts, base_url=base_url)
    if diagnostics.fails(strict):
        return BuildResult(diagnostics, failed=True)

    rendered = start_render(site, load_theme(root, site.config.theme), root / CACHE_FOLDER if cache else None)

    stats = write_output(rendered.files, output, rendered.search_index)
    pages = sum(1 for path in rendered.files if path.endswith(".html"))
    return BuildResult(diagnostics, False, pages, stats.written + stats.unchanged, stats, time.perf_counter() - started)
