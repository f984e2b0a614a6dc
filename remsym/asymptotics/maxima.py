"""Maxima beyond the Gaussian: degenerate tops and amplitudes with powers and logarithms.

Method: Wong, *Asymptotic Approximations of Integrals*, ch. II §1-§3 (a maximum
where the first nonzero derivative of ``g`` has order ``mu``: the series runs in
``lam**(-1/mu)`` with ``Gamma((alpha + 1 + n)/mu)`` coefficients) and ch. I §2-§4
(Watson's lemma with ``(x - a)**alpha * log(x - a)**m`` factors); Olver,
*Asymptotics and Special Functions*, ch. 3 §7-§9; Bender & Orszag §6.4;
DLMF §2.3(iii)-(iv).  The term-wise Gamma integrals are
:func:`remsym.asymptotics.watson.point_series`; this module classifies the point
(:func:`degenerate_kind`) and turns its series into a recorded result
(:func:`general_contribution`).

Map: :data:`GENERAL_KINDS`, :func:`degenerate_kind`, :func:`general_contribution`,
:func:`series_step`.
"""

from __future__ import annotations

from typing import NamedTuple

import sympy as sp

from remsym.asymptotics.result import LaplaceResult
from remsym.asymptotics.singular import exponent_taylor
from remsym.asymptotics.watson import PointSeries, point_series
from remsym.derivation.steps import Limit, Relation, Step
from remsym.errors import AsymptoticError

#: Kinds that only the general (Gamma-integral) route expands.
GENERAL_KINDS = ("degenerate", "degenerate-endpoint")

_RULE = {"interior": "laplace-interior", "endpoint": "watson-endpoint",
         "half-gaussian": "laplace-half-gaussian", "degenerate": "laplace-degenerate",
         "degenerate-endpoint": "watson-degenerate-endpoint"}



class Geometry(NamedTuple):
    """How a kind of point is expanded: from ``sides`` sides (2 inside, 1 at an end), with
    ``first`` the lowest derivative of ``g`` that may be nonzero there."""

    sides: int
    first: int


_GEOMETRY = {"interior": Geometry(2, 2), "degenerate": Geometry(2, 2),
             "endpoint": Geometry(1, 1), "half-gaussian": Geometry(1, 2),
             "degenerate-endpoint": Geometry(1, 2)}


def degenerate_kind(g: sp.Expr, x: sp.Symbol, c: sp.Expr, where: str) -> str | None:
    """The kind of a stationary point with ``g''(c) = 0``, or None when it is no maximum.

    Interior: a maximum iff the first nonzero derivative has even order and is
    negative.  Endpoint: iff ``g`` decreases into the range, of any order.
    """
    side = -1 if where == "hi" else 1
    mu, (lead,) = exponent_taylor(g, x, c, side, 0, first=3)
    if where == "in" and mu % 2:
        return None  # an inflection: g increases on one side
    if lead.is_negative:
        return "degenerate" if where == "in" else "degenerate-endpoint"
    if lead.is_positive:
        return None
    raise AsymptoticError(f"cannot decide the sign of the {mu}-th derivative coefficient "
                          f"{lead} of g at {c}, so whether it is a maximum")


def _why(kind: str, series: PointSeries, point: sp.Expr) -> str:
    amp = (f"f ~ |x - x0|**({sp.sstr(series.alpha)})"
           + (f" * log|x - x0|**{series.log_power}" if series.log_power else "")
           + " times a function analytic at x0")
    where = "interior maximum" if _GEOMETRY[kind].sides == 2 else "maximum at an endpoint"
    return (f"{where} where g - g(x0) ~ -a |x - x0|**{series.mu}; {amp}: x = x0 + "
            f"lam**(-1/{series.mu}) y, the higher terms of exp and f expanded and integrated "
            f"term-wise by integral_0^oo y**(s-1) log(y)**l exp(-a y**{series.mu}) dy = "
            f"d^l/ds^l Gamma(s/{series.mu}) a**(-s/{series.mu})/{series.mu} (Watson's lemma, "
            f"Wong ch. I-II; Olver ch. 3 §8-9; DLMF 2.3); x0 = {sp.sstr(point)}.")


def series_step(series: PointSeries, before: sp.Expr, g0: sp.Expr, lam: sp.Symbol, rule: str,
                why: str) -> tuple[sp.Expr, sp.Expr, Step]:
    """``(expr, leading, step)`` of one point's series (``g0`` the exponent's value there)."""
    leading = series.leading * sp.exp(lam * g0)
    expr = leading * sp.Add(*[c * series.scale**k for k, c in enumerate(series.coefficients)])
    step = Step(before, expr, Relation.ASYMPTOTIC, rule, why, limit=Limit(lam, sp.oo),
                order=series.order)
    return expr, leading, step


def general_contribution(f, g, x, lam, point, kind, side, order, bounds=None) -> LaplaceResult:
    """One maximum expanded by the Gamma-integral route (any ``mu``, powers and logs in ``f``)."""
    count, first = _GEOMETRY[kind]
    sides = (1, -1) if count == 2 else (side,)
    series = point_series(f, g, x, point, sides, lam, order, first=first)
    if bounds is None:
        bounds = (point, sp.oo) if count == 1 and side > 0 else (
            (-sp.oo, point) if count == 1 else (-sp.oo, sp.oo))
    before = sp.Integral(f * sp.exp(lam * g), (x, *bounds))
    g0 = g.subs(x, point)
    expr, leading, step = series_step(series, before, g0, lam, _RULE[kind],
                                      _why(kind, series, point))
    return LaplaceResult(expr, leading, series.coefficients, series.order, point, kind,
                         (step,), series.scale, series.power)


__all__ = ["GENERAL_KINDS", "degenerate_kind", "general_contribution", "series_step"]
