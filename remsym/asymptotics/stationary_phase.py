"""Stationary phase: ``integral_a^b f(x) exp(I lam h(x)) dx`` as ``lam -> +oo``, ``h`` real.

Method: Olver, *Asymptotics and Special Functions*, ch. 3 §11-§13 (stationary
points and endpoints, with the neutralizer argument that makes the contributions
add); Wong, *Asymptotic Approximations of Integrals*, ch. II §3 (the general
Erdélyi series, ``h - h0 ~ t u**mu``); Bender & Orszag §6.5; DLMF §2.3(iv).
Every critical point contributes a power series (there is no exponential
ordering): each interior stationary point of order ``mu`` (first nonzero
derivative, any ``mu >= 2``), each stationary endpoint, each finite endpoint where
``h' != 0`` (``mu = 1``), and each point inside where the amplitude is not smooth
(``|x - c|**alpha``, ``log|x - c|``: both sides with ``mu = 1``).  Each is the
Gamma-integral series of :func:`remsym.asymptotics.watson.point_series` with
``a = -I t_mu`` on the imaginary axis (the path rotated by ``+-pi/(2 mu)``), so
powers and logarithms of ``f`` at the point are handled as for Laplace's method.
An infinite end adds nothing when ``f/h' -> 0`` there (integration by parts);
otherwise the integral is refused.  A stationary point hidden in a removable
singularity of ``h'`` (``h = exp(-1/x**2)``) is found from ``singularities`` and
the limit of ``h'``, so that a point of infinite order is refused, not missed.

The result's ``steps`` hold one step (the whole integral ~ the sum), carrying a
validated quadrature of the oscillatory integral on a finite range
(:mod:`remsym.numeric.quadrature.oscillatory`); each point's own step is in
``parts``.

Map: :func:`stationary_phase`, :class:`CriticalPoint`, :func:`critical_points`,
:func:`phase_contribution`.
"""

from __future__ import annotations

from typing import NamedTuple

import sympy as sp

from remsym.asymptotics.critical import hidden_stationary_points, stationary_points
from remsym.asymptotics.local_series import rational_normal_form
from remsym.asymptotics.maxima import series_step
from remsym.asymptotics.result import (
    LaplaceResult,
    highest,
    merged_coefficients,
    worst_order,
)
from remsym.asymptotics.singular import amplitude_breaks, require_integrable
from remsym.asymptotics.watson import point_series
from remsym.derivation.steps import Limit, Relation, Step
from remsym.errors import AsymptoticError
from remsym.numeric.quadrature.oscillatory import phase_integral_evaluator

_RULE = {"stationary-point": "stationary-phase", "stationary-endpoint": "stationary-phase",
         "phase-endpoint": "stationary-phase-endpoint",
         "amplitude-break": "stationary-phase-amplitude-break"}


class CriticalPoint(NamedTuple):
    """A point that contributes to a phase integral: ``kind`` is ``stationary-point``,
    ``stationary-endpoint``, ``phase-endpoint`` or ``amplitude-break``; ``side`` the
    direction into the range at an endpoint."""

    point: sp.Expr
    kind: str
    side: int


def critical_points(h, x, bounds, breaks=()) -> list[CriticalPoint]:
    """Every stationary point, every finite endpoint and every point of ``breaks`` where
    the amplitude is not smooth."""
    lo, hi = (sp.sympify(b) for b in bounds)
    hp = sp.diff(h, x)
    if hp == 0:
        raise AsymptoticError("the phase is constant: a stationary point of infinite order")
    stat = stationary_points(h, x, (lo, hi))
    out = [CriticalPoint(c, "stationary-point" if w == "in" else "stationary-endpoint",
                         -1 if w == "hi" else 1) for c, w in stat]
    zeros, poles = hidden_stationary_points(hp, x, (lo, hi))
    if poles:
        raise AsymptoticError(f"the phase's derivative is singular at {poles} inside the range")
    out += [CriticalPoint(c, "stationary-point", 1) for c in zeros]
    ends = {w for _, w in stat}
    for end, side, tag in ((lo, 1, "lo"), (hi, -1, "hi")):
        if end.is_finite and tag not in ends:
            out.append(CriticalPoint(end, "phase-endpoint", side))
    # a singular or non-smooth amplitude inside the range contributes too (Wong II.3)
    taken = {p.point for p in out}
    out += [CriticalPoint(c, "amplitude-break", 1) for c in breaks if c not in taken]
    return out


def _check_infinite_end(f, h, x, end):
    ratio = sp.limit(f / sp.diff(h, x), x, end)
    if ratio != 0:
        raise AsymptoticError(f"at x -> {end} f/h' tends to {ratio}, not 0: the end at "
                              "infinity is not negligible (the integral may not converge)")


def phase_contribution(f, h, x, lam, point, kind, side, order) -> LaplaceResult:
    """The series of one critical point of the phase."""
    sides = (1, -1) if kind in ("stationary-point", "amplitude-break") else (side,)
    first = 2 if kind.startswith("stationary") else 1
    series = point_series(f, h, x, point, sides, lam, order, first=first, oscillatory=True)
    local = (-sp.oo, sp.oo) if len(sides) == 2 else (
        (point, sp.oo) if side > 0 else (-sp.oo, point))
    before = sp.Integral(f * sp.exp(sp.I * lam * h), (x, *local))
    what = {"phase-endpoint": "endpoint with h' != 0",
            "amplitude-break": "point where the amplitude is not smooth, h' != 0"}.get(
                kind, "stationary point")
    why = (f"{what} of the phase with h - h(x0) ~ t |x - x0|**{series.mu}: the path "
           f"rotated onto exp(-|t| y**{series.mu}) and the series integrated term-wise by "
           f"Gamma integrals (Olver ch. 3 §13; Wong ch. II §3); f ~ |x - x0|**"
           f"({sp.sstr(series.alpha)}); x0 = {sp.sstr(point)}; the contribution holds with the "
           "others added (neutralizers)")
    h0 = sp.I * h.subs(x, point)
    expr, leading, step = series_step(series, before, h0, lam, _RULE[kind], why)
    return LaplaceResult(expr, leading, series.coefficients, series.order, point, kind,
                         (step,), series.scale, series.power)


def stationary_phase(f, h, x: sp.Symbol, lam: sp.Symbol, bounds=(-sp.oo, sp.oo),
                     order: int = 0) -> LaplaceResult:
    """Expansion of ``integral_a^b f exp(I lam h) dx`` (``h`` real) to ``order`` corrections."""
    f, h = sp.sympify(f), sp.sympify(h)
    lo, hi = (sp.sympify(b) for b in bounds)
    if f.has(lam) or h.has(lam):
        raise AsymptoticError("f and h must be free of the large parameter " + str(lam))
    if order < 0:
        raise AsymptoticError("order must be >= 0")
    if h.has(sp.I) or not all(s.is_extended_real for s in h.free_symbols):
        raise AsymptoticError(f"cannot establish that the phase {h} is real on the range: "
                              "stationary phase needs a real phase (a complex saddle needs "
                              "steepest descent, not implemented)")
    for end in (lo, hi):
        if not end.is_finite:
            _check_infinite_end(f, h, x, end)
    breaks = amplitude_breaks(f, x, (lo, hi))
    require_integrable(f, x, (lo, hi), breaks)
    points = critical_points(h, x, (lo, hi), breaks)
    if not points:
        raise AsymptoticError("no stationary point and no finite endpoint: the integral is "
                              "smaller than every power of 1/lam; not expanded")
    parts = [phase_contribution(f, h, x, lam, p.point, p.kind, p.side, order) for p in points]
    return _assemble(parts, f, h, x, lam, (lo, hi))


def _assemble(parts, f, h, x, lam, bounds) -> LaplaceResult:
    """The whole integral as the sum of the parts, in one checkable step.

    The parts' own steps (local integrals over half-lines, which need not converge as
    ordinary integrals) stay in ``parts``; the returned ``steps`` hold the single step
    ``integral ~ sum``, with a validated oscillatory quadrature attached as
    ``evaluate_before`` on a finite range so that a step checker need not integrate an
    oscillating function blindly.
    """
    integral = sp.Integral(f * sp.exp(sp.I * lam * h), (x, *bounds))
    top = highest([p.power for p in parts])
    lead = [p for p in parts if rational_normal_form(p.power - top) == 0]
    order_expr = worst_order([lam ** (p.power - top) * p.order for p in parts], lam)
    expr = sp.Add(*[p.expr for p in parts])
    why = "; ".join(f"{p.kind} at {sp.sstr(p.point)}: {p.steps[0].justification}"
                    for p in parts)
    if len(parts) > 1:
        why += " -- the contributions add (Olver ch. 3 §13: neutralizers split the range)"
    rule = parts[0].steps[0].rule if len(parts) == 1 else "stationary-phase-combined"
    evaluate = phase_integral_evaluator(f, h, x, lam, bounds, [p.point for p in parts])
    step = Step(integral, expr, Relation.ASYMPTOTIC, rule, why, limit=Limit(lam, sp.oo),
                order=order_expr, evaluate_before=evaluate)
    if len(parts) == 1:
        res = parts[0]
        return LaplaceResult(res.expr, res.leading, res.coefficients, order_expr, res.point,
                             res.kind, (step,), res.scale, res.power, (res,))
    return LaplaceResult(expr, sp.Add(*[p.leading for p in lead]),
                         merged_coefficients(lead, lam), order_expr,
                         tuple(p.point for p in parts), "combined", (step,), lead[0].scale,
                         top, tuple(parts))


__all__ = ["stationary_phase", "CriticalPoint", "critical_points", "phase_contribution"]
