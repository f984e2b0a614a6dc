"""The normal CDF, Owen's T function and the bivariate normal CDF.

References: D. B. Owen, "Tables for computing bivariate normal probabilities",
Ann. Math. Stat. 27 (1956) 1075-1090, eqs (2.1), (3.1)-(3.6); DLMF §7.18 and §7.2
for ``Phi(z) = erfc(-z/sqrt 2)/2``.  Owen's formula

    Phi2(h, k; r) = Phi(h)/2 + Phi(k)/2 - T(h, a_h) - T(k, a_k) - beta,
    a_h = (k - r h)/(h sqrt(1 - r^2)),  a_k = (h - r k)/(k sqrt(1 - r^2)),

with ``beta = 0`` if ``h k > 0`` (or ``h k = 0`` and ``h + k >= 0``), ``1/2``
otherwise.  Reductions applied automatically by :class:`OwenT`: ``T(h, 0) = 0``,
``T(h, 1) = Phi(h) Phi(-h)/2``, ``T(0, a) = atan(a)/(2 pi)``,
``T(h, oo) = Phi(-|h|)/2``, ``T(h, -a) = -T(h, a)``, ``T(-h, a) = T(h, a)``.

Map: :func:`normal_cdf`, :class:`OwenT`, :func:`bivariate_normal_cdf`.
"""

from __future__ import annotations

import mpmath
import sympy as sp

from remsym.errors import AsymptoticError


def normal_cdf(z: sp.Expr) -> sp.Expr:
    """``Phi(z) = erfc(-z/sqrt 2)/2`` as a SymPy expression."""
    return sp.erfc(-sp.sympify(z) / sp.sqrt(2)) / 2


class OwenT(sp.Function):
    """Owen's ``T(h, a) = (1/2 pi) integral_0^a exp(-h^2 (1+x^2)/2)/(1+x^2) dx``."""

    nargs = 2

    @classmethod
    def eval(cls, h, a):
        if a.is_zero:
            return sp.Integer(0)
        if a == 1:
            return normal_cdf(h) * normal_cdf(-h) / 2
        if h.is_zero:
            return sp.atan(a) / (2 * sp.pi)
        if a is sp.oo:
            return normal_cdf(-sp.Abs(h)) / 2
        if a is -sp.oo:
            return -normal_cdf(-sp.Abs(h)) / 2
        if a.could_extract_minus_sign():
            return -cls(h, -a)
        if h.could_extract_minus_sign():
            return cls(-h, a)
        return None

    def _eval_evalf(self, prec):
        if not all(arg.is_number for arg in self.args):
            return None
        dps = sp.prec_to_dps(prec)
        with mpmath.workprec(prec + 40):
            h, a = (mpmath.mpf(sp.N(arg, dps + 15)) if arg.is_finite else
                    (mpmath.inf if arg is sp.oo else -mpmath.inf) for arg in self.args)
            val = mpmath.quad(lambda x: mpmath.exp(-h**2 * (1 + x**2) / 2) / (1 + x**2),
                              [0, a]) / (2 * mpmath.pi)
            return sp.Float(val, dps)


def bivariate_normal_cdf(h: sp.Expr, k: sp.Expr, r: sp.Expr) -> tuple[sp.Expr, str]:
    """``P(X <= h, Y <= k)`` for standard normals of correlation ``r`` (Owen's formula).

    Returns (expression, assumption text).  The constant ``beta`` needs the sign
    of ``h k``; it is decided from the symbols' assumptions, else
    :class:`AsymptoticError`.
    """
    h, k, r = (sp.simplify(v) for v in (h, k, r))
    if r == 0:
        return normal_cdf(h) * normal_cdf(k), ""
    s = sp.sqrt(1 - r**2)
    hk = sp.simplify(h * k)
    note = ""
    if hk.is_positive or hk.is_zero and sp.simplify(h + k).is_nonnegative:
        beta = sp.Integer(0)
    elif hk.is_negative or hk.is_zero and sp.simplify(h + k).is_negative:
        beta = sp.Rational(1, 2)
    elif hk.is_nonnegative:
        # h k = 0 only on a lower-dimensional set, where the value is the limit
        beta, note = sp.Integer(0), f"{sp.sstr(hk)} != 0 (the value at 0 by continuity)"
    else:
        raise AsymptoticError(f"cannot decide the sign of h k = {hk} for Owen's formula")
    if h.is_zero or k.is_zero:
        raise AsymptoticError("Owen's formula with h = 0 or k = 0 needs the limiting form")
    a_h = sp.simplify((k - r * h) / (h * s))
    a_k = sp.simplify((h - r * k) / (k * s))
    value = normal_cdf(h) / 2 + normal_cdf(k) / 2 - OwenT(h, a_h) - OwenT(k, a_k) - beta
    return value, note


__all__ = ["normal_cdf", "OwenT", "bivariate_normal_cdf"]
