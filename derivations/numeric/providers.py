"""``remsym eval --method exact|asymptotic``: the derivations' results as numeric functions.

Nothing here is typed in: every expression is taken from a derivation the engine
built (``eq5b``, ``eq5c``, ``eq8``, ``eq9``, ``eq10``, the rate reductions of
``s4_rates``, the P_LM reduction) and turned into an mpmath function with
``lambdify``.  The symbolic work is done once per process (``lru_cache``).

* ``exact``: the derived closed form; for ``P_LM`` (no closed form for N nu > 2)
  the derived one-dimensional integral, evaluated at two precisions that must agree.
* ``asymptotic``: every ``erfc(z)`` of the closed form replaced by the engine's
  DLMF 7.12.1 series with ``order`` correction terms; quantities whose saddle point
  is exact (``q``, ``E_star``, ``S_c``) return the saddle-point formula itself.
"""

from __future__ import annotations

import importlib
from functools import cache

import mpmath
import sympy as sp

from remsym.asymptotics import erfc_asymptotic
from remsym.derivation.registry import builders
from remsym.errors import NumericReferenceError
from remsym_paper import COLLECTION, model, s4_rates
from remsym_paper.numeric.registry import register
from remsym_paper.rates_numeric import one_minus_plm
from remsym_paper.symbols import Delta, N, Omega, T, epsilon, nu, rho, w

_ARGS = (T, Delta, epsilon, N, nu, rho)


@cache
def _derivation(ident: str):
    return builders([importlib.import_module(m) for m in COLLECTION.modules])[ident]()


@cache
def derived_expressions() -> dict[str, sp.Expr]:
    """quantity -> exact SymPy expression in T, Delta, epsilon, N, nu, rho (units R0 N nu)."""
    sc = _derivation("eq5b").exact
    omega = model.Omega(N, rho, nu)
    p_less_gap = _derivation("eq9").exact
    parts = s4_rates.rate_parts()
    return {
        "q": _derivation("eq8").exact,
        "E_star": _derivation("eq5c").exact,
        "S_c": sp.expand_log(sc.xreplace({Omega: omega}), force=True),
        "fu_avg": _derivation("eq10").exact,
        "p_less_E_star": p_less_gap.subs(w, epsilon - _derivation("eq5c").exact),
        **parts,
    }


def _asymptotic_form(expr: sp.Expr, order: int) -> sp.Expr:
    return expr.replace(lambda e: isinstance(e, sp.erfc),
                        lambda e: erfc_asymptotic(e.args[0], order))


@cache
def _compiled(quantity: str, method: str, order: int):
    expr = derived_expressions()[quantity]
    if method == "asymptotic":
        expr = _asymptotic_form(expr, order)
    return sp.lambdify(_ARGS, expr, modules="mpmath")


def _args(params):
    return tuple(params.get(name, mpmath.mpf(0)) for name in
                 ("T", "Delta", "epsilon", "N", "nu", "rho"))


def _closed_form(quantity: str, method: str):
    def func(params, digits, order):
        with mpmath.workdps(digits + 20):
            return +_compiled(quantity, method, order if method == "asymptotic" else 0)(
                *_args(params))
    func.__name__ = f"{quantity}_{method}"
    return func


def _plm_exact(params, digits, order):
    """P_LM from the derived 1-D integral, at two precisions that must agree."""
    m = int(params["N"]) * int(params["nu"])
    low, high = (_plm_at_guard(params, m, digits, guard) for guard in (10, 25))
    with mpmath.workdps(digits + 10):
        if abs(low - high) > abs(high) * mpmath.mpf(10) ** (-digits - 2):
            raise NumericReferenceError("P_LM: the two precisions disagree")
        return +high


def _plm_at_guard(params, m: int, digits: int, guard: int):
    """1 - (1 - P_LM) at ``digits + guard`` working digits."""
    with mpmath.workdps(digits + guard):
        s_val = params["Delta"] / params["T"]
        return 1 - one_minus_plm(s_val, m, digits + guard - 10)


def _plm_asymptotic(params, digits, order):
    """exp(-N nu <fu>) (the plm derivation's leading form), <fu> to ``order`` terms."""
    with mpmath.workdps(digits + 20):
        fu = _closed_form("fu_avg", "asymptotic")(params, digits, order)
        return mpmath.exp(-params["N"] * params["nu"] * fu)


for _quantity in ("q", "E_star", "S_c", "fu_avg", "p_less_E_star", "rate_A", "rate_A1",
                  "rate_A2", "rate_B"):
    register(_quantity, "exact", _closed_form(_quantity, "exact"), source=__name__)
    register(_quantity, "asymptotic", _closed_form(_quantity, "asymptotic"), source=__name__)
register("P_LM", "exact", _plm_exact, source=__name__)
register("P_LM", "asymptotic", _plm_asymptotic, source=__name__)
