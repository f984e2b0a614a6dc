"""The check cache never returns a wrong result: an edited step is checked afresh, content
decides the keys (not object identity or creation order), a corrupt file is a warning."""

from __future__ import annotations

import fractions
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import remsym_paper
from remsym.cache import CacheWarning, CheckCache, StepCache, default_cache, run_sources
from remsym.derivation import DerivationBuilder, Limit
from remsym.derivation.check import check_step
from remsym.derivation.run import check_built
from remsym.fingerprint import Unfingerprintable, fingerprint
from remsym_paper.numeric import reference

x = sp.Symbol("x", positive=True)
z = sp.Symbol("z", positive=True)


def derivation(after=None, order=1 / z**2):
    b = DerivationBuilder("d", "two steps", domain=((x, 0.5, 3), (z, 0.5, 3)))
    b.equal(sp.exp(x) * sp.exp(x), sp.exp(2 * x), "merge")
    b.equal(sp.log(x**3), after if after is not None else 3 * sp.log(x), "power out")
    series = sp.exp(-z**2) / (z * sp.sqrt(sp.pi))
    b.asymptotic(sp.erfc(z), series, "erfc series", Limit(z, sp.oo, start=4), order=order)
    return b.build(sp.exp(x) * sp.exp(x), exact=sp.exp(2 * x))


@pytest.fixture
def cache(tmp_path):
    return CheckCache(tmp_path / "c")


def test_a_recheck_reuses_every_decided_step_and_the_derivation(cache):
    first = check_built(derivation(), 20, cache)
    assert cache.stats["step-store"] == 3 and cache.stats["derivation-store"] == 1
    again = check_built(derivation(), 20, cache)
    assert again == first and cache.stats["derivation-hit"] == 1


def test_an_edited_step_is_checked_afresh_and_only_it(cache):
    check_built(derivation(), 20, cache)
    before = dict(cache.stats)
    edited = check_built(derivation(after=2 * sp.log(x)), 20, cache)  # now wrong
    assert edited["status"] == "failed"
    assert [s["status"] for s in edited["step_checks"]] == ["verified", "refuted", "verified"]
    assert cache.stats["step-miss"] - before.get("step-miss", 0) == 1
    assert cache.stats["step-hit"] - before.get("step-hit", 0) == 2
    # and back: the original step's record is the one stored for it
    assert check_built(derivation(), 20, cache)["status"] == "confirmed"


def test_the_key_holds_digits_seed_order_and_the_earlier_asymptotic_steps(cache):
    step = derivation().steps[2]
    StepCache(cache)(step, 20, 1)
    for digits, seed in ((20, 2), (25, 1)):
        StepCache(cache)(step, digits, seed)
    assert cache.stats["step-hit"] == 0
    misstated = derivation(order=1 / z**3).steps[2]  # the error falls as 1/z**2 only
    assert StepCache(cache)(misstated, 20, 1).status == "refuted"
    checker = StepCache(cache)
    checker(derivation(order=1 / z**4).steps[2], 20, 1)  # an earlier asymptotic step
    checker(step, 20, 1)
    assert cache.stats["step-hit"] == 0


def test_a_corrupt_cache_file_is_a_warning_and_the_check_goes_on(cache):
    first = check_built(derivation(), 20, cache)
    files = sorted((cache.directory).rglob("*.json"))
    assert len(files) == 4
    for f in files:
        f.write_text('{"key": "trunc', encoding="utf-8")
    with pytest.warns(CacheWarning, match="corrupt"):
        again = check_built(derivation(), 20, cache)
    assert again == first
    assert all(json.loads(f.read_text())["key"] for f in files)  # rewritten whole


def test_a_step_is_cached_as_the_checker_returns_it(cache):
    step = derivation().steps[2]
    fresh = check_step(step, 20, 7)
    StepCache(cache)(step, 20, 7)
    assert StepCache(cache)(step, 20, 7) == fresh and cache.stats["step-hit"] == 1


def test_fingerprints_follow_content_not_creation_order_or_identity():
    a = sp.Symbol("M", integer=True, positive=True)
    sp.core.cache.clear_cache()
    b = sp.Symbol("M", positive=True, integer=True)
    assert fingerprint(sp.binomial(a, 2)) == fingerprint(sp.binomial(b, 2))
    assert fingerprint(sp.Symbol("M", positive=True)) != fingerprint(a)
    assert fingerprint(sp.Function("G", real=True)(x)) != fingerprint(sp.Function("G")(x))
    assert fingerprint(derivation()) == fingerprint(derivation())


def test_a_validated_evaluator_is_keyed_by_its_code_and_captured_values():
    def scaled(k):
        return lambda point, digits: k * point[x]

    assert fingerprint(scaled(2)) == fingerprint(scaled(2))
    assert fingerprint(scaled(2)) != fingerprint(scaled(3))
    assert fingerprint(lambda p, d: 2 * p[x]) != fingerprint(lambda p, d: 3 * p[x])

    class Opaque:
        def __call__(self, point, digits):
            return 1

    with pytest.raises(Unfingerprintable):
        fingerprint(Opaque())


def _write(directory, n):
    c = CheckCache(directory)
    return sum(c.put("step", f"{k:040x}", {"status": "verified", "n": k}) for k in range(n))


def test_several_processes_may_write_the_same_entries(tmp_path):
    with ProcessPoolExecutor(2) as pool:
        assert list(pool.map(_write, [tmp_path] * 4, [40] * 4)) == [40] * 4
    c = CheckCache(tmp_path)
    assert all(c.get("step", f"{k:040x}") == {"status": "verified", "n": k} for k in range(40))
    assert not list(tmp_path.rglob(".tmp-*"))


def test_the_environment_chooses_or_disables_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REMSYM_CACHE_DIR", str(tmp_path))
    assert default_cache().directory == tmp_path
    monkeypatch.setenv("REMSYM_NO_CACHE", "1")
    assert default_cache() is None


def test_numbers_and_arrays_have_fingerprints_that_see_their_values():
    assert fingerprint(np.arange(3.0)) == fingerprint(np.arange(3.0))
    assert fingerprint(np.arange(3.0)) != fingerprint(np.arange(3))
    assert fingerprint(fractions.Fraction(1, 3)) != fingerprint(fractions.Fraction(1, 4))
    assert fingerprint(0.1) != fingerprint(0.1 + 2**-55)


def test_a_collection_is_keyed_by_every_file_of_its_package(tmp_path, monkeypatch):
    """A collection is keyed by its content, subpackages included, whether or not the
    check imported them and wherever the package is installed: an edited module of a
    subpackage (the paper's ``numeric/``) must not leave a stale cached check."""
    package = tmp_path / "collection"
    (package / "numeric" / "__pycache__").mkdir(parents=True)
    for name in ("__init__.py", "s1.py", "numeric/__init__.py", "numeric/reference.py",
                 "numeric/__pycache__/reference.cpython-311.pyc", "numeric/.hidden"):
        (package / name).write_text("")
    monkeypatch.setattr("remsym.cache.collection_folders", lambda: [str(package)])
    sources = run_sources([], sys.modules)
    assert sources == sorted(str((package / name).resolve()) for name in (
        "__init__.py", "s1.py", "numeric/__init__.py", "numeric/reference.py"))


def test_the_paper_collection_is_among_the_sources():
    sources = run_sources([], ())
    assert str(Path(reference.__file__).resolve()) in sources
    assert str(Path(remsym_paper.__file__).resolve()) in sources
