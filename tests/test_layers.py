"""Modules import only downward: data and parsing below, stages above, commands on top."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

LAYERS = [
    {"diagnostics", "dates", "urls", "text", "layouts", "bodycache", "write", "parallel"},
    {"textfile", "yamltext", "search", "theme"},
    {"config", "searchcache", "uptodate"},
    {"model"},
    {"mentions", "load"},
    {"schema"},
    {"incremental", "link"},
    {"read"},
    {"markup", "export_common", "axis"},
    {"feed", "calendar_ics", "timelinejs", "sitemap", "jsonld", "pages"},
    {"exports"},
    {"render"},
    {"build", "live", "watch"},
    {"serve", "scaffold", "importer"},
    {"cli"},
    {"__main__", "__init__"},
]
RANK = {module: rank for rank, layer in enumerate(LAYERS) for module in layer}


def internal_imports(path: Path) -> set[str]:
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            imported.update([node.module] if node.module else [alias.name for alias in node.names])
    return imported


def test_every_module_has_a_layer():
    assert sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in RANK) == []


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.stem)
def test_imports_only_lower_layers(path):
    upward = sorted(m for m in internal_imports(path) if RANK[m] >= RANK[path.stem])
    assert upward == [], f"{path.stem} imports {upward} from its own layer or above"
