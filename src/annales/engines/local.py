"""Local engine: in-process, or a pool of spawned processes each holding one pipeline."""
from __future__ import annotations

import multiprocessing as mp
from collections import deque
from typing import Any, Iterable, Iterator, Sequence

from ..model import Article
from ..pipeline import ArticleResult
from ._common import PipelineFactory, chunked, get_pipeline, process_chunk, resolve_factory

_WORKER: dict[str, Any] = {}

#: chunks a worker process codes before it is replaced by a fresh one. spaCy's vocabulary
#: and our memo caches grow with every new word a worker sees; replacing the worker bounds
#: its memory by this many chunks instead of by the corpus. A fresh worker starts in about
#: 4 s (model load, with the annales cache warm), about 4% of the time it then works
#: (15 chunks: the whole OrangeSum file peaks at 1.92 GB summed over all processes at 2
#: workers, against 1.96 GB with 25 chunks; benchmarks/ingest_rss.json).
RECYCLE_AFTER_CHUNKS = 15


def _init_worker(factory: PipelineFactory | None, batch_size: int) -> None:
    _WORKER["pipeline"] = get_pipeline(factory)  # built once per worker process
    _WORKER["batch_size"] = batch_size


def _work(chunk: list[Article]) -> list[ArticleResult]:
    return process_chunk(_WORKER["pipeline"], chunk, _WORKER["batch_size"])


def run_local(
    articles: Iterable[Article],
    workers: int = 1,
    batch_size: int = 32,
    *,
    pipeline_factory: PipelineFactory | None = None,
    max_in_flight: int | None = None,
    actor_files: Sequence[str] = (),
    recycle_after: int | None = RECYCLE_AFTER_CHUNKS,
) -> Iterator[ArticleResult]:
    """Code `articles`, yielding one ArticleResult per article, in input order.

    workers=1 runs in this process. workers>1 starts a `spawn` pool; each worker builds
    its pipeline once (`pipeline_factory()`, default `Pipeline()`; must be picklable, i.e.
    a module-level callable). Input is read lazily in chunks of `batch_size` and at most
    `max_in_flight` chunks (default 2 x workers) are queued or unconsumed at any time, so
    memory is bounded by batch size, not by corpus size. (`Pool.imap` would read the whole
    input iterator ahead, so chunks are submitted with `apply_async` under a window.)
    An article the pipeline raises on comes back with `skipped` = ERROR_PREFIX + reason.
    `actor_files`: extra actor dictionaries, i.e. `Pipeline(actor_files=...)` per worker.
    `recycle_after`: chunks per worker process before it is replaced (None: never), so that
    a long run's memory does not grow with the corpus.
    """
    pipeline_factory = resolve_factory(pipeline_factory, actor_files)
    if workers <= 1:
        pipe = get_pipeline(pipeline_factory)
        for chunk in chunked(articles, batch_size):
            yield from process_chunk(pipe, chunk, batch_size)
        return

    window = max_in_flight or 2 * workers
    ctx = mp.get_context("spawn")
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(pipeline_factory, batch_size),
                    maxtasksperchild=recycle_after)
    try:
        pending: deque = deque()
        chunks = chunked(articles, batch_size)
        for chunk in chunks:
            pending.append(pool.apply_async(_work, (chunk,)))
            if len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()
