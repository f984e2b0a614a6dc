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
from functools import lru_cache
from typing import Any

import mpmath
import sympy as sp

from remsym.errors import NumericReferenceError
from remsym.numeric.codegen import positional_lambdify

__all__ = ["features", "feature_finder", "feature_points", "split_integrals", "independent_value",
           "infinite_sum_value", "has_infinite_sum"]

#: Feature widths on each side of a centre where extra breakpoints go.
_WIDTHS = (-8, -2, 0, 2, 8)


def _features_of_coefficients(coeffs: list, kind: str) -> list[tuple]:
    """(centre, width) pairs of one polynomial given by its numeric coefficients (highest
    first): the stationary points of an exponent, or the zeros of a denominator."""
    while coeffs and coeffs[0] == 0:
        coeffs = coeffs[1:]
    degree = len(coeffs) - 1
    if degree < 1 or degree > 12 or not all(mpmath.isfinite(c) for c in coeffs):
        return []
    found = []
    if kind == "exponent":
        d1 = [c * (degree - k) for k, c in enumerate(coeffs[:-1])]
        d2 = [c * (degree - 1 - k) for k, c in enumerate(d1[:-1])]
        if len(d1) < 2:
            return []
        for root in mpmath.polyroots(d1, maxsteps=200, extraprec=60):
            root = mpmath.mpc(root)
            if abs(root.imag) > 1e-6 * (1 + abs(root.real)):
                continue
            curvature = abs(mpmath.polyval(d2, root.real)) if d2 else 0
            width = 1 / mpmath.sqrt(curvature) if curvature > 0 else mpmath.mpf(1)
            found.append((mpmath.mpf(root.real), mpmath.mpf(width)))
    else:
        for root in mpmath.polyroots(coeffs, maxsteps=200, extraprec=60):
            root = mpmath.mpc(root)
            found.append((mpmath.mpf(root.real), max(abs(root.imag), mpmath.mpf(10) ** -30)))
    return found


def _polynomial_pieces(integrand: sp.Expr, x: sp.Symbol) -> list[tuple[str, list[sp.Expr]]]:
    """The polynomials in ``x`` whose roots locate the integrand's features: exponents of
    ``exp`` and denominators, as (kind, coefficients highest first)."""
    pieces = []
    candidates = [("exponent", e.args[0]) for e in integrand.atoms(sp.exp)]
    candidates += [("denominator", p.base) for p in integrand.atoms(sp.Pow)
                   if p.base.has(x) and p.exp.is_number and p.exp.is_negative]
    for kind, poly_expr in candidates:
        if not poly_expr.has(x):
            continue
        try:
            poly = sp.Poly(sp.expand(poly_expr), x)
        except sp.PolynomialError:
            continue
        if any(c.has(x) for c in poly.all_coeffs()):
            continue
        pieces.append((kind, poly.all_coeffs()))
    return pieces


@lru_cache(maxsize=512)
def feature_finder(integrand: sp.Expr, x: sp.Symbol, params: tuple[sp.Symbol, ...]):
    """A function of the parameter values giving the integrand's (centre, width)
    features (see :func:`features`), its polynomials' coefficients compiled once."""
    compiled = [(kind, sp.lambdify(params, list(coeffs), modules="mpmath"))
                for kind, coeffs in _polynomial_pieces(integrand, x)]

    def find(*values: Any) -> list[tuple[Any, Any]]:
        found: list[tuple] = []
        with mpmath.workdps(30):
            for kind, coeffs in compiled:
                try:
                    numbers = [mpmath.mpf(c) if not isinstance(c, mpmath.mpc) else c
                               for c in coeffs(*values)]
                    if any(isinstance(c, mpmath.mpc) for c in numbers):
                        continue
                    found += _features_of_coefficients(numbers, kind)
                except (TypeError, ValueError, ZeroDivisionError,
                        mpmath.libmp.NoConvergence):
                    continue
        return _distinct(found)
    return find


def _distinct(found: list[tuple]) -> list[tuple[Any, Any]]:
    narrowest: dict[Any, Any] = {}
    for centre, width in found:
        key = mpmath.nstr(centre, 12)
        if key not in narrowest or width < narrowest[key][1]:
            narrowest[key] = (centre, width)
    return sorted(narrowest.values())


def feature_points(integrand: sp.Expr, x: sp.Symbol) -> list[Any]:
    """Sorted breakpoints of ``integrand`` (numeric but for ``x``) from its form."""
    points = set()
    for centre, width in features(integrand, x):
        for k in _WIDTHS:
            points.add(centre + k * width)
    return sorted(points)


def features(integrand: sp.Expr, x: sp.Symbol) -> list[tuple[Any, Any]]:
    """(centre, width) of each peak or near pole of ``integrand`` (numeric but for ``x``)
    that its form shows, one per distinct centre (the narrowest width kept)."""
    return feature_finder(integrand, x, ())()


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
