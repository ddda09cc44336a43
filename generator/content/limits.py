"""The site's size and depth limits: how much chrono reads before it refuses, each in one place.

Every limit here has a row in the "Limits" table of docs/security.md, with the
message a site that passes it gets.
"""
from __future__ import annotations

MAX_FILE_BYTES = 5 * 1024 * 1024    # any file of the site that is read whole: content, site.yaml, a theme's, a seed
