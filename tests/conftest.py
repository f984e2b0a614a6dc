"""Test configuration: Hypothesis profiles and the mpmath precision guard.

Profiles: ``ci`` (derandomised, bounded, no deadline) is the default; ``dev``
explores more.  Select with ``HYPOTHESIS_PROFILE=dev``.  The example database
lives in ``.hypothesis/`` (git-ignored).
"""

from __future__ import annotations

import os

import mpmath
import pytest
from hypothesis import HealthCheck, settings

from remsym.collection import collection_modules
from remsym.derivation.registry import builders
from remsym.derivation.verdict import check_derivation

settings.register_profile(
    "ci", derandomize=True, max_examples=20, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True, scope="session")
def _remsym_cache_of_this_session(tmp_path_factory):
    """``remsym check``'s cache (remsym.cache) off, and in a folder of this session for
    the tests that turn it on (tests/plugin): the suite never reads or fills a user's
    cache, and no test is served a result another test computed (a test may patch the
    engine, which the cache's keys cannot see)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REMSYM_CACHE_DIR", str(tmp_path_factory.mktemp("remsym-cache")))
        mp.setenv("REMSYM_NO_CACHE", "1")
        yield


@pytest.fixture(autouse=True)
def _mpmath_precision_untouched():
    """Like mpmath's own suite: fail a test that leaves the global precision changed."""
    before = mpmath.mp.prec
    yield
    after = mpmath.mp.prec
    mpmath.mp.prec = 53
    assert after == before, f"mpmath global precision changed from {before} to {after}"


_CHECKED: dict = {}


@pytest.fixture(scope="session")
def checked_paper():
    """``checked_paper(id)``: the paper's derivation ``id`` built and checked once per session."""

    found = builders(collection_modules())

    def get(ident: str):
        if ident not in _CHECKED:
            _CHECKED[ident] = check_derivation(found[ident]())
        return _CHECKED[ident]

    return get
