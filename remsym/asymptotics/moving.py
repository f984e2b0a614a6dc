"""Moving maxima: is the expansion point the maximum of the exponent?

A trap of Laplace's method as physicists meet it (Bender & Orszag §6.4, "moving
maxima"; Wong ch. II §5): the expansion point is not the maximum.
:func:`expand_about` finds the true maximum, reports the shift ``x0_true - point``
and compares it with the Gaussian width ``1/sqrt(-lam g'')``; a shift that is not
small is flagged (or raised).  A Gaussian weight times a factor such as ``erfc``
that varies on the same scale moves the maximum: expanding about the weight's own
peak is the classic error.  The companion trap, the large parameter sitting in the
bounds or in ``f``, is :mod:`remsym.asymptotics.rescaling`.

Map: :class:`ShiftReport`, :func:`expand_about`.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from remsym.asymptotics.laplace import LaplaceResult, candidates, laplace
from remsym.asymptotics.local_series import rational_normal_form
from remsym.derivation.steps import Limit, Relation, Step
from remsym.errors import AsymptoticError


@dataclass(frozen=True)
class ShiftReport:
    """Expansion point versus the true maximum of the exponent.

    ``relative_shift`` is the shift in units of the Gaussian width; ``small`` is
    True only when it is zero or provably tends to zero in the declared limit.
    """

    point: sp.Expr
    maximum: sp.Expr
    shift: sp.Expr
    relative_shift: sp.Expr
    small: bool
    expansion: LaplaceResult | None
    steps: tuple[Step, ...]


def expand_about(f, g, x: sp.Symbol, point, lam: sp.Symbol | None = None, *, order: int = 0,
                 bounds=(-sp.oo, sp.oo), limit: Limit | None = None,
                 strict: bool = False) -> ShiftReport:
    """Check an expansion of ``integral f exp(lam g)`` about ``point`` against the true maximum.

    With ``lam=None`` ``g`` is the whole exponent (its large parameters implicit;
    pass ``limit`` to decide smallness).  With ``lam`` the expansion itself is
    returned (taken about the true maximum) in ``expansion``.  ``strict=True``
    raises :class:`AsymptoticError` when the shift is not small.
    """
    f, g, point = sp.sympify(f), sp.sympify(g), sp.sympify(point)
    cands = [c for c in candidates(g, x, bounds) if c.kind == "interior"]
    if len(cands) != 1:
        raise AsymptoticError(f"expected one interior maximum of the exponent, found "
                              f"{[c.point for c in cands]}")
    x0 = cands[0].point
    shift = rational_normal_form(x0 - point)
    curvature = rational_normal_form(-sp.diff(g, x, 2).subs(x, x0))
    if lam is not None:
        curvature = curvature * lam
    relative = rational_normal_form(shift * sp.sqrt(curvature))
    if relative == 0:
        small = True
    else:
        walk = limit if limit is not None else (Limit(lam, sp.oo) if lam is not None else None)
        small = bool(walk is not None and sp.limit(relative, walk.symbol, walk.point) == 0)
    slope = rational_normal_form(sp.diff(g, x).subs(x, point))
    steps = [Step(sp.diff(g, x).subs(x, x0), sp.Integer(0), Relation.EQUAL, "maximum-shift",
                  f"g'({sp.sstr(point)}) = {sp.sstr(slope)}; the maximum of the exponent is at "
                  f"{sp.sstr(x0)}, shifted by {sp.sstr(shift)} (Bender & Orszag 6.4)."),
             Step(shift * sp.sqrt(curvature), relative, Relation.EQUAL, "shift-versus-width",
                  "the shift in units of the Gaussian width 1/sqrt(-g''): "
                  + ("small, the expansion point is admissible." if small else
                     "NOT small, expanding about the supplied point would be wrong."))]
    if strict and not small:
        raise AsymptoticError(f"the maximum moved: expanding about {point} misses the maximum "
                              f"at {x0} by {shift}, i.e. {relative} Gaussian widths")
    expansion = None
    if lam is not None:
        expansion = laplace(f, g, x, lam, bounds, order)
        steps.extend(expansion.steps)
    return ShiftReport(point, x0, shift, relative, small, expansion, tuple(steps))


__all__ = ["ShiftReport", "expand_about"]
