"""Fixtures shared by the whole suite, and the ``--update-golden`` option."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the checked-in golden output under tests/golden/ instead of comparing with it")


@pytest.fixture(autouse=True, scope="session")
def own_cache_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The key that signs build caches (``content.changes.signing_key``) lives in a folder of the suite's own."""
    import os
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write a site from {relative path: text} into a fresh folder and return that folder."""
    made = 0

    def make(files: dict[str, str]) -> Path:
        nonlocal made
        made += 1
        root = tmp_path / f"site{made}"
        root.mkdir()
        for path, text in files.items():
            file = root / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")
        return root

    return make
