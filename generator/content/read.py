"""From a site folder to a resolved ``Site``: config, load, schema, link.

This is ``check`` in full and the first half of ``build``: it reads files and
writes nothing. ``serve`` passes the same ``SourceCache`` on every rebuild, so
only the files that changed are parsed again.
"""
from __future__ import annotations

from pathlib import Path

from .config import load_config
from .diagnostics import Diagnostics
from .incremental import SourceCache
from .link import link
from .model import Site
from .static import scan_static


def read_site(root: Path, *, strict: bool = False, drafts: bool = True, base_url: str | None = None,
              cache: SourceCache | None = None, parallel: bool = False) -> tuple[Site, Diagnostics]:
    """The linked site and every problem found; ``parallel`` as for ``SourceCache.records``."""
    diagnostics = Diagnostics()
    config = load_config(root, diagnostics)
    if base_url is not None:
        config = config.with_base_url(base_url)
    records, found = (cache or SourceCache()).records(root, diagnostics, parallel)
    site = link(config, records, diagnostics, strict=strict, drafts=drafts, unreadable=found - {r.key for r in records},
                static=scan_static(root, diagnostics))
    return site, diagnostics
