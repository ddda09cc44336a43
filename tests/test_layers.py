"""The package is grouped by stage, and stages import only downward.

content (read, parse, validate, link) < exports < site (plan, render, write) <
build < authoring (serve, new, import) < cli. Inside one stage modules may
import each other; across stages only a lower stage may be imported.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

LAYERS = ["content", "exports", "site", "build", "authoring", "cli", "__main__"]
RANK = {name: rank for rank, name in enumerate(LAYERS)}
TOP_LEVEL_MODULES = {"__init__", "__main__", "build", "cli"}


def stage_of(path: Path) -> str:
    """The stage a module belongs to: its subpackage, or its own name at the top."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imported_stages(path: Path) -> set[str]:
    """The stages a module imports from, read from its relative imports."""
    own = path.relative_to(PACKAGE).parts[:-1]
    stages = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom) or node.level == 0:
            continue
        base = own[: len(own) - (node.level - 1)]
        names = node.module.split(".") if node.module else [alias.name for alias in node.names]
        target = (*base, *names) if node.module else (*base, names[0])
        stages.add(target[0])
    return stages


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "themes" not in p.parts)


def test_every_module_sits_in_a_stage():
    strays = [str(p.relative_to(PACKAGE)) for p in MODULES
              if stage_of(p) not in RANK and p.stem not in TOP_LEVEL_MODULES]
    assert strays == []


def test_top_level_holds_only_the_pipeline_and_the_command_line():
    assert sorted(p.stem for p in PACKAGE.glob("*.py")) == sorted(TOP_LEVEL_MODULES)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_only_own_or_lower_stages(path):
    stage = stage_of(path)
    if stage == "__init__":
        return
    upward = sorted(s for s in imported_stages(path) if s != stage and RANK[s] > RANK[stage])
    assert upward == [], f"{stage} imports {upward}, which stand above it"
