"""Which kind of clipping a seed file is, and reading it as that kind: a saved HTML page,
a Markdown web clip with its own front matter, or page text. Anything else (a binary
file, a PDF, an empty file) is refused with a message naming the file."""
from __future__ import annotations

import re

from .clipping import Clipping, ClippingError

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)\b", re.I | re.S)


def decode(data: bytes, name: str) -> str:
    """The seed's text, without a byte order mark and with '\\n' line ends."""
    if data.startswith(b"%PDF"):
        raise ClippingError(f"{name}: error: a PDF file is not an article page; save the page as HTML or copy its text")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ClippingError(f"{name}: error: a binary file, not a clipping; save the page as HTML or copy its text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - data.rfind(b"\n", 0, exc.start)
        raise ClippingError(f"{name}:{line}:{col}: error: not UTF-8: byte 0x{data[exc.start]:02x} at byte offset "
                            f"{exc.start} cannot be decoded; save the clipping as UTF-8") from None
    text = text.lstrip("\ufeff")
    if not text.strip(" \t\r\n\u200b\ufeff"):
        raise ClippingError(f"{name}: error: the clipping is empty")
    return re.sub(r"\r\n?", "\n", text)


def kind_of(text: str, name: str) -> str:
    """'html', 'webclip' or 'text'."""
    if name.lower().endswith(HTML_SUFFIXES) or _HTML_START.match(text):
        return "html"
    if re.match(r"---[ \t]*\n", text):
        return "webclip"
    return "text"


def read_clipping(data: bytes, name: str, site_zone: str | None = None) -> Clipping:
    """The clipping a seed file holds; name is used in messages and for the year a wire
    dateline leaves out ('2018-09-14-….txt')."""
    text = decode(data, name)
    kind = kind_of(text, name)
    if kind == "html":
        from .htmlpage import read_html
        return read_html(text, name, site_zone)
    if kind == "webclip":
        from .webclip import read_webclip
        return read_webclip(text, name, site_zone)
    from .textclip import read_text
    lines = [line.strip(" \t\u200b\ufeff\u00a0") for line in text.split("\n")]
    return read_text([(line, line) for line in lines], name, site_zone=site_zone)
