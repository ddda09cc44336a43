"""From a site folder to a resolved ``Site``: config, load, schema, link.

This is ``check`` in full and the first half of ``build``: it reads files and
writes nothing.
"""
from __future__ import annotations

from pathlib import Path

from .config import load_config
from .diagnostics import Diagnostics
from .link import link
from .load import load_site
from .model import Site
from .schema import to_record


def read_site(root: Path, *, strict: bool = False, drafts: bool = True, base_url: str | None = None) -> tuple[Site, Diagnostics]:
    diagnostics = Diagnostics()
    config = load_config(root, diagnostics)
    if base_url is not None:
        config = config.with_base_url(base_url)
    sources, found = load_site(root, diagnostics)
    records = [r for r in (to_record(s, diagnostics) for s in sources) if r is not None]
    site = link(config, records, diagnostics, strict=strict, drafts=drafts, unreadable=found - {r.key for r in records})
    return site, diagnostics
