"""Partitioned Parquet output: `OUT/events/part-00000.parquet`, one file per partition.

Each part holds the events of one engine partition (a Dask partition, or one store batch
of the CLI) with the `events` columns of the store plus `actors` / `recipients` as lists of
structs (`annales.store.schema.EVENT_PARQUET_SCHEMA`, the same layout as
`Store.export("parquet")`). Parts are written under a temporary name and renamed, so a
crash never leaves a truncated `.parquet`; numbering continues after the parts already in
the folder, so a resumed run adds parts and never overwrites. Read back with
`duckdb.read_parquet('OUT/**/*.parquet')`. (No hive `key=value/` folders: DuckDB would add
the key as an extra column and the columns would no longer be the store's.)
"""
from __future__ import annotations

import os
import re
import uuid
from pathlib import Path
from typing import Iterable, Sequence

import pyarrow.parquet as pq

from ..pipeline import ArticleResult
from ..store.schema import events_parquet_table
from ._common import chunked, is_error

_PART = re.compile(r"^part-(\d+)\.parquet$")


def events_dir(out_dir: str | Path) -> Path:
    return Path(out_dir) / "events"


def next_part_index(out_dir: str | Path) -> int:
    d = events_dir(out_dir)
    if not d.is_dir():
        return 0
    nums = [int(m.group(1)) for p in d.iterdir() if (m := _PART.match(p.name))]
    return max(nums) + 1 if nums else 0


def write_partition(results: Sequence[ArticleResult], out_dir: str | Path, index: int) -> Path:
    """Write the events of `results` as part `index`; returns its path (written even when empty,
    so the folder always has the schema)."""
    d = events_dir(out_dir)
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"part-{index:05d}.parquet"
    tmp = d / f".{path.name}.{uuid.uuid4().hex[:8]}.tmp"
    events = [e for r in results if not is_error(r) for e in r.events]
    pq.write_table(events_parquet_table(events), tmp, compression="zstd")
    os.replace(tmp, path)
    return path


def write_parquet_dask(
    results: Iterable[ArticleResult] | Iterable[Sequence[ArticleResult]],
    out_dir: str | Path,
    partition_size: int = 64,
) -> list[Path]:
    """Write results as partitioned Parquet under `out_dir/events/`.

    `results` is either a stream of ArticleResult (cut into partitions of `partition_size`
    articles) or a stream of partitions (lists of ArticleResult), e.g. what Dask tasks
    returned. For a run where the Dask workers write their own parts, pass `parquet_dir`
    to `run_dask` instead.
    """
    it = iter(results)
    first = next(it, None)
    if first is None:
        return []
    paths = []
    index = next_part_index(out_dir)

    def rest():
        yield first
        yield from it

    if isinstance(first, ArticleResult):
        parts: Iterable[Sequence[ArticleResult]] = chunked(rest(), partition_size)
    else:
        parts = rest()  # type: ignore[assignment]
    for part in parts:
        paths.append(write_partition(list(part), out_dir, index))
        index += 1
    return paths
