"""SymPy's evaluation of a definite integral through an entire antiderivative.

The symbolic witness of an exact step proves ``∫_a^b f dx = F`` by letting SymPy evaluate
the integral and reducing the difference to zero.  ``Integral.doit`` reaches Gaussian
integrals (``exp`` of a quadratic in the variable over a line or a half-line) through
Meijer-G functions, slowly and with an ``erf``-laden result.  SymPy's rule-based
``manualintegrate`` finds the antiderivative ``exp(c) erf(α x + β)`` of the same
integrands directly once the exponent is expanded into a polynomial in ``x``; the
fundamental theorem of calculus then gives the definite integral, with ``limit`` at an
infinite endpoint.

This is still SymPy's derivation, independent of remsym's Gaussian identities
(:mod:`remsym.asymptotics.gaussian`).  The theorem needs an antiderivative continuous on
the whole range; it is used only when the antiderivative is *entire* in ``x`` (built from
polynomials, ``exp``, ``erf``, ``erfc`` and ``erfi`` of ``x``), and otherwise the integral
goes to ``doit``.
"""

from __future__ import annotations

from functools import lru_cache

import sympy as sp
from sympy.integrals.manualintegrate import manualintegrate

#: Functions that are entire in their argument: a composition of them with polynomials
#: is continuous everywhere, so the fundamental theorem holds on any range.
_ENTIRE = (sp.exp, sp.erf, sp.erfi, sp.erfc)


def is_entire_in(expr: sp.Expr, x: sp.Symbol) -> bool:
    """Whether ``expr`` is built from ``x`` by sums, products, non-negative integer
    powers and the functions in ``_ENTIRE`` only (so it is an entire function of ``x``)."""
    if not expr.has(x):
        return True
    if expr == x:
        return True
    if isinstance(expr, (sp.Add, sp.Mul)):
        return all(is_entire_in(arg, x) for arg in expr.args)
    if isinstance(expr, sp.Pow):
        base, power = expr.args
        if power.has(x):
            return False
        return bool(power.is_Integer and power >= 0) and is_entire_in(base, x)
    if isinstance(expr, _ENTIRE):
        return is_entire_in(expr.args[0], x)
    return False


def _expanded_exponents(expr: sp.Expr) -> sp.Expr:
    """Exponentials merged and their exponents expanded: ``manualintegrate`` recognises
    ``exp(a x^2 + b x + c)`` only with the quadratic written out."""
    merged = sp.powsimp(expr, combine="exp")
    return merged.replace(lambda e: isinstance(e, sp.exp),
                          lambda e: sp.exp(sp.expand(e.args[0])))


def _endpoint_value(antiderivative: sp.Expr, x: sp.Symbol, endpoint: sp.Expr) -> sp.Expr | None:
    if endpoint.is_infinite:
        limit = sp.limit(antiderivative, x, endpoint)
        if limit.has(sp.Limit, sp.AccumBounds, x) or limit.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
            return None
        return limit
    return antiderivative.subs(x, endpoint)


def definite_by_antiderivative(integral: sp.Integral) -> sp.Expr | None:
    """``F(b) - F(a)`` for a one-variable definite integral of ``c exp(P(x))`` whose
    antiderivative ``F`` SymPy's ``manualintegrate`` finds entire in ``x``; ``None`` for
    other integrands and when it does not."""
    if len(integral.limits) != 1 or len(integral.limits[0]) != 3:
        return None
    x, lower, upper = integral.limits[0]
    integrand = _expanded_exponents(integral.function)
    if not isinstance(integrand.as_independent(x, as_Add=False)[1], sp.exp):
        # A polynomial times a Gaussian has no manualintegrate rule: the attempt would
        # fail slowly where doit succeeds.
        return None
    antiderivative = manualintegrate(integrand, x)
    if antiderivative.has(sp.Integral) or not is_entire_in(antiderivative, x):
        return None
    at_upper = _endpoint_value(antiderivative, x, upper)
    at_lower = None if at_upper is None else _endpoint_value(antiderivative, x, lower)
    if at_lower is None:
        return None
    return at_upper - at_lower


@lru_cache(maxsize=256)
def sympy_evaluation(integral: sp.Integral) -> sp.Expr:
    """SymPy's own evaluation of one integral: through an entire antiderivative where
    ``manualintegrate`` finds one, else ``doit``.  Memoised per process: the derivations
    of one collection meet the same integral in several equations."""
    try:
        by_antiderivative = definite_by_antiderivative(integral)
    except (NotImplementedError, ValueError, TypeError):
        # manualintegrate or limit refusing ("the result depends on the sign of ..."):
        # doit may still close the integral
        by_antiderivative = None
    return integral.doit() if by_antiderivative is None else by_antiderivative
