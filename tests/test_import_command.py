"""`chrono import`: the command line around the importer, with the site's people for mentions."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.read import read_site

SEED = Path(__file__).resolve().parents[1] / "seeds" / "2018-09-06-korea-herald-envoys-visit.txt"
ARTICLE = "content/articles/special-envoys-nk-visit-fails-to-overcome-stumbling-blocks.md"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    (tmp_path / "content/people").mkdir(parents=True)
    (tmp_path / "content/people/chung-eui-yong.md").write_text(
        "---\nname: Chung Eui-yong\naliases: [Chung]\n---\n", encoding="utf-8")
    return tmp_path


def test_import_writes_the_article_and_names_the_sites_people_it_mentions(site, capsys):
    assert main(["-C", str(site), "import", f"seeds/{SEED.name}"]) == 0
    out = capsys.readouterr().out
    assert f"wrote {ARTICLE}" in out
    assert "mentions: chung-eui-yong\n" in out
    article = read_site(site)[0].articles["special-envoys-nk-visit-fails-to-overcome-stumbling-blocks"]
    assert article.publication == "The Korea Herald"


def test_import_refuses_to_overwrite_then_replaces_with_force(site, capsys):
    assert main(["-C", str(site), "import", f"seeds/{SEED.name}"]) == 0
    (site / ARTICLE).write_text("edited by hand", encoding="utf-8")
    assert main(["-C", str(site), "import", f"seeds/{SEED.name}"]) == 1
    assert "already exists" in capsys.readouterr().out
    assert (site / ARTICLE).read_text(encoding="utf-8") == "edited by hand"
    assert main(["-C", str(site), "import", "--force", f"seeds/{SEED.name}"]) == 0
    assert (site / ARTICLE).read_text(encoding="utf-8").startswith("---\n")


def test_import_with_id_and_dry_run(site, capsys):
    assert main(["-C", str(site), "import", "--dry-run", "--id", "envoys-visit", str(site / "seeds" / SEED.name)]) == 0
    assert capsys.readouterr().out.startswith("---\n")
    assert not (site / "content/articles").exists()
    assert main(["-C", str(site), "import", "--id", "Envoys Visit", f"seeds/{SEED.name}"]) == 2
