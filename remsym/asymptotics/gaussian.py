"""Exact Gaussian identities, preferred by derivations whenever they apply.

References: completing the square (any calculus text); the normal-CDF identity
``integral phi(x) Phi(a x + b) dx = Phi(b / sqrt(1 + a^2))`` and its half-line
version through the bivariate normal CDF and Owen's T function (D. B. Owen,
Ann. Math. Stat. 27 (1956) 1075; DLMF 7.18 for Phi), with the reductions
``T(h, 0) = 0``, ``T(h, 1) = Phi(h) Phi(-h) / 2``, ``T(h, -a) = -T(h, a)``,
``T(-h, a) = T(h, a)``.

Map: :func:`normal_cdf`, :class:`OwenT`, :func:`complete_square`,
:func:`gaussian_integral`, :func:`integrate_gaussian_erfc`.
Every function returns its value together with the :class:`Step` records taken.
"""

from __future__ import annotations

import mpmath
import sympy as sp

from remsym.derivation.steps import Relation, Step
from remsym.errors import AsymptoticError


def normal_cdf(z: sp.Expr) -> sp.Expr:
    """Phi(z) = erfc(-z/sqrt 2)/2."""
    return sp.erfc(-sp.sympify(z) / sp.sqrt(2)) / 2


class OwenT(sp.Function):
    """Owen's T(h, a) = (1/2pi) integral_0^a exp(-h^2 (1+x^2)/2)/(1+x^2) dx."""

    @classmethod
    def eval(cls, h, a):
        if a == 0:
            return sp.Integer(0)
        if a == 1:
            return normal_cdf(h) * normal_cdf(-h) / 2
        if h == 0:
            return sp.atan(a) / (2 * sp.pi)
        if a.could_extract_minus_sign():
            return -cls(h, -a)
        if h.could_extract_minus_sign():
            return cls(-h, a)
        return None

    def _eval_evalf(self, prec):
        h, a = (mpmath.mpf(sp.Float(v, sp.prec_to_dps(prec) + 10)) for v in self.args)
        with mpmath.workprec(prec + 30):
            val = mpmath.quad(lambda x: mpmath.exp(-h**2 * (1 + x**2) / 2) / (1 + x**2),
                              [0, a]) / (2 * mpmath.pi)
        return sp.Float(val, sp.prec_to_dps(prec))


def _split(integrand: sp.Expr, x: sp.Symbol) -> tuple[sp.Expr, sp.Expr, list[sp.Expr]]:
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


def complete_square(poly: sp.Expr, x: sp.Symbol):
    """``poly = -a (x - x0)^2 + c`` for a quadratic in x; returns (a, x0, c, steps)."""
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
    return a, x0, c, (step,)


def gaussian_integral(integrand: sp.Expr, x: sp.Symbol, bounds=(-sp.oo, sp.oo)):
    """Exact integral of C exp(quadratic in x) over the line, a half-line or an interval."""
    const, exponent, others = _split(integrand, x)
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
    return value, steps


def _gaussian_and_erfc(integrand: sp.Expr, x: sp.Symbol):
    const, exponent, others = _split(integrand, x)
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
    return mass, x0, sigma, A, B, steps


def integrate_gaussian_erfc(integrand: sp.Expr, x: sp.Symbol, bounds=(-sp.oo, sp.oo)):
    """Exact integral of C exp(quadratic) erfc(alpha x + beta) over the line or a half-line."""
    mass, m, sigma, A, B, steps = _gaussian_and_erfc(integrand, x)
    root = sp.sqrt(1 + A**2 * sigma**2)
    whole = 2 * mass * normal_cdf(sp.simplify((A * m + B) / root))
    lo, hi = bounds
    rule = "gaussian-cdf identity"
    why = "E[Phi(A X + B)] = Phi((A m + B)/sqrt(1 + A^2 sigma^2)) for X ~ N(m, sigma^2)"
    if lo == -sp.oo and hi == sp.oo:
        value = sp.simplify(whole)
    else:
        h = lo if hi == sp.oo else hi
        # P(X > h, W - A X < B) = Phi2(hh, kk; r), W standard normal independent of X
        hh = sp.simplify((m - h) / sigma)
        kk = sp.simplify((A * m + B) / root)
        r = sp.simplify(A * sigma / root)
        s = sp.sqrt(1 - r**2)
        sign_hk = sp.sign(sp.simplify(hh * kk))
        if sign_hk not in (1, -1, 0):
            raise AsymptoticError(f"cannot decide the sign of {hh * kk} for Owen's T")
        beta_corr = sp.Rational(1, 2) if sign_hk == -1 else 0
        if sign_hk == 0:
            raise AsymptoticError("degenerate bivariate-normal limit (h k = 0)")
        phi2 = (normal_cdf(hh) / 2 + normal_cdf(kk) / 2
                - OwenT(hh, sp.simplify((kk - r * hh) / (hh * s)))
                - OwenT(kk, sp.simplify((hh - r * kk) / (kk * s))) - beta_corr)
        upper_part = 2 * mass * phi2
        value = upper_part if hi == sp.oo else whole - upper_part
        value = sp.simplify(value)
        rule = "bivariate-normal / Owen T"
        why = ("half-line: P(X > h, W - A X < B) = Phi2 written with Owen's T (Owen 1956), "
               "reduced where T(h, 0) = 0, T(h, 1) = Phi(h) Phi(-h)/2")
    steps = steps + (Step(sp.Integral(integrand, (x, lo, hi)), value, Relation.EQUAL, rule, why),)
    return value, steps


__all__ = ["normal_cdf", "OwenT", "complete_square", "gaussian_integral",
           "integrate_gaussian_erfc"]
