"""The output plan: every file the site writes, what makes it and what it reads."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.read import read_site
from generator.site.plan import OutputCollision, check_collisions, plan_site
from generator.site.render import render_site
from generator.site.theme import load_theme

FULL_SITE = Path(__file__).parent / "sites" / "full"

FILES = {
    "content/people/kim.md": "---\nname: Kim Jong-un\n---\n",
    "content/people/moon.md": "---\nname: Moon Jae-in\n---\n",
    "content/people/pompeo.md": "---\nname: Mike Pompeo\n---\n",
    "content/meetings/talks.md": ("---\ntitle: Talks\ndate: 2018-09-05\nparticipants: [moon]\nsources:\n"
                                  "  - article: report\n    quote: \"we agreed\"\n    by: kim\n---\n"),
    "content/articles/report.md": "---\ntitle: Report\npublished: 2018-09-06\n---\n\nThey said: we agreed.\n",
    "content/articles/other.md": "---\ntitle: Other\npublished: 2018-09-07\n---\n\nNothing about anyone.\n",
}


@pytest.fixture
def site(tmp_path: Path):
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    site, diagnostics = read_site(tmp_path)
    assert not diagnostics.errors, [d.format() for d in diagnostics.errors]
    return site, load_theme(tmp_path, site.config.theme)


def reads(plan, path: str) -> tuple[str, ...]:
    found = plan.find(path)
    assert found is not None, path
    return found.reads


def test_every_file_the_build_writes_is_an_output_of_the_plan():
    site, _ = read_site(FULL_SITE, drafts=False)
    theme = load_theme(FULL_SITE, site.config.theme)
    plan = plan_site(site, theme)
    written = render_site(site, theme)
    assert {path for path in written if plan.find(path) is None} == set()
    assert {o.path for o in plan.outputs if not o.is_folder} == {p for p in written if not p.startswith("pagefind/")}
    assert any(path.startswith("pagefind/") for path in written)


def test_an_entry_page_reads_what_it_shows_and_nothing_unrelated(site):
    plan = plan_site(*site)
    # Kim is quoted at the talks, from the report: his page shows the quote and links into the report.
    assert {"content/people/kim.md", "content/meetings/talks.md", "content/articles/report.md"} <= set(
        reads(plan, "people/kim/index.html"))
    assert "content/articles/other.md" not in reads(plan, "people/kim/index.html")
    assert "content/people/pompeo.md" not in reads(plan, "meetings/talks/index.html")
    assert {"site.yaml", "theme/templates/meeting.html", "theme/templates/base.html",
            "theme/templates/macros.html", "theme/templates/milestone_list.html"} <= set(reads(plan, "meetings/talks/index.html"))


def test_a_page_reads_only_the_templates_it_is_made_with(site):
    assert {read for read in reads(plan_site(*site), "people/kim/index.html") if read.startswith("theme/")} == {
        "theme/templates/person.html", "theme/templates/base.html", "theme/templates/macros.html",
        "theme/templates/milestone_list.html"}
    assert reads(plan_site(*site), "assets/style.css") == ("theme/static/style.css",)


def test_an_article_page_reads_every_persons_names(site):
    assert "content/people/#front" in reads(plan_site(*site), "articles/other/index.html")


def test_lists_and_exports_read_the_front_matter_of_all_content(site):
    plan = plan_site(*site)
    for path in ("index.html", "people/index.html", "timeline/index.html", "who-met-whom/index.html", "feed.xml",
                 "sitemap.xml"):
        assert "content/#front" in reads(plan, path), path


def test_the_chronology_also_reads_the_articles_it_links_into_at_the_quoted_paragraph(site):
    assert "content/articles/" in reads(plan_site(*site), "index.html")


def test_a_meeting_page_reads_every_meetings_front_matter_since_any_may_become_its_neighbour(site):
    assert "content/meetings/#front" in reads(plan_site(*site), "meetings/talks/index.html")
    assert "content/meetings/#front" not in reads(plan_site(*site), "people/pompeo/index.html")


def test_a_file_inside_a_folder_output_is_refused():
    message = "theme file static/x would be written to PageFind/x.js, inside pagefind/, which the search index fills"
    for planned in ([("pagefind/", "the search index"), ("PageFind/x.js", "theme file static/x")],
                    [("PageFind/x.js", "theme file static/x"), ("pagefind/", "the search index")]):
        with pytest.raises(OutputCollision) as refused:
            check_collisions(planned)
        assert str(refused.value) == message
    check_collisions([("pagefind/", "the search index"), ("assets/x.js", "theme file static/x")])
