"""Tags: a page per tag and a list of them, tag links, the chronology's tag data; and params for themes."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.content.read import read_site
from generator.site.render import render_site
from generator.site.theme import load_theme

from test_render import SMALL_SITE

TAGGED = {
    **SMALL_SITE,
    "content/meetings/talks.md": SMALL_SITE["content/meetings/talks.md"].replace("tracks:", "tags: [Sanctions relief, Kaesong]\ntracks:"),
    "content/milestones/office.md": SMALL_SITE["content/milestones/office.md"].replace("people:", "tags: Kaesong\npeople:"),
    "content/people/kim.md": "---\nname: Kim\ntags: [sanctions relief]\n---\n",
}


def render(root: Path) -> dict[str, str]:
    site, diagnostics = read_site(root)
    assert not diagnostics.errors, [d.format() for d in diagnostics.errors]
    files = render_site(site, load_theme(root, site.config.theme))
    return {path: data.decode() for path, data in files.items() if path.endswith((".html", ".xml"))}


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_each_tag_has_a_page_listing_its_entries_by_kind(make_site) -> None:
    pages = render(make_site(TAGGED))
    kaesong = main_of(pages["tags/kaesong/index.html"])
    assert "<h1>Kaesong</h1>" in kaesong
    assert kaesong.index("<h2>Meetings</h2>") < kaesong.index('href="../../meetings/talks/"') < \
        kaesong.index("<h2>Milestones</h2>") < kaesong.index('href="../../milestones/office/"')
    assert '<a href="../../?tag=kaesong">Show this tag in the chronology</a>' in kaesong
    relief = main_of(pages["tags/sanctions-relief/index.html"])
    assert "<h1>Sanctions relief</h1>" in relief         # of two spellings used as often, the first in sort order
    assert "<h2>People</h2>" in relief and 'href="../../people/kim/"' in relief
    assert "<loc>/talks/tags/kaesong/</loc>" in pages["sitemap.xml"]


def test_the_list_of_tags_counts_their_entries_and_is_in_the_navigation(make_site) -> None:
    pages = render(make_site(TAGGED))
    listing = main_of(pages["tags/index.html"])
    assert ('<li><a class="tag" href="../tags/kaesong/">Kaesong</a> <span class="tag-count">2</span></li>\n'
            '  <li><a class="tag" href="../tags/sanctions-relief/">Sanctions relief</a> <span class="tag-count">2</span></li>') in listing
    assert '<li><a href="../../tags/">Tags</a></li>' in pages["people/kim/index.html"]
    untagged = main_of(render(make_site(SMALL_SITE))["tags/index.html"])
    assert '<li class="empty">No tags yet.</li>' in untagged


def test_tags_link_to_their_pages_and_the_chronology_carries_them(make_site) -> None:
    pages = render(make_site(TAGGED))
    meeting = pages["meetings/talks/index.html"]
    assert ('<p class="tags"><span class="label">Tags</span> <a class="tag" href="../../tags/sanctions-relief/" '
            'data-tag="sanctions-relief">Sanctions relief</a> <a class="tag" href="../../tags/kaesong/" '
            'data-tag="kaesong">Kaesong</a></p>') in meeting
    home = pages["index.html"]
    assert 'data-tags="sanctions-relief kaesong"' in home
    assert home.count('data-tags="kaesong"') == 2        # both of the milestone's history entries
    assert '<a class="tag" href="./tags/kaesong/" data-tag="kaesong">Kaesong</a>' in home


def test_two_spellings_of_one_tag_share_its_page_and_are_reported(make_site, capsys) -> None:
    root = make_site({**TAGGED, "content/people/lee.md": "---\nname: Lee\ntags: [sanctions-Relief, '!!!']\n---\n"})
    assert main(["-C", str(root), "check"]) == 1
    assert capsys.readouterr().err.splitlines()[:-1] == [
        "content/people/kim.md:3:8: warning: tag 'sanctions relief' is also written 'Sanctions relief': both are listed "
        "on the page tags/sanctions-relief/; write 'Sanctions relief' to keep them one tag",
        "content/people/lee.md:3:8: warning: tag 'sanctions-Relief' is also written 'Sanctions relief': both are listed "
        "on the page tags/sanctions-relief/; write 'Sanctions relief' to keep them one tag",
        "content/people/lee.md:3:26: error: tag '!!!' has no letter or digit to name its page",
    ]


def test_params_reach_the_templates(make_site) -> None:
    root = make_site({**SMALL_SITE,
                      "site.yaml": "title: Talks\ntheme: own\nparams:\n  contact: desk@example.org\n  links:\n"
                                   "    - {label: Sources, href: 'https://example.org/'}\n",
                      "themes/own/templates/404.html": "{{ params.contact }}|{% for link in params.links %}"
                                                       "{{ link.label }}={{ link.href }}{% endfor %}|{{ config.params.contact }}"})
    assert render(root)["404.html"] == "desk@example.org|Sources=https://example.org/|desk@example.org"


def test_params_are_read_only(make_site) -> None:
    site, _ = read_site(make_site({**SMALL_SITE, "site.yaml": "title: Talks\nparams:\n  a: [1, 2]\n"}))
    assert site.config.params["a"] == ("1", "2")
    with pytest.raises(TypeError):
        site.config.params["b"] = "x"   # type: ignore[index]
