"""``remsym simulate``: samples of the finite REM, their averages, the annealed values, the claims.

:func:`run_simulation` returns one JSON-ready dict (the issue's contract):

``params``
    the input (``N``, ``nu``, ``samples``, ``T``, ``seed``, Eq 4's ``e0 e1 d0 d1``),
    ``configurations`` = (1 + nu)^N, ``T_freeze`` (annealed entropy zero), ``T_2``
    (Var Z = (E Z)^2 over the disorder: above it one sample's Z is close to the
    annealed one) and ``units``;
``runs``
    per temperature the sample means ``fu, R_A, R_B, R, S, P_LM, P_LM_paper, E`` and
    their standard errors ``<name>_sem`` (the issue's ``fu_sem`` among them), and
    ``samples``: each sample's values (for the figures and the claims);
``annealed``
    per temperature the engine's exact closed forms (:mod:`remsym_paper.simulation.annealed`);
``claims``
    the paper's claims with verdicts from the data (:mod:`remsym_paper.simulation.claims`).

Units: ``fu`` is a fraction of the N nu neighbours; rates ``R_A, R_B, R`` are
Boltzmann averages per configuration in units of R0 N nu (as ``remsym eval``);
``E`` and ``S`` are totals for the N regions.

Each sample draws its energies from its own child of ``SeedSequence(seed)``, so
the numbers do not depend on the backend or the number of workers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import numpy as np

from remsym.parallel import default_jobs, run_tasks
from remsym_paper.simulation.annealed import (
    annealed,
    freezing_temperature,
    second_moment_temperature,
)
from remsym_paper.simulation.claims import claims
from remsym_paper.simulation.enumeration import (
    MEMORY_LIMIT,
    ModelSpec,
    configuration_count,
    memory_estimate,
    simulate_sample,
    validate,
)

__all__ = ["run_simulation", "sample_seeds", "aggregate", "REPORTED", "work_estimate"]

#: The per-temperature keys of ``runs`` (each with ``<key>_sem``).
REPORTED = ("fu", "R_A", "R_B", "R", "S", "P_LM", "P_LM_paper", "E")
#: Work (see :func:`work_estimate`) below which the default loky backend runs in this
#: process: less work than starting the workers costs.
SERIAL_WORK = 50_000_000
#: Per-sample keys kept in ``runs[i]["samples"]`` (the claims need S_thermo too).
PER_SAMPLE = REPORTED + ("S_thermo",)


def sample_seeds(seed: int | None, samples: int) -> list[np.random.SeedSequence]:
    """One independent ``SeedSequence`` child per sample."""
    return np.random.SeedSequence(seed).spawn(samples)


def work_estimate(spec: ModelSpec, n_temperatures: int, samples: int) -> int:
    """Configuration-temperature-neighbour updates of a run (to decide on a progress bar)."""
    return configuration_count(spec.N, spec.nu) * spec.neighbours * (n_temperatures + 1) * samples


def aggregate(per_sample: Sequence[dict[str, np.ndarray]], temperatures) -> list[dict[str, Any]]:
    """Sample means and standard errors (ddof = 1; 0 for a single sample) per temperature."""
    runs = []
    count = len(per_sample)
    for i, temp in enumerate(temperatures):
        row: dict[str, Any] = {"T": float(temp)}
        values = {name: np.array([s[name][i] for s in per_sample]) for name in PER_SAMPLE}
        for name in REPORTED:
            v = values[name]
            row[name] = float(v.mean())
            row[f"{name}_sem"] = float(v.std(ddof=1) / np.sqrt(count)) if count > 1 else 0.0
        row["samples"] = {name: [float(x) for x in values[name]] for name in PER_SAMPLE}
        runs.append(row)
    return runs


def run_simulation(spec: ModelSpec, temperatures: Sequence[float], samples: int,
                   seed: int | None = 0, *, backend: str = "loky", n_jobs: int | None = None,
                   scheduler: Any = None, memory_limit: int = MEMORY_LIMIT,
                   progress: Callable[[int, int], None] | None = None,
                   with_claims: bool = True) -> dict[str, Any]:
    """Simulate ``samples`` samples at ``temperatures``; return the JSON-ready dict."""
    temps = [float(t) for t in temperatures]
    validate(spec, temps, samples, memory_limit)
    if n_jobs is None and backend == "loky":
        # a run shorter than starting the workers stays in this process
        small = work_estimate(spec, len(temps), samples) < SERIAL_WORK
        n_jobs = 1 if small else default_jobs(samples, memory_estimate(spec.N, spec.nu),
                                               memory_limit)
    task = partial(simulate_sample, spec, tuple(temps))
    per_sample = run_tasks(task, sample_seeds(seed, samples), backend=backend, n_jobs=n_jobs,
                           scheduler=scheduler, progress=progress)
    result: dict[str, Any] = {
        "params": {
            "N": spec.N, "nu": spec.nu, "samples": samples, "T": temps, "seed": seed,
            "e0": spec.e0, "e1": spec.e1, "d0": spec.d0, "d1": spec.d1,
            "configurations": configuration_count(spec.N, spec.nu),
            "T_freeze": freezing_temperature(spec),
            "T_2": second_moment_temperature(spec),
            "units": {"fu": "fraction of the N nu neighbours",
                      "R_A, R_B, R": "per configuration, in units of R0 N nu",
                      "E, S": "totals for the N regions (k_B = 1)",
                      "P_LM, P_LM_paper": "probability"},
        },
        "runs": aggregate(per_sample, temps),
        "annealed": annealed(spec, temps),
        "claims": [],
    }
    if with_claims:
        result["claims"] = claims(result)
    return result

