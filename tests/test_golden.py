"""The whole built tests/sites/full compared with its checked-in copy under tests/golden/full/.

Regenerate after an intended change with ``pytest tests/test_golden.py --update-golden``
and review the diff in Git. The Pagefind index (binary) is left out; theme
static files are compared with the theme's own files instead of a second copy.
"""
from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from generator.build import build
from generator.site.theme import builtin_theme_dir

HERE = Path(__file__).parent
SITE = HERE / "sites" / "full"
GOLDEN = HERE / "golden" / "full"
NOT_COMPARED = ("pagefind/", "assets/", ".chrono-manifest")   # the manifest: tests/hostile/test_output_folder.py
SHOWN_DIFFS = 3


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.relative_to(folder).as_posix().startswith(NOT_COMPARED)}


def describe_difference(expected: dict[str, bytes], actual: dict[str, bytes]) -> str:
    lines = [f"missing: {path}" for path in sorted(expected.keys() - actual.keys())]
    lines += [f"unexpected: {path}" for path in sorted(actual.keys() - expected.keys())]
    changed = [path for path in sorted(expected.keys() & actual.keys()) if expected[path] != actual[path]]
    lines += [f"changed: {path}" for path in changed]
    for path in changed[:SHOWN_DIFFS]:
        lines += difflib.unified_diff(expected[path].decode().splitlines(), actual[path].decode().splitlines(),
                                      f"golden/{path}", f"built/{path}", lineterm="", n=2)
    return "\n".join(lines + ["(run pytest --update-golden to accept the new output)"])


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    output = tmp_path / "output"
    result = build(SITE, output)
    assert not result.failed, [d.format() for d in result.diagnostics.sorted()]
    assert result.diagnostics.warnings == []
    return output


def test_full_site_matches_golden_output(built: Path, update_golden: bool) -> None:
    actual = tree(built)
    if update_golden:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, data in actual.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(data)
    expected = tree(GOLDEN)
    assert expected == actual, describe_difference(expected, actual)


def test_full_site_ships_theme_static_files_unchanged(built: Path) -> None:
    static = builtin_theme_dir() / "static"
    shipped = {p.relative_to(static).as_posix(): p.read_bytes() for p in static.rglob("*") if p.is_file()}
    assert shipped
    assert {path: (built / "assets" / path).read_bytes() for path in shipped} == shipped


def test_full_site_has_a_search_index(built: Path) -> None:
    assert any(built.joinpath("pagefind").iterdir())
