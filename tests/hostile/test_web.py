"""Hostile input that reaches the web: theme templates, serve's Host check, URLs, exports and the cache."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.read import read_site
from generator.site.render import RenderError, render_site
from generator.site.theme import load_theme

SMALL_SITE = {
    "site.yaml": "title: Talks\nbase_url: /talks/\n",
    "content/people/kim.md": "---\nname: Kim\n---\n",
    "content/articles/report.md": "---\ntitle: Report\npublished: 2018-09-06\n---\n\nKim met Lee.\n",
    "content/meetings/talks.md": "---\ntitle: Talks\ndate: 2018-09-05\nparticipants: [kim]\n"
                                 "sources:\n  - article: report\n---\n",
}


def render(root: Path) -> dict[str, bytes]:
    site, diagnostics = read_site(root)
    assert not diagnostics.errors, [d.format() for d in diagnostics.errors]
    return render_site(site, load_theme(root, site.config.theme))


def with_person_template(make_site, template: str) -> Path:
    return make_site({**SMALL_SITE, "site.yaml": "title: Talks\ntheme: mine\n",
                      "themes/mine/templates/person.html": template})


# --- themes run in Jinja's sandbox -------------------------------------------------------------------

def test_theme_cannot_reach_python_classes(make_site) -> None:
    root = with_person_template(make_site, "{% extends 'base.html' %}\n{% block main %}\n"
                                           "{{ ''.__class__.__mro__[1].__subclasses__() }}\n{% endblock %}\n")
    with pytest.raises(RenderError) as raised:
        render(root)
    message = str(raised.value)
    assert message.startswith("themes/mine/templates/person.html:3: SecurityError:"), message
    assert "(while rendering people/kim/index.html from content/people/kim.md)" in message


def test_theme_cannot_run_a_command_or_write_a_file(make_site, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    root = with_person_template(make_site, "{% extends 'base.html' %}\n{% block main %}\n"
                                           f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}\n"
                                           "{% endblock %}\n")
    with pytest.raises(RenderError) as raised:
        render(root)
    assert str(raised.value).startswith("themes/mine/templates/person.html:3: SecurityError:"), str(raised.value)
    assert not marker.exists()


def test_theme_cannot_open_a_file_through_a_global(make_site, tmp_path: Path) -> None:
    marker = tmp_path / "written"
    root = with_person_template(make_site, "{% extends 'base.html' %}\n{% block main %}\n"
                                           "{{ lipsum.__globals__['__builtins__']['open']"
                                           f"('{marker}', 'w').write('x') }}}}\n{{% endblock %}}\n")
    with pytest.raises(RenderError) as raised:
        render(root)
    assert str(raised.value).startswith("themes/mine/templates/person.html:3: SecurityError:"), str(raised.value)
    assert not marker.exists()


def test_missing_include_is_blamed_on_the_template_line(make_site) -> None:
    root = with_person_template(make_site, "{% extends 'base.html' %}\n{% block main %}\n"
                                           "{% include 'nowhere.html' %}\n{% endblock %}\n")
    with pytest.raises(RenderError) as raised:
        render(root)
    message = str(raised.value)
    assert message.startswith("themes/mine/templates/person.html:3: TemplateNotFound: nowhere.html"), message
    assert "(while rendering people/kim/index.html from content/people/kim.md)" in message
