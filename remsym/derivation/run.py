"""Running ``remsym check``: build and check each derivation, in parallel processes.

Each derivation is built and checked in a worker process and comes back as the
plain dict of :func:`remsym.render.result_dict` (derivations hold closures, which
do not pickle; the dict is what every renderer needs).  A builder that raises
gives a ``failed`` record with the error, never an aborted run.  ``REMSYM_JOBS``
sets the number of processes (default: the CPU count).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

__all__ = ["check_ids", "check_one", "check_detached", "attach_checks"]


def _builders(paths: Sequence[str]):
    from remsym.derivation.registry import builders, load_module, paper_modules

    return builders([load_module(p) for p in paths] if paths else paper_modules())


def _job_count(jobs: int | None, tasks: int) -> int:
    """Worker processes: ``jobs``, else ``REMSYM_JOBS``, else the CPU count; 1..tasks."""
    if jobs is None:
        jobs = int(os.environ.get("REMSYM_JOBS", "0")) or os.cpu_count() or 1
    return max(1, min(jobs, tasks or 1))


def check_one(paths: Sequence[str], ident: str, digits: int) -> dict[str, Any]:
    """Build and check one derivation; a builder that raises yields a ``failed`` record."""
    from remsym.derivation.verdict import check_derivation
    from remsym.render import failed_dict, result_dict

    build = _builders(paths)[ident]
    try:
        derivation = build()
    except Exception as exc:  # a derivation the engine cannot complete is a verdict
        reason = f"the derivation could not be built: {type(exc).__name__}: {exc}"
        return failed_dict(ident, getattr(build, "__doc__", None) or ident, reason.splitlines()[0])
    return result_dict(check_derivation(derivation, digits))


def check_ids(paths: Sequence[str], ids: Sequence[str], digits: int,
              jobs: int | None = None) -> list[dict[str, Any]]:
    """:func:`check_one` for every id, in ``jobs`` processes; results in the order of ``ids``."""
    jobs = _job_count(jobs, len(ids))
    if jobs == 1:
        return [check_one(paths, i, digits) for i in ids]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # Submitted last-first: the paper's later derivations (the rates) are the heavy
        # ones, and a worker that ends on a light one leaves the other less to wait for.
        futures = {i: pool.submit(check_one, tuple(paths), i, digits) for i in reversed(ids)}
        return [futures[i].result() for i in ids]


def check_detached(paths: Sequence[str], ident: str, digits: int):
    """Worker side of :func:`attach_checks`: the check of one derivation without the
    derivation itself (its steps hold closures, which do not pickle), or ``None`` when
    the builder raises."""
    import dataclasses

    from remsym.derivation.verdict import check_derivation

    try:
        derivation = _builders(paths)[ident]()
    except Exception:  # noqa: BLE001 - the caller reports the build failure itself
        return None
    return dataclasses.replace(check_derivation(derivation, digits), derivation=None)


def attach_checks(paths: Sequence[str], derivations: dict[str, Any], digits: int,
                  jobs: int | None = None) -> dict[str, Any]:
    """Check already-built ``derivations`` (id -> Derivation) in ``jobs`` worker processes.

    Each worker rebuilds its derivation (builders are deterministic) and checks it;
    the returned :class:`~remsym.derivation.verdict.CheckedDerivation` gets the
    caller's own derivation attached.  A worker whose steps do not line up with the
    caller's (a non-deterministic user builder) is checked again in this process.
    """
    import dataclasses

    from remsym.derivation.verdict import check_derivation

    ids = list(derivations)
    jobs = _job_count(jobs, len(ids))
    if jobs == 1:
        return {i: check_derivation(derivations[i], digits) for i in ids}
    out = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {i: pool.submit(check_detached, tuple(paths), i, digits)
                   for i in reversed(ids)}
        for i in ids:
            detached = futures[i].result()
            d = derivations[i]
            if detached is None or len(detached.step_checks) != len(d.steps):
                out[i] = check_derivation(d, digits)
            else:
                out[i] = dataclasses.replace(detached, derivation=d)
    return out
