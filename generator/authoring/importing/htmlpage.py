"""A saved HTML page: the page's own metadata first (NewsArticle JSON-LD, then
OpenGraph and ``article:published_time``, then ``<time>``, then ``<meta name=author>``
and ``rel=author``; the canonical link for the url), the article text as trafilatura
extracts it, then the text rules for whatever is still missing and for the furniture
trafilatura keeps."""
from __future__ import annotations

import json
import re

import lxml.html
import trafilatura
from lxml import etree

from .bylines import split_names, strip_role
from .clipping import Clipping, ClippingError, Hints
from .stamps import iso_instant
from .textclip import read_text, site_of, without_site
from .zones import home_zone

ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
                 "BackgroundNewsArticle", "BlogPosting", "LiveBlogPosting", "Report", "ScholarlyArticle"}
MIN_ARTICLE_WORDS = 40


def read_html(text: str, name: str, site_zone: str | None = None) -> Clipping:
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        raise ClippingError(f"{name}: error: not a readable HTML page") from None
    found = _metadata(tree)
    extracted = trafilatura.extract(text, output_format="txt", include_comments=False, include_tables=False,
                                    include_images=False, favor_precision=True, deduplicate=False)
    lines = [line.strip() for line in (extracted or "").split("\n") if line.strip()]
    words = sum(len(line.split()) + len(re.findall(r"[가-힣]{2,}", line)) for line in lines)
    if words < MIN_ARTICLE_WORDS:
        raise ClippingError(f"{name}: error: no article text found in the page (a home page or a list of links?); "
                            "import the article's own page")
    korean = len(re.findall(r"[가-힣]", " ".join(lines))) > len(" ".join(lines)) * 0.2
    zones = [home_zone(found.get("publication"), found.get("url"), korean), site_zone]
    published = next((iso for value in found.get("published", ()) if (iso := iso_instant(value, zones))), None)
    if published is None:
        published = _htmldate(tree)
    hints = Hints(title=found.get("title"), publication=found.get("publication"), authors=found.get("authors", ()),
                  published=published, url=found.get("url"), description=found.get("description"))
    return read_text([(line, line) for line in lines], name, hints, site_zone)


def _metadata(tree) -> dict:
    """Title, publication, authors, candidate publication times and url, best source first."""
    found: dict = {}
    article = _json_ld_article(tree)
    meta = {(el.get("property") or el.get("name") or el.get("itemprop") or "").lower(): el.get("content", "").strip()
            for el in reversed(tree.xpath("//meta[@content]"))}

    def first(*values) -> str | None:
        return next((v.strip() for v in values if isinstance(v, str) and v.strip()), None)

    title_tag = first(tree.findtext(".//title"))
    h1 = first(*(" ".join(h.text_content().split()) for h in tree.xpath("//h1")))
    found["title"] = first(article.get("headline"), meta.get("og:title"), h1, title_tag and without_site(title_tag))
    found["publication"] = first(_name(article.get("publisher")), meta.get("og:site_name"), title_tag and site_of(title_tag))
    found["description"] = first(meta.get("og:description"), meta.get("description"))
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    found["url"] = first(*canonical, meta.get("og:url"), _entity_url(article))
    times = tree.xpath("//time[@datetime]")
    times.sort(key=lambda t: "publish" not in " ".join([t.get("class", ""), t.get("itemprop", "")]).lower())
    found["published"] = [v for v in (article.get("datePublished"), meta.get("article:published_time"),
                                      meta.get("og:article:published_time"), meta.get("datepublished"),
                                      *(t.get("datetime") for t in times)) if isinstance(v, str) and v.strip()]
    authors = _people(article.get("author"))
    if not authors and (value := meta.get("author")) and not value.startswith("http"):
        authors = _names(value)
    if not authors:
        authors = tuple(n for a in tree.xpath("//a[@rel='author']") for n in _names(a.text_content()))
    found["authors"] = tuple(a for a in dict.fromkeys(authors) if a != found["publication"])
    return found


def _json_ld_article(tree) -> dict:
    """The first NewsArticle-like object in the page's JSON-LD, or {}."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                types = item.get("@type")
                if ARTICLE_TYPES & set(types if isinstance(types, list) else [types]):
                    return item
                stack.extend(item.get("@graph", []))
    return {}


def _name(value) -> str | None:
    if isinstance(value, list):
        return next((n for v in value if (n := _name(v))), None)
    if isinstance(value, dict):
        value = value.get("name")
        return _name(value) if isinstance(value, list) else value
    return value if isinstance(value, str) else None


def _people(value) -> tuple[str, ...]:
    """Names from a JSON-LD author: a string, a Person, or a list of either; organisations are not people."""
    items = value if isinstance(value, list) else [value] if value else []
    names: list[str] = []
    for item in items:
        if isinstance(item, dict) and item.get("@type") not in (None, "Person"):
            continue
        raw = item.get("name") if isinstance(item, dict) else item
        for one in raw if isinstance(raw, list) else [raw]:
            if isinstance(one, str):
                names.extend(_names(one))
    return tuple(names)


def _names(text: str) -> tuple[str, ...]:
    text = strip_role(" ".join(text.split()))
    return split_names(text) or ((text,) if text and len(text) < 60 else ())


def _entity_url(article: dict) -> str | None:
    entity = article.get("mainEntityOfPage") or article.get("url")
    return entity.get("@id") if isinstance(entity, dict) else entity


def _htmldate(tree) -> str | None:
    """htmldate's reading of the page's original publication date (a date, without time)."""
    import htmldate
    found = htmldate.find_date(tree, original_date=True, extensive_search=False)
    return found or None
