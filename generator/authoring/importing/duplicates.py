"""An article already in content/articles/: the same page (normalised URL), or the same
title from the same publication on the same day."""
from __future__ import annotations

import re
from typing import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit

from ...content.model import Article
from .clipping import Clipping

_TRACKING = re.compile(r"utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid|src", re.I)


def normal_url(url: str) -> str:
    """Scheme, 'www.', tracking parameters, the fragment and a closing slash do not make another page."""
    parts = urlsplit(url.strip())
    host = re.sub(r"^www\.", "", (parts.hostname or "").lower())
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.fullmatch(k)))
    return f"{host}{port}{parts.path.rstrip('/') or '/'}{'?' + query if query else ''}"


def _key(text: str | None) -> str:
    return re.sub(r"[\W_]+", " ", text or "").strip().casefold()


def find_duplicate(clipping: Clipping, articles: Iterable[Article]) -> Article | None:
    url = normal_url(clipping.url) if clipping.url else None
    day = clipping.published[:10] if clipping.published else None
    for article in articles:
        if url and article.url and normal_url(article.url) == url:
            return article
        if day and _key(article.title) == _key(clipping.title) and _key(article.publication) == _key(clipping.publication) \
                and article.published[:10] == day:
            return article
    return None

