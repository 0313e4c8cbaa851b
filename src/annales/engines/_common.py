"""What the local and the Dask engine share: the per-process pipeline, chunking, error capture."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

from ..model import Article
from ..pipeline import ArticleResult

T = TypeVar("T")

#: `ArticleResult.skipped` of an article the pipeline raised on. Such results are not
#: stored by the CLI (so a later run, with a fixed pipeline, retries them).
ERROR_PREFIX = "pipeline error: "

PipelineFactory = Callable[[], Any]

_PIPELINES: dict[str, Any] = {}
_LOCK = threading.Lock()


def default_factory() -> Any:
    from ..pipeline import Pipeline

    return Pipeline()


@dataclass(frozen=True)
class PipelineSpec:
    """A picklable factory for `Pipeline(**kwargs)` (e.g. extra actor files) with a stable key."""

    actor_files: tuple[str, ...] = ()

    def __call__(self) -> Any:
        from ..pipeline import Pipeline

        return Pipeline(actor_files=self.actor_files) if self.actor_files else Pipeline()

    @property
    def cache_key(self) -> str:
        return f"Pipeline(actor_files={self.actor_files!r})"


def resolve_factory(factory: PipelineFactory | None, actor_files: Sequence[str] = ()) -> PipelineFactory | None:
    if factory is not None and actor_files:
        raise ValueError("give pipeline_factory or actor_files, not both")
    if actor_files:
        return PipelineSpec(tuple(str(a) for a in actor_files))
    return factory


def factory_key(factory: PipelineFactory) -> str:
    key = getattr(factory, "cache_key", None)
    if isinstance(key, str):
        return key
    return f"{getattr(factory, '__module__', '?')}.{getattr(factory, '__qualname__', repr(factory))}"


def get_pipeline(factory: PipelineFactory | None = None) -> Any:
    """The process-wide pipeline for `factory`, built on first use (spaCy loads once)."""
    factory = factory or default_factory
    key = factory_key(factory)
    pipe = _PIPELINES.get(key)
    if pipe is None:
        with _LOCK:
            pipe = _PIPELINES.get(key)
            if pipe is None:
                pipe = _PIPELINES[key] = factory()
    return pipe


def is_error(result: ArticleResult) -> bool:
    return bool(result.skipped) and result.skipped.startswith(ERROR_PREFIX)


def process_chunk(pipeline: Any, chunk: list[Article], batch_size: int) -> list[ArticleResult]:
    """Run the pipeline on a chunk; if it raises, retry one by one so one bad article
    becomes one error result instead of losing the chunk."""
    try:
        out = list(pipeline.process_many(chunk, batch_size=batch_size))
        if len(out) == len(chunk):
            return out
    except Exception:  # noqa: BLE001 - isolated below, article by article
        pass
    results = []
    for a in chunk:
        try:
            got = list(pipeline.process_many([a], batch_size=1))
            results.append(got[0] if got else ArticleResult(article=a, skipped=ERROR_PREFIX + "no result"))
        except Exception as exc:  # noqa: BLE001
            msg = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            results.append(ArticleResult(article=a, skipped=ERROR_PREFIX + msg))
    return results


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, max(1, size))):
        yield chunk
