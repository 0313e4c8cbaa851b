"""Dask distributed engine: partitions of articles submitted as they are read."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..model import Article
from ..pipeline import ArticleResult
from ._common import PipelineFactory, chunked, get_pipeline, process_chunk, resolve_factory


def _process_partition(
    articles: list[Article],
    factory: PipelineFactory | None,
    batch_size: int,
    parquet_dir: str | None,
    index: int,
) -> list[ArticleResult]:
    """Runs on a worker. The pipeline is a per-process singleton (built by the first task
    that lands on the worker, reused by all later ones)."""
    results = process_chunk(get_pipeline(factory), articles, batch_size)
    if parquet_dir is not None:
        from .parquet import write_partition

        write_partition(results, parquet_dir, index)
    return results


def _start_client(scheduler: str | None, n_workers: int):
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(
        n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    return Client(cluster), cluster


def run_dask(
    articles: Iterable[Article],
    scheduler: str | None = None,
    n_workers: int = 2,
    partition_size: int = 64,
    *,
    client: Any = None,
    pipeline_factory: PipelineFactory | None = None,
    batch_size: int = 32,
    max_in_flight: int | None = None,
    ordered: bool = True,
    parquet_dir: str | Path | None = None,
    actor_files: Sequence[str] = (),
) -> Iterator[ArticleResult]:
    """Code `articles` on a Dask cluster, yielding one ArticleResult per article.

    Connects to `scheduler` ("tcp://host:8786"), or uses `client`, or starts a LocalCluster
    of `n_workers` single-threaded processes (closed at the end). Articles are read lazily
    in partitions of `partition_size`; at most `max_in_flight` partitions (default
    2 x workers) are submitted and not yet yielded, so the driver's memory is bounded.
    Completed partitions come back through `as_completed`; with `ordered=True` (default)
    results are yielded in input order, otherwise as soon as a partition is done.
    With `parquet_dir`, each worker also writes its partition's events to
    `parquet_dir/events/part-NNNNN.parquet` (the folder must be shared with the workers).
    The pipeline factory must be importable on the workers (or picklable by value);
    `actor_files` (paths visible to the workers) builds `Pipeline(actor_files=...)`.
    """
    pipeline_factory = resolve_factory(pipeline_factory, actor_files)
    from distributed import as_completed

    own_client = own_cluster = None
    if client is None:
        client, own_cluster = _start_client(scheduler, n_workers)
        own_client = client
    if parquet_dir is not None:
        from .parquet import next_part_index

        parquet_dir = str(Path(parquet_dir).resolve())
        base_index = next_part_index(parquet_dir)
    else:
        base_index = 0
    if max_in_flight is None:
        nworkers = len(client.scheduler_info(n_workers=-1).get("workers", {})) or n_workers
        max_in_flight = 2 * max(1, nworkers)

    ac = as_completed()
    index_of: dict[str, int] = {}
    done: dict[int, list[ArticleResult]] = {}
    parts = chunked(articles, partition_size)
    state = {"submitted": 0, "yielded": 0, "exhausted": False}
    futures = []

    def submit_more() -> None:
        while not state["exhausted"] and state["submitted"] - state["yielded"] < max_in_flight:
            part = next(parts, None)
            if part is None:
                state["exhausted"] = True
                return
            i = state["submitted"]
            fut = client.submit(
                _process_partition, part, pipeline_factory, batch_size, parquet_dir,
                base_index + i, pure=False, key=f"annales-part-{base_index + i}-{id(state)}",
            )
            index_of[fut.key] = i
            futures.append(fut)
            ac.add(fut)
            state["submitted"] += 1

    try:
        submit_more()
        while state["yielded"] < state["submitted"]:
            fut = next(ac)
            i = index_of.pop(fut.key)
            done[i] = fut.result()
            fut.release()
            if ordered:
                while state["yielded"] in done:
                    batch = done.pop(state["yielded"])
                    state["yielded"] += 1
                    submit_more()
                    yield from batch
            else:
                batch = done.pop(i)
                state["yielded"] += 1
                submit_more()
                yield from batch
    finally:
        pending = [f for f in futures if not f.done()]
        if pending:
            client.cancel(pending)
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
