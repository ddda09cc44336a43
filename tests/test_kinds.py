"""The kinds-and-fields table: the docs, the records and the checks all follow from it."""
from __future__ import annotations

import pickle
import re
from pathlib import Path

from generator.cli import main
from generator.content.fields import EDTF, TEXT, Field, Type
from generator.content.kinds import BY_SINGULAR, COMMON, KINDS, Kind
from generator.content.read import read_site

DOCS = Path(__file__).resolve().parents[1] / "docs" / "content.md"
FULL_SITE = Path(__file__).parent / "sites" / "full"


def field_table(fields: tuple[Field, ...]) -> str:
    rows = ["| field | type | required | default | meaning |", "| --- | --- | --- | --- | --- |"]
    for field in fields:
        default = {True: "true", False: "false"}.get(field.absent, field.absent) if field.absent not in (None, ()) else ""
        rows.append(f"| `{field.key}` | {field.type.name} | {'yes' if field.required else ''} | {default} | {field.description} |")
    return "\n".join(rows) + "\n"


def nested_types(fields: tuple[Field, ...]) -> list[Type]:
    """The mappings fields hold (a role, a history entry), in the order first met."""
    found: list[Type] = []
    for field in fields:
        inner = field.type.item or field.type
        if inner.fields and inner not in found:
            found += [inner, *(t for t in nested_types(inner.fields) if t not in found)]
    return found


def fields_section() -> str:
    """The "Fields" section of docs/content.md, as the table declares the kinds."""
    parts = ["## Fields\n\nGenerated from `generator/content/kinds.py`, and checked against it by "
             "`tests/test_kinds.py`.\n"]
    for kind in KINDS.values():
        parts.append(f"### {kind.title}: `content/{kind.folder}/`\n\n{field_table(kind.fields)}")
    nested: list[Type] = []
    for kind in KINDS.values():
        nested += [t for t in nested_types(kind.fields) if t not in nested]
    for type in nested:
        parts.append(f"### Each {type.what}\n\n{field_table(type.fields)}")
    return "\n".join(parts)


def test_docs_list_the_fields_of_every_kind_as_the_table_declares_them():
    text = DOCS.read_text(encoding="utf-8")
    found = re.search(r"^## Fields\n.*?(?=^## )", text, re.MULTILINE | re.DOTALL)
    assert found is not None, "docs/content.md has no '## Fields' section"
    assert found.group(0).rstrip() == fields_section().rstrip(), (
        "docs/content.md disagrees with generator/content/kinds.py; the section should read:\n\n" + fields_section())


def test_every_declared_field_becomes_an_attribute_of_the_record():
    for kind in KINDS.values():
        attributes = set(kind.record.__dataclass_fields__)
        assert {field.name for field in kind.fields} <= attributes, kind.folder
        assert attributes - {field.name for field in kind.fields} == {"kind", "id", "path", "body", "body_line", "complete"}


def test_a_field_left_out_takes_its_declared_default():
    meeting = KINDS["meetings"].record(kind="meetings", id="m", path="content/meetings/m.md", body="", body_line=4,
                                       title="Talks", date=None)
    assert (meeting.status, meeting.participants, meeting.draft, meeting.location) == ("held", (), False, None)


def test_records_survive_a_trip_to_a_worker_process():
    site, _ = read_site(FULL_SITE)
    for entry in site.entries():
        assert pickle.loads(pickle.dumps(entry)) == entry


STATEMENTS = Kind("statements", "statement", "Statements", (
    Field("title", TEXT, "what was said, in short", required=True),
    Field("said", EDTF, "when it was said", required=True),
    *COMMON,
))
THEME = {
    "statement.html": '{% extends "base.html" %}{% block main %}<h1>{{ page.entry.title }}</h1>'
                      '<p class="said">{{ page.entry.said.display() }}</p>{{ body(page.entry) }}{% endblock %}',
    "statements_index.html": '{% extends "base.html" %}{% block main %}{% for s in entries %}'
                             '<a href="{{ page_url("statements", s.id) }}">{{ s.title }}</a>{% endfor %}{% endblock %}',
}


def test_a_new_kind_is_one_declaration_and_two_templates(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(KINDS, "statements", STATEMENTS)
    monkeypatch.setitem(BY_SINGULAR, "statement", STATEMENTS)
    (tmp_path / "site.yaml").write_text("title: Talks\nbase_url: https://example.org/talks/\ntheme: own\n", encoding="utf-8")
    for name, text in THEME.items():
        (tmp_path / "themes/own/templates" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "themes/own/templates" / name).write_text(text, encoding="utf-8")
    (tmp_path / "content").mkdir()
    assert main(["-C", str(tmp_path), "new", "statement", "Joint declaration", "--date", "2018-09-19"]) == 0
    written = tmp_path / "content/statements/joint-declaration.md"
    written.write_text(written.read_text(encoding="utf-8") + "Both sides agreed.\n", encoding="utf-8")
    assert main(["-C", str(tmp_path), "check"]) == 0
    assert main(["-C", str(tmp_path), "build", "--no-cache"]) == 0
    page = (tmp_path / "output/statements/joint-declaration/index.html").read_text(encoding="utf-8")
    assert '<h1>Joint declaration</h1><p class="said">19 September 2018</p><p id="p1">Both sides agreed.</p>' in page
    assert '<a href="../../statements/" aria-current="true">Statements</a>' in page
    index = (tmp_path / "output/statements/index.html").read_text(encoding="utf-8")
    assert '<a href="../statements/joint-declaration/">Joint declaration</a>' in index
    sitemap = (tmp_path / "output/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/talks/statements/joint-declaration/</loc>" in sitemap
