"""Numeric routes for integrals and infinite sums that a witness can trust.

Feature points
    A quadrature that splits an infinite range where *the first* peak is misses a
    narrow bump far away (and then verifies a false equality).  The range is instead
    split where the integrand's *form* says something happens: the stationary points
    of every ``exp(P(x))`` with ``P`` a polynomial in ``x`` (the centres of Gaussian
    bumps, with their widths ``1/sqrt|P''|``), and the real parts of the zeros of
    every polynomial denominator (Lorentzian bumps, poles next to the axis, with the
    distance to the axis as width).  :func:`split_integrals` rewrites each
    one-dimensional integral at a parameter point as the sum of integrals over those
    pieces: an identity, after which every route (certified Arb, tanh-sinh)
    starts each piece at a feature.

Independent route
    :func:`independent_value` evaluates an expression with ``mpmath.quad`` on the
    feature pieces (a splitting and a code path of its own), and infinite sums
    with ``mpmath.nsum`` by two methods (Richardson/Shanks and Euler-Maclaurin) that
    must agree.  A witness refutes a step that involves integrals or infinite sums
    only when this route agrees with the first one and not with the claim.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import mpmath
import sympy as sp

from remsym.errors import NumericReferenceError
from remsym.numeric.codegen import positional_lambdify

__all__ = ["features", "feature_points", "split_integrals", "independent_value",
           "infinite_sum_value", "has_infinite_sum"]

#: Feature widths on each side of a centre where extra breakpoints go.
_WIDTHS = (-8, -2, 0, 2, 8)


def _polynomial_features(poly_expr: sp.Expr, x: sp.Symbol, kind: str) -> list[tuple]:
    """(centre, width) pairs of one polynomial in ``x`` with numeric coefficients."""
    try:
        poly = sp.Poly(sp.expand(poly_expr), x)
    except sp.PolynomialError:
        return []
    if poly.degree() < 1 or poly.degree() > 12:
        return []
    coeffs = [complex(c) for c in poly.all_coeffs()]
    if not all(map(lambda c: c == c, coeffs)):
        return []
    found = []
    if kind == "exponent":
        d1 = poly.diff(x)
        d2 = d1.diff(x)
        if d1.degree() < 1:
            return []
        for root in mpmath.polyroots([complex(c) for c in d1.all_coeffs()], maxsteps=200,
                                     extraprec=60):
            root = mpmath.mpc(root)
            if abs(root.imag) > 1e-6 * (1 + abs(root.real)):
                continue
            curvature = abs(complex(d2.eval(float(root.real)))) if d2.degree() >= 0 else 0
            width = 1 / mpmath.sqrt(curvature) if curvature > 0 else mpmath.mpf(1)
            found.append((mpmath.mpf(root.real), mpmath.mpf(width)))
    else:
        for root in mpmath.polyroots(coeffs, maxsteps=200, extraprec=60):
            root = mpmath.mpc(root)
            found.append((mpmath.mpf(root.real), max(abs(root.imag), mpmath.mpf(10) ** -30)))
    return found


def feature_points(integrand: sp.Expr, x: sp.Symbol) -> list[Any]:
    """Sorted breakpoints of ``integrand`` (numeric but for ``x``) from its form."""
    points = set()
    for centre, width in features(integrand, x):
        for k in _WIDTHS:
            points.add(centre + k * width)
    return sorted(points)


def features(integrand: sp.Expr, x: sp.Symbol) -> list[tuple[Any, Any]]:
    """(centre, width) of each peak or near pole of ``integrand`` that its form shows,
    one per distinct centre (the narrowest width kept)."""
    features: list[tuple] = []
    for e in integrand.atoms(sp.exp):
        features += _polynomial_features(e.args[0], x, "exponent")
    for p in integrand.atoms(sp.Pow):
        if p.base.has(x) and p.exp.is_number and p.exp.is_negative:
            features += _polynomial_features(p.base, x, "denominator")
    _, denominator = sp.fraction(sp.together(integrand)) if integrand.is_Mul else (None, 1)
    if denominator != 1 and sp.sympify(denominator).has(x):
        features += _polynomial_features(denominator, x, "denominator")
    narrowest: dict[Any, Any] = {}
    for centre, width in features:
        key = mpmath.nstr(centre, 12)
        if key not in narrowest or width < narrowest[key][1]:
            narrowest[key] = (centre, width)
    return sorted(narrowest.values())


def _pieces(lo: sp.Expr, hi: sp.Expr, points: list[Any]) -> list[tuple[sp.Expr, sp.Expr]]:
    flo = -mpmath.inf if lo == -sp.oo else mpmath.mpf(sp.Float(lo, 40))
    fhi = mpmath.inf if hi == sp.oo else mpmath.mpf(sp.Float(hi, 40))
    if fhi < flo:
        return [(lo, hi)]
    inner = [p for p in points if flo < p < fhi]
    if not inner:
        return [(lo, hi)]
    cuts = [lo] + [sp.Float(mpmath.nstr(p, 40), 40) for p in inner] + [hi]
    return list(zip(cuts, cuts[1:], strict=False))


def split_integrals(expr: sp.Expr) -> sp.Expr:
    """Each one-dimensional integral of ``expr`` whose integrand and limits are numeric
    (but for its variable) as the sum of integrals over its feature pieces."""
    def split(integral: sp.Integral) -> sp.Expr:
        if len(integral.limits) != 1 or len(integral.limits[0]) != 3:
            return integral
        x, lo, hi = integral.limits[0]
        f = integral.function
        if f.has(sp.Integral, sp.Sum) or f.free_symbols - {x} or not (lo.is_number
                                                                       and hi.is_number):
            return integral
        try:
            points = feature_points(f, x)
        except (TypeError, ValueError, ZeroDivisionError, mpmath.libmp.NoConvergence):
            return integral
        pieces = _pieces(lo, hi, points)
        if len(pieces) == 1:
            return integral
        return sp.Add(*[sp.Integral(f, (x, a, b)) for a, b in pieces], evaluate=False)

    return expr.replace(lambda e: isinstance(e, sp.Integral), split)


def has_infinite_sum(expr: sp.Expr) -> bool:
    return any(any(not (lim[1].is_finite and lim[2].is_finite) for lim in s.limits)
               for s in sp.sympify(expr).atoms(sp.Sum))


def infinite_sum_value(summation: sp.Sum, digits: int) -> Any:
    """A numeric infinite sum by two ``nsum`` methods that must agree to ``digits``."""
    if len(summation.limits) != 1 or summation.function.has(sp.Integral, sp.Sum):
        raise NumericReferenceError(f"no numeric route for the sum {summation}")
    k, lo, hi = summation.limits[0]
    if summation.function.free_symbols - {k}:
        raise NumericReferenceError(f"the sum {summation} has unset parameters")
    term = positional_lambdify((k,), summation.function, modules="mpmath")
    with mpmath.workdps(digits + 15):
        a = -mpmath.inf if lo == -sp.oo else mpmath.mpf(int(lo))
        b = mpmath.inf if hi == sp.oo else mpmath.mpf(int(hi))
        first = mpmath.nsum(term, [a, b], method="r+s")
        second = mpmath.nsum(term, [a, b], method="e")
        scale = max(abs(first), abs(second), mpmath.mpf(10) ** (-digits - 10))
        if abs(first - second) > scale * mpmath.mpf(10) ** (-digits - 2):
            raise NumericReferenceError(
                f"the two summation methods disagree on {summation} "
                f"({mpmath.nstr(first, 12)} vs {mpmath.nstr(second, 12)})")
        return +first


def independent_value(expr: sp.Expr, point: Mapping[sp.Symbol, Any], digits: int) -> Any:
    """``expr`` at ``point`` by ``mpmath.quad`` on the feature pieces (a splitting of its
    own, mpmath's public tanh-sinh) and two-method ``nsum``: a route that shares no
    quadrature code with :func:`remsym.derivation.evaluate.value`."""
    work = digits + 15
    sub = sp.sympify(expr).xreplace({k: sp.sympify(v) for k, v in point.items()})
    values: dict[sp.Symbol, Any] = {}
    for j, s in enumerate(sorted(sub.atoms(sp.Sum), key=sp.default_sort_key)):
        if any(s.has(t) for t in sub.atoms(sp.Sum) - {s}):
            raise NumericReferenceError("nested sums have no independent route")
        if has_infinite_sum(s):
            values[sp.Symbol(f"_s{j}")] = infinite_sum_value(s, digits)
        else:
            values[sp.Symbol(f"_s{j}")] = sp.sympify(s.doit())
        sub = sub.xreplace({s: sp.Symbol(f"_s{j}")})
    for j, integral in enumerate(sorted(sub.atoms(sp.Integral), key=sp.default_sort_key)):
        if len(integral.limits) != 1 or integral.function.has(sp.Integral):
            raise NumericReferenceError("nested integrals have no independent route")
        x, lo, hi = integral.limits[0]
        f = positional_lambdify((x,), integral.function, modules="mpmath")
        with mpmath.workdps(work):
            a = -mpmath.inf if lo == -sp.oo else mpmath.mpf(sp.Float(lo, work))
            b = mpmath.inf if hi == sp.oo else mpmath.mpf(sp.Float(hi, work))
            cuts = [a] + [p for p in feature_points(integral.function, x) if a < p < b] + [b]
            total, error = mpmath.quad(f, cuts, error=True)
            if error > abs(total) * mpmath.mpf(10) ** (-digits - 2) and error > \
                    mpmath.mpf(10) ** (-work):
                raise NumericReferenceError(
                    f"mpmath.quad of {integral} is uncertain ({error})")
        values[sp.Symbol(f"_i{j}")] = total
        sub = sub.xreplace({integral: sp.Symbol(f"_i{j}")})
    symbols = tuple(sorted(values, key=lambda z: z.name))
    body = positional_lambdify(symbols, sub, modules="mpmath")
    with mpmath.workdps(work):
        args = [v if not isinstance(v, sp.Basic) else mpmath.mpf(sp.Float(v, work))
                for v in (values[s] for s in symbols)]
        return +body(*args)
