"""Exact enumeration of one finite REM sample: the paper's model on real disorder.

The model (Eqs 1-4 and the critical-point rule before Eq 3): N regions, each in
its favoured state (index 0) or one of nu excited states, so (1 + nu)^N
configurations; two configurations are neighbours when they differ in one
region (N nu neighbours each).  Energies are independent Gaussians of mean
eps(rho) and variance Delta(rho)^2, rho the fraction of favoured regions, with
the paper's large-N forms (Eq 4's scaling)

    eps(rho) = N (e0 - e1 rho),      Delta(rho)^2 = N (d0 + d1 rho),

default e0 = e1 = d1 = 0, d0 = 1 (eps = 0, Delta^2 = N).

The energies are one array of shape (1 + nu,)^N: the neighbours of every
configuration along region d are the other entries of axis d, reached by
reshaping the array to (K^d, K, K^(N-d-1)) with K = 1 + nu -- no index table.
Per configuration: the number of lower neighbours n (fu = n/(N nu), Eq 3), and
whether it is a local minimum (n = 0).  Per temperature, with Boltzmann weights
w = exp(-(E - E0)/T) shifted by the ground-state energy E0 (no overflow at any T):

* ``fu`` = <fu>, and ``R_B`` = <R_B>/(R0 N nu) = <n>/(N nu): the downhill
  Metropolis rate R0 per lower neighbour (Eq 13);
* ``R_A`` = <R_A>/(R0 N nu): the uphill rate R0 e^{-(E'-E)/T} per higher
  neighbour (Eq 12).  Its Boltzmann-weighted flux through a pair is
  w_low e^{-(E_high - E_low)/T} = w_high, the smaller weight of the pair, so
  it is summed pair by pair as min(w_a, w_b) with no exponential per pair;
* ``R`` = R_A + R_B, ``E`` = <E>, ``S`` = -sum p ln p from the weights,
  ``S_thermo`` = (E - F)/T with F = -T ln Z, ``P_LM`` the Boltzmann probability
  of a local minimum and ``P_LM_paper`` = exp(-N nu <fu>) (the paper's P_LM).

Rates are in units of R0 N nu (as in ``remsym eval``); E and S are totals for
the whole system (Eq 11's S_c is the total entropy).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import entr

from remsym.errors import ParameterError

__all__ = [
    "ModelSpec", "MEMORY_LIMIT", "BYTES_PER_CONFIGURATION", "QUANTITIES",
    "configuration_count", "memory_estimate", "validate", "favoured_counts", "draw_energies",
    "lower_neighbour_counts", "uphill_flux", "thermal_averages", "simulate_sample",
]

#: Memory a sample may use (the issue's bound at N = 24, nu = 1).
MEMORY_LIMIT = 2 * 1024**3
#: Bytes held per configuration while a sample runs: the energies, the weights,
#: the p ln p and pair-minimum temporaries (float64), the counts (uint8).
BYTES_PER_CONFIGURATION = 8 * 4 + 1
#: The per-temperature quantities of :func:`thermal_averages`, in order.
QUANTITIES = ("fu", "R_A", "R_B", "R", "E", "S", "S_thermo", "P_LM", "P_LM_paper")


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """The finite REM: N regions, nu excited states, eps(rho) and Delta(rho)^2 of Eq 4's form."""

    N: int
    nu: int = 1
    e0: float = 0.0
    e1: float = 0.0
    d0: float = 1.0
    d1: float = 0.0

    @property
    def neighbours(self) -> int:
        """N nu, the number of neighbours of every configuration (Eq 3's M)."""
        return self.N * self.nu

    @property
    def rho_dependent(self) -> bool:
        return self.e1 != 0 or self.d1 != 0

    def mean(self, rho):
        """eps(rho) = N (e0 - e1 rho)."""
        return self.N * (self.e0 - self.e1 * np.asarray(rho, dtype=float))

    def width(self, rho):
        """Delta(rho) = sqrt(N (d0 + d1 rho))."""
        return np.sqrt(self.N * (self.d0 + self.d1 * np.asarray(rho, dtype=float)))


def configuration_count(N: int, nu: int) -> int:
    """(1 + nu)^N."""
    return (1 + nu) ** N


def memory_estimate(N: int, nu: int) -> int:
    """Bytes one sample holds at its peak (see :data:`BYTES_PER_CONFIGURATION`)."""
    return configuration_count(N, nu) * BYTES_PER_CONFIGURATION


def validate(spec: ModelSpec, temperatures, samples: int = 1,
             memory_limit: int = MEMORY_LIMIT) -> None:
    """Raise :class:`ParameterError` (one line) for input the simulator cannot run."""
    if isinstance(spec.N, bool) or not isinstance(spec.N, int) or spec.N < 1:
        raise ParameterError(f"N must be a positive integer (got {spec.N})")
    if isinstance(spec.nu, bool) or not isinstance(spec.nu, int) or spec.nu < 1:
        raise ParameterError(f"nu must be an integer >= 1 (got {spec.nu})")
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise ParameterError(f"samples must be an integer >= 1 (got {samples})")
    temps = list(temperatures)
    if not temps:
        raise ParameterError("give at least one temperature")
    for t in temps:
        if not np.isfinite(t) or t <= 0:
            raise ParameterError(f"temperatures must be finite and > 0 (got {t})")
    if spec.d0 <= 0 or spec.d0 + spec.d1 <= 0:
        raise ParameterError("Delta(rho)^2 = N (d0 + d1 rho) must be > 0 for rho in [0, 1]")
    if spec.neighbours > 255:
        raise ParameterError(f"N nu = {spec.neighbours} neighbours: at most 255 are supported")
    need = memory_estimate(spec.N, spec.nu)
    if need > memory_limit:
        raise ParameterError(
            f"N = {spec.N}, nu = {spec.nu}: {configuration_count(spec.N, spec.nu):.3g} "
            f"configurations need about {need / 1024**3:.1f} GiB per sample, over the "
            f"{memory_limit / 1024**3:.1f} GiB limit")


def _axis_view(array: np.ndarray, K: int, axis: int) -> np.ndarray:
    """``array`` (of K^N entries) as (K^axis, K, K^(N-axis-1)): axis ``axis`` in the middle."""
    size = array.size
    before = K**axis
    return array.reshape(before, K, size // (before * K))


def favoured_counts(N: int, nu: int) -> np.ndarray:
    """Number of favoured regions (state 0) of every configuration, shape (1 + nu,)^N."""
    favoured = (np.arange(1 + nu) == 0).astype(np.uint8)
    counts = np.zeros((), dtype=np.uint8)  # no region yet: one configuration, none favoured
    for _ in range(N):
        counts = np.add.outer(counts, favoured).astype(np.uint8)
    return counts


def draw_energies(spec: ModelSpec, rng: np.random.Generator) -> np.ndarray:
    """One draw of the disorder: independent N(eps(rho), Delta(rho)^2), shape (1 + nu,)^N."""
    shape = (1 + spec.nu,) * spec.N
    energies = rng.standard_normal(configuration_count(spec.N, spec.nu)).reshape(shape)
    if spec.rho_dependent:
        rho = favoured_counts(spec.N, spec.nu) / spec.N
        energies *= spec.width(rho)
        energies += spec.mean(rho)
    else:
        energies *= float(spec.width(0.0))
        energies += float(spec.mean(0.0))
    return energies


def lower_neighbour_counts(energies: np.ndarray) -> np.ndarray:
    """n(c) = number of neighbours of c with a lower energy (uint8, same shape).

    Along each axis, every unordered pair of states (k, k') of that region is
    compared once; ties (probability zero) count as neither lower.
    """
    K, N = energies.shape[0], energies.ndim
    counts = np.zeros(energies.shape, dtype=np.uint8)
    flat_e, flat_c = energies.reshape(-1), counts.reshape(-1)
    for axis in range(N):
        e3, c3 = _axis_view(flat_e, K, axis), _axis_view(flat_c, K, axis)
        for k in range(K):
            for kk in range(k + 1, K):
                a, b = e3[:, k, :], e3[:, kk, :]
                c3[:, k, :] += b < a
                c3[:, kk, :] += a < b
    return counts


def uphill_flux(weights: np.ndarray, K: int) -> float:
    """sum over neighbour pairs of min(w_a, w_b): Z <R_A>/R0 for Metropolis (Eq 12).

    The uphill move from the lower end of a pair has rate R0 e^{-(E_high - E_low)/T};
    weighted by w_low it is w_high, the pair's smaller weight.
    """
    N = int(round(np.log(weights.size) / np.log(K)))
    flat = weights.reshape(-1)
    total = 0.0
    for axis in range(N):
        w3 = _axis_view(flat, K, axis)
        for k in range(K):
            for kk in range(k + 1, K):
                total += float(np.minimum(w3[:, k, :], w3[:, kk, :]).sum())
    return total


def thermal_averages(energies: np.ndarray, counts: np.ndarray, temperatures,
                     nu: int) -> dict[str, np.ndarray]:
    """The Boltzmann averages of one sample at each temperature (see the module docstring).

    ``energies`` is shifted in place by its minimum E0 (the ground state) so that
    every weight lies in (0, 1] and Z' = sum w >= 1.
    """
    K, N = energies.shape[0], energies.ndim
    neighbours = N * nu
    flat = energies.reshape(-1)
    ground = float(flat.min())
    flat -= ground
    flat_counts = counts.reshape(-1)
    weights, scratch = np.empty_like(flat), np.empty_like(flat)
    out = {name: np.empty(len(temperatures)) for name in QUANTITIES}
    # Sums by NumPy's pairwise summation, never BLAS (``@``): BLAS splits a dot product by
    # its thread count, which differs between a worker process and this one, and the
    # numbers must not depend on where a sample ran.
    for i, temp in enumerate(temperatures):
        np.multiply(flat, -1.0 / temp, out=weights)
        np.exp(weights, out=weights)
        z = float(weights.sum())
        excess = float(np.multiply(weights, flat, out=scratch).sum()) / z
        by_count = np.bincount(flat_counts, weights=weights, minlength=neighbours + 1)
        fu = float((by_count * np.arange(neighbours + 1)).sum()) / (z * neighbours)
        rate_a = uphill_flux(weights, K) / (z * neighbours)
        weights /= z
        out["fu"][i] = fu
        out["R_B"][i] = fu
        out["R_A"][i] = rate_a
        out["R"][i] = rate_a + fu
        out["E"][i] = ground + excess
        out["S"][i] = float(entr(weights, out=scratch).sum())
        out["S_thermo"][i] = excess / temp + np.log(z)
        out["P_LM"][i] = by_count[0] / z
        out["P_LM_paper"][i] = np.exp(-neighbours * fu)
    flat += ground
    return out


def simulate_sample(spec: ModelSpec, temperatures, seed: np.random.SeedSequence
                    ) -> dict[str, np.ndarray]:
    """One sample: draw the energies from ``seed``, enumerate, average at each temperature."""
    rng = np.random.default_rng(seed)
    energies = draw_energies(spec, rng)
    counts = lower_neighbour_counts(energies)
    result = thermal_averages(energies, counts, list(temperatures), spec.nu)
    result["ground"] = np.array([float(energies.min())])
    return result
