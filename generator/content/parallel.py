"""Rendering many independent things on every core, in forked worker processes.

Rendering a page or a Markdown body is pure Python, so threads would take
turns; processes run at once. Workers are forked after the work is set up, so
they share the site, the theme and the template environment with the parent
instead of receiving them pickled: only item numbers go to a worker and only
the results (bytes, rendered bodies) come back. Where fork is missing, on one
core, or for a few items, the work runs in this process: the results are the
same, in the same order, either way.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 200         # below this, starting workers costs more than it saves
CHUNKS_PER_WORKER = 4   # smaller pieces even out pages of very different sizes

_work: tuple[Callable, Sequence] | None = None   # what forked workers find in their copy of memory


def render_all(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """``[function(item) for item in items]``, spread over the cores when that pays."""
    global _work
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1,
                  len(items) // (MIN_ITEMS // 2) or 1)
    if workers < 2 or len(items) < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    size = -(-len(items) // (workers * CHUNKS_PER_WORKER))
    chunks = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    _work = (function, items)
    gc.freeze()   # the workers' collector then leaves the shared objects alone, and their pages shared
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_render_chunk, chunks, chunksize=1)
    finally:
        gc.unfreeze()
        _work = None
    return [result for chunk in results for result in chunk]


def _render_chunk(bounds: tuple[int, int]) -> list:
    assert _work is not None
    function, items = _work
    return [function(items[index]) for index in range(*bounds)]
