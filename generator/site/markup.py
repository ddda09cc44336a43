"""Markdown bodies → sanitised HTML, with wiki links, person mentions and paragraph anchors.

Python-Markdown builds an ElementTree; our tree processors work on that tree
(never on HTML text), and nh3 sanitises the serialised result against an
allow-list. ``render_bodies`` renders every entry of a site once, reusing
cached results (see ``bodycache``). One ``BodyRenderer`` holds one Markdown
instance, so use it from one thread at a time. Links and mentions are not
resolved here: the link stage left the page of each ``[[target]]`` and the
table of people's names on the ``Site``.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from hashlib import sha256
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Iterator, Mapping
from xml.etree import ElementTree as etree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER, AtomicString

from .depends import Store
from ..content.kinds import KINDS
from ..content.model import Entry, Site
from ..content.parallel import render_all
from ..content.static import StaticFiles, is_web_address, local_image
from ..content.text import BODIES_REMEMBERED, WIKILINK, images, keep_visible, normalise, quote_found, quote_parts
from ..content.urls import Urls
from ..content.weburl import leads_to_another_host

# Part of every cache key: bump the number whenever the HTML for the same input changes.
VERSION = f"4;markdown-{markdown.__version__};nh3-{version('nh3')}"

EXTENSIONS = ("tables", "footnotes", "fenced_code", "sane_lists")
_EXTENSION_CONFIG = {"tables": {"use_align_attribute": True}}

_PLACEHOLDER = re.compile("\x02[^\x02\x03]*\x03")        # Python-Markdown's stash markers
_STASHED = re.compile(re.escape(HTML_PLACEHOLDER).replace("%s", r"(\d+)"))   # one raw HTML block
_NO_MENTIONS_IN = frozenset({"a", "code", "pre"})
_FOOTNOTE_LINKS = frozenset({"footnote-ref", "footnote-backref"})
_EXTERNAL = re.compile(r"(?:https?:)?//", re.IGNORECASE)


@dataclass(frozen=True)
class RenderedBody:
    html: str                                   # sanitised HTML fragment
    paragraphs: tuple[tuple[str, str], ...]     # (anchor id, normalised plain text), document order

    def anchor_for(self, quote: str) -> str | None:
        """The id of the paragraph holding every part of quote (split at ellipses), else None.

        A list item and a paragraph inside it can both hold the quote; the
        shorter text is the more precise anchor.
        """
        return _anchor_for(self.paragraphs, quote)


@functools.lru_cache(maxsize=4 * BODIES_REMEMBERED)
def _anchor_for(paragraphs: tuple[tuple[str, str], ...], quote: str) -> str | None:
    """Remembered by text: ``serve`` links every quote of the site again on each rebuild."""
    parts = quote_parts(quote)
    if not parts:    # nothing but ellipses and blanks
        return None
    found = [(len(text), anchor) for anchor, text in paragraphs if quote_found(parts, text)]
    return min(found, key=lambda pair: pair[0])[1] if found else None


class BodyRenderer:
    """Renders the Markdown of one site; build one per site and reuse it.

    A body is shown on its entry's own page, so its links are relative to
    that page (every entry page lies at the same depth), and its local images
    link to their files from static/.
    """

    def __init__(self, site: Site, urls: Urls) -> None:
        self.site = site
        self.urls = urls.from_entries()
        self.link_mentions = False
        self.paragraphs: list[tuple[str, str]] = []
        self._links: dict[str, tuple[str, str, str] | None] = {}
        self._md = markdown.Markdown(extensions=[*EXTENSIONS, _ChronologyExtension(self)],
                                     extension_configs=_EXTENSION_CONFIG, output_format="html")
        self._cleaner = _cleaner(functools.partial(_filter_attribute, site.static, self.urls))

    def link_for(self, target: str) -> tuple[str, str, str] | None:
        """(href, singular kind, display title) of a wiki link target, None when it resolves to nothing."""
        if target not in self._links:
            entry = self.site.target(target)
            self._links[target] = None if entry is None else (
                self.urls.page(entry.kind, entry.id), KINDS[entry.kind].singular, self.site.link_text(target))
        return self._links[target]

    def render(self, text: str, *, link_mentions: bool) -> RenderedBody:
        self._md.reset()
        self.link_mentions = link_mentions
        self.paragraphs = []
        html = self._cleaner.clean(self._md.convert(keep_visible(text)))
        return RenderedBody(html, tuple(self.paragraphs))

    def fingerprint(self, text: str, *, link_mentions: bool) -> str:
        """A hash of everything the HTML of text depends on, for the cache key."""
        links = tuple((target, self.link_for(target)) for target in _link_targets(text))
        pictures = tuple(local_image(source) in self.site.static for source, _, _ in images(text))
        return _fingerprint(self.urls.root, link_mentions, text, (links, pictures),
                            self.site.names.digest if link_mentions else None)


# Remembered by text, so that ``serve`` hashes only the bodies that changed.

@functools.lru_cache(maxsize=BODIES_REMEMBERED)
def _link_targets(text: str) -> tuple[str, ...]:
    return tuple(sorted({m.group(1).strip() for m in WIKILINK.finditer(text)}))


@functools.lru_cache(maxsize=BODIES_REMEMBERED)
def _fingerprint(root: str, link_mentions: bool, text: str, links: tuple, names_digest: str | None) -> str:
    parts = [VERSION, root, link_mentions, text, links, names_digest]
    return sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


# -- Python-Markdown extension -----------------------------------------------

class _ChronologyExtension(Extension):
    def __init__(self, renderer: BodyRenderer) -> None:
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After code spans (190) and backslash escapes (180), before Markdown links (170).
        md.inlinePatterns.register(_WikiLinkPattern(WIKILINK.pattern, self.renderer), "wikilink", 172)
        # After "unescape" (0): text nodes hold the characters the reader sees.
        md.treeprocessors.register(_MentionLinker(self.renderer), "mentions", -10)
        md.treeprocessors.register(_ParagraphAnchors(md, self.renderer), "paragraph-anchors", -20)
        for name in _BRACKETED:
            if name in md.inlinePatterns:
                md.inlinePatterns[name].getText = _bracketed_text  # type: ignore[attr-defined]


# Python-Markdown's link and image patterns, which read the text up to the ``]`` that closes a ``[``.
_BRACKETED = ("reference", "link", "image_link", "image_reference", "short_reference", "short_image_ref")
_BRACKET = re.compile(r"[\[\]]")


def _bracketed_text(data: str, index: int) -> tuple[str, int, bool]:
    """The text from index to the ``]`` closing the ``[`` just before it: (text, index after it, closed?).

    Python-Markdown finds it by measuring every bracket of the paragraph
    again after each link it replaces: 3,000 links in one paragraph took
    minutes. This looks from index on only; ``body_problem`` keeps brackets
    left open in a paragraph below the nesting limit, so the cost stays
    linear.
    """
    depth = 1
    for bracket in _BRACKET.finditer(data, index):
        depth += 1 if bracket.group() == "[" else -1
        if depth == 0:
            return data[index:bracket.start()], bracket.end(), True
    return data[index:], len(data), False


class _WikiLinkPattern(InlineProcessor):
    def __init__(self, pattern: str, renderer: BodyRenderer) -> None:
        super().__init__(pattern)
        self.renderer = renderer

    def handleMatch(self, m: re.Match, data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]
        target, label = m.group(1).strip(), (m.group(2) or "").strip()
        link = self.renderer.link_for(target)
        if link is None:
            element = etree.Element("span", {"class": "ref-missing"})
            element.text = AtomicString(label or target)
        else:
            href, kind, title = link
            element = etree.Element("a", {"class": f"ref ref-{kind}", "href": href})
            element.text = AtomicString(label or title)
        return element, m.start(0), m.end(0)


class _MentionLinker(Treeprocessor):
    """Wraps people's names in text nodes in links to their pages, outside links and code."""

    def __init__(self, renderer: BodyRenderer) -> None:
        super().__init__()
        self.renderer = renderer

    def run(self, root: etree.Element) -> None:
        if self.renderer.link_mentions and len(self.renderer.site.names):
            self._visit(root)

    def _visit(self, element: etree.Element) -> None:
        head, children = self._split(element.text)
        for child in list(element):
            if child.tag not in _NO_MENTIONS_IN:
                self._visit(child)
            tail, links = self._split(child.tail)
            child.tail = tail
            children += [child, *links]
        element.text = head
        element[:] = children

    def _split(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """The text before the first name, and one link per name with the text after it as tail."""
        if not text:
            return text, []
        head: str | None = None
        links: list[etree.Element] = []
        position = 0
        for start, end, person in self.renderer.site.names.finditer(text):
            if links:
                links[-1].tail = text[position:start]
            else:
                head = text[:start]
            link = etree.Element("a", {"class": "mention", "href": self.renderer.urls.page("people", person)})
            link.text = text[start:end]
            links.append(link)
            position = end
        if not links:
            return text, []
        links[-1].tail = text[position:]
        return head, links


class _ParagraphAnchors(Treeprocessor):
    """Numbers paragraphs and list items (p1, p2, ...) and marks external links.

    Every ``p`` and every ``li`` gets an id, except an ``li`` whose text is all
    in paragraphs (a loose list), so each block a reader sees has one anchor.
    """

    def __init__(self, md: markdown.Markdown, renderer: BodyRenderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: etree.Element) -> None:
        number = 0
        for element in root.iter():
            if element.tag == "a" and _EXTERNAL.match(element.get("href", "").strip()):
                element.set("rel", "noopener")
            if element.tag not in ("p", "li") or element.get("id") or self._wraps_html_block(element):
                continue
            if element.tag == "li" and not (element.text or "").strip() and len(element) and element[0].tag == "p":
                continue    # a loose list item: its paragraphs carry the anchors
            number += 1
            anchor = f"p{number}"
            element.set("id", anchor)
            self.renderer.paragraphs.append((anchor, normalise(_plain_text(element))))


    def _wraps_html_block(self, element: etree.Element) -> bool:
        """A paragraph that only holds a raw HTML block, which Python-Markdown unwraps later.

        An id on it would stop the unwrapping and nest the block inside a ``p``.
        """
        stashed = _STASHED.fullmatch((element.text or "").strip())
        if len(element) or not stashed:
            return False
        html = self.md.htmlStash.rawHtmlBlocks[int(stashed.group(1))]
        return self.md.postprocessors["raw_html"].isblocklevel(html)  # type: ignore[attr-defined]


def _plain_text(element: etree.Element) -> str:
    """The words a reader sees in element, without footnote markers or stash placeholders."""
    parts = [element.text or ""]
    for child in element:
        if not (child.tag == "a" and child.get("class") in _FOOTNOTE_LINKS):
            parts.append(_plain_text(child))
        parts.append(child.tail or "")
    return _PLACEHOLDER.sub("", "".join(parts))


# -- sanitising ----------------------------------------------------------------

_BLOCKS_WITH_IDS = ("p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "sup", "div")
_TAGS = {"p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5",
         "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "sup", "sub", "del", "img", "span", "div",
         "abbr"}
_ATTRIBUTES: dict[str, set[str]] = {"*": {"title"}, "a": {"href"}, "img": {"src", "alt"},
                                    "th": {"colspan", "rowspan", "align"}, "td": {"colspan", "rowspan", "align"}}
for _tag in _BLOCKS_WITH_IDS:
    _ATTRIBUTES.setdefault(_tag, set()).add("id")
for _tag in ("a", "span", "div", "sup", "li", "code"):
    _ATTRIBUTES.setdefault(_tag, set()).add("class")
_OUR_IDS = re.compile(r"p\d+|fn(?:ref\d*)?:[^\s\"'<>]+")   # paragraph anchors and footnote ids


def _filter_attribute(static: StaticFiles, urls: Urls, tag: str, attribute: str, value: str) -> str | None:
    """Images from http(s) or from the site's static/ files (linked from the page); no link that
    browsers read as another host's (``/\\host``); ids only of the shapes we generate (no clobbering page ids)."""
    if tag == "a" and attribute == "href" and leads_to_another_host(value):
        return None
    if tag == "img" and attribute == "src":
        if is_web_address(value.strip()):
            return value
        path = local_image(value.strip())
        return urls.file(path) if path is not None and path in static else None
    if attribute == "id":
        return value if _OUR_IDS.fullmatch(value) else None
    return value


def _cleaner(attribute_filter: Callable[[str, str, str], str | None]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_TAGS,
        clean_content_tags={"script", "style", "iframe", "svg", "math", "object", "embed", "noscript", "template",
                            "textarea", "select", "noembed", "noframes", "xmp"},
        attributes=_ATTRIBUTES,
        attribute_filter=attribute_filter,
        tag_attribute_values={"a": {"rel": {"noopener"}}},
        link_rel=None,
        url_schemes={"http", "https", "mailto"},
    )


# -- entry points --------------------------------------------------------------

def body_cache(directory: Path | None = None) -> Store:
    """A store of rendered bodies, on disk in directory when given; its memory lasts as long as the object,
    so ``serve`` keeps one across rebuilds. Keys are ``BodyRenderer.fingerprint``s."""
    return Store(directory)


def render_bodies(site: Site, urls: Urls, cache: Store | None = None, *,
                  parallel: bool = False) -> dict[tuple[str, str], RenderedBody]:
    """Every entry's body, keyed by (kind, id); person mentions are linked in articles only.

    ``parallel`` renders the bodies missing from the cache in forked workers
    (see ``parallel``); only for a process that runs no other threads.
    """
    renderer = BodyRenderer(site, urls)
    cache = cache or body_cache()
    bodies: dict[tuple[str, str], RenderedBody] = {}
    missing: list[tuple[Entry, str]] = []
    used: set[str] = set()
    for entry in site.entries():
        key, cached = _cached_body(renderer, cache, entry)
        used.add(key)
        if cached is not None:
            bodies[entry.key] = cached
        else:
            missing.append((entry, key))

    def render(missed: tuple[Entry, str]) -> RenderedBody:
        return _render_body(renderer, missed[0])

    rendered = render_all(render, missing) if parallel else [render(missed) for missed in missing]
    for (entry, key), body in zip(missing, rendered):
        cache.put(key, _encode(body))
        bodies[entry.key] = body
    cache.prune(used)
    return {entry.key: bodies[entry.key] for entry in site.entries()}


class LazyBodies(Mapping[tuple[str, str], RenderedBody]):
    """``render_bodies``, one body at a time as pages ask for it.

    ``serve`` renders only the pages open in browsers after an edit, so it
    needs only their bodies (and those of the articles they quote). Callers
    serialise access: one Python-Markdown instance renders them all.
    """

    def __init__(self, site: Site, urls: Urls, cache: Store) -> None:
        self._site = site
        self._renderer = BodyRenderer(site, urls)
        self._cache = cache
        self._bodies: dict[tuple[str, str], RenderedBody] = {}

    def __getitem__(self, key: tuple[str, str]) -> RenderedBody:
        if key not in self._bodies:
            entry = self._site.get(*key)
            if entry is None:
                raise KeyError(key)
            fingerprint, body = _cached_body(self._renderer, self._cache, entry)
            if body is None:
                body = _render_body(self._renderer, entry)
                self._cache.put(fingerprint, _encode(body))
            self._bodies[key] = body
        return self._bodies[key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return (entry.key for entry in self._site.entries())

    def __len__(self) -> int:
        return sum(1 for _ in self._site.entries())


def _cached_body(renderer: BodyRenderer, cache: Store, entry: Entry) -> tuple[str, RenderedBody | None]:
    """The cache key of entry's body, and the body when the cache has it."""
    key = renderer.fingerprint(entry.body, link_mentions=entry.kind == "articles")
    cached = cache.get(key)
    return key, _decode(cached) if cached is not None else None


def _encode(body: RenderedBody) -> bytes:
    return json.dumps([body.html, body.paragraphs], ensure_ascii=False).encode()


def _decode(data: bytes) -> RenderedBody | None:
    """A body from the store, or None when the bytes do not hold one."""
    try:
        html, paragraphs = json.loads(data)
        if isinstance(html, str) and all(isinstance(a, str) and isinstance(t, str) for a, t in paragraphs):
            return RenderedBody(html, tuple((a, t) for a, t in paragraphs))
    except (ValueError, TypeError):
        pass
    return None


def _render_body(renderer: BodyRenderer, entry: Entry) -> RenderedBody:
    return renderer.render(entry.body, link_mentions=entry.kind == "articles")
