"""Rendering on every core gives the same results, in the same order, as rendering in one process."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.content import changes
from generator.content import parallel
from generator.content.read import read_site
from generator.build import build
from generator.site import render
from generator.site.render import RenderError

FULL_SITE = Path(__file__).parent / "sites" / "full"
forks = pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores to fork workers")


def _pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


@forks
def test_results_come_back_in_order_from_forked_workers() -> None:
    results = parallel.render_all(_pid_and_square, range(1000))
    assert [square for _, square in results] == [n * n for n in range(1000)]
    assert os.getpid() not in {pid for pid, _ in results}


def test_few_items_are_rendered_in_this_process() -> None:
    results = parallel.render_all(_pid_and_square, range(parallel.MIN_ITEMS - 1))
    assert {pid for pid, _ in results} == {os.getpid()}


def _fail_on_500(number: int) -> int:
    if number == 500:
        raise RenderError("page 500 failed")
    return number


@forks
def test_a_failure_in_a_worker_reaches_the_caller() -> None:
    with pytest.raises(RenderError, match="page 500 failed"):
        parallel.render_all(_fail_on_500, range(1000))


@forks
def test_site_built_in_workers_equals_site_built_in_one_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    assert not build(FULL_SITE, tmp_path / "alone", cache=False).failed
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    monkeypatch.setattr(render, "render_all", _must_fork(parallel.render_all))
    assert not build(FULL_SITE, tmp_path / "spread", cache=False).failed
    alone, spread = tree(tmp_path / "alone"), tree(tmp_path / "spread")
    assert len(alone) > 20
    assert spread == alone


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@forks
def test_site_read_in_workers_equals_site_read_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    alone, alone_problems = read_site(FULL_SITE)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    monkeypatch.setattr(changes, "render_all", _must_fork(parallel.render_all))
    spread, spread_problems = read_site(FULL_SITE, parallel=True)
    assert len(alone.entries()) > 10
    assert spread == alone
    assert spread_problems.sorted() == alone_problems.sorted()


def _must_fork(render_all):
    """render_all that fails the test unless its results come from other processes."""
    def checked(function, items):
        results = render_all(lambda item: (os.getpid(), function(item)), items)
        assert os.getpid() not in {pid for pid, _ in results}
        return [result for _, result in results]
    return checked
