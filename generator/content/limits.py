"""The site's size and depth limits: each is checked in one place and reported with its file and line.

They bound the time and memory one hostile or broken file can take (every
case in tests/bench/hostile.py ends in seconds, in well under 500 MiB, with a
message) and stay far above anything a real chronology needs.
docs/security.md, "Limits", lists them with their messages.
"""
from __future__ import annotations

MAX_FILE_BYTES = 5 * 1024 * 1024    # any file of the site that is read whole: content, site.yaml, a theme's, a seed

MAX_NAME_CHARS = 200            # a person's name, alias or native name: each becomes part of the mention pattern

# Front matter, counted after YAML aliases are expanded, the way an alias "bomb" multiplies them.
MAX_FRONT_MATTER_VALUES = 10_000      # keys, texts, lists and mappings
MAX_FRONT_MATTER_CHARS = 1_000_000    # characters of text (keys included)
MAX_FRONT_MATTER_DEPTH = 32           # lists and mappings inside one another

# Markdown bodies, measured on the text before Python-Markdown reads it (content.text.body_problem).
MAX_NESTING = 100               # lists, block quotes, brackets and emphasis inside one another
MAX_WIKILINKS = 10_000          # [[links]] in one body
MAX_PARAGRAPH_CHARS = 50_000    # one paragraph (a list item, a table row and a heading are each their own)
MAX_INLINE_MARKS = 100_000      # [ ] * _ ` < & in one body: Python-Markdown may make an element of each
