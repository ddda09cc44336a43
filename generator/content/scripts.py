"""The language of a name, guessed from the script it is written in.

A ``lang`` attribute tells screen readers how to pronounce a name and browsers
which font to pick. Where a script belongs to one language (Hangul: Korean,
kana: Japanese) that language is the guess; where it serves many (Cyrillic,
Arabic) the guess is the script alone as a BCP 47 tag (``und-Cyrl``: a
language not known, written in Cyrillic), which is still better than letting
the page's own language claim it. Latin letters give no guess.
"""
from __future__ import annotations

import unicodedata

# The first word of a letter's Unicode name, and the tag that script suggests. Order matters:
# a name with any kana is Japanese even if most of it is Han.
_SCRIPTS = (
    ("HANGUL", "ko"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("CJK", "zh"),
    ("THAI", "th"),
    ("GREEK", "el"),
    ("HEBREW", "he"),
    ("ARMENIAN", "hy"),
    ("GEORGIAN", "ka"),
    ("DEVANAGARI", "und-Deva"),
    ("CYRILLIC", "und-Cyrl"),
    ("ARABIC", "und-Arab"),
)


def guess_lang(text: str) -> str | None:
    """A BCP 47 tag for text from the scripts of its letters, or None when they tell nothing."""
    found = set()
    for char in text:
        if char.isalpha():
            found.add(unicodedata.name(char, "").split(" ", 1)[0])
    return next((tag for script, tag in _SCRIPTS if script in found), None)
