"""`remsym simulate`: one exact enumeration of the finite REM, against a straightforward one.

Run: python benchmarks/bench_simulate.py [--skip-24]
Prints (markdown rows for the README):

* one sample of N = 20, nu = 1 at 8 temperatures (median of 7, with its parts);
* the same sample by a straightforward NumPy enumeration (configurations as integers,
  neighbours by an index gather ``i ^ (1 << d)``, one exponential per neighbour pair
  and temperature), the ratio, and the digits on which the two agree;
* one sample of N = 24, nu = 1 in a fresh process: wall time and peak resident memory;
* 8 samples of N = 20 in this process and on joblib's workers.
"""

from __future__ import annotations

import subprocess
import sys
from functools import partial

import numpy as np
from timing import median_time

from remsym.parallel import run_tasks, shutdown_workers
from remsym_paper.simulation.enumeration import (
    ModelSpec,
    draw_energies,
    lower_neighbour_counts,
    simulate_sample,
    thermal_averages,
)
from remsym_paper.simulation.run import sample_seeds

TEMPS = (0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)


def straightforward(energies: np.ndarray, temps) -> dict[str, np.ndarray]:
    """The textbook enumeration (nu = 1): index tables and an exponential per pair."""
    n = energies.ndim
    e = energies.reshape(-1)
    idx = np.arange(e.size)
    ground = e.min()
    out = {k: [] for k in ("fu", "R_A", "S", "E", "P_LM")}
    lower = np.zeros(e.size)
    for d in range(n):
        lower += e[idx ^ (1 << d)] < e
    for t in temps:
        w = np.exp(-(e - ground) / t)
        z = w.sum()
        p = w / z
        rate_a = np.zeros(e.size)
        for d in range(n):
            gap = e[idx ^ (1 << d)] - e
            rate_a += np.where(gap > 0, np.exp(-np.maximum(gap, 0) / t), 0.0)
        out["fu"].append(np.sum(p * lower) / n)
        out["R_A"].append(np.sum(p * rate_a) / n)
        out["E"].append(np.sum(p * e))
        out["S"].append(-np.sum(p * np.log(p)))
        out["P_LM"].append(np.sum(p[lower == 0]))
    return {k: np.array(v) for k, v in out.items()}


def agreeing_digits(a: dict, b: dict) -> float:
    worst = max(float(np.max(np.abs(a[k] - b[k]) / np.abs(b[k]))) for k in b)
    return 16.0 if worst == 0 else -np.log10(worst)


CHILD = """
import resource, sys, time
import numpy as np
from remsym_paper.simulation.enumeration import ModelSpec, simulate_sample
start = time.perf_counter()
r = simulate_sample(ModelSpec(24, 1), {temps!r}, np.random.SeedSequence(1))
wall = time.perf_counter() - start
print(wall, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, r["fu"][3])
"""


def main():
    spec = ModelSpec(20, 1)
    seed = np.random.SeedSequence(1)
    t_sample, ours = median_time(lambda: simulate_sample(spec, TEMPS, seed), 7)
    energies = draw_energies(spec, np.random.default_rng(seed))
    t_draw, _ = median_time(lambda: draw_energies(spec, np.random.default_rng(seed)), 7)
    t_counts, counts = median_time(lambda: lower_neighbour_counts(energies), 7)
    t_thermal, _ = median_time(lambda: thermal_averages(energies, counts, list(TEMPS), 1), 7)
    t_plain, plain = median_time(lambda: straightforward(energies, TEMPS), 3)
    digits = agreeing_digits({k: ours[k] for k in plain}, plain)
    print("| run | median | notes |")
    print("|---|---|---|")
    print(f"| N = 20, nu = 1, 8 temperatures, one sample | {t_sample:.3f} s | draw {t_draw:.3f} s,"
          f" lower-neighbour counts {t_counts:.3f} s, 8 temperatures {t_thermal:.3f} s |")
    print(f"| straightforward NumPy (index gather, exp per pair) | {t_plain:.2f} s | "
          f"{t_plain / t_sample:.1f}x slower; agree to {digits:.1f} digits |")
    if "--skip-24" not in sys.argv:
        proc = subprocess.run([sys.executable, "-c", CHILD.format(temps=TEMPS)],
                              capture_output=True, text=True, check=True)
        wall, rss, _ = proc.stdout.split()
        print(f"| N = 24, nu = 1, 8 temperatures, one sample (fresh process) | "
              f"{float(wall):.2f} s | peak resident memory {float(rss):.0f} MiB |")
    task = partial(simulate_sample, spec, TEMPS)
    seeds = sample_seeds(2, 8)
    t_serial, _ = median_time(lambda: run_tasks(task, seeds, backend="serial"), 3)
    t_loky, _ = median_time(lambda: run_tasks(task, seeds, backend="loky", n_jobs=2), 3)
    shutdown_workers()
    print(f"| 8 samples of N = 20: serial / joblib (2 workers) | {t_serial:.2f} s / "
          f"{t_loky:.2f} s | speed-up {t_serial / t_loky:.2f} |")


if __name__ == "__main__":
    main()
