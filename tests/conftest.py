"""Fixtures shared by the test modules: one real pipeline (spaCy fr_core_news_md) per run."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def pipeline():
    from annales.pipeline import Pipeline

    return Pipeline()
