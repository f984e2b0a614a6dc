"""Asymptotic series of erfc and of the Gaussian tail, with remainder bounds.

Method: DLMF 7.12.1,
``erfc z ~ exp(-z^2)/(z sqrt(pi)) * sum_k (-1)^k (2k-1)!!/(2 z^2)^k``; for real
``z > 0`` the remainder after the ``(2z^2)^-K`` term has the sign of, and is
smaller in magnitude than, the first neglected term (DLMF 7.12(ii)).  The
Gaussian tail ``integral_x^oo exp(-t^2/2) dt = sqrt(pi/2) erfc(x/sqrt 2)``
inherits both properties.

Map: :func:`erfc_asymptotic`, :func:`erfc_remainder_bound`,
:func:`gaussian_tail_series`, :func:`gaussian_tail_remainder_bound`,
:func:`erfc_asymptotic_step` (rewrite every erfc factor of an expression, with
its :class:`Step`).
"""

from __future__ import annotations

import sympy as sp

from remsym.derivation.steps import Limit, Relation, Step
from remsym.errors import AsymptoticError


def _series_term(z: sp.Expr, k: int) -> sp.Expr:
    """The ``k``-th term of the sum in DLMF 7.12.1, ``(-1)^k (2k-1)!!/(2 z^2)^k``."""
    return (-1) ** k * sp.factorial2(2 * k - 1) / (2 * z**2) ** k


def erfc_asymptotic(z: sp.Expr, order: int) -> sp.Expr:
    """DLMF 7.12.1 truncated after the ``(2 z^2)^-order`` term."""
    if order < 0:
        raise AsymptoticError("order must be >= 0")
    z = sp.sympify(z)
    terms = [_series_term(z, k) for k in range(order + 1)]
    return sp.exp(-z**2) / (z * sp.sqrt(sp.pi)) * sp.Add(*terms)


def erfc_remainder_bound(z: sp.Expr, order: int) -> sp.Expr:
    """The first neglected term ``R``: for real z > 0, erfc(z) - series lies between 0 and R."""
    z = sp.sympify(z)
    return sp.exp(-z**2) / (z * sp.sqrt(sp.pi)) * _series_term(z, order + 1)


def gaussian_tail_series(x: sp.Expr, order: int) -> sp.Expr:
    """``integral_x^oo exp(-t^2/2) dt ~ exp(-x^2/2)/x * sum_k (-1)^k (2k-1)!!/x^(2k)``."""
    x = sp.sympify(x)
    return sp.exp(-x**2 / 2) / x * sp.Add(*[(-1) ** k * sp.factorial2(2 * k - 1) / x ** (2 * k)
                                            for k in range(order + 1)])


def gaussian_tail_remainder_bound(x: sp.Expr, order: int) -> sp.Expr:
    """First neglected term of :func:`gaussian_tail_series` (same sign/size property, x > 0)."""
    x = sp.sympify(x)
    k = order + 1
    return sp.exp(-x**2 / 2) / x * (-1) ** k * sp.factorial2(2 * k - 1) / x ** (2 * k)


def erfc_asymptotic_step(expr: sp.Expr, order: int, limit: Limit) -> tuple[sp.Expr, Step]:
    """Replace every ``erfc(z)`` in ``expr`` by DLMF 7.12.1 to ``order``; returns (new, Step).

    Each argument must tend to ``+oo`` along ``limit``; the step's order is the
    relative order ``(2 z^2)^-(order+1)`` of the first neglected term (summed
    over the erfc factors, which keeps the largest).
    """
    expr = sp.sympify(expr)
    found = sorted(expr.atoms(sp.erfc), key=sp.default_sort_key)
    if not found:
        raise AsymptoticError("the expression contains no erfc factor to expand")
    repl, orders, bounds = {}, [], []
    for e in found:
        z = e.args[0]
        if z.is_positive is False:
            raise AsymptoticError(f"erfc({z}): the argument is not positive; DLMF 7.12.1 needs "
                                  "|arg z| < 3 pi/4 and the real-axis bound needs z > 0")
        towards = sp.limit(z, limit.symbol, limit.point)
        if towards != sp.oo:
            raise AsymptoticError(f"erfc({z}): the argument tends to {towards}, not +oo, as "
                                  f"{limit.symbol} -> {limit.point}")
        repl[e] = erfc_asymptotic(z, order)
        orders.append((2 * z**2) ** -(order + 1))
        bounds.append(f"|R| <= (2K+1)!!/(2 z^2)^(K+1) times the leading term with the sign "
                      f"(-1)^(K+1), z = {sp.sstr(z)}")
    new = expr.xreplace(repl)
    why = (f"DLMF 7.12.1 to K = {order}; for real z > 0 the remainder has the sign of and is "
           "smaller than the first neglected term (DLMF 7.12(ii)): " + "; ".join(bounds))
    step = Step(expr, new, Relation.ASYMPTOTIC, "erfc-asymptotic", why,
                assumptions=tuple(f"{sp.sstr(e.args[0])} > 0" for e in found),
                limit=limit, order=sp.Add(*orders))
    return new, step


__all__ = ["erfc_asymptotic", "erfc_remainder_bound", "gaussian_tail_series",
           "gaussian_tail_remainder_bound", "erfc_asymptotic_step"]
