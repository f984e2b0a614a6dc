"""Timing helpers shared by the benchmarks: medians that time the work, never a memo.

remsym keeps memos (``functools.lru_cache`` / ``functools.cache`` on the asymptotic
engine's generic tables, on the validated references' per-point models, SymPy's own
cache).  A repetition answered from one of them times a dictionary lookup, so every
benchmark here either

* evaluates at a point it has not used before (:func:`fresh`: ``value + n * 1e-9``,
  ``n`` counting up over the whole process), which misses every per-point memo and
  keeps only what a new point would also reuse (compiled integrands), or
* clears every memo before each repetition (:func:`clear_memos`), for the symbolic
  work, whose memos are keyed by expression.

The preparation (a fresh point, the clearing) runs outside the timed region.
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from sympy.core.cache import clear_cache

_FRESH = itertools.count(1)
FRESH_STEP = Decimal("1e-9")


def fresh(value: str) -> str:
    """``value`` (a decimal string) plus a multiple of 1e-9 not used before in this process."""
    return str(Decimal(value) + next(_FRESH) * FRESH_STEP)


def memoised_functions(prefixes: tuple[str, ...] = ("remsym", "remsym_paper")) -> Iterator[Any]:
    """Every module-level function with a ``cache_clear`` (``lru_cache``, ``cache``) defined in
    a loaded module under ``prefixes``."""
    seen: set[int] = set()
    for name, module in list(sys.modules.items()):
        if module is None or name.split(".")[0] not in prefixes:
            continue
        for value in list(vars(module).values()):
            if (callable(getattr(value, "cache_clear", None))
                    and getattr(value, "__module__", None) == name and id(value) not in seen):
                seen.add(id(value))
                yield value


def clear_memos() -> tuple[()]:
    """Clear SymPy's cache and every memo of :func:`memoised_functions`; returns ``()`` (no
    arguments), so it can serve as :func:`median_time`'s ``prepare``."""
    clear_cache()
    for function in memoised_functions():
        function.cache_clear()
    return ()


def median_time(f: Callable[..., Any], runs: int,
                prepare: Callable[[], tuple[Any, ...]] | None = None) -> tuple[float, Any]:
    """(median wall time in seconds of ``runs`` calls of ``f``, the last call's result).

    ``prepare()``, when given, runs untimed before each call and returns ``f``'s arguments:
    a fresh point, or ``clear_memos``.
    """
    times, out = [], None
    for _ in range(runs):
        args = prepare() if prepare is not None else ()
        start = time.perf_counter()
        out = f(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), out
