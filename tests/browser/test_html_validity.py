"""The Nu HTML Checker finds no error in any kind of page, as built (before any JavaScript runs)."""
from __future__ import annotations

import json
import subprocess

from .pages import one_page_of_each_kind


def test_nu_html_checker_reports_no_errors_on_each_kind_of_page(vnu_command, built_site, model):
    files = [built_site / (path if path.endswith(".html") else path + "index.html")
             for path in one_page_of_each_kind(model)]
    result = subprocess.run([*vnu_command, "--format", "json", "--exit-zero-always", *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stderr or result.stdout)
    errors = [f"{message.get('url', '').rpartition(str(built_site))[2]}:{message.get('lastLine', '?')}: "
              f"{message['message']}"
              for message in report["messages"] if message["type"] in ("error", "non-document-error")]
    assert len(files) == 11
    assert errors == [], "\n".join(errors)
