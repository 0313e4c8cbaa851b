"""engines: run the pipeline over many articles, locally (processes) or on Dask.

    for result in run_local(articles, workers=4): ...
    for result in run_dask(articles, scheduler="tcp://host:8786"): ...
    write_parquet_dask(results, "out/")   # out/events/part-00000.parquet ...

Both engines yield exactly one `ArticleResult` per input article, in input order (Dask:
unless `ordered=False`), build one pipeline per worker process, and read their input
lazily with a bounded number of chunks in flight. An article the pipeline raised on comes
back with `skipped` starting with `ERROR_PREFIX` (see `is_error`) instead of stopping the run.
"""
from __future__ import annotations

from ._common import ERROR_PREFIX, get_pipeline, is_error
from .dask_engine import run_dask
from .local import run_local
from .parquet import next_part_index, write_parquet_dask, write_partition

__all__ = [
    "run_local", "run_dask", "write_parquet_dask", "write_partition", "next_part_index",
    "ERROR_PREFIX", "is_error", "get_pipeline",
]
