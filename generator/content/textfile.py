"""Decoding content files: UTF-8 only, any line ending, an optional BOM."""
from __future__ import annotations

import re

from .diagnostics import Diagnostics

_NEWLINE = re.compile(rb"\r\n|\r|\n")


def decode(data: bytes, path: str, diagnostics: Diagnostics) -> str | None:
    """UTF-8 text with a BOM dropped and CRLF or lone CR turned into LF."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        lines = _NEWLINE.split(before)
        line, col = len(lines), len(lines[-1]) + 1
        diagnostics.error(path, line, col, f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
