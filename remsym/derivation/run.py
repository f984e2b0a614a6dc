"""Running ``remsym check``: build and check each derivation, in parallel processes.

Each derivation is built and checked in a worker process and comes back as the
plain dict of :func:`remsym.render.result_dict` (derivations hold closures, which
do not pickle; the dict is what every renderer needs).  A builder that raises
gives a ``failed`` record with the error, never an aborted run.  ``REMSYM_JOBS``
sets the number of processes (default: the CPU count).
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Sequence

__all__ = ["check_ids", "check_one"]


def _builders(paths: Sequence[str]):
    from remsym.derivation.registry import builders, load_module, paper_modules

    return builders([load_module(p) for p in paths] if paths else paper_modules())


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
    if jobs is None:
        jobs = int(os.environ.get("REMSYM_JOBS", "0")) or os.cpu_count() or 1
    jobs = max(1, min(jobs, len(ids)))
    if jobs == 1:
        return [check_one(paths, i, digits) for i in ids]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(check_one, tuple(paths), i, digits) for i in ids]
        return [f.result() for f in futures]
