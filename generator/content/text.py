"""Reading Markdown bodies as plain text: code and links masked, quotes matched.

Masking keeps every offset and newline, so a match in the masked text points
at the same line and column of the original body.
"""
from __future__ import annotations

import functools
import re
from typing import Callable

import pysbd
from pysbd.lang.english import English

from .limits import MAX_INLINE_MARKS, MAX_NESTING, MAX_PARAGRAPH_CHARS, MAX_WIKILINKS

BODIES_REMEMBERED = 20_000   # per-body results kept for the next read of the same text

WIKILINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
_FENCED = re.compile(r"^(?P<fence>`{3,}|~{3,}).*?(?:^(?P=fence)[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_INDENTED = re.compile(r"(?:(?<=\n\n)|\A)(?:(?: {4}|\t).*(?:\n|\Z))+")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|<[^>\n]+>|https?://\S+")
_QUOTES = {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "*": ""}
_QUOTE_CHARS = re.compile("[" + "".join(_QUOTES) + "]")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\])\s*")


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_code(body: str) -> str:
    """The body with fenced, indented and inline code blanked out."""
    if "`" in body or "~~~" in body:
        body = _FENCED.sub(_blank, body)
    if "    " in body or "\t" in body:
        body = _INDENTED.sub(_blank, body)
    return _CODE_SPAN.sub(_blank, body) if "`" in body else body


def mask_links(body: str) -> str:
    """The code-masked body with links, wikilinks, HTML tags and URLs blanked too."""
    return _LINK.sub(_blank, WIKILINK.sub(_blank, mask_code(body)))


@functools.lru_cache(maxsize=BODIES_REMEMBERED)
def wikilinks(body: str) -> tuple[tuple[str, int, int], ...]:
    """The target of each ``[[target|text]]`` outside code, with its 1-based line and column in the body.

    Remembered by body text: ``serve`` checks every body's links on each rebuild.
    """
    matches = list(WIKILINK.finditer(mask_code(body)))
    places = _lines_and_columns(body, [match.start() for match in matches])
    return tuple((match.group(1).strip(), line, col) for match, (line, col) in zip(matches, places))


_FENCE_LINE = re.compile(r" {0,3}(`{3,}|~{3,})")
_THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_BLOCK_MARKS = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+")   # > - 1. at a line's start
_LIST_MARK = re.compile(r"[-*+]|\d{1,9}[.)]")
_INLINE_MARK = re.compile(r"\[|\]|[*_]+|`+|[<&]")    # what may begin or end an inline element
_OWN_BLOCK = re.compile(r"[ \t]*[#|]")     # a heading or a table row: its text is read on its own


@functools.lru_cache(maxsize=BODIES_REMEMBERED)
def body_problem(body: str) -> tuple[int, int, str] | None:
    """(line, column, message) of the first way body exceeds the limits on Markdown, else None.

    Remembered by body text: ``serve`` links the whole site on every rebuild.

    Python-Markdown nests an element for each level of a list, a block quote,
    a link's brackets or emphasis, and reading or writing a tree thousands of
    levels deep takes minutes, gigabytes or Python's whole stack. So depth is
    measured here on the text, in one pass, before anything renders it: on
    each line, the block quotes and lists it is inside (a stack of list
    indentations), and the brackets and emphasis still open in its paragraph
    (an opening ``*``/``_`` run counts each mark, a closing one takes them
    back). Fenced code is skipped. It errs towards counting too much: a real
    body stays far below the limit.

    A paragraph's length is limited too: Python-Markdown copies the paragraph
    for each link, emphasis or code span it replaces, so its time grows with
    the square of the length. And so is the number of marks that may begin
    or end an inline element (brackets, emphasis, backticks, ``<`` and ``&``)
    in a body: each may become an element and a copy of its paragraph.
    """
    lists: list[int] = []        # indentation of each list item the line may be inside
    fence, inline, links, blank_before, paragraph, marked = "", 0, 0, False, 0, 0
    for number, line in enumerate(body.split("\n"), 1):
        opened = _FENCE_LINE.match(line)
        if fence or opened:
            if not fence:
                fence = opened.group(1)       # type: ignore[union-attr]
            elif line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            continue
        for link in WIKILINK.finditer(line):
            links += 1
            if links > MAX_WIKILINKS:
                return number, link.start() + 1, f"more than {MAX_WIKILINKS:,} [[links]] in one body; split the file"
        if not line.strip():
            inline, blank_before, paragraph = 0, True, 0
            continue
        marks = None if _THEMATIC_BREAK.fullmatch(line) else _BLOCK_MARKS.match(line)
        lead = marks.group(0) if marks else ""
        items = _LIST_MARK.findall(lead)
        paragraph = len(line) + (0 if items or _OWN_BLOCK.match(line, len(lead)) else paragraph)
        if paragraph > MAX_PARAGRAPH_CHARS:
            return number, 1, f"a paragraph longer than {MAX_PARAGRAPH_CHARS:,} characters; split it with blank lines"
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        if items:
            while lists and lists[-1] >= indent:
                lists.pop()
            lists.append(indent)
        elif indent == 0 and blank_before:
            lists.clear()        # a paragraph or quote after a blank line, at the margin: the lists have ended
        blank_before = False
        deepest = inline
        for mark in _INLINE_MARK.finditer(line, len(lead)):
            opens = 0 if mark.group()[0] in "`<&" else _opens(line, mark)     # code, tags, entities: no nesting
            inline, marked = max(inline + opens, 0), marked + (opens != 0 or mark.group()[0] in "`<&")
            deepest = max(deepest, inline)
        if marked > MAX_INLINE_MARKS:
            return number, 1, f"more than {MAX_INLINE_MARKS:,} Markdown marks ([ ] * _ ` < &) in one body; split the file"
        if lead.count(">") + len(lists) + max(len(items) - 1, 0) + deepest > MAX_NESTING:
            return number, 1, f"lists, quotes, brackets or emphasis nested deeper than {MAX_NESTING} levels"
    return None


def _opens(line: str, mark: re.Match) -> int:
    """How many levels a bracket or a run of emphasis marks opens (positive) or closes (negative)."""
    text = mark.group(0)
    if text in ("[", "]"):
        return 1 if text == "[" else -1
    before = line[mark.start() - 1] if mark.start() else " "
    after = line[mark.end()] if mark.end() < len(line) else " "
    if before.isspace() != after.isspace():
        return len(text) if before.isspace() else -len(text)
    if before.isalnum() != after.isalnum():          # (*word*) opens after punctuation, closes before it
        return len(text) if after.isalnum() else -len(text)
    return 0                                         # inside a word, or alone between spaces: no emphasis


# Raw HTML elements whose content the sanitiser drops, or that browsers read as raw text to their end tag:
# left open, each would hide the rest of the body.
_SWALLOWING = ("style", "script", "textarea", "title", "xmp", "plaintext", "noembed", "noframes", "iframe", "math",
               "svg", "noscript", "template", "select", "object")
_OPENING = re.compile(r"<(" + "|".join(_SWALLOWING) + r")(?=[\s/>])[^<>]*?(/?)>", re.IGNORECASE)
_CLOSING = re.compile(r"</(" + "|".join(_SWALLOWING) + r")\s*>", re.IGNORECASE)


@functools.lru_cache(maxsize=BODIES_REMEMBERED)
def unclosed_elements(body: str) -> tuple[tuple[str, int, int, int], ...]:
    """(tag, 1-based line, column, offset) of each opening tag outside code that nothing closes after it.

    ``<plaintext>`` has no end tag in HTML, so every one counts. The link stage
    warns about each; ``keep_visible`` shows them as text.
    """
    masked = mask_code(body)
    last_open: dict[str, int] = {}
    plaintext: list[int] = []
    for match in _OPENING.finditer(masked):
        name = match.group(1).lower()
        if name == "plaintext":
            plaintext.append(match.start())
        elif not match.group(2):     # <svg/> closes itself
            last_open[name] = match.start()
    last_close = {match.group(1).lower(): match.start() for match in _CLOSING.finditer(masked)}
    found = sorted([(offset, name) for name, offset in last_open.items() if last_close.get(name, -1) < offset]
                   + [(offset, "plaintext") for offset in plaintext])
    places = _lines_and_columns(body, [offset for offset, _ in found])
    return tuple((name, line, col, offset) for (offset, name), (line, col) in zip(found, places))


def keep_visible(body: str) -> str:
    """body with each of its ``unclosed_elements`` written as text (``&lt;style>``), so the rest stays Markdown."""
    pieces, start = [], 0
    for _, _, _, offset in unclosed_elements(body):
        pieces += [body[start:offset], "&lt;"]
        start = offset + 1
    return "".join(pieces) + body[start:]


_IMAGE = re.compile(r"!\[(?:[^\]\n]|\\\])*\]\(\s*(?:<([^>\n]+)>|([^)\s]+))"   # ![alt](src "title"), ![alt](<src>)
                    r"|<img\b[^>]*?\ssrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)


_LINK_ADDRESS = re.compile(r"(?<!!)\[(?:[^\]\n]|\\\])*\]\(\s*(?:<([^>\n]+)>|([^)\s]+))"   # [text](href), [text](<href>)
                           r"|<a\b[^>]*?\shref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)


@functools.lru_cache(maxsize=BODIES_REMEMBERED)
def images(body: str) -> tuple[tuple[str, int, int], ...]:
    """The source of each image outside code (``![alt](src)`` or an ``<img src>``), with its 1-based line and column."""
    return _addresses(_IMAGE, body)


@functools.lru_cache(maxsize=BODIES_REMEMBERED)
def links(body: str) -> tuple[tuple[str, int, int], ...]:
    """The address of each link outside code (``[text](href)`` or an ``<a href>``), with its 1-based line and column."""
    return _addresses(_LINK_ADDRESS, body)


def _addresses(pattern: re.Pattern, body: str) -> tuple[tuple[str, int, int], ...]:
    """The first group pattern matched, each time it matches outside code, with its line and column."""
    found, starts = [], []
    for match in pattern.finditer(mask_code(body)):
        group = next(i for i, group in enumerate(match.groups(), 1) if group is not None)
        found.append(match.group(group).strip())
        starts.append(match.start(group))
    return tuple((address, line, col) for address, (line, col) in zip(found, _lines_and_columns(body, starts)))


def _lines_and_columns(text: str, offsets: list[int]) -> list[tuple[int, int]]:
    """The 1-based line and column of each of offsets (in increasing order), in one pass over text.

    Counting from the start for each offset took time growing with the square
    of their number: 200,000 links on one line took minutes.
    """
    found, line, line_start, last = [], 1, 0, 0
    for offset in offsets:
        newlines = text.count("\n", last, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", last, offset) + 1
        found.append((line, offset - line_start + 1))
        last = offset
    return found


def sentence_at(body: str, start: int, end: int) -> str:
    """The whole sentence (or sentences) of the paragraph that hold body[start:end], as plain text."""
    para_start = body.rfind("\n\n", 0, start) + 2 if body.rfind("\n\n", 0, start) >= 0 else 0
    para_end = body.find("\n\n", end)
    para_end = len(body) if para_end < 0 else para_end
    spans = sentence_spans(body[para_start:para_end])
    first = next((s for s, e in spans if e > start - para_start), 0)
    last = next((e for s, e in reversed(spans) if s < end - para_start), para_end - para_start)
    return plain(body[para_start + first:para_start + last])


@functools.lru_cache(maxsize=BODIES_REMEMBERED)
def sentence_spans(markdown: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of a Markdown paragraph, found in the words a reader sees.

    pysbd finds the boundaries (abbreviations such as Mr., U.S., Sept. and No.,
    initials, datelines, quotes inside sentences, Korean sentence ends); a
    boundary it leaves after a one-word sentence or after a word with no vowel
    (``Chmn.``, ``Sgt.``: abbreviations, not words) is taken back, so that no
    piece of a sentence is shown as if it were one.
    """
    text = _visible(markdown)
    spans = _plain_ends(text)
    if spans is None:
        spans = [(span.start, span.end) for span in _segmenter().segment(text) if span.sent.strip()]
    whole: list[tuple[int, int]] = []
    for start, end in spans:
        if whole and _cut_short(text[whole[-1][0]:whole[-1][1]]):
            start = whole.pop()[0]
        whole.append((start, end))
    return tuple(whole)


_CANDIDATE_END = re.compile(r"(\S+?)[.!?][\"'”’)]*(\s+)(?=[\"'“‘(]*[A-Z0-9\uac00-\ud7a3])")
_PLAIN_WORD = re.compile(r"[a-z]{3,}|[A-Z][a-z]{4,}|[A-Za-z][a-z]+(?:-[a-z]+)+|[\uac00-\ud7a3]+")


def _plain_ends(text: str) -> list[tuple[int, int]] | None:
    """The sentences of text when each of its possible ends follows a plain word; None when one does not.

    Most sentences end after a plain word: lowercase, capitalised and five
    letters or more, hyphenated, or Korean ("… the talks. The …", "… in
    Pyongyang. Kim …", "…했다. 김 …"). There pysbd's answer is not in doubt:
    it gave the same sentences for 10,960 of the 10,961 such paragraphs of the
    benchmark site, the test sites and the test cases (the other is a table,
    which pysbd cut after "Sept."). pysbd takes about two milliseconds a
    paragraph (`check` of the benchmark site: 2.3 s against 0.9 s), so it is
    left for the rest: an abbreviation, a number, initials or a quote before
    a possible end.
    """
    spans, position = [], 0
    for match in _CANDIDATE_END.finditer(text):
        word = match.group(1).lstrip("\"'“‘(")
        if not _PLAIN_WORD.fullmatch(word) or word.lower() in _abbreviations():
            return None
        spans.append((position, match.start(2)))
        position = match.end(2)
    return [*spans, (position, len(text.rstrip()))] if text[position:].strip() else spans


@functools.lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """pysbd's English abbreviations (``approx``, ``dept``): a lowercase word that may end without a sentence."""
    return frozenset(abbreviation.strip().lower() for abbreviation in English.Abbreviation.ABBREVIATIONS)


_NO_VOWEL_END = re.compile(r"(?:^|\s)[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]+\.\W*$")   # Latin consonants only


def _cut_short(sentence: str) -> bool:
    """A 'sentence' that is one word, or ends in a vowel-less abbreviation, is the start of the next one."""
    words = sentence.split()
    return len(words) == 1 and words[0].endswith(".") or bool(_NO_VOWEL_END.search(sentence.rstrip()))


_VISIBLE_SYNTAX = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]"   # [[target|text]]
                             r"|!?\[([^\]\n]*)\]\([^)\n]*\)"                     # [text](url)
                             r"|\[\^[^\]\s]+\]|<[^>\n]+>|[*_`]"                     # [^1], <tag>, emphasis
                             r"|^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s", re.MULTILINE)


def _visible(markdown: str) -> str:
    """The paragraph's words as a reader sees them, at the offsets they have in the Markdown.

    Syntax and addresses become spaces, and line breaks too (a paragraph's lines are one run of text).
    """
    def keep(match: re.Match) -> str:
        shown = match.group(2) or match.group(1) or match.group(3)
        if not shown:
            return " " * len(match.group(0))
        at = match.group(0).index(shown)
        return " " * at + shown + " " * (len(match.group(0)) - at - len(shown))
    return _VISIBLE_SYNTAX.sub(keep, markdown).replace("\n", " ")


@functools.lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def plain(markdown: str, display: Callable[[str], str] = lambda target: target) -> str:
    """Markdown reduced to the words a reader sees, on one line."""
    text = WIKILINK.sub(lambda m: m.group(2) or display(m.group(1).strip()), markdown)
    text = re.sub(r"!?\[([^\]\n]*)\]\([^)\n]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s+", "", text, flags=re.MULTILINE)
    return " ".join(text.replace("*", "").split())


def normalise(text: str) -> str:
    """For comparing quotes: straight quotes, one space, no case, no emphasis."""
    return " ".join(_QUOTE_CHARS.sub(lambda m: _QUOTES[m.group()], text).split()).casefold()


@functools.lru_cache(maxsize=BODIES_REMEMBERED)
def quote_parts(quote: str) -> tuple[str, ...]:
    """The ``normalise``d parts of quote between its ellipses, empty parts left out."""
    return tuple(part for part in map(normalise, _ELLIPSIS.split(quote)) if part)


def quote_found(quote: str | tuple[str, ...], haystack: str) -> bool:
    """Whether every part of quote (split at ellipses) occurs in order in haystack.

    haystack is already ``normalise``d: callers check many quotes against one
    text. A quote looked for in many texts can be given as its ``quote_parts``.
    """
    position = 0
    for part in quote_parts(quote) if isinstance(quote, str) else quote:
        found = haystack.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True
