"""`import`: turn a clipped article (a seed file or a URL) into ``content/articles/<id>.md``.

Reading the clipping is ``importing/`` (any outlet, no per-outlet code); this module is
the command: refuse duplicates, write the file atomically, save a fetched page under
``seeds/``, and report what to write next (people and dates the article mentions).
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

import frontmatter

from ..content.read import read_site
from ..content.sitefiles import SiteFileError, folder_problem, read
from .importing.clipping import Clipping, ClippingError
from .importing.duplicates import find_duplicate
from .importing.eventdates import find_dates
from .importing.fetch import fetch, is_url, seed_name
from .importing.formats import read_clipping
from .importing.people import mentioned_people, unknown_people
from ..content.ids import ID_PATTERN, id_from_title
from ..content.mentions import names_of
from ..content.weburl import web_address_problem

URL_PUNCTUATION = "/:?#[]@!$&()*+,;=%~"   # kept as it is when an address is percent-encoded (RFC 3986's delimiters)


def article_markdown(clipping: Clipping) -> str:
    """The whole article file: YAML front matter, then one Markdown paragraph per paragraph."""
    author = clipping.authors[0] if len(clipping.authors) == 1 else list(clipping.authors)
    fields = {"title": clipping.title, "publication": clipping.publication, "author": author,
              "published": clipping.published, "url": clipping.url, "summary": clipping.summary,
              "tags": list(clipping.tags)}
    paragraphs = clipping.paragraphs if clipping.markdown else map(_paragraph, clipping.paragraphs)
    post = frontmatter.Post("\n\n".join(paragraphs), **{key: value for key, value in fields.items() if value})
    # The safe dumper quotes every string YAML would read as something else (dates, numbers, 'yes').
    return frontmatter.dumps(post, sort_keys=False, allow_unicode=True, width=10**9) + "\n"


def _paragraph(text: str) -> str:
    """Escape a leading heading, quote, list or rule marker so the line stays a paragraph."""
    if text[0] in "#>-*+":
        return "\\" + text
    return re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", text)


def suggest_id(title: str) -> str:
    """A valid article id: the title as `new` makes ids, apostrophes dropped."""
    return id_from_title(re.sub(r"['’]", "", title)) or "article"


def run_import(site_root: Path, source: str | Path, *, article_id: str | None = None, force: bool = False,
               dry_run: bool = False, out: TextIO = sys.stdout) -> int:
    """Write content/articles/<id>.md from a seed file or a URL; then name the people and
    dates it mentions, the entries to write next. 0 when done, 1 when the clipping or the
    target is the problem, 2 for an invalid --id. Nothing is written on an error."""
    if article_id is not None and not ID_PATTERN.fullmatch(article_id):
        print(f"error: '{article_id}' is not a valid article id: use lowercase ASCII letters, digits and hyphens; "
              f"did you mean '{suggest_id(article_id)}'?", file=out)
        return 2
    for folder in ("content", "content/articles", "seeds"):     # never written into through a link out of the site
        refused = folder_problem(site_root, folder)
        if refused is not None:
            print(f"{folder}: error: {refused.message}; {refused.hint}", file=out)
            return 1
    site, _ = read_site(site_root, drafts=True)
    seed: Path | None = None
    try:
        if is_url(str(source)):
            page = fetch(str(source))
            seed = site_root / "seeds" / seed_name(page.url, page.suffix)
            data, shown_seed = page.data, _shown(seed, site_root)
        else:
            path = Path(source)
            shown_seed = _shown(path, site_root)
            data = _read_bytes(path, site_root, shown_seed)
        clipping = read_clipping(data, shown_seed, site.config.timezone)
    except ClippingError as exc:
        print(exc, file=out)
        return 1
    if seed is not None and not clipping.url:
        clipping = replace(clipping, url=str(source))
    found_url = clipping.url
    clipping = replace(clipping, url=usable_url(found_url))
    text = article_markdown(clipping)
    if dry_run:
        out.write(text)
        return 0
    folder = site_root / "content" / "articles"
    target = folder / f"{article_id or suggest_id(clipping.title)}.md"
    duplicate = find_duplicate(clipping, site.articles.values())
    if duplicate is not None and not force:
        print(f"{_shown(target, site_root)}: error: this article is already imported as {duplicate.path}; "
              "use --force to replace it", file=out)
        return 1
    if duplicate is not None and article_id is None:
        target = site_root / duplicate.path           # replaced in place: its id and the citations stay
    shown = _shown(target, site_root)
    if target.exists() and not force:
        print(f"{shown}: error: already exists; use --force to replace it or --id to choose another id", file=out)
        return 1
    if seed is not None:
        seed.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(seed, data.decode("utf-8"))
        print(f"saved {_shown(seed, site_root)}", file=out)
    folder.mkdir(parents=True, exist_ok=True)
    _write_atomically(target, text)
    print(f"wrote {shown}", file=out)
    if found_url and not clipping.url:
        print(f"{shown}: warning: the clipping's address {web_address_problem(found_url)}; fill in url by hand",
              file=out)
    _report(clipping, shown, site, out)
    return 0


def usable_url(url: str | None) -> str | None:
    """url as the ``url`` field takes it: what no address may hold as written (spaces, quotes) percent-encoded;
    None when even so it is no whole web address."""
    if not url or not web_address_problem(url):
        return url
    encoded = quote(url.strip(), safe=URL_PUNCTUATION)
    return None if web_address_problem(encoded) else encoded


def _report(clipping: Clipping, shown: str, site, out: TextIO) -> None:
    """Missing fields, then the people and dates the article mentions: the entries to write next."""
    for field in ("publication", "authors", "published"):
        if not getattr(clipping, field):
            print(f"{shown}: warning: no {field} found in the clipping; fill it in by hand", file=out)
    people = {person.id: list(names_of(person))
              for person in site.people.values()}
    body = "\n\n".join(clipping.paragraphs)
    text = clipping.title + "\n" + body
    print(f"mentions: {', '.join(mentioned_people(text, people)) or 'none'}", file=out)
    for name in unknown_people(text, people):
        print(f"no page: {name} (chrono new person \"{name}\")", file=out)
    for edtf, phrase in find_dates(body, clipping.published):
        print(f"dates: {edtf} ({phrase})", file=out)


def _read_bytes(path: Path, site_root: Path, shown: str) -> bytes:
    """The clipping's bytes: a file under seeds/ under the rule of ``sitefiles`` (no link out of the site);
    a file named elsewhere is the user's choice, but is still read only if it is a regular file within the size limit."""
    site = site_root.resolve()
    under_seeds = Path(os.path.abspath(path)).is_relative_to(Path(os.path.abspath(site_root / "seeds")))
    try:
        return read(path, site if under_seeds else None, shown)
    except SiteFileError as problem:
        hint = f"; {problem.hint}" if problem.hint else ""
        raise ClippingError(f"{shown}: error: {problem.message}{hint}") from None
    except OSError as exc:
        raise ClippingError(f"{shown}: error: cannot read the clipping: {exc.strerror or exc}") from None


def _shown(path: Path, site_root: Path) -> str:
    """path relative to the site as written (a link not followed), else as resolved, else as given."""
    for inside, root in ((Path(os.path.abspath(path)), Path(os.path.abspath(site_root))),
                         (path.resolve(), site_root.resolve())):
        if inside.is_relative_to(root):
            return inside.relative_to(root).as_posix()
    return path.as_posix()


def _write_atomically(target: Path, text: str) -> None:
    """Write a temporary file beside the target, then swap it in: never a half-written file."""
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
