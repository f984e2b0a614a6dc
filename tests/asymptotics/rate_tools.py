"""Numerical witnesses shared by the asymptotic-engine tests.

An expansion is compared with mpmath quadrature of its defining integral (30
digits, inside ``mpmath.workdps``); the observed rate is the least-squares slope
of ``log |relative error|`` against ``log lam``.  The peak factor ``exp(lam g0)``
is divided out on both sides so that nothing overflows.

Both are deliberately written here with plain ``mpmath.quad`` and a plain slope rather
than with remsym's quadrature package (:mod:`remsym.numeric.quadrature`) and rate
estimator (:mod:`remsym.numeric.rates`): a test's reference must not share code with
what it judges.
"""

from __future__ import annotations

import mpmath
import sympy as sp

DIGITS = 30


def quad_integral(f, g, x, lam_value, bounds, peak, g0, digits=DIGITS):
    """``integral f exp(lam (g - g0)) dx`` by tanh-sinh, split at the peak and its width."""
    ff = sp.lambdify(x, f, modules="mpmath")
    gg = sp.lambdify(x, g, modules="mpmath")
    with mpmath.workdps(digits + 10):
        lamv = mpmath.mpf(lam_value)
        lo, hi = (mpmath.mpf(sp.N(b, digits + 10)) if b.is_finite else
                  (mpmath.inf if b == sp.oo else -mpmath.inf) for b in map(sp.sympify, bounds))
        x0 = mpmath.mpf(sp.N(peak, digits + 10))
        c0 = mpmath.mpf(sp.N(g0, digits + 10))
        width = 1 / mpmath.sqrt(lamv)
        nodes = sorted({p for p in (x0 - 8 * width, x0 - width, x0, x0 + width, x0 + 8 * width)
                        if lo < p < hi} | {lo, hi, x0})
        val = mpmath.quad(lambda t: ff(t) * mpmath.exp(lamv * (gg(t) - c0)), nodes)
        return +val


def relative_errors(expansion, lam, g0, reference, lam_values, digits=DIGITS):
    """``|expansion/reference - 1|`` at each lam (``expansion`` with ``exp(lam g0)`` removed)."""
    scaled = sp.lambdify(lam, sp.powsimp(sp.expand_power_exp(expansion * sp.exp(-lam * g0))),
                         modules="mpmath")
    out = []
    with mpmath.workdps(digits):
        for lv in lam_values:
            ref = reference(lv)
            out.append(abs(scaled(mpmath.mpf(lv)) / ref - 1))
    return out


def observed_rate(lam_values, errors):
    """Least-squares slope of ``-log err`` against ``log lam``."""
    with mpmath.workdps(DIGITS):
        xs = [mpmath.log(mpmath.mpf(v)) for v in lam_values]
        ys = [-mpmath.log(e) for e in errors]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        num = sum((a - mx) * (b - my) for a, b in zip(xs, ys, strict=True))
        den = sum((a - mx) ** 2 for a in xs)
        return float(num / den)
