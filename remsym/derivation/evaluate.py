"""High-precision values of step expressions at parameter points: which route decides.

The checker's numeric witnesses evaluate a step's sides at many points.  :func:`value`
chooses the route by the expression's form, cheapest first:

1. infinite sums, or integrals whose integrand has features the usual routes could miss
   (several, far from the origin, narrow): the point substituted, each infinite sum
   by two ``nsum`` methods, each integral split at its feature points
   (:mod:`remsym.derivation.routes`);
2. a plain expression: generated mpmath code at two precisions that must agree
   (:func:`~remsym.numeric.point_values.lambdified_value`);
3. one-dimensional integrals: certified Arb quadrature, the outer expression in ball
   arithmetic too (:mod:`remsym.numeric.quadrature.arb`);
4. finite sums term by term (:func:`~remsym.numeric.point_values.summed_value`);
5. other integrals: tanh-sinh quadrature of compiled code
   (:mod:`remsym.numeric.integrals`);
6. anything else: SymPy's ``evalf``.

Values are mpmath numbers computed inside ``mpmath.workdps``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef

from remsym.derivation.routes import (
    feature_finder,
    has_infinite_sum,
    infinite_sum_value,
    split_integrals,
)
from remsym.errors import NumericReferenceError
from remsym.numeric.integrals import quadrature_value
from remsym.numeric.point_values import (
    as_mpf,
    expand_finite_sums,
    lambdified_value,
    summed_value,
)
from remsym.numeric.quadrature.arb import ball_expression, certified_integral

__all__ = ["value", "relative_difference", "as_mpf"]


def value(expr: sp.Expr, point: Mapping[sp.Symbol, Any], digits: int,
          absolute: bool = False) -> Any:
    """``expr`` at ``point`` with ``digits`` significant digits, as an mpmath number.

    The route is chosen as the module docstring lists.  ``absolute=True`` asks for
    ``digits`` digits after the point instead: the two precisions of generated code then
    need only agree to ``10**-(digits + 5)``.  That is what checking ``X = 0`` needs: an
    exact zero (the slope of an exponent at its maximum) has no significant digits, and
    ``evalf`` would raise its precision to the limit at every point.
    """
    expr = sp.sympify(expr)
    if has_infinite_sum(expr) or _needs_feature_split(expr, point):
        return _value_at_substituted_point(expr, point, digits, absolute)
    for route in (lambda: lambdified_value(expr, point, digits, absolute),
                  lambda: _certified_value(expr, point, digits),
                  lambda: summed_value(expr, point, digits)):
        found = route()
        if found is not None:
            return found
    symbols = tuple(sorted(expr.free_symbols, key=sp.default_sort_key))
    if (expr.has(sp.Integral) and not expr.has(sp.Sum, sp.Product)
            and all(z in point for z in symbols)):
        # Compiled once per expression, its parameters as arguments (a rate witness
        # evaluates the same integral at many points).  Parameters in an integration
        # limit or an exponent are substituted exactly: 1/3 - (b - t^2) must cancel to
        # t^2 next to a singular end, and a power (x - c)^(k r) with k r = 1 must stay
        # real.
        exact = _structural_symbols(expr)
        if exact:
            expr = expr.xreplace({z: sp.sympify(point[z]) for z in exact})
            symbols = tuple(z for z in symbols if z not in exact)
        return quadrature_value(expr, digits, symbols, tuple(point[z] for z in symbols))
    return _evalf_value(expr, point, digits)


def _evalf_value(expr: sp.Expr, point: Mapping[sp.Symbol, Any], digits: int) -> Any:
    """The point substituted (large coordinates as Floats), finite sums summed, integrals
    by quadrature, the rest by SymPy's ``evalf``."""
    sub = expr.xreplace({k: _for_substitution(v, digits) for k, v in point.items()})
    sub = expand_finite_sums(sub, digits)
    if sub.has(sp.Integral):
        return quadrature_value(sub, digits)
    num = sub.evalf(digits + 10, maxn=digits * 20)
    with mpmath.workdps(digits + 10):
        if num.is_real or num.is_real is None:
            try:
                return mpmath.mpf(num)
            except TypeError:
                return mpmath.mpc(complex(num))
        return mpmath.mpc(num)


#: The tanh-sinh route splits ranges at fixed breakpoints: sound for integrands with one
#: feature near the origin, no narrower than this.
_ORIGIN_REACH, _NARROWEST = 50, 0.05


def _needs_feature_split(expr: sp.Expr, point: Mapping[sp.Symbol, Any]) -> bool:
    """Whether an integral of ``expr`` over an infinite range has, at ``point``, features
    (peaks, near poles) that the usual routes could miss: several, far from the origin,
    or narrow."""
    if not expr.has(sp.Integral):
        return False
    for integral in expr.atoms(sp.Integral):
        if len(integral.limits) != 1 or integral.function.has(sp.Integral):
            continue
        x, lo, hi = integral.limits[0]
        if lo.is_finite and hi.is_finite:
            continue  # a finite range: the certified route bisects it rigorously
        params = tuple(sorted(integral.function.free_symbols - {x}, key=lambda z: z.name))
        if any(z not in point for z in params):
            continue
        with mpmath.workdps(30):
            found = feature_finder(integral.function, x, params)(
                *(as_mpf(point[z], 35) for z in params))
        if len(found) > 1 or any(abs(c) > _ORIGIN_REACH or w < _NARROWEST for c, w in found):
            return True
    return False


def _value_at_substituted_point(expr: sp.Expr, point: Mapping[sp.Symbol, Any], digits: int,
                                absolute: bool) -> Any:
    """``expr`` with the point substituted, each infinite sum replaced by its two-method
    numeric value and each integral split at its feature points."""
    sub = expr.xreplace({k: sp.sympify(v) for k, v in point.items()})
    sums = {s: sp.Float(mpmath.nstr(infinite_sum_value(s, digits + 10), digits + 20),
                        digits + 20)
            for s in sub.atoms(sp.Sum) if has_infinite_sum(s)}
    sub = split_integrals(sub.xreplace(sums))
    if sub.has(sp.Integral):
        return quadrature_value(sub, digits)
    return value(sub, {}, digits, absolute)


#: Exact coordinates up to this size are substituted as they are; larger ones (a deep
#: point of a rate witness, N = 10**20) as Floats, or SymPy would build exact powers of
#: them with as many digits.
_EXACT_REACH = 10**6


def _for_substitution(v: Any, digits: int) -> sp.Expr:
    v = sp.sympify(v)
    if v.is_Rational and (abs(v.p) > _EXACT_REACH or v.q > _EXACT_REACH ** 2):
        return sp.Float(v, digits + 30)
    return v


def _structural_symbols(expr: sp.Expr) -> set[sp.Symbol]:
    """Symbols in an integration limit or in a non-numeric exponent of ``expr``."""
    found: set[sp.Symbol] = set()
    for integral in expr.atoms(sp.Integral):
        for limit in integral.limits:
            for end in limit[1:]:
                found |= sp.sympify(end).free_symbols
    for power in expr.atoms(sp.Pow):
        found |= power.exp.free_symbols
    return found & expr.free_symbols  # not the integration variables


def _certified_value(expr: sp.Expr, point: Mapping[sp.Symbol, Any], digits: int) -> Any:
    """Expressions of one-dimensional integrals: each integral by certified Arb quadrature,
    the outer expression in ball arithmetic (generated mpmath code where it has no ball
    form).

    An ill-conditioned outer expression (the log of an integral within 1e-30 of 1, a
    difference of integrals) shows as a wide ball, and the integrals are redone with 30
    more digits, twice at most.  ``None`` (the caller takes another route) for nested
    integrals, sums, undefined functions, a function without a ball form, or a result
    that stays uncertified.
    """
    integrals = sorted(expr.atoms(sp.Integral), key=sp.default_sort_key)
    if not integrals or expr.has(sp.Sum, sp.Product) or expr.atoms(AppliedUndef) or any(
            i.function.has(sp.Integral) or len(i.limits) != 1 for i in integrals):
        return None
    dummies = {integral: sp.Symbol(f"_integral_{k}") for k, integral in enumerate(integrals)}
    outer = expr.xreplace(dummies)
    for extra in (10, 40, 70):
        work = digits + extra
        try:
            balls = {sym: certified_integral(integral, point, work)
                     for integral, sym in dummies.items()}
        except (NotImplementedError, NumericReferenceError):
            return None
        try:
            result = ball_expression(outer, point, balls, digits)
        except NotImplementedError:  # an outer function without a ball form: mpmath code
            values = {sym: sp.Float(mpmath.nstr(ball.value, work + 5, strip_zeros=False),
                                    work + 5) if ball.value != 0 else sp.Integer(0)
                      for sym, ball in balls.items()}
            return lambdified_value(outer, {**point, **values}, digits)
        if result is not None:
            return result
    return None


def relative_difference(a: Any, b: Any, digits: int) -> Any:
    """|a - b| / max(|a|, |b|), zero when both vanish; |a - b| when one side is exactly 0.

    (An identity ``X = 0`` is checked absolutely: a rounding residue of X is not a
    relative error of 1.)
    """
    with mpmath.workdps(digits + 10):
        if a == 0 or b == 0:
            return abs(a - b)
        scale = max(abs(a), abs(b))
        if scale == 0:
            return mpmath.mpf(0)
        return abs(a - b) / scale
