"""The result record of the asymptotic engine and the bookkeeping of several contributions.

An expansion is ``leading * sum_k c_k scale**k`` with ``scale`` a power of the
large parameter (``lam**-1``, ``lam**(-1/2)``, ``lam**(-1/(2k))`` …) and
``order`` the first neglected term relative to the leading one, a SymPy
expression in ``lam`` (``lam**(-5/4)``, or ``lam**-3*log(lam)`` when logarithms
of the amplitude make the leading term lose a power of ``log(lam)``).  When
several points contribute (Wong ch. II §1: equal maxima add; Olver ch. 3 §13:
every stationary point and endpoint of a phase adds) the relative order of the
sum is the worst of the parts' orders measured against the largest leading power.

Map: :class:`LaplaceResult`, :func:`highest`, :func:`worst_order`, :class:`OrderKey`,
:func:`order_key`,
:func:`merged_coefficients`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import sympy as sp

from remsym.asymptotics.local_series import rational_normal_form
from remsym.derivation.steps import Step
from remsym.errors import AsymptoticError


@dataclass(frozen=True)
class LaplaceResult:
    """``expr = leading * sum_k coefficients[k] * scale**k``; ``order`` the first neglected term.

    ``scale`` is ``1/lam`` (interior, endpoint), ``lam^(-1/2)`` (half Gaussian) or
    ``lam^(-1/mu)`` (degenerate points, ``mu`` the order of the first nonzero
    derivative).  For ``kind == "combined"`` ``expr`` is the sum of ``parts`` and
    ``coefficients`` those of the dominant part's leading power (see ``parts`` for each).
    """

    expr: sp.Expr
    leading: sp.Expr
    coefficients: list
    order: sp.Expr
    point: sp.Expr
    kind: str
    steps: tuple[Step, ...]
    scale: sp.Expr = sp.Integer(0)
    power: sp.Expr = sp.Integer(0)
    parts: tuple[LaplaceResult, ...] = field(default=())

    @property
    def order_text(self) -> str:
        base, exp = self.order.as_base_exp()
        if exp.is_Number:
            return f"O({sp.sstr(base)}**{sp.sstr(exp)})"
        return f"O({sp.sstr(self.order)})"


def highest(powers: list[sp.Expr]) -> sp.Expr:
    """The largest of the leading powers, decided under the symbols' assumptions."""
    best = powers[0]
    for p in powers[1:]:
        gap = rational_normal_form(p - best)
        if gap.is_positive:
            best = p
        elif gap.is_nonpositive is not True:
            raise AsymptoticError(f"cannot order the contributions lam**({best}) and "
                                  f"lam**({p}) from the symbols' assumptions")
    return best


def merged_coefficients(lead_parts: list[LaplaceResult], lam: sp.Symbol) -> list:
    """Coefficients of the sum of parts that share the leading power and scale.

    ``c_k = sum_p L_p c_pk / sum_p L_p``; only when the ratios ``L_p/L_1`` are free of
    ``lam`` (equal maxima; not stationary points with different phases), else ``[1]``.
    """
    first = lead_parts[0]
    if len(lead_parts) == 1:
        return first.coefficients
    ratios = [rational_normal_form(sp.powsimp(p.leading / first.leading)) for p in lead_parts]
    if any(r.has(lam) for r in ratios) or any(
            p.scale != first.scale or len(p.coefficients) != len(first.coefficients)
            for p in lead_parts):
        return [sp.Integer(1)]
    total = sp.Add(*ratios)
    return [rational_normal_form(sp.Add(*[r * p.coefficients[k] for r, p in zip(ratios, lead_parts,
                                                                  strict=True)]) / total)
            for k in range(len(first.coefficients))]


class OrderKey(NamedTuple):
    """``expr = C lam**power log(lam)**log_power``."""

    power: sp.Expr
    log_power: sp.Expr


def order_key(expr: sp.Expr, lam: sp.Symbol) -> OrderKey:
    """The powers of ``lam`` and of ``log(lam)`` in an order ``C lam**e log(lam)**m``."""
    e, m = sp.Integer(0), sp.Integer(0)
    for factor in sp.Mul.make_args(sp.powsimp(sp.expand_power_base(expr, force=True))):
        base, exp = factor.as_base_exp()
        if base == lam:
            e += exp
        elif base == sp.log(lam):
            m += exp
        elif factor.has(lam):
            raise AsymptoticError(f"the order {expr} is not a power of {lam} times a power "
                                  f"of log({lam})")
    return OrderKey(rational_normal_form(e), m)


def worst_order(orders: list[sp.Expr], lam: sp.Symbol) -> sp.Expr:
    """The slowest-decaying of the relative orders (power of ``lam`` first, then logs)."""
    keys = [order_key(o, lam) for o in orders]
    top = highest([k.power for k in keys])
    logs = max(k.log_power for k in keys if rational_normal_form(k.power - top) == 0)
    return lam**top * sp.log(lam) ** logs


__all__ = ["LaplaceResult", "highest", "merged_coefficients", "OrderKey", "order_key",
           "worst_order"]
