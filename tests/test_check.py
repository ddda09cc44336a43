"""`check` reports every problem of a site as exact `path:line:col: severity: message` lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main

ARTICLE = """---
title: Envoys visit Pyongyang
publication: The Korea Herald
author: Jung Min-kyung
published: 2018-09-06T15:18:00+09:00
---

Kim Jong-un met Chung Eui-yong in Pyongyang on Wednesday.

“Chairman Kim Jong-un reaffirmed his firm commitment,” Chung said.
"""

PERSON = """---
name: Kim Jong-un
aliases: [Kim Jong Un]
---
"""

MEETING = """---
title: Envoys meet Kim
date: 2018-09-05
participants: [kim-jong-un]
sources:
  - article: envoys-visit
---
"""

MILESTONE = """---
title: Liaison office
history:
  - date: 2018-08-31~
    status: scheduled
    source: envoys-visit
  - date: 2018-08
    status: delayed
---
"""

BASE = {
    "content/articles/envoys-visit.md": ARTICLE,
    "content/people/kim-jong-un.md": PERSON,
    "content/meetings/envoys-meet-kim.md": MEETING,
    "content/milestones/liaison-office.md": MILESTONE,
}


@pytest.fixture
def check(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Write the base site plus changes, run `check`, return (exit code, diagnostic lines)."""

    def run(files: dict[str, str | bytes | None], *args: str) -> tuple[int, list[str]]:
        for name, text in {**BASE, **files}.items():
            path = tmp_path / name
            if text is None:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        code = main(["--site", str(tmp_path), "check", *args])
        lines = capsys.readouterr().err.splitlines()
        return code, lines[:-1]

    return run


def meeting(**fields: str) -> str:
    front = {"title": "Envoys meet Kim", "date": "2018-09-05", **fields}
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in front.items() if v is not None) + "---\n"


def test_passes_a_clean_site(check):
    assert check({}) == (0, [])


def test_passes_the_sample_site(capsys):
    root = Path(__file__).resolve().parents[1]
    assert main(["--site", str(root), "check", "--strict"]) == 0
    assert capsys.readouterr().err.splitlines()[-1].endswith(": 0 errors, 0 warnings")


def test_rejects_unknown_participant(check):
    code, lines = check({"content/meetings/envoys-meet-kim.md": meeting(participants="[kim-jong-um]")})
    assert code == 1
    assert lines == ["content/meetings/envoys-meet-kim.md:4:16: error: unknown person 'kim-jong-um' in participants; did you mean 'kim-jong-un'?"]


def test_rejects_unknown_wikilink(check):
    text = meeting() + "\nMet [[kim-jong-u]] twice.\n"
    code, lines = check({"content/meetings/envoys-meet-kim.md": text})
    assert (code, lines) == (1, ["content/meetings/envoys-meet-kim.md:6:5: error: unknown page [[kim-jong-u]]; did you mean 'kim-jong-un'?"])


def test_ignores_wikilinks_inside_code(check):
    text = meeting() + "\nWrite `[[nobody]]` like this:\n\n```\n[[nobody-either]]\n```\n"
    assert check({"content/meetings/envoys-meet-kim.md": text}) == (0, [])


def test_rejects_ambiguous_wikilink_naming_both_files(check):
    text = meeting() + "\nSee [[liaison-office]].\n"
    code, lines = check({
        "content/meetings/envoys-meet-kim.md": text,
        "content/articles/liaison-office.md": ARTICLE,
    })
    assert code == 1
    assert lines == [
        "content/meetings/envoys-meet-kim.md:6:5: error: ambiguous link [[liaison-office]]: 'liaison-office' is both "
        "content/milestones/liaison-office.md and content/articles/liaison-office.md; "
        "write [[milestones/liaison-office]] or [[articles/liaison-office]]",
    ]


def test_accepts_qualified_wikilink_to_an_id_in_two_folders(check):
    text = meeting() + "\nSee [[milestones/liaison-office|the office]].\n"
    assert check({"content/meetings/envoys-meet-kim.md": text, "content/articles/liaison-office.md": ARTICLE}) == (0, [])


@pytest.mark.parametrize("name, hint", [
    ("Kim-Jong-Un", "'kim-jong-un' differs only in case or spelling from content/people/kim-jong-un.md; ids must be unique"),
    ("moon jae in", "rename it to 'moon-jae-in.md'"),
    ("문재인", "rename it to 'munjaein.md'"),
    ("..", ""),
])
def test_rejects_invalid_ids_with_a_suggestion(check, name, hint):
    code, lines = check({f"content/people/{name}.md": PERSON})
    message = f"content/people/{name}.md:1:1: error: invalid id '{name}': use lowercase ASCII letters, digits and single hyphens"
    assert (code, lines) == (1, [f"{message}; {hint}" if hint else message])


def test_rejects_malformed_edtf(check):
    code, lines = check({"content/meetings/envoys-meet-kim.md": meeting(date="Sept 5 2018")})
    assert code == 1
    assert lines == ["content/meetings/envoys-meet-kim.md:3:7: error: 'Sept 5 2018' is not an EDTF date; write 2018-09, "
                     "2018-09-05, 2018-09-18/2018-09-20, 2018-09?, 2018-08~ or 2018-09-18/.."]


def test_rejects_thirtieth_of_february(check):
    code, lines = check({"content/meetings/envoys-meet-kim.md": meeting(date="2018-02-30")})
    assert (code, lines) == (1, ["content/meetings/envoys-meet-kim.md:3:7: error: '2018-02-30' is not a valid date: February 2018 has 28 days"])


def test_rejects_interval_ending_before_it_starts(check):
    code, lines = check({"content/meetings/envoys-meet-kim.md": meeting(date="2018-09-20/2018-09-18")})
    assert (code, lines) == (1, ["content/meetings/envoys-meet-kim.md:3:7: error: interval '2018-09-20/2018-09-18' ends before it starts"])


def test_rejects_unclosed_front_matter(check):
    code, lines = check({"content/people/kim-jong-un.md": "---\nname: Kim Jong-un\n\nbody\n"})
    assert (code, lines) == (1, ["content/people/kim-jong-un.md:1:1: error: front matter is not closed: add a '---' line after it"])


def test_reports_yaml_syntax_errors_at_the_file_line(check):
    code, lines = check({"content/people/kim-jong-un.md": "---\nname: Kim Jong-un\naliases: [Kim Jong Un\nnative_name: 김정은\n---\n"})
    assert code == 1
    assert lines == ["content/people/kim-jong-un.md:4:12: error: invalid YAML: did not find expected ',' or ']' "
                     "(in the flow sequence that starts on line 3)"]


def test_rejects_python_object_tag_without_running_it(check, tmp_path):
    marker = tmp_path / "executed"
    text = f"---\nname: !!python/object/apply:os.system ['touch {marker}']\n---\n"
    code, lines = check({"content/people/kim-jong-un.md": text})
    assert (code, lines) == (1, ["content/people/kim-jong-un.md:2:7: error: YAML tag '!!python/object/apply:os.system' "
                                 "is not allowed; write plain text, lists and mappings"])
    assert not marker.exists()


def test_rejects_bytes_that_are_not_utf8(check):
    code, lines = check({"content/people/kim-jong-un.md": b"---\nname: Kim\nnative_name: \xb1\xe8\n---\n"})
    assert (code, lines) == (1, ["content/people/kim-jong-un.md:3:14: error: byte 0xb1 is not valid UTF-8; save the file as UTF-8"])


def test_rejects_front_matter_that_is_a_list(check):
    code, lines = check({"content/people/kim-jong-un.md": "---\n- Kim Jong-un\n- Kim Jong Un\n---\n"})
    assert (code, lines) == (1, ["content/people/kim-jong-un.md:2:1: error: front matter must be a mapping of keys to values, not a list"])


def test_rejects_duplicate_keys(check):
    code, lines = check({"content/people/kim-jong-un.md": "---\nname: Kim Jong-un\naliases: []\nname: Kim Jong Un\n---\n"})
    assert (code, lines) == (1, ["content/people/kim-jong-un.md:4:1: error: duplicate key 'name' (first given on line 2)"])


def test_rejects_missing_required_field(check):
    code, lines = check({"content/meetings/envoys-meet-kim.md": meeting(date=None)})
    assert (code, lines) == (1, ["content/meetings/envoys-meet-kim.md:2:1: error: missing required field 'date' in a meeting"])


def test_rejects_unknown_status_with_suggestion(check):
    code, lines = check({"content/meetings/envoys-meet-kim.md": meeting(status="helt")})
    assert (code, lines) == (1, ["content/meetings/envoys-meet-kim.md:4:9: error: unknown status 'helt': use one of "
                                 "scheduled, held, postponed, cancelled; did you mean 'held'?"])


def test_warns_about_unknown_key_with_suggestion(check):
    code, lines = check({"content/meetings/envoys-meet-kim.md": meeting(particpants="[kim-jong-un]")})
    assert (code, lines) == (0, ["content/meetings/envoys-meet-kim.md:4:1: warning: unknown key 'particpants' in a meeting; "
                                 "did you mean 'participants'?"])


def test_strict_fails_on_warnings(check):
    code, _ = check({"content/meetings/envoys-meet-kim.md": meeting(particpants="[kim-jong-un]")}, "--strict")
    assert code == 1


def with_address(field: str) -> str:
    """The base article with an address line after its publication time."""
    return ARTICLE.replace("+09:00\n", f"+09:00\n{field}: https://example.org/envoys-visit\n", 1)


def test_strict_warns_about_an_article_with_neither_url_nor_archive_url(check):
    def article_lines(*files_and_args) -> list[str]:
        return [line for line in check(*files_and_args)[1] if line.startswith("content/articles/")]

    assert article_lines({}) == []
    assert article_lines({}, "--strict") == [
        "content/articles/envoys-visit.md:2:8: warning: article has no url or archive_url; "
        "add url: with the original's address, or archive_url: with a stable copy's",
    ]
    assert article_lines({"content/articles/envoys-visit.md": with_address("url")}, "--strict") == []
    assert article_lines({"content/articles/envoys-visit.md": with_address("archive_url")}, "--strict") == []


def test_archive_url_takes_only_web_addresses(check):
    text = ARTICLE.replace("+09:00\n", "+09:00\narchive_url: ftp://example.org/copy\n", 1)
    code, lines = check({"content/articles/envoys-visit.md": text})
    assert (code, lines) == (1, ["content/articles/envoys-visit.md:6:14: error: 'ftp://example.org/copy' is not a web "
                                 "address: only http:// and https:// links are allowed"])


def test_strict_requires_sources_on_meetings_and_history(check):
    code, lines = check({"content/meetings/envoys-meet-kim.md": meeting(),
                         "content/articles/envoys-visit.md": with_address("url")}, "--strict")
    assert (code, lines) == (1, [
        "content/meetings/envoys-meet-kim.md:2:8: error: meeting has no source; add sources: with the article that reports it",
        "content/milestones/liaison-office.md:7:11: error: history entry has no source; add source: with the article that reports it",
    ])


def test_rejects_milestone_without_history(check):
    code, lines = check({"content/milestones/liaison-office.md": "---\ntitle: Liaison office\n---\n"})
    assert (code, lines) == (1, ["content/milestones/liaison-office.md:2:1: error: missing required field 'history' in a milestone"])


def test_rejects_history_out_of_date_order(check):
    text = "---\ntitle: Liaison office\nhistory:\n  - date: 2018-09-05\n    status: agreed\n  - date: 2018-08\n    status: delayed\n---\n"
    code, lines = check({"content/milestones/liaison-office.md": text})
    assert (code, lines) == (1, ["content/milestones/liaison-office.md:6:11: error: history out of date order: "
                                 "2018-08 is before 2018-09-05 (line 4); list history entries oldest first"])


def test_accepts_vaguer_history_date_that_may_follow_the_previous_one(check):
    assert check({}) == (0, [])  # the base milestone has 2018-08-31~ then 2018-08


def test_rejects_held_meeting_dated_after_its_source(check):
    code, lines = check({"content/meetings/envoys-meet-kim.md": meeting(date="2018-09-18/2018-09-20", status="held",
                                                                       sources="[{article: envoys-visit}]")})
    assert (code, lines) == (1, [
        "content/meetings/envoys-meet-kim.md:3:7: error: meeting marked held is dated 18–20 September 2018, after its "
        "source 'envoys-visit' was published on 2018-09-06; an article can only report a plan: mark it scheduled, or cite a later article"])


def test_accepts_scheduled_meeting_after_its_source(check):
    assert check({"content/meetings/envoys-meet-kim.md": meeting(date="2018-09-18/2018-09-20", status="scheduled",
                                                                 sources="[{article: envoys-visit}]")}) == (0, [])


def test_warns_when_quote_is_not_in_the_article(check):
    sources = "\n  - article: envoys-visit\n    quote: Kim refused to meet anyone"
    code, lines = check({"content/meetings/envoys-meet-kim.md": meeting(sources=sources)})
    assert (code, lines) == (0, ["content/meetings/envoys-meet-kim.md:6:12: warning: quote not found in article 'envoys-visit'; "
                                 "copy the words exactly as the article has them; '...' may stand for left-out words"])


def test_finds_quotes_despite_typographic_quotes_whitespace_and_ellipsis(check):
    sources = ("\n  - article: envoys-visit\n    quote: '\"Chairman Kim Jong-un reaffirmed   his ... commitment,\" Chung said'"
               "\n    by: kim-jong-un")
    assert check({"content/meetings/envoys-meet-kim.md": meeting(sources=sources)}) == (0, [])


def test_rejects_unknown_person_in_by(check):
    sources = "\n  - article: envoys-visit\n    by: chung-eui-yong"
    code, lines = check({"content/meetings/envoys-meet-kim.md": meeting(sources=sources)})
    assert (code, lines) == (1, ["content/meetings/envoys-meet-kim.md:6:9: error: unknown person 'chung-eui-yong' in sources 'by'; "
                                 "no file content/people/chung-eui-yong.md"])


def test_reports_three_errors_in_three_files_in_one_run(check):
    code, lines = check({
        "content/people/kim-jong-un.md": "---\naliases: [Kim Jong Un]\n---\n",
        "content/meetings/envoys-meet-kim.md": meeting(date="2018-13"),
        "content/milestones/liaison-office.md": "---\ntitle: Liaison office\nhistory: []\n---\n",
    })
    assert code == 1
    assert [line.split(": error: ")[0] for line in lines] == [
        "content/meetings/envoys-meet-kim.md:3:7",
        "content/milestones/liaison-office.md:3:10",
        "content/people/kim-jong-un.md:2:1",
    ]


def test_accepts_bom_crlf_and_lone_cr(check):
    assert check({
        "content/people/kim-jong-un.md": b"\xef\xbb\xbf---\r\nname: Kim Jong-un\r\n---\r\nBody.\r\n",
        "content/articles/envoys-visit.md": ARTICLE.replace("\n", "\r").encode(),
    }) == (0, [])


def test_reports_a_file_that_is_not_markdown(check):
    code, lines = check({"content/people/moon-jae-in.markdown": PERSON})
    assert (code, lines) == (0, ["content/people/moon-jae-in.markdown:1:1: warning: not a Markdown file; it is ignored; content files end in .md"])


def test_check_writes_nothing(check, tmp_path):
    check({"content/people/bad.md": "---\nname: [\n---\n"})
    before = sorted((p.relative_to(tmp_path), p.stat().st_mtime_ns) for p in tmp_path.rglob("*"))
    assert main(["--site", str(tmp_path), "check"]) == 1
    assert sorted((p.relative_to(tmp_path), p.stat().st_mtime_ns) for p in tmp_path.rglob("*")) == before


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--no-such-flag"])
    assert exit_info.value.code == 2


# -- every problem of a file, whatever came first ------------------------------------

def test_reports_three_problems_of_one_file_at_once_and_counts_it(tmp_path, capsys):
    files = {**BASE, "content/meetings/envoys-meet-kim.md": (
        "---\ntitle: Envoys meet Kim\ndate: 2018-13-05\nparticipants: [kim-jong-um]\n"
        "sources:\n  - article: envoys-visit\n  - article: envoys-vist\n---\nMet [[kim-jong-u]].\n")}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert main(["--site", str(tmp_path), "check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/meetings/envoys-meet-kim.md:3:7: error: '2018-13-05' is not a valid date: there is no month 13; "
        "months run from 01 to 12",
        "content/meetings/envoys-meet-kim.md:4:16: error: unknown person 'kim-jong-um' in participants; did you mean 'kim-jong-un'?",
        "content/meetings/envoys-meet-kim.md:7:14: error: unknown article 'envoys-vist' in sources; did you mean 'envoys-visit'?",
        "content/meetings/envoys-meet-kim.md:9:5: error: unknown page [[kim-jong-u]]; did you mean 'kim-jong-un'?",
        "checked 4 files: 4 errors, 0 warnings",
    ]


def test_reports_every_bad_item_of_a_list_not_only_the_first(check):
    sources = "\n  - article: envoys-visit\n    quote: [a]\n  - {article: [b]}\n  - article: nowhere"
    code, lines = check({"content/meetings/envoys-meet-kim.md": meeting(sources=sources)})
    assert (code, lines) == (1, [
        "content/meetings/envoys-meet-kim.md:6:12: error: 'quote' must be text, not a list",
        "content/meetings/envoys-meet-kim.md:7:15: error: 'article' must be text, not a list",
        "content/meetings/envoys-meet-kim.md:8:14: error: unknown article 'nowhere' in sources; no file content/articles/nowhere.md",
    ])


def test_a_file_missing_its_title_still_has_its_references_checked(check):
    code, lines = check({"content/milestones/liaison-office.md": (
        "---\npeople: [kim-jong-um]\nhistory:\n  - date: 2018-08\n    status: agreed\n    source: nowhere\n---\n")})
    assert (code, lines) == (1, [
        "content/milestones/liaison-office.md:2:1: error: missing required field 'title' in a milestone",
        "content/milestones/liaison-office.md:2:10: error: unknown person 'kim-jong-um' in people; did you mean 'kim-jong-un'?",
        "content/milestones/liaison-office.md:6:13: error: unknown article 'nowhere' in history source; "
        "no file content/articles/nowhere.md",
    ])


def test_a_missing_theme_is_an_error(check):
    code, lines = check({"site.yaml": "title: Talks\ntheme: paper\n"})
    assert (code, lines) == (1, ["site.yaml:2:8: error: theme 'paper' has no folder themes/paper/; make the folder "
                                 "themes/paper/ with templates/ and static/, or leave theme out to use the built-in one"])


def test_a_site_theme_folder_is_found(check, tmp_path):
    (tmp_path / "themes" / "paper" / "templates").mkdir(parents=True)
    assert check({"site.yaml": "title: Talks\ntheme: paper\n"}) == (0, [])


def test_an_unquoted_colon_in_a_value_says_to_quote_it(check):
    code, lines = check({"content/meetings/envoys-meet-kim.md": meeting(title="Summit: day 2")})
    assert (code, lines) == (1, [
        "content/meetings/envoys-meet-kim.md:2:14: error: invalid YAML: mapping values are not allowed in this context; "
        "a ': ' or ' #' inside a value has a meaning in YAML: put the value in quotes: title: \"Summit: day 2\""])


def test_a_hash_in_a_list_item_says_to_quote_it(check):
    code, lines = check({"content/people/kim-jong-un.md": "---\nname: Kim Jong-un\naliases: [Kim #1, Kim]\n---\n"})
    assert (code, lines) == (1, [
        "content/people/kim-jong-un.md:4:1: error: invalid YAML: did not find expected ',' or ']' (in the flow sequence "
        "that starts on line 3); a ': ' or ' #' inside a list item has a meaning in YAML: put that item in quotes, "
        "such as [\"Chair: SAC\", \"Summit #2\"]"])


def test_a_value_cut_short_by_a_hash_is_a_warning(check):
    code, lines = check({"content/meetings/envoys-meet-kim.md": meeting(title="Talks #2 resume"),
                         "site.yaml": "title: #1 chronology\n"})
    assert (code, lines) == (0, [
        "content/meetings/envoys-meet-kim.md:2:8: warning: '#2 resume' after a space is a YAML comment, so this value "
        "reads as 'Talks'; put the whole value in quotes to keep the '#'",
        "site.yaml:1:7: warning: '#1 chronology' after a space is a YAML comment, so this value reads as empty; "
        "put the whole value in quotes to keep the '#'",
    ])


def test_params_must_be_a_mapping(check):
    code, lines = check({"site.yaml": "title: Talks\nparams: [a, b]\nparms: {}\n"})
    assert (code, lines) == (1, [
        "site.yaml:2:9: error: 'params' must be a mapping of names to values; write each on its own line below "
        "params:, indented, such as  logo: images/logo.svg",
        "site.yaml:3:1: warning: unknown setting 'parms'; did you mean 'params'?",
    ])


# -- [[Name]] and [[Alias]] ---------------------------------------------------------

def test_a_wikilink_by_name_or_alias_names_the_person(tmp_path):
    from generator.content.read import read_site
    for name, text in {**BASE, "content/meetings/envoys-meet-kim.md": meeting() + "\n[[Kim Jong Un]], [[kim  jong-UN]] and [[kim-jong-un]].\n"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    site, diagnostics = read_site(tmp_path)
    assert diagnostics.sorted() == []
    assert site.target("Kim Jong Un") is site.people["kim-jong-un"]
    assert site.link_text("Kim Jong Un") == "Kim Jong Un"
    assert site.link_text("kim-jong-un") == "Kim Jong-un"
    assert ("meetings", "envoys-meet-kim") in site.backlinks[("people", "kim-jong-un")]


def test_a_wikilink_by_a_name_two_people_share_lists_their_ids(check):
    code, lines = check({
        "content/people/kim-yo-jong.md": "---\nname: Kim Yo-jong\naliases: [Kim]\n---\n",
        "content/people/kim-jong-un.md": "---\nname: Kim Jong-un\naliases: [Kim]\n---\n",
        "content/meetings/envoys-meet-kim.md": meeting() + "\nMet [[Kim]] and [[Kim Yo-jong]].\n",
    })
    assert code == 1
    assert lines == [
        "content/meetings/envoys-meet-kim.md:6:5: error: ambiguous link [[Kim]]: the name belongs to 2 people: "
        "kim-jong-un, kim-yo-jong; write the id of the one meant, such as [[kim-jong-un|Kim]]",
        "content/people/kim-yo-jong.md:3:11: warning: name 'Kim' is also used by person 'kim-jong-un'; mentions link to 'kim-jong-un'",
    ]


def test_an_id_wins_over_a_name(tmp_path):
    from generator.content.read import read_site
    files = {**BASE, "content/people/moon.md": "---\nname: Moon Jae-in\n---\n",
             "content/people/kim-jong-un.md": "---\nname: Kim Jong-un\naliases: [moon]\n---\n",
             "content/meetings/envoys-meet-kim.md": meeting() + "\nMet [[moon]].\n"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    site, diagnostics = read_site(tmp_path)
    assert diagnostics.errors == []
    assert site.target("moon") is site.people["moon"]
