"""From a site folder to a resolved ``Site``: config, load, schema, link.

This is ``check`` in full and the first half of ``build``: it reads files and
writes nothing. ``build`` and ``serve`` pass a ``changes.Reader`` that
remembers earlier reads, so only the files whose bytes changed are parsed again.
"""
from __future__ import annotations

from pathlib import Path

from .changes import Reader, Scan, scan_content
from .config import load_config
from .diagnostics import Diagnostics
from .link import link
from .model import Site
from .static import scan_static


def read_site(root: Path, *, strict: bool = False, drafts: bool = True, base_url: str | None = None,
              cache: Reader | None = None, sources: Scan | None = None,
              parallel: bool = False) -> tuple[Site, Diagnostics]:
    """The linked site and every problem found; ``sources`` and ``parallel`` as for ``Reader.records``."""
    diagnostics = Diagnostics()
    config = load_config(root, diagnostics)
    if base_url is not None:
        config = config.with_base_url(base_url)
    if sources is None:
        sources = scan_content(root)
    records, found = (cache or Reader()).records(root, diagnostics, parallel, sources)
    site = link(config, records, diagnostics, strict=strict, drafts=drafts, unreadable=found - {r.key for r in records},
                unlisted=sources.unlisted_kinds(), static=scan_static(root, diagnostics))
    return site, diagnostics
