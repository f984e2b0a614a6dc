"""The plugin's and the cache's tests: a fresh check cache per test, never the user's."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REMSYM_CACHE_DIR", str(tmp_path / "remsym-cache"))
    monkeypatch.delenv("REMSYM_NO_CACHE", raising=False)
