"""The annealed (disorder-averaged) values that the simulator's data are set against.

Nothing here is typed in: every formula is an exact closed form the engine
derived (``remsym_paper.numeric.providers.derived_expressions``: ``q`` of Eq 8, ``E_star``
of Eq 5c, ``fu_avg`` of Eq 10, ``rate_A`` and ``rate_B`` of Eqs 12-13), the model's
Omega (Eq 2, ``remsym_paper.model.Omega``) and the P_LM derivation's one-dimensional
integral (``remsym_paper.s4_rates.plm_integral``), turned into NumPy/SciPy
functions with ``lambdify``.

The annealed average over the rho sectors is Eq 6's: a fixed-rho value X_k is
weighted by Omega_k q_k (k = N rho favoured regions, Eq 4), so

    <X> = sum_k Omega_k q_k X_k / sum_k Omega_k q_k,
    E = sum_k W_k E*_k,      S = ln sum_k Omega_k q_k + E/T,

which for a rho-independent model is the fixed-rho value itself with
Omega = (1 + nu)^N.  These are ratios of disorder averages (Eq 7 averages the
numerator and q separately): exact for the *average* landscape, a description
of one sample only where the annealed approximation holds (above the freezing
temperature T_f, where the annealed entropy reaches zero).  They also assume
Gc = G, exact for a rho-independent model only (with e1 or d1 nonzero a
neighbour lies in another rho sector).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import sympy as sp
from scipy.integrate import quad
from scipy.optimize import brentq
from scipy.special import logsumexp

from remsym_paper import model
from remsym_paper.numeric.providers import derived_expressions
from remsym_paper.s4_rates import plm_integral
from remsym_paper.simulation.enumeration import ModelSpec
from remsym_paper.symbols import Delta, N, T, epsilon, nu, rho, y

__all__ = ["annealed", "freezing_temperature", "second_moment_temperature", "log_relative_variance",
           "plm_exact"]

_RATES = ("fu_avg", "rate_A", "rate_B", "E_star")


@cache
def _functions():
    exprs = derived_expressions()
    args = (T, Delta, epsilon)
    funcs = {name: sp.lambdify(args, exprs[name], modules=["scipy", "numpy"])
             for name in _RATES}
    funcs["log_q"] = sp.lambdify(args, sp.expand_log(sp.log(exprs["q"]), force=True),
                                 modules=["scipy", "numpy"])
    log_omega = sp.expand_log(sp.log(model.Omega(N, rho, nu)), force=True).replace(
        lambda e: isinstance(e, sp.log) and isinstance(e.args[0], sp.factorial),
        lambda e: sp.loggamma(e.args[0].args[0] + 1))
    funcs["log_omega"] = sp.lambdify((N, nu, rho), log_omega, modules=["scipy", "numpy"])
    integral = plm_integral()
    funcs["plm_integrand"] = sp.lambdify((y, T, Delta, N, nu), integral.function,
                                         modules=["scipy", "numpy"])
    return funcs


def plm_exact(temperature: float, width: float, n_regions: int, states: int) -> float:
    """P_LM = integral phi(y - s) Phi(y)^(N nu) dy (the ``plm`` derivation), s = Delta/T.

    The integrand is bounded by the normal density about s: the range s +- 12
    (mass outside below 1e-32), split at s, by adaptive Gauss-Kronrod.
    """
    f = _functions()["plm_integrand"]
    s = width / temperature
    value, _ = quad(lambda v: float(f(v, temperature, width, n_regions, states)),
                    s - 12.0, s + 12.0, points=[s], limit=200, epsabs=0.0, epsrel=1e-11)
    return value


def _sectors(spec: ModelSpec, temperature: float):
    """(log weights, Delta_k, eps_k) of the rho sectors k = 0..N at one temperature."""
    funcs = _functions()
    k = np.arange(spec.N + 1) if spec.rho_dependent else np.array([0])
    r = k / spec.N
    widths, means = spec.width(r), spec.mean(r)
    if spec.rho_dependent:
        log_w = funcs["log_omega"](spec.N, spec.nu, r) + funcs["log_q"](temperature, widths,
                                                                        means)
    else:  # one sector holding all (1 + nu)^N configurations
        log_w = np.array([spec.N * np.log1p(spec.nu)
                          + funcs["log_q"](temperature, widths[0], means[0])])
    return np.atleast_1d(log_w), np.atleast_1d(widths), np.atleast_1d(means)


def annealed_entropy(spec: ModelSpec, temperature: float) -> float:
    """S(T) = ln Q + E/T of the annealed partition function (Eq 4)."""
    log_w, widths, means = _sectors(spec, temperature)
    weights = np.exp(log_w - logsumexp(log_w))
    energy = float(weights @ _functions()["E_star"](temperature, widths, means))
    return float(logsumexp(log_w)) + energy / temperature


def freezing_temperature(spec: ModelSpec) -> float | None:
    """T_f where the annealed entropy reaches zero (the REM's freezing), or None."""
    return _root(lambda t: annealed_entropy(spec, t), spec)


def log_relative_variance(spec: ModelSpec, temperature: float) -> float:
    """ln[Var Z / (E Z)^2] over the disorder, from the engine's q (Eq 8).

    The energies are independent, so Var Z = sum_k Omega_k [q_k(T/2) - q_k(T)^2]
    (E e^{-2E/T} is q at T/2) and E Z = sum_k Omega_k q_k(T).
    """
    funcs = _functions()
    k = np.arange(spec.N + 1) if spec.rho_dependent else np.array([0])
    r = k / spec.N
    widths, means = spec.width(r), spec.mean(r)
    if spec.rho_dependent:
        log_omega = funcs["log_omega"](spec.N, spec.nu, r)
    else:
        log_omega = np.array([spec.N * np.log1p(spec.nu)])
    log_q = np.atleast_1d(funcs["log_q"](temperature, widths, means))
    log_q_half = np.atleast_1d(funcs["log_q"](temperature / 2, widths, means))
    second = logsumexp(log_omega + log_q_half)
    square = logsumexp(log_omega + 2 * log_q)
    first = logsumexp(log_omega + log_q)
    return float(second + np.log1p(-np.exp(square - second)) - 2 * first)


def _root(f, spec: ModelSpec) -> float | None:
    scale = float(np.sqrt(spec.d0 + max(spec.d1, 0.0)))
    low, high = 1e-3 * scale, 1e3 * scale
    if not f(low) < 0 < f(high):
        return None
    return float(brentq(f, low, high, xtol=1e-12, rtol=1e-12))


def second_moment_temperature(spec: ModelSpec) -> float | None:
    """T_2 where Var Z = (E Z)^2: below it one sample's Z is far from the annealed E Z
    (for the rho-independent REM T_2 = Delta/sqrt(ln(1 + (1 + nu)^N)), about sqrt(2) T_f)."""
    return _root(lambda t: -log_relative_variance(spec, t), spec)


def annealed(spec: ModelSpec, temperatures) -> list[dict[str, float]]:
    """Per temperature: fu, R_A, R_B, R, E, S, P_LM, P_LM_paper and Delta (annealed, Eq 6)."""
    funcs = _functions()
    rows = []
    for temp in temperatures:
        log_w, widths, means = _sectors(spec, temp)
        weights = np.exp(log_w - logsumexp(log_w))
        avg = {name: float(weights @ np.broadcast_to(funcs[name](temp, widths, means),
                                                     weights.shape))
               for name in _RATES}
        plm = float(weights @ np.array([plm_exact(temp, float(w), spec.N, spec.nu)
                                        for w in widths]))
        rows.append({
            "T": float(temp), "fu": avg["fu_avg"], "R_A": avg["rate_A"], "R_B": avg["rate_B"],
            "R": avg["rate_A"] + avg["rate_B"], "E": avg["E_star"],
            "S": float(logsumexp(log_w)) + avg["E_star"] / temp,
            "P_LM": plm, "P_LM_paper": float(np.exp(-spec.neighbours * avg["fu_avg"])),
            "Delta": float(weights @ widths),
            "Z_relative_variance": float(np.exp(log_relative_variance(spec, temp))),
        })
    return rows
