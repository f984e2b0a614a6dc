"""Laplace's method: ``I(lam) = integral_a^b f(x) exp(lam g(x)) dx`` as ``lam -> +oo``.

Method: Wong, *Asymptotic Approximations of Integrals*, ch. II (interior maximum,
Thm II.1 and the general coefficient algorithm of §II.3) and ch. I (Watson's
lemma for a maximum at an endpoint); Bender & Orszag §6.4.  The dominant point
is *found*, never assumed: stationary points from ``g' = 0`` (SymPy ``solveset``),
classified by the sign of ``g''`` under the symbols' assumptions, compared with
the finite endpoints and with the behaviour of ``g`` at infinite ends.  The local
series is :func:`remsym.asymptotics.local_series.local_expansion`.

* interior maximum: ``I ~ f0 exp(lam g0) sqrt(2 pi/(lam A)) (1 + c1/lam + ...)``;
* endpoint with ``g' != 0`` (Watson): ``I ~ exp(lam g0) f0/(lam B) (1 + c1/lam + ...)``;
* stationary endpoint: half Gaussian, a series in ``lam^(-1/2)``;
* degenerate maxima (first nonzero derivative of order ``mu``) and amplitudes with
  ``|x - x0|**alpha * log|x - x0|**m`` factors: the Gamma-integral route of
  :mod:`remsym.asymptotics.maxima` (Watson's lemma in general, Wong ch. I-II);
* maxima of equal height (interior and endpoint, any mix): the contributions add
  (``kind == "combined"``); exponentially smaller candidates are dropped with a
  step saying so; maxima whose heights cannot be ordered, unbounded ``g`` and tails
  whose integrability is not established raise :class:`AsymptoticError`;
* a purely imaginary exponent ``g = I h`` (``h`` real) is stationary phase, handed to
  :func:`remsym.asymptotics.stationary_phase.stationary_phase`; an exponent with
  both parts has a complex saddle: a quadratic one over the whole line is shifted
  through it (Cauchy), anything else is refused.

Map: :class:`LaplaceResult`, :func:`laplace`, :class:`Candidate` and :func:`candidates`
(the classification), :func:`rank_maxima` (the dominant ones), :func:`contribution`
(one point).
"""

from __future__ import annotations

from typing import NamedTuple

import sympy as sp

from remsym.asymptotics.critical import (
    StationaryPoint,
    hidden_stationary_points,
    slope,
    stationary_points,
)
from remsym.asymptotics.local_series import local_expansion, rational_normal_form
from remsym.asymptotics.maxima import GENERAL_KINDS, degenerate_kind, general_contribution
from remsym.asymptotics.result import LaplaceResult, highest, merged_coefficients, worst_order
from remsym.asymptotics.singular import amplitude_breaks, is_regular_at, require_integrable
from remsym.asymptotics.stationary_phase import stationary_phase
from remsym.derivation.steps import Limit, Relation, Step
from remsym.errors import AsymptoticError

KIND_RULE = {"interior": "laplace-interior", "endpoint": "watson-endpoint",
             "half-gaussian": "laplace-half-gaussian", "combined": "laplace-combined"}
KIND_WEIGHT = {"interior": "gauss-line", "endpoint": "exponential",
               "half-gaussian": "gauss-half"}
_WHY = {
    "interior": "unique interior maximum with g'' < 0: Taylor series of f and g, x = x0 + "
                "y/sqrt(lam), Gaussian moments term by term (Wong ch. II; Bender & Orszag 6.4)",
    "endpoint": "maximum at a finite endpoint with g' != 0: Watson's lemma, x = x0 + y/lam, "
                "moments of exp(-B y) term by term (Wong ch. I-II)",
    "half-gaussian": "maximum at an endpoint that is also stationary: half-line Gaussian "
                     "moments term by term, a series in lam^(-1/2) (Wong ch. II)",
}


# -- finding the dominant point -------------------------------------------------

class Candidate(NamedTuple):
    """A local maximum of ``g`` that can dominate the integral.

    ``kind`` is ``interior``, ``endpoint``, ``half-gaussian`` or a degenerate kind of
    :mod:`remsym.asymptotics.maxima`; ``side`` is the direction into the range
    (``+1`` from the point upwards, ``-1`` downwards); ``height`` is ``g(point)``.
    """

    point: sp.Expr
    kind: str
    side: int
    height: sp.Expr


class Subdominant(NamedTuple):
    """A candidate lower than the dominant one by ``gap`` in ``g``: exponentially small."""

    candidate: Candidate
    gap: sp.Expr


def _end_value(g, x, end, side):
    val = g.subs(x, end)
    if val.has(sp.nan, sp.zoo) or val in (sp.oo, -sp.oo):
        val = sp.limit(g, x, end, "+" if side > 0 else "-")
    return rational_normal_form(val)


def _require_decaying_tails(g, x, lo, hi) -> None:
    """At an infinite end ``g`` must tend to ``-oo``: else no maximum or no integral."""
    for end, where in ((lo, "-oo"), (hi, "+oo")):
        if end in (-sp.oo, sp.oo):
            tail = sp.limit(g, x, end)
            if tail == sp.oo:
                raise AsymptoticError(f"no maximum: g is unbounded above as x -> {where}")
            if tail != -sp.oo:
                raise AsymptoticError(f"non-integrable tail: g tends to {tail}, not -oo, as "
                                      f"x -> {where}; the tail is not exponentially small")


def _stationary_maxima(g, x, stationary) -> list[Candidate]:
    """The stationary points that are maxima, classified by ``g''`` (or, where it
    vanishes, by the first nonzero derivative, Wong II.3)."""
    out = []
    for c, where in stationary:
        side = {"in": 1, "lo": 1, "hi": -1}[where]
        g2 = rational_normal_form(sp.diff(g, x, 2).subs(x, c))
        if g2.has(sp.nan, sp.zoo):  # a removable singularity (hidden_stationary_points)
            g2 = sp.limit(sp.diff(g, x, 2), x, c)
        if g2 == 0:
            kind = degenerate_kind(g, x, c, where)
            if kind is not None:
                out.append(Candidate(c, kind, side, _end_value(g, x, c, side)))
            continue
        if g2.is_negative is None:
            raise AsymptoticError(f"cannot decide the sign of g''({c}) = {g2} from the "
                                  "symbols' assumptions, so whether it is a maximum")
        if g2.is_negative:
            kind = "interior" if where == "in" else "half-gaussian"
            out.append(Candidate(c, kind, side, _end_value(g, x, c, side)))
    return out


def _endpoint_maxima(g, x, lo, hi, stationary_ends: set[str]) -> list[Candidate]:
    """Finite endpoints, not stationary, where ``g`` decreases into the range."""
    out = []
    for end, side, tag in ((lo, 1, "lo"), (hi, -1, "hi")):
        if end in (-sp.oo, sp.oo) or tag in stationary_ends:
            continue
        value = _end_value(g, x, end, side)
        if value == -sp.oo:
            continue
        rise = slope(g, x).subs(x, end)
        if rise.has(sp.nan, sp.zoo, sp.oo, -sp.oo):  # e.g. log(1 - x) at x = 1
            rise = sp.limit(slope(g, x), x, end, "+" if side > 0 else "-")
        rise = rational_normal_form(rise * side)
        if rise.is_negative is None:
            raise AsymptoticError(f"cannot decide the sign of g'({end}) = {rise * side}")
        if rise.is_negative:
            out.append(Candidate(end, "endpoint", side, value))
    return out


def candidates(g: sp.Expr, x: sp.Symbol, bounds) -> list[Candidate]:
    """Local maxima of ``g`` on the range that can dominate the integral."""
    lo, hi = (sp.sympify(v) for v in bounds)
    if not (lo.is_extended_real is not False and hi.is_extended_real is not False):
        raise AsymptoticError(f"the range ({lo}, {hi}) is not real")
    _require_decaying_tails(g, x, lo, hi)
    stationary = stationary_points(g, x, bounds)
    stationary += [StationaryPoint(c, "in")
                   for c in hidden_stationary_points(slope(g, x), x, bounds).zeros]
    out = _stationary_maxima(g, x, stationary)
    out += _endpoint_maxima(g, x, lo, hi, {s.position for s in stationary})
    if not out:
        raise AsymptoticError("no maximum: g has neither an interior maximum nor a dominant "
                              "endpoint in the range")
    return out


def rank_maxima(cands: list[Candidate]) -> tuple[list[Candidate], list[Subdominant]]:
    """``(tied, dropped)``: the candidates of the greatest height, and the others with
    their gaps, compared pairwise under the symbols' assumptions."""
    best = cands[0]
    for c in cands[1:]:
        gap = rational_normal_form(c.height - best.height)
        if gap.is_positive:
            best = c
        elif gap.is_positive is None and gap != 0 and gap.is_nonpositive is not True:
            raise AsymptoticError(f"cannot decide which maximum dominates: g({c.point}) - "
                                  f"g({best.point}) = {gap}")
    tied, dropped = [], []
    for c in cands:
        gap = rational_normal_form(best.height - c.height)
        if gap == 0:
            tied.append(c)
        elif gap.is_positive:
            dropped.append(Subdominant(c, gap))
        else:
            raise AsymptoticError(f"cannot decide which maximum dominates: g({best.point}) - "
                                  f"g({c.point}) = {gap}")
    return tied, dropped


# -- one contribution ----------------------------------------------------------

def contribution(f, g, x, lam, point, kind, side, order, bounds=None) -> LaplaceResult:
    """The expansion of the integral near one dominant point (no bookkeeping of others).

    ``bounds`` is the whole range when this point alone dominates (the step then
    records the integral actually expanded); otherwise the local half-line.
    """
    if kind in GENERAL_KINDS or not is_regular_at(f, x, point):
        return general_contribution(f, g, x, lam, point, kind, side, order, bounds)
    weight = KIND_WEIGHT[kind]
    local = local_expansion(f, g, x, point, lam, weight, side, order + 1)
    step = 2 if weight == "gauss-line" else 1
    first = next((j for j, d in enumerate(local.terms) if d != 0), None)
    if first is None or first + step * order >= len(local.terms):
        raise AsymptoticError(f"f vanishes to an order not handled at the maximum {point}")
    lead_term = local.terms[first]
    coeffs = [sp.Integer(1)] + [rational_normal_form(local.terms[first + step * k] / lead_term)
                                for k in range(1, order + 1)]
    scale = local.eps**step
    leading = (rational_normal_form(lead_term * local.norm * local.width)
               * local.eps ** (first + 1) * sp.exp(lam * local.g0))
    power = sp.Rational(-(first + 1), 2) if weight != "exponential" else sp.Integer(-(first + 1))
    expr = leading * sp.Add(*[c * scale**k for k, c in enumerate(coeffs)])
    neglected = scale ** (order + 1)
    integral = sp.Integral(f * sp.exp(lam * g),
                           (x, *(bounds if bounds is not None else _bounds_of(point, side))))
    why = _WHY[kind]
    if first > 0:
        why += f"; f vanishes at x0 so the series starts {first} half-orders later"
    record = Step(integral, expr, Relation.ASYMPTOTIC, KIND_RULE[kind],
                  f"{why}; x0 = {sp.sstr(point)}.", limit=Limit(lam, sp.oo), order=neglected)
    return LaplaceResult(expr, leading, coeffs, neglected, point, kind, (record,), scale, power)


def _bounds_of(point, side):  # the local integral, for the step record only
    return (point, sp.oo) if side > 0 else (-sp.oo, point)


# -- the dispatcher --------------------------------------------------------------

def _require_laplace_form(f, g, lam, order) -> None:
    if f.has(lam) or g.has(lam):
        raise AsymptoticError("f and g must be free of the large parameter " + str(lam))
    if f == 0:
        raise AsymptoticError("f vanishes identically")
    if order < 0:
        raise AsymptoticError("order must be >= 0")


def _dropped_steps(integral, g, x, lam, bounds, dropped: list[Subdominant]) -> list[Step]:
    """Records of what does not contribute: ends where ``g -> -oo`` and lower maxima."""
    lo, hi = bounds
    steps = []
    for end in (lo, hi):
        if end.is_finite and (g.subs(x, end) == -sp.oo
                              or _end_value(g, x, end, 1 if end is lo else -1) == -sp.oo):
            steps.append(Step(integral, integral, Relation.EQUAL, "drop-endpoint",
                              f"g -> -oo at the endpoint {sp.sstr(end)}: it contributes "
                              "nothing at any exponential order"))
    for c, gap in dropped:
        steps.append(Step(integral, integral, Relation.ASYMPTOTIC, "drop-subdominant",
                          f"the local maximum at {sp.sstr(c.point)} ({c.kind}) is smaller by "
                          f"the factor exp(-lam*({sp.sstr(gap)})), beyond every power of 1/lam",
                          limit=Limit(lam, sp.oo), order=sp.exp(-lam * gap)))
    return steps


def laplace(f, g, x: sp.Symbol, lam: sp.Symbol, bounds=(-sp.oo, sp.oo),
            order: int = 0) -> LaplaceResult:
    """Expansion of ``integral_a^b f exp(lam g) dx`` as ``lam -> +oo`` to ``order`` corrections."""
    f, g = sp.sympify(f), sp.sympify(g)
    lo, hi = (sp.sympify(b) for b in bounds)
    _require_laplace_form(f, g, lam, order)
    if g.has(sp.I):
        return _oscillatory(f, g, x, lam, (lo, hi), order)
    integral = sp.Integral(f * sp.exp(lam * g), (x, lo, hi))
    cands = candidates(g, x, (lo, hi))
    # f must be integrable wherever it is singular, dominant there or not, unless g -> -oo
    # there (t**(lam - 1) e^(-lam t) = t**-1 exp(lam (log t - t)) converges at 0)
    breaks = [c for c in amplitude_breaks(f, x, (lo, hi))
              if _end_value(g, x, c, -1 if c == hi else 1) != -sp.oo]
    require_integrable(f, x, (lo, hi), breaks)
    tied, dropped = rank_maxima(cands)
    steps = _dropped_steps(integral, g, x, lam, (lo, hi), dropped)
    whole = (lo, hi) if len(tied) == 1 else None
    parts = [contribution(f, g, x, lam, c.point, c.kind, c.side, order, whole) for c in tied]
    if len(parts) == 1:
        res = parts[0]
        return LaplaceResult(res.expr, res.leading, res.coefficients, res.order, res.point,
                             res.kind, tuple(steps) + res.steps, res.scale, res.power)
    return _combine(parts, integral, lam, steps)


def _oscillatory(f, g, x, lam, bounds, order) -> LaplaceResult:
    """``g = I h`` with ``h`` real: stationary phase; otherwise a complex saddle."""
    h = sp.expand(g / sp.I)
    if not h.has(sp.I) and all(s.is_extended_real for s in h.free_symbols):
        return stationary_phase(f, h, x, lam, bounds, order)
    return _gaussian_complex_saddle(f, g, x, lam, bounds, order)


def _tame_entire(f, x) -> bool:
    """Built from polynomials and exp/sin/cos/sinh/cosh of linear polynomials in ``x``:
    entire, and at most exponentially large in any horizontal strip."""
    if not f.has(x) or f.is_Symbol:
        return True
    if f.is_Add or f.is_Mul:
        return all(_tame_entire(a, x) for a in f.args)
    if f.is_Pow:
        return bool(f.exp.is_integer and f.exp.is_nonnegative) and _tame_entire(f.base, x)
    if isinstance(f, (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh)):
        arg = f.args[0]
        return arg.is_polynomial(x) and sp.degree(arg, x) <= 1
    return False


def _gaussian_complex_saddle(f, g, x, lam, bounds, order) -> LaplaceResult:
    """A quadratic exponent with complex coefficients over the whole line: its saddle
    ``z0`` is off the real axis, and the contour is shifted through it (Cauchy: the
    integrand is entire and Gaussian-small in the strip; Bender & Orszag §6.6, Olver
    ch. 4 §7).  Anything else would need a steepest-descent path: refused."""
    poly = sp.Poly(g, x) if g.is_polynomial(x) else None
    why = ("complex saddle: only a quadratic exponent over the whole line with an entire, "
           "tame amplitude is deformed (a shifted Gaussian); general steepest descent "
           "is not implemented")
    if bounds != (-sp.oo, sp.oo) or poly is None or poly.degree() != 2:
        raise AsymptoticError(f"the exponent {g} is complex: {why}")
    lead = poly.coeff_monomial(x**2)
    if not rational_normal_form(sp.re(lead)).is_negative:
        raise AsymptoticError(f"complex saddle: Re of the x**2 coefficient {lead} is not "
                              "negative under the assumptions, so the integral may diverge")
    if not _tame_entire(f, x):
        raise AsymptoticError(f"complex saddle: the amplitude {f} is not an entire function "
                              "of exponential type in x, so the contour shift is not justified")
    z0 = rational_normal_form(-poly.coeff_monomial(x) / (2 * lead))
    res = contribution(f, g, x, lam, z0, "interior", 1, order, bounds)
    step = res.steps[-1]
    moved = Step(step.before, step.after, step.relation, "steepest-descent-gaussian",
                 f"the saddle z0 = {sp.sstr(z0)} of the quadratic exponent is complex; the "
                 "integrand is entire and Gaussian-small in the strip, so the line is "
                 "shifted through z0 (Cauchy), then Laplace's series at z0 (Bender & Orszag "
                 "6.6; Olver ch. 4 §7)", limit=step.limit, order=step.order)
    return LaplaceResult(res.expr, res.leading, res.coefficients, res.order, z0,
                         "complex-saddle", (moved,), res.scale, res.power)


def _combine(parts, integral, lam, steps) -> LaplaceResult:
    """Tied exponents: the contributions add; the order is the worst neglected one."""
    top = highest([p.power for p in parts])
    lead_parts = [p for p in parts if rational_normal_form(p.power - top) == 0]
    leading = sp.Add(*[p.leading for p in lead_parts])
    dominant = lead_parts[0]
    expr = sp.Add(*[p.expr for p in parts])
    # relative order: each part's neglected term, measured against the top power
    order = worst_order([lam ** (p.power - top) * p.order for p in parts], lam)
    why = ("equal maxima of g at " + ", ".join(sp.sstr(p.point) for p in parts)
           + ": the local contributions add (Wong ch. II)")
    record = Step(integral, expr, Relation.ASYMPTOTIC, KIND_RULE["combined"], why,
              limit=Limit(lam, sp.oo), order=order)
    sub_steps = tuple(s for p in parts for s in p.steps)
    coeffs = merged_coefficients(lead_parts, lam)
    return LaplaceResult(expr, leading, coeffs, order, tuple(p.point for p in parts),
                         "combined", tuple(steps) + sub_steps + (record,), dominant.scale, top,
                         tuple(parts))


__all__ = ["LaplaceResult", "laplace", "stationary_points", "Candidate", "candidates",
           "Subdominant", "rank_maxima", "contribution"]
