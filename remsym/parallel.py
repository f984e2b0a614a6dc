"""A generic parallel map: joblib processes here, a dask cluster through joblib's dask backend.

Knows nothing of what it runs.  ``run_tasks(func, tasks)`` returns
``[func(t) for t in tasks]`` in order, whatever the backend, so results never
depend on how the work was spread (a caller makes its tasks deterministic, e.g.
one ``numpy.random.SeedSequence`` child per task).

==============  ===============================================================
backend         where the tasks run
==============  ===============================================================
``"serial"``    this process, one after the other (also any ``n_jobs == 1``)
``"loky"``      joblib's process pool on this machine (the default)
``"dask"``      a dask.distributed scheduler (``scheduler`` = its address, or a
                ``Client``): ``pip install "remsym[cluster]"``
==============  ===============================================================

``progress(done, total)`` is called in this process after each task completes
(in order), for a caller that shows a progress bar; it must not print here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from joblib import Parallel, delayed, parallel_config
from joblib.externals.loky import reusable_executor

from remsym.errors import ParameterError

__all__ = ["BACKENDS", "run_tasks", "default_jobs", "shutdown_workers"]

BACKENDS = ("loky", "dask", "serial")

T = TypeVar("T")
R = TypeVar("R")


def default_jobs(tasks: int, per_task_bytes: int = 0, memory_limit: int | None = None) -> int:
    """Workers for ``tasks`` tasks: the CPUs, at most one per task, within ``memory_limit``."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    jobs = max(1, min(tasks, cpus or 1))
    if memory_limit is not None and per_task_bytes > 0:
        jobs = max(1, min(jobs, memory_limit // per_task_bytes))
    return jobs


def shutdown_workers() -> None:
    """Stop joblib's reusable loky workers (they outlive a run to serve the next one).

    An idle worker keeps the command's stdout and stderr open, so a caller reading
    them to the end would wait for the workers' idle timeout.
    """
    executor = reusable_executor._executor
    if executor is None:
        return
    if hasattr(executor, "terminate"):  # joblib's MemmappingExecutor: also its temp folder
        executor.terminate(kill_workers=False)
    else:
        executor.shutdown(wait=True)


def _report(results: Iterable[R], total: int,
            progress: Callable[[int, int], None] | None) -> list[R]:
    out = []
    for item in results:
        out.append(item)
        if progress is not None:
            progress(len(out), total)
    return out


def run_tasks(func: Callable[[T], R], tasks: Sequence[T], *, backend: str = "loky",
              n_jobs: int | None = None, scheduler: Any = None,
              progress: Callable[[int, int], None] | None = None) -> list[R]:
    """``[func(t) for t in tasks]``, computed by ``backend`` (see the module docstring).

    ``func`` and the tasks must pickle for ``loky`` and ``dask`` (a module-level
    function or a ``functools.partial`` of one).  Raises :class:`ParameterError`
    for an unknown backend, a dask backend without a scheduler, or dask missing.
    """
    if backend not in BACKENDS:
        raise ParameterError(f"unknown backend {backend!r}; known: {', '.join(BACKENDS)}")
    total = len(tasks)
    if backend == "dask":
        return _run_dask(func, tasks, n_jobs, scheduler, progress)
    jobs = default_jobs(total) if n_jobs is None else max(1, n_jobs)
    if backend == "serial" or jobs == 1 or total <= 1:
        return _report((func(t) for t in tasks), total, progress)
    # max_nbytes=None: no memory-mapped temporary folder (the tasks are seeds, not arrays)
    parallel = Parallel(n_jobs=jobs, backend="loky", return_as="generator", max_nbytes=None)
    return _report(parallel(delayed(func)(t) for t in tasks), total, progress)


def _run_dask(func, tasks, n_jobs, scheduler, progress):
    if scheduler is None:
        raise ParameterError("the dask backend needs --scheduler ADDRESS (or a Client)")
    try:
        from dask.distributed import Client  # optional: the cluster extra
    except ImportError:
        raise ParameterError('the dask backend needs dask.distributed: '
                             'pip install "remsym[cluster]"') from None
    owned = not isinstance(scheduler, Client)
    try:
        client = Client(scheduler) if owned else scheduler
    except (OSError, TimeoutError, ValueError) as exc:
        raise ParameterError(f"cannot reach the dask scheduler {scheduler!r}: "
                             f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
                             ) from None
    try:
        with parallel_config(backend="dask", n_jobs=n_jobs or -1):
            parallel = Parallel(return_as="generator")
            return _report(parallel(delayed(func)(t) for t in tasks), len(tasks), progress)
    finally:
        if owned:
            client.close()
