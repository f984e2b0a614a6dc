"""Exact Gaussian identities, preferred by derivations whenever they apply.

References: completing the square (any calculus text); the normal-CDF identity
``integral phi(x) Phi(a x + b) dx = Phi(b / sqrt(1 + a^2))`` and its half-line
version through the bivariate normal CDF and Owen's T function (D. B. Owen,
Ann. Math. Stat. 27 (1956) 1075; DLMF 7.18 for Phi), with the reductions
``T(h, 0) = 0``, ``T(h, 1) = Phi(h) Phi(-h) / 2``, ``T(h, -a) = -T(h, a)``,
``T(-h, a) = T(h, a)``.

Map: :func:`complete_square`, :func:`gaussian_integral`, :func:`expect_normal_cdf`,
:func:`integrate_gaussian_erfc` (``normal_cdf`` and ``OwenT`` live in
:mod:`remsym.asymptotics.owen`).
Every function returns its value together with the :class:`Step` records taken
(:class:`ExactIntegral`, :class:`CompletedSquare`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import sympy as sp

from remsym.asymptotics.owen import OwenT, bivariate_normal_cdf, normal_cdf
from remsym.derivation.steps import Relation, Step
from remsym.errors import AsymptoticError


class ExactIntegral(NamedTuple):
    """The exact value of an integral and the steps that derived it."""

    value: sp.Expr
    steps: tuple[Step, ...]


class CompletedSquare(NamedTuple):
    """``poly = -curvature (x - centre)^2 + constant``, with the step recording it."""

    curvature: sp.Expr
    centre: sp.Expr
    constant: sp.Expr
    steps: tuple[Step, ...]


class GaussianTimesErfc(NamedTuple):
    """``C exp(quadratic) erfc(alpha x + beta) = mass N(x; mean, sigma^2) 2 Phi(slope x +
    offset)``, ``N`` the normal density: the form of the normal-CDF identities."""

    mass: sp.Expr
    mean: sp.Expr
    sigma: sp.Expr
    slope: sp.Expr
    offset: sp.Expr
    steps: tuple[Step, ...]


def _gaussian_factors(integrand: sp.Expr, x: sp.Symbol) -> tuple[sp.Expr, sp.Expr, list[sp.Expr]]:
    """integrand = const * exp(exponent) * others, with const free of x."""
    const, exponent, others = sp.Integer(1), sp.Integer(0), []
    for factor in sp.Mul.make_args(sp.powsimp(sp.sympify(integrand), combine="exp")):
        if not factor.has(x):
            const *= factor
        elif isinstance(factor, sp.exp):
            exponent += factor.args[0]
        elif factor.is_Pow and isinstance(factor.base, sp.exp):
            exponent += factor.base.args[0] * factor.exp
        else:
            others.append(factor)
    return const, sp.expand(exponent), others


@lru_cache(maxsize=512)
def complete_square(poly: sp.Expr, x: sp.Symbol) -> CompletedSquare:
    """``poly = -a (x - x0)^2 + c`` for a quadratic in x.

    Memoised per process, like :func:`gaussian_integral` and
    :func:`integrate_gaussian_erfc`: a derivation meets the same Gaussian in several
    steps, the arguments and the returned steps are immutable, and ``simplify`` is
    the cost.
    """
    p = sp.Poly(sp.expand(poly), x)
    if p.degree() != 2:
        raise AsymptoticError(f"complete_square needs a quadratic in {x}, got degree "
                              f"{p.degree()}")
    a2, a1, a0 = p.all_coeffs()
    a = sp.simplify(-a2)
    x0 = sp.simplify(a1 / (2 * a))
    c = sp.simplify(a0 + a1**2 / (4 * a))
    step = Step(poly, -a * (x - x0) ** 2 + c, Relation.EQUAL, "complete-square",
                "completing the square in the exponent")
    return CompletedSquare(a, x0, c, (step,))


def gaussian_integral(integrand: sp.Expr, x: sp.Symbol, bounds=(-sp.oo, sp.oo)
                      ) -> ExactIntegral:
    """Exact integral of C exp(quadratic in x) over the line, a half-line or an interval."""
    return _gaussian_integral(sp.sympify(integrand), x, tuple(sp.sympify(b) for b in bounds))


@lru_cache(maxsize=512)
def _gaussian_integral(integrand: sp.Expr, x: sp.Symbol,
                       bounds: tuple[sp.Expr, sp.Expr]) -> ExactIntegral:
    const, exponent, others = _gaussian_factors(integrand, x)
    if others:
        raise AsymptoticError(f"not of the form C exp(quadratic): factor {others[0]}")
    a, x0, c, steps = complete_square(exponent, x)
    if a.is_positive is not True:
        raise AsymptoticError(f"non-integrable tail: the coefficient -{a} of x^2 is not "
                              "negative under the symbols' assumptions")
    lo, hi = bounds
    scale = const * sp.exp(c) * sp.sqrt(sp.pi / a) / 2

    def tail(h, upper):  # integral of exp(-a (x - x0)^2) from h to oo (upper) or -oo to h
        if h in (sp.oo, -sp.oo):
            return sp.Integer(0 if (h == sp.oo) == upper else 2)
        return sp.erfc(sp.sqrt(a) * ((h - x0) if upper else (x0 - h)))

    value = scale * (tail(lo, True) - tail(hi, True)) if lo != -sp.oo else scale * tail(hi, False)
    if lo == -sp.oo and hi == sp.oo:
        value = 2 * scale
    value = sp.simplify(value)
    steps = steps + (Step(sp.Integral(integrand, (x, lo, hi)), value, Relation.EQUAL,
                          "gaussian-integral", "integral of exp(-a (x - x0)^2) = sqrt(pi/a) "
                          "over the line, erfc of the standardised limit otherwise"),)
    return ExactIntegral(value, steps)


def _gaussian_and_erfc(integrand: sp.Expr, x: sp.Symbol) -> GaussianTimesErfc:
    const, exponent, others = _gaussian_factors(integrand, x)
    erfcs = [f for f in others if isinstance(f, sp.erfc)]
    if len(erfcs) != 1 or len(others) != 1:
        raise AsymptoticError("expected C exp(quadratic) erfc(linear) in " + str(x))
    arg = sp.Poly(sp.expand(erfcs[0].args[0]), x)
    if arg.degree() != 1:
        raise AsymptoticError("the erfc argument must be linear in " + str(x))
    alpha, beta = arg.all_coeffs()
    a, x0, c, steps = complete_square(exponent, x)
    if a.is_positive is not True:
        raise AsymptoticError("non-integrable tail in the Gaussian factor")
    sigma = 1 / sp.sqrt(2 * a)
    # C exp(c) exp(-(x-x0)^2/(2 sigma^2)) = C exp(c) sqrt(2 pi) sigma * normal density
    mass = const * sp.exp(c) * sp.sqrt(2 * sp.pi) * sigma
    # erfc(alpha x + beta) = 2 Phi(A x + B)
    A, B = -sp.sqrt(2) * alpha, -sp.sqrt(2) * beta
    return GaussianTimesErfc(mass, x0, sigma, A, B, steps)


def expect_normal_cdf(a: sp.Expr, b: sp.Expr) -> ExactIntegral:
    """``integral phi(x) Phi(a x + b) dx`` over the line ``= Phi(b/sqrt(1 + a^2))``."""
    a, b = sp.sympify(a), sp.sympify(b)
    t = sp.Dummy("x", real=True)
    value = normal_cdf(b / sp.sqrt(1 + a**2))
    before = sp.Integral(sp.exp(-t**2 / 2) / sp.sqrt(2 * sp.pi) * normal_cdf(a * t + b),
                         (t, -sp.oo, sp.oo))
    return ExactIntegral(value, (Step(
        before, value, Relation.EQUAL, "gaussian-cdf-identity",
        "E[Phi(a X + b)] = P(W - a X <= b) for independent standard normals "
        "X, W, and W - a X ~ N(0, 1 + a^2) (DLMF 7.18, Owen 1956 eq. 10,010.8)"),))


def integrate_gaussian_erfc(integrand: sp.Expr, x: sp.Symbol, bounds=(-sp.oo, sp.oo)
                            ) -> ExactIntegral:
    """Exact ``integral C exp(quadratic) erfc(alpha x + beta) dx`` over the line or a half-line.

    Over the line: an erfc (the identity of :func:`expect_normal_cdf`).  Over
    ``(h, oo)``, ``(-oo, h)`` or ``(h1, h2)``: a bivariate normal probability in
    Owen's form, with the Owen-T reductions applied.  Returns (value, steps).
    """
    return _integrate_gaussian_erfc(sp.sympify(integrand), x,
                                    tuple(sp.sympify(b) for b in bounds))


@lru_cache(maxsize=512)
def _integrate_gaussian_erfc(integrand: sp.Expr, x: sp.Symbol,
                             bounds: tuple[sp.Expr, sp.Expr]) -> ExactIntegral:
    mass, m, sigma, A, B, steps = _gaussian_and_erfc(integrand, x)
    root = sp.sqrt(1 + A**2 * sigma**2)
    # the threshold and the correlation of the standardised pair in Owen's bivariate form
    k = sp.simplify((A * m + B) / root)
    r = sp.simplify(A * sigma / root)
    lo, hi = (sp.sympify(v) for v in bounds)
    notes: list[str] = []

    def upper(h):  # integral over (h, oo) of N(m, sigma^2) * Phi(A x + B)
        if h == -sp.oo:
            return normal_cdf(k)
        if h == sp.oo:
            return sp.Integer(0)
        val, note = bivariate_normal_cdf(sp.simplify((m - h) / sigma), k, r)
        notes.append(note)
        return val

    if lo == -sp.oo and hi == sp.oo:
        prob = normal_cdf(k)
        rule, why = ("gaussian-cdf-identity", "E[Phi(A X + B)] = Phi((A m + B)/sqrt(1 + "
                     "A^2 sigma^2)) for X ~ N(m, sigma^2) (DLMF 7.18)")
    else:
        if lo == -sp.oo:
            val, note = bivariate_normal_cdf(sp.simplify((hi - m) / sigma), k, -r)
            notes.append(note)
            prob = val
        else:
            prob = upper(lo) - upper(hi)
        rule = "bivariate-normal-owen-t"
        why = ("a half-line or interval: P(X in range, W - A X <= B) is a bivariate normal "
               "probability, written with Owen's T (Owen 1956) and reduced by T(h, 0) = 0, "
               "T(h, 1) = Phi(h) Phi(-h)/2, T(0, a) = atan(a)/(2 pi), T(h, oo) = Phi(-|h|)/2")
    value = sp.simplify(2 * mass * prob)
    steps = steps + (Step(sp.Integral(integrand, (x, lo, hi)), value, Relation.EQUAL, rule, why,
                          assumptions=tuple(n for n in notes if n)),)
    return ExactIntegral(value, steps)


__all__ = ["normal_cdf", "OwenT", "ExactIntegral", "CompletedSquare", "complete_square",
           "gaussian_integral",
           "expect_normal_cdf", "integrate_gaussian_erfc"]
