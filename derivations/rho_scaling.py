"""The rho dependence of eps and Delta, and the rho saddle of Eq 4's sum (Eqs 5a, 6).

The default is the paper's large-N scaling with the simplest rho dependence,
eps(rho) = N (e0 - e1 rho), Delta(rho)^2 = N (d0 + d1 rho); :func:`rho_saddle`
accepts any other.  The exponent of each term of the rho sum is N phi(rho) with
phi = [ln Omega - eps/T + Delta^2/(2T^2)]/N (Stirling for Omega, Eq 2).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import mpmath
import sympy as sp

from remsym_paper.symbols import N, T, d0, d1, e0, e1, nu, rho

#: The default rho dependence (large-N scaling eps ~ Delta^2 ~ N).
EPS_OF_RHO = N * (e0 - e1 * rho)
DELTA2_OF_RHO = N * (d0 + d1 * rho)
BETA = e1 / T + d1 / (2 * T**2)
RHO_STAR = sp.exp(BETA) / (nu + sp.exp(BETA))
#: Default numbers for the reported rho*(T) and T_K.
DEFAULTS = {e0: 0, e1: 1, d0: 1, d1: 1, nu: 2}



def stirling_entropy(r: sp.Expr = rho) -> sp.Expr:
    """ln Omega(N rho)/N to leading order (Stirling): mixing entropy plus (1 - rho) ln nu."""
    return -r * sp.log(r) - (1 - r) * sp.log(1 - r) + (1 - r) * sp.log(nu)


def rho_exponent(eps_rho: sp.Expr = EPS_OF_RHO, delta2_rho: sp.Expr = DELTA2_OF_RHO,
                 extra: sp.Expr = sp.Integer(0)) -> sp.Expr:
    """phi(rho) = [ln Omega - eps/T + Delta^2/(2T^2)]/N (+ ``extra``), free of N for O(N) inputs."""
    return sp.expand(stirling_entropy() + sp.expand((-eps_rho / T + delta2_rho / (2 * T**2)) / N)
                     + extra)


class RhoSaddle(NamedTuple):
    """What :func:`rho_saddle` finds: phi'(rho) = 0, phi, S_c/N, T_K, and a table of
    (T, rho*, S_c/N) rows."""

    condition: sp.Eq
    exponent: sp.Expr
    S_c_per_N: sp.Expr
    T_K: Any
    table: list[tuple[float, float, float]]


def rho_saddle(eps_rho: sp.Expr = EPS_OF_RHO, delta2_rho: sp.Expr = DELTA2_OF_RHO,
               values: dict | None = None, temperatures=()) -> RhoSaddle:
    """The stationarity condition for rho*(T) (symbolic) and its numeric solution.

    ``eps_rho`` and ``delta2_rho`` are any SymPy expressions in ``rho`` proportional to N
    (the paper's scaling); ``values`` fixes the other symbols.  Returns the condition
    phi'(rho) = 0, rho* at each temperature, S_c(T, rho*)/N there (Stirling, Eq 5b) and
    the Kauzmann temperature T_K where S_c(T, rho*) = 0, as a :class:`RhoSaddle`.
    """
    values = dict(DEFAULTS if values is None else values)
    phi = rho_exponent(eps_rho, delta2_rho)
    slope = sp.expand(sp.diff(phi, rho))
    rational = sp.Add(*[t for t in sp.Add.make_args(slope) if not t.has(sp.log)])
    condition = sp.Eq(slope - rational + sp.cancel(rational), 0)
    sc_per_n = stirling_entropy() - sp.expand(delta2_rho / N) / (2 * T**2)
    cond_f = sp.lambdify((rho, T), sp.diff(phi, rho).subs(values), "mpmath")
    sc_f = sp.lambdify((rho, T), sc_per_n.subs(values), "mpmath")

    def solve(temp):
        with mpmath.workdps(30):
            return mpmath.findroot(lambda r: cond_f(r, temp), (mpmath.mpf("1e-25"),
                                   1 - mpmath.mpf("1e-25")), solver="illinois")

    def entropy_at(temp):
        with mpmath.workdps(30):
            return sc_f(solve(temp), temp)

    with mpmath.workdps(30):
        t_k = mpmath.findroot(lambda t: entropy_at(t), (mpmath.mpf("0.2"), mpmath.mpf(20)),
                              solver="bisect")
    table = [(float(t), float(solve(mpmath.mpf(t))), float(entropy_at(mpmath.mpf(t))))
             for t in temperatures]
    return RhoSaddle(condition, phi, sc_per_n, t_k, table)
