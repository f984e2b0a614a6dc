"""Asymptotic series of erfc and of the Gaussian tail, with remainder bounds.

Method: DLMF 7.12.1,
``erfc z ~ exp(-z^2)/(z sqrt(pi)) * sum_k (-1)^k (2k-1)!!/(2 z^2)^k``; for real
``z > 0`` the remainder after ``order`` terms has the sign of, and is smaller in
magnitude than, the first neglected term (DLMF 7.12(ii)).  The Gaussian tail
``integral_x^oo exp(-t^2/2) dt = sqrt(pi/2) erfc(x/sqrt 2)`` inherits both.

Map: :func:`erfc_asymptotic`, :func:`erfc_remainder_bound`,
:func:`gaussian_tail_series`, :func:`gaussian_tail_remainder_bound`.
"""

from __future__ import annotations

import sympy as sp


def _term(z: sp.Expr, k: int) -> sp.Expr:
    return (-1) ** k * sp.factorial2(2 * k - 1) / (2 * z**2) ** k


def erfc_asymptotic(z: sp.Expr, order: int) -> sp.Expr:
    """DLMF 7.12.1 truncated after the ``(2z^2)^-order`` term."""
    z = sp.sympify(z)
    return sp.exp(-z**2) / (z * sp.sqrt(sp.pi)) * sp.Add(*[_term(z, k) for k in range(order + 1)])


def erfc_remainder_bound(z: sp.Expr, order: int) -> sp.Expr:
    """The first neglected term: erfc(z) - erfc_asymptotic(z, order) lies between 0 and it."""
    z = sp.sympify(z)
    return sp.exp(-z**2) / (z * sp.sqrt(sp.pi)) * _term(z, order + 1)


def gaussian_tail_series(x: sp.Expr, order: int) -> sp.Expr:
    """Series of integral_x^oo exp(-t^2/2) dt = exp(-x^2/2)/x * sum (-1)^k (2k-1)!!/x^(2k)."""
    x = sp.sympify(x)
    return sp.sqrt(sp.pi / 2) * erfc_asymptotic(x / sp.sqrt(2), order)


def gaussian_tail_remainder_bound(x: sp.Expr, order: int) -> sp.Expr:
    """First neglected term of :func:`gaussian_tail_series` (same sign/size property)."""
    x = sp.sympify(x)
    return sp.sqrt(sp.pi / 2) * erfc_remainder_bound(x / sp.sqrt(2), order)


__all__ = ["erfc_asymptotic", "erfc_remainder_bound", "gaussian_tail_series",
           "gaussian_tail_remainder_bound"]
