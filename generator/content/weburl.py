"""Which web addresses may reach links, feeds, the sitemap and the calendar: the one place for that rule.

An address written in site.yaml or front matter ends up in ``href``
attributes, XML and JSON. Escaping keeps it from breaking out of them, but not
from being a ``javascript:`` link or an address a feed reader rejects, so
values are checked when read: a whole ``http(s)`` address with a host, or
(``base_url`` only) a path from the root. Browsers read a backslash as a
slash, so ``/\\evil.example`` goes to another host like ``//evil.example``:
``leads_to_another_host`` finds such links in bodies.
"""
from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

# Characters no address may hold as written: spaces, quotes, angle brackets, backslashes and controls
# (C0, DEL, C1); and, by Unicode category, every other space and the invisible format characters
# (zero-width spaces, bidirectional overrides, which can make an address read as another).
# Percent-encode them instead.
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\`]")
_UNSAFE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cf"})
_HOST_NAME = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)*[^\W_](?:[\w-]*[^\W_])?\.?")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)
# What browsers skip before a link and inside it (the URL standard strips C0 controls and spaces
# around it, and tabs and newlines anywhere).
_SKIPPED = re.compile(r"[\x00-\x20]")


def web_address_problem(value: str) -> str | None:
    """Why value is not a whole http(s) address (``https://host/path``), or None when it is one."""
    if not value.lower().startswith(("http://", "https://")):
        return f"'{_shown(value)}' is not a web address: only http:// and https:// links are allowed"
    unsafe = _unsafe_character(value)
    if unsafe:
        return f"'{_shown(value)}' is not a web address: it holds {_named(unsafe)}; percent-encode it"
    parts = urlsplit(value)
    try:
        host, _ = parts.hostname, parts.port
    except ValueError:       # a port that is not a number from 0 to 65535
        host = None
    if not host or not (_HOST_NAME.fullmatch(host) or ":" in host and _is_ip(host)):
        return f"'{_shown(value)}' is not a web address: it names no valid host"
    return None


def base_url_problem(value: str) -> str | None:
    """Why value cannot be ``base_url``, or None: it must be a whole http(s) address or a path (``/repo/``)."""
    value = value.strip()
    if _SCHEME.match(value) or value.startswith("//"):
        problem = web_address_problem(value)
        return problem and f"base_url {problem}; write an http(s) address or a path such as /repo/"
    unsafe = _unsafe_character(value)
    if unsafe:
        return f"base_url '{_shown(value)}' holds {_named(unsafe)}; percent-encode it"
    return None


def leads_to_another_host(link: str) -> bool:
    """True for a link that browsers read as ``//host``, written with backslashes (``/\\host``, ``\\\\host``)."""
    start = _SKIPPED.sub("", link)[:2]
    return len(start) == 2 and set(start) <= {"/", "\\"} and "\\" in start


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _unsafe_character(value: str) -> str | None:
    """The first character of value that no address may hold as written, or None."""
    found = _UNSAFE.search(value)
    if found:
        return found[0]
    return next((c for c in value if not c.isascii() and unicodedata.category(c) in _UNSAFE_CATEGORIES), None)


def _named(character: str) -> str:
    named = {" ": "a space", '"': "a quote", "'": "a quote", "<": "'<'", ">": "'>'", "\\": "a backslash",
             "`": "a backquote"}.get(character)
    kind = unicodedata.category(character)
    if named is None and kind == "Cf":
        named = f"the invisible character U+{ord(character):04X}"
    elif named is None and kind != "Cc":
        named = f"a space (U+{ord(character):04X})"
    return named or f"the control character U+{ord(character):04X}"


def _shown(value: str) -> str:
    """value with its control characters made visible, for a message."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in value)
