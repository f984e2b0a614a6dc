"""Running ``remsym check``: build and check each derivation, in parallel processes.

Each derivation is built and checked in a worker process and comes back as the
plain dict of :func:`remsym.render.result_dict` (derivations hold closures, which
do not pickle; the dict is what every renderer needs).  A builder that raises
gives a ``failed`` record with the error, never an aborted run.  ``REMSYM_JOBS``
sets the number of processes (default: the CPU count).

Ids that a derivation module lists together in ``CHECK_GROUPS`` are checked one
after the other in the same worker, so that what they share (validated
references, SymPy's integrals, compiled integrands) is computed once per group
rather than once per worker that happens to meet it.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from types import ModuleType
from typing import Any

from remsym.cache import CheckCache, StepCache, decided
from remsym.derivation.registry import Builder, builders, check_groups, modules_of
from remsym.derivation.verdict import CheckedDerivation, check_derivation
from remsym.render import failed_dict, result_dict

__all__ = ["check_ids", "check_one", "check_built", "check_task", "check_detached",
           "attach_checks"]


def _modules(paths: Sequence[str]) -> list[ModuleType]:
    return modules_of(paths)


def _builders(paths: Sequence[str]) -> dict[str, Builder]:
    return builders(_modules(paths))


def _tasks(paths: Sequence[str], ids: Sequence[str]) -> list[tuple[str, ...]]:
    """``ids`` as worker tasks: each declared group (restricted to ``ids``) is one task,
    submitted first; every other id is a task of its own, the paper's later ones first."""
    wanted, tasks, taken = set(ids), [], set[str]()
    for group in check_groups(_modules(paths)):
        task = tuple(i for i in group if i in wanted and i not in taken)
        if task:
            tasks.append(task)
            taken.update(task)
    return tasks + [(i,) for i in reversed(ids) if i not in taken]


def _job_count(jobs: int | None, tasks: int) -> int:
    """Worker processes: ``jobs``, else ``REMSYM_JOBS``, else the CPU count; 1..tasks."""
    if jobs is None:
        jobs = int(os.environ.get("REMSYM_JOBS", "0")) or os.cpu_count() or 1
    return max(1, min(jobs, tasks or 1))


def check_one(paths: Sequence[str], ident: str, digits: int,
              cache: CheckCache | None = None) -> dict[str, Any]:
    """Build and check one derivation; a builder that raises yields a ``failed`` record.

    With ``cache`` (a :class:`remsym.cache.CheckCache`) a derivation whose content was
    checked before is not checked again, and its steps go through the step cache."""
    build = _builders(paths)[ident]
    try:
        derivation = build()
    except Exception as exc:  # a derivation the engine cannot complete is a verdict
        reason = f"the derivation could not be built: {type(exc).__name__}: {exc}"
        return failed_dict(ident, getattr(build, "__doc__", None) or ident, reason.splitlines()[0])
    return check_built(derivation, digits, cache)


# -- the check cache's hook ---------------------------------------------------------------

def check_built(derivation: Any, digits: int, cache: CheckCache | None = None,
                record: list | None = None) -> dict[str, Any]:
    """``result_dict(check_derivation(derivation, digits))``, through ``cache`` if given.

    A result is stored only when every step was decided (verified or refuted) and the
    verdict is not ``failed``: an undecided check may be a passing condition, and must
    not outlive it.  ``record`` (a list) receives each ``(step, StepCheck)`` checked
    here (none when the whole result comes from the cache)."""
    if cache is None and record is None:
        return result_dict(check_derivation(derivation, digits))
    key = None if cache is None else cache.derivation_key(derivation, digits)
    if cache is not None and key is not None:
        stored = cache.get("derivation", key)
        if isinstance(stored, dict):
            return stored
    result = result_dict(check_derivation(derivation, digits,
                                          step_checker=StepCache(cache, record=record)))
    if cache is not None and key is not None and decided([result]):
        cache.put("derivation", key, result)
    return result


#: What a worker does with one id: ``(paths, id, digits) -> result`` (:func:`check_one`
#: or :func:`check_detached`).
CheckOne = Callable[[Sequence[str], str, int], Any]


def check_task(check_id: CheckOne, paths: Sequence[str], ids: Sequence[str],
               digits: int) -> list[Any]:
    """``check_id(paths, i, digits)`` for each of ``ids`` in turn, in this process: one
    worker task."""
    return [check_id(paths, i, digits) for i in ids]


def _in_workers(check_id: CheckOne, paths: Sequence[str], tasks: list[tuple[str, ...]], digits: int,
                jobs: int) -> dict[str, Any]:
    """:func:`check_task` of ``check_id`` for every task in a pool of ``jobs`` processes; the
    per-id results of all tasks, by id.

    The parent's objects (SymPy and the derivation modules, imported before the fork)
    are frozen out of the garbage collector meanwhile: the forked workers inherit them,
    and their full collections then skip them.
    """
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [(task, pool.submit(check_task, check_id, tuple(paths), task, digits))
                       for task in tasks]
            return {i: r for task, f in futures for i, r in zip(task, f.result(), strict=True)}
    finally:
        gc.unfreeze()


def check_ids(paths: Sequence[str], ids: Sequence[str], digits: int,
              jobs: int | None = None,
              cache: CheckCache | None = None) -> list[dict[str, Any]]:
    """:func:`check_one` for every id, in ``jobs`` processes; results in the order of ``ids``.

    ``cache``: a :class:`remsym.cache.CheckCache` to reuse earlier checks (None: none)."""
    tasks = _tasks(paths, ids)
    jobs = _job_count(jobs, len(tasks))
    if jobs == 1:
        return [check_one(paths, i, digits, cache) for i in ids]
    check_id = check_one if cache is None else functools.partial(check_one, cache=cache)
    results = _in_workers(check_id, paths, tasks, digits, jobs)
    return [results[i] for i in ids]


def check_detached(paths: Sequence[str], ident: str, digits: int
                   ) -> CheckedDerivation | None:
    """Worker side of :func:`attach_checks`: the check of one derivation without the
    derivation itself (its steps hold closures, which do not pickle), or ``None`` when
    the builder raises."""
    try:
        derivation = _builders(paths)[ident]()
    except Exception:  # noqa: BLE001 - the caller reports the build failure itself
        return None
    # the derivation stays behind: its steps hold closures, which do not pickle
    return dataclasses.replace(check_derivation(derivation, digits),
                               derivation=None)  # type: ignore[arg-type]


def attach_checks(paths: Sequence[str], derivations: dict[str, Any], digits: int,
                  jobs: int | None = None) -> dict[str, Any]:
    """Check already-built ``derivations`` (id -> Derivation) in ``jobs`` worker processes.

    Each worker rebuilds its derivation (builders are deterministic) and checks it;
    the returned :class:`~remsym.derivation.verdict.CheckedDerivation` gets the
    caller's own derivation attached.  A worker whose steps do not line up with the
    caller's (a non-deterministic user builder) is checked again in this process.
    """
    ids = list(derivations)
    tasks = _tasks(paths, ids)
    jobs = _job_count(jobs, len(tasks))
    if jobs == 1:
        return {i: check_derivation(derivations[i], digits) for i in ids}
    out = {}
    results = _in_workers(check_detached, paths, tasks, digits, jobs)
    for i in ids:
        detached = results[i]
        d = derivations[i]
        if detached is None or len(detached.step_checks) != len(d.steps):
            out[i] = check_derivation(d, digits)
        else:
            out[i] = dataclasses.replace(detached, derivation=d)
    return out
