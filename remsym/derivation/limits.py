"""The limit witness of an asymptotic step: SymPy's ``limit`` of ``before / after``.

The other symbols are fixed at a point of the step's box; the limit is attempted only
for ratios of a form SymPy's Gruntz algorithm decides without running away, chosen by
the form, never by the clock (STYLE.md rule 17):

* no unevaluated integral, sum or undefined function;
* no Gamma-family function of the limit variable (on Stirling ratios of binomials the
  algorithm's work has no useful bound) and no log of an error function of it (SymPy
  answered ``zoo``, or a wrong 0 in a cancelled form);
* at most :data:`MAX_OPS` operations.

The answer is a value: a finite number, or None (undecided).  Nothing is remembered
between calls, so a step's witness never depends on what was checked before it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from remsym.derivation.steps import Step

__all__ = ["limit_of_ratio", "beyond_gruntz", "MAX_OPS"]

#: The largest ratio (SymPy operation count) whose limit is attempted.
MAX_OPS = 60
_SLOW = (sp.gamma, sp.loggamma, sp.binomial, sp.factorial, sp.RisingFactorial,
         sp.FallingFactorial, sp.polygamma, sp.zeta)


def beyond_gruntz(ratio: sp.Expr, variable: sp.Symbol) -> bool:
    """Whether the ratio is of a form whose limit is not attempted (module docstring)."""
    if ratio.has(sp.Integral, sp.Sum, sp.Product) or ratio.atoms(AppliedUndef):
        return True
    if any(f.has(variable) for f in ratio.atoms(*_SLOW)):
        return True
    if any(e.has(variable) for g in ratio.atoms(sp.log) for e in g.atoms(sp.erf, sp.erfc)):
        return True
    return sp.count_ops(ratio) > MAX_OPS


def limit_of_ratio(step: Step, point: Mapping[sp.Symbol, Any]) -> sp.Expr | None:
    """``lim before/after`` along the step's limit at ``point``; None if not decided."""
    lim = step.limit
    assert lim is not None
    others = {k: sp.sympify(v) for k, v in point.items() if k != lim.symbol}
    ratio = (sp.sympify(step.before) / sp.sympify(step.after)).xreplace(others)
    if beyond_gruntz(ratio, lim.symbol):
        return None
    direction = "+" if lim.point == 0 else "-"
    try:
        res = sp.limit(ratio, lim.symbol, lim.point, direction)
    except Exception:  # noqa: BLE001 - SymPy's limit raises a zoo of types: undecided
        return None
    return res if res.is_number and res.is_finite else None
