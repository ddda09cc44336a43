"""`import URL`: fetch one page, within a time limit and a size cap, and only when the
server says it is a web page or text. The caller saves it under seeds/ once it imports."""
from __future__ import annotations

import datetime as dt
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from ...content.ids import suggest_id
from .clipping import ClippingError

TIMEOUT_SECONDS = 20
MAX_BYTES = 5 * 1024 * 1024
PAGE_TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt", "text/markdown": ".md"}
USER_AGENT = "chrono-import/0.1"


@dataclass(frozen=True)
class Fetched:
    url: str          # after redirects
    data: bytes       # UTF-8
    suffix: str       # '.html', '.txt' or '.md'


def is_url(source: str) -> bool:
    return re.match(r"https?://", source, re.I) is not None


def fetch(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> Fetched:
    """The page at url, decoded by its declared charset and re-encoded as UTF-8."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            header = Message()
            header["content-type"] = response.headers.get("Content-Type", "")
            kind = header.get_content_type()
            if kind not in PAGE_TYPES:
                raise ClippingError(f"{url}: error: not an article page: the server sent {kind}; "
                                    "import a web page (text/html) or save the text by hand")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise ClippingError(f"{url}: error: the page is larger than {max_bytes // (1024 * 1024)} MB")
            data = response.read(max_bytes + 1)
            final = response.geturl()
    except ClippingError:
        raise
    except urllib.error.HTTPError as exc:
        raise ClippingError(f"{url}: error: the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise ClippingError(f"{url}: error: cannot fetch the page: {reason}") from None
    if len(data) > max_bytes:
        raise ClippingError(f"{url}: error: the page is larger than {max_bytes // (1024 * 1024)} MB")
    charset = header.get_param("charset") or _meta_charset(data) or "utf-8"
    try:
        text = data.decode(str(charset), errors="strict")
    except (LookupError, UnicodeDecodeError):
        text = data.decode("utf-8", errors="replace")
    return Fetched(final, text.encode("utf-8"), PAGE_TYPES[kind])


def _meta_charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    return m[1].decode("ascii") if m else None


def seed_name(url: str, suffix: str, today: dt.date | None = None) -> str:
    """'2018-09-19-www-example-org-koreas-agree.html': the day it was saved, the host and the
    page's last path segment, as the seeds/ folder names its files."""
    parts = urlsplit(url)
    host = suggest_id(re.sub(r"^www\.", "", parts.hostname or "page"))
    page = suggest_id(re.sub(r"\.\w{2,5}$", "", parts.path.rstrip("/").rsplit("/", 1)[-1]))[:50].strip("-")
    day = (today or dt.date.today()).isoformat()
    return f"{day}-{host}{'-' + page if page else ''}{suffix}"
