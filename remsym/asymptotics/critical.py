"""Stationary points of the exponent in a real range: found, never assumed.

The roots of ``g' = 0`` come from SymPy ``solveset`` (falling back to ``solve``
for condition sets), and each is placed inside the range, on an endpoint, or
outside, under the symbols' assumptions; an undecidable position is an
:class:`AsymptoticError` rather than a guess (Wong ch. II §1; Bender & Orszag
§6.4 on locating the dominant point).  Shared by Laplace's method and stationary
phase.

Map: :class:`StationaryPoint`, :func:`stationary_points`, :class:`HiddenPoints`,
:func:`hidden_stationary_points`, :func:`slope` (``g'``, simplified when shorter).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import sympy as sp

from remsym.asymptotics.local_series import rational_normal_form
from remsym.errors import AsymptoticError


class StationaryPoint(NamedTuple):
    """A real root of ``g'`` in the closed range and where it lies: ``position`` is
    ``'in'`` (strictly inside), ``'lo'`` or ``'hi'`` (on that endpoint)."""

    point: sp.Expr
    position: str


class HiddenPoints(NamedTuple):
    """Points inside the range where ``g'`` as written is singular: ``zeros`` where it
    tends to 0 from both sides (hidden stationary points), ``poles`` elsewhere."""

    zeros: list[sp.Expr]
    poles: list[sp.Expr]


def _inside(c: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> str:
    """'in', 'out', 'lo', 'hi' (on an endpoint); raise if undecidable."""
    verdict = []
    for end, diff in ((lo, c - lo), (hi, hi - c)):
        if end in (-sp.oo, sp.oo):
            verdict.append(True)
            continue
        d = sp.simplify(diff)
        if d == 0:
            return "lo" if end is lo else "hi"
        if d.is_positive is None:
            raise AsymptoticError(f"cannot decide whether the stationary point {c} lies inside "
                                  f"({lo}, {hi}) from the symbols' assumptions")
        verdict.append(bool(d.is_positive))
    return "in" if all(verdict) else "out"


def _finite_part(sols):
    """{roots} from Complement({roots} & Interval, {excluded}) as solveset writes it."""
    if isinstance(sols, sp.Complement) and isinstance(sols.args[1], sp.FiniteSet):
        inner = _finite_part(sols.args[0])
        if isinstance(inner, sp.FiniteSet):
            return sp.FiniteSet(*[c for c in inner if c not in sols.args[1]])
    if isinstance(sols, sp.Intersection):
        finite = [a for a in sols.args if isinstance(a, sp.FiniteSet)]
        if len(finite) == 1:
            return finite[0]  # membership in the range is decided by _inside below
    return sols


@lru_cache(maxsize=64)
def slope(g: sp.Expr, x: sp.Symbol) -> sp.Expr:
    """``g'``, simplified where that shortens it: logs of products cancel only after
    simplification (an entropy such as ``-x log x - (1 - x) log(1 - x)``), and the
    shorter form also makes the endpoint limits of
    :func:`remsym.asymptotics.laplace.candidates` cheaper."""
    gp = sp.diff(g, x)
    if gp.has(sp.log):
        simpler = sp.simplify(gp)
        gp = simpler if sp.count_ops(simpler) < sp.count_ops(gp) else gp
    return gp


def stationary_points(g: sp.Expr, x: sp.Symbol, bounds) -> list[StationaryPoint]:
    """Real roots of ``g'`` in the closed range, each with its position ('in', 'lo', 'hi')."""
    lo, hi = (sp.sympify(v) for v in bounds)
    gp = slope(g, x)
    numeric = all(b.is_number for b in (lo, hi))
    domain = sp.Interval(lo, hi) if numeric else sp.S.Reals
    sols = _finite_part(sp.solveset(gp, x, domain))
    # no root at all (a linear g, Watson's case) is an EmptySet, which is not a FiniteSet
    if sols is not sp.S.EmptySet and (isinstance(sols, sp.ConditionSet)
                                      or not isinstance(sols, sp.FiniteSet)):
        if sols.has(sp.ImageSet) or not isinstance(sols, (sp.ConditionSet, sp.Intersection,
                                                          sp.Complement)):
            raise AsymptoticError(f"cannot isolate the stationary points of g: g' = 0 has the "
                                  f"solution set {sols}")
        try:
            found = sp.solve(gp, x)
        except NotImplementedError as exc:
            raise AsymptoticError(f"cannot solve g' = {gp} = 0 symbolically") from exc
        sols = sp.FiniteSet(*[s for s in found if s.is_real is not False])
    out = []
    for c in sols:
        if c.is_real is False:
            continue
        where = _inside(c, lo, hi)
        if where != "out":
            out.append(StationaryPoint(rational_normal_form(c), where))
    return out


def hidden_stationary_points(gp: sp.Expr, x: sp.Symbol, bounds) -> HiddenPoints:
    """Points strictly inside the range where ``g'`` as written is singular, split by
    whether ``g'`` tends to 0 there from both sides.

    ``exp(-1/x**2)`` has its (infinite-order) stationary point in a removable
    singularity of ``g'`` that ``solveset`` cannot see.  Only a ``g'`` with a
    denominator depending on ``x`` is searched.
    """
    lo, hi = (sp.sympify(v) for v in bounds)
    if not sp.denom(sp.together(gp)).has(x):
        return HiddenPoints([], [])
    try:
        sing = sp.singularities(gp, x, sp.S.Reals)
    except (NotImplementedError, ValueError, TypeError):
        return HiddenPoints([], [])
    if not isinstance(sing, sp.FiniteSet):
        return HiddenPoints([], [])
    zeros, poles = [], []
    for c in sing:
        try:
            if _inside(c, lo, hi) != "in":
                continue
        except AsymptoticError:
            continue
        if all(sp.limit(gp, x, c, d) == 0 for d in ("+", "-")):
            zeros.append(c)
        else:
            poles.append(c)
    return HiddenPoints(zeros, poles)


__all__ = ["StationaryPoint", "stationary_points", "slope", "HiddenPoints",
           "hidden_stationary_points"]
