"""The generic runner: joblib processes and a dask cluster give the serial numbers exactly."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest

from remsym.errors import ParameterError
from remsym.parallel import default_jobs, run_tasks
from remsym_paper.simulation.enumeration import ModelSpec, simulate_sample
from remsym_paper.simulation.run import run_simulation, sample_seeds

TEMPS = (0.5, 1.0, 3.0)


def _same(a, b):
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        assert x.keys() == y.keys()
        for key in x:
            np.testing.assert_array_equal(x[key], y[key])


def test_loky_equals_serial():
    task = partial(simulate_sample, ModelSpec(10, 2), TEMPS)
    seeds = sample_seeds(4, 5)
    serial = run_tasks(task, seeds, backend="serial")
    parallel = run_tasks(task, seeds, backend="loky", n_jobs=2)
    _same(serial, parallel)


def test_run_simulation_independent_of_workers():
    spec = ModelSpec(9, 1)
    one = run_simulation(spec, TEMPS, 4, seed=3, backend="serial", with_claims=False)
    two = run_simulation(spec, TEMPS, 4, seed=3, backend="loky", n_jobs=2, with_claims=False)
    assert one == two


def test_progress_is_called_in_order():
    calls = []
    out = run_tasks(abs, [-1, -2, -3], backend="serial",
                    progress=lambda done, total: calls.append((done, total)))
    assert out == [1, 2, 3] and calls == [(1, 3), (2, 3), (3, 3)]


def test_default_jobs_respects_memory():
    assert default_jobs(8, per_task_bytes=10, memory_limit=25) <= 2
    assert default_jobs(1) == 1


def test_bad_backend():
    with pytest.raises(ParameterError, match="backend"):
        run_tasks(abs, [1], backend="mpi")
    with pytest.raises(ParameterError, match="scheduler"):
        run_tasks(abs, [1], backend="dask")


def test_dask_local_cluster_equals_serial():
    distributed = pytest.importorskip("dask.distributed")
    task = partial(simulate_sample, ModelSpec(8, 1), TEMPS)
    seeds = sample_seeds(9, 3)
    serial = run_tasks(task, seeds, backend="serial")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        on_cluster = run_tasks(task, seeds, backend="dask", scheduler=cluster.scheduler_address)
    _same(serial, on_cluster)
