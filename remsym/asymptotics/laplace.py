"""Laplace's method: I(lam) = integral_a^b f(x) exp(lam g(x)) dx as lam -> +oo.

Interior maximum (Wong, *Asymptotic Approximations of Integrals*, ch. II;
Bender & Orszag section 6.4): with x = x0 + y/sqrt(lam), expand g and f about x0,
keep exp(lam g0 + g2 y^2/2) and expand the rest in eps = lam^(-1/2); integrate
term by term with the Gaussian moments integral y^(2m) exp(-a y^2/2) dy =
(2m-1)!! sqrt(2 pi) a^(-m-1/2).  Odd powers of eps integrate to zero, so the
series is in 1/lam with exact coefficients.

Endpoint maximum with g'(a) != 0 (Watson's lemma, Wong ch. I): t = g(a) - g(x),
I ~ exp(lam g(a)) sum_k h_k k! / lam^(k+1) where h(t) = f(x(t)) x'(t) =
sum h_k t^k is obtained by series reversion.  An endpoint that is stationary
gives half the Gaussian leading term.

Map: :class:`LaplaceResult`, :func:`laplace`, :func:`expand_about`.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from remsym.derivation.steps import Limit, Relation, Step
from remsym.errors import AsymptoticError


@dataclass(frozen=True)
class LaplaceResult:
    """``expr = leading * (1 + c1/lam + ... + cK/lam^K)``; ``order`` the first neglected term."""

    expr: sp.Expr
    leading: sp.Expr
    coefficients: tuple[sp.Expr, ...]
    order: sp.Expr
    point: sp.Expr
    kind: str
    steps: tuple[Step, ...]

    @property
    def order_text(self) -> str:
        return f"O({sp.sstr(self.order)})"


def _truncate(expr: sp.Expr, eps: sp.Symbol, top: int) -> sp.Expr:
    poly = sp.Poly(sp.expand(expr), eps)
    return sp.Add(*[c * eps**k for (k,), c in poly.terms() if k <= top])


def _maxima(g: sp.Expr, x: sp.Symbol, bounds) -> list[sp.Expr]:
    lo, hi = bounds
    crit = sp.solve(sp.diff(g, x), x)
    inside = []
    for c in crit:
        if c.is_real is False:
            continue
        ok_lo = lo == -sp.oo or sp.simplify(c - lo).is_positive
        ok_hi = hi == sp.oo or sp.simplify(hi - c).is_positive
        if ok_lo and ok_hi:
            inside.append(sp.simplify(c))
    return inside


def _interior(f, g, x, lam, x0, order):
    eps, y = sp.Symbol("epsilon_L", positive=True), sp.Symbol("y", real=True)
    top = 2 * order
    g2 = sp.simplify(sp.diff(g, x, 2).subs(x, x0))
    if g2 == 0:
        raise AsymptoticError(f"degenerate maximum: g''({x0}) = 0")
    if g2.is_negative is not True:
        raise AsymptoticError(f"cannot establish g''({x0}) = {g2} < 0 (a maximum) from the "
                              "symbols' assumptions")
    f0 = sp.simplify(f.subs(x, x0))
    if f0 == 0:
        raise AsymptoticError(f"f vanishes at the maximum x0 = {x0}: not handled")
    hot = sp.Add(*[sp.diff(g, x, k).subs(x, x0) * y**k * eps ** (k - 2) / sp.factorial(k)
                   for k in range(3, top + 3)])
    fser = sp.Add(*[sp.diff(f, x, j).subs(x, x0) * y**j * eps**j / sp.factorial(j)
                    for j in range(0, top + 1)])
    expo, term = sp.Integer(1), sp.Integer(1)
    for n in range(1, top + 1):
        term = _truncate(term * hot / n, eps, top)
        expo += term
    body = _truncate(fser * expo, eps, top)
    a = -g2
    coeffs = []
    poly = sp.Poly(body, eps)
    for k in range(0, order + 1):
        ck = poly.coeff_monomial(eps ** (2 * k))
        moment = sp.Integer(0)
        for (m,), c in sp.Poly(sp.expand(ck), y).terms():
            if m % 2 == 0:
                moment += c * sp.factorial2(m - 1) / a ** sp.Rational(m, 2)
        coeffs.append(sp.simplify(moment / f0))
    leading = f0 * sp.exp(lam * g.subs(x, x0)) * sp.sqrt(2 * sp.pi / (lam * a))
    return leading, coeffs


def _watson(f, g, x, lam, a_pt, side, order):
    u, t = sp.Symbol("u"), sp.Symbol("t", positive=True)
    gp = sp.simplify(sp.diff(g, x).subs(x, a_pt))
    tau = sp.expand(sp.series(g.subs(x, a_pt) - g.subs(x, a_pt + side * u), u, 0,
                              order + 3).removeO())
    # reversion u(t) = sum b_k t^k by undetermined coefficients
    bs = sp.symbols(f"b1:{order + 3}")
    useries = sp.Add(*[b * t ** (k + 1) for k, b in enumerate(bs)])
    eq = sp.expand(tau.subs(u, useries)) - t
    sol = {}
    for k in range(1, order + 3):
        ck = sp.expand(eq).coeff(t, k).subs(sol)
        sol[bs[k - 1]] = sp.solve(ck, bs[k - 1])[0]
    useries = useries.subs(sol)
    h = sp.expand(sp.series(f.subs(x, a_pt + side * useries) * sp.diff(useries, t), t, 0,
                            order + 1).removeO())
    coeffs = [sp.simplify(h.coeff(t, k) * sp.factorial(k)) for k in range(order + 1)]
    if coeffs[0] == 0:
        raise AsymptoticError(f"f vanishes at the endpoint {a_pt}: not handled")
    leading = sp.exp(lam * g.subs(x, a_pt)) * coeffs[0] / lam
    del gp
    return leading, [sp.simplify(c / coeffs[0]) for c in coeffs]


def laplace(f, g, x, lam, bounds=(-sp.oo, sp.oo), order: int = 0) -> LaplaceResult:
    """Asymptotic expansion of integral f exp(lam g) over ``bounds`` as lam -> +oo."""
    f, g = sp.sympify(f), sp.sympify(g)
    if f.has(lam) or g.has(lam):
        raise AsymptoticError("f and g must be free of the large parameter")
    lo, hi = bounds
    interior = [c for c in _maxima(g, x, bounds)
                if sp.simplify(sp.diff(g, x, 2).subs(x, c)).is_negative is not False]
    lim = Limit(lam, sp.oo, start=8)
    integral = sp.Integral(f * sp.exp(lam * g), (x, lo, hi))
    steps: list[Step] = []
    if len(interior) > 1:
        raise AsymptoticError(f"several candidate maxima {interior}: not handled")
    if interior:
        x0 = interior[0]
        for end in (lo, hi):
            if end not in (-sp.oo, sp.oo):
                g_end = sp.limit(g, x, end, "+" if end == lo else "-")
                gap = sp.simplify(g.subs(x, x0) - g_end)
                if g_end != -sp.oo and gap.is_positive is not True:
                    raise AsymptoticError(f"cannot show the endpoint {end} is exponentially "
                                          "smaller than the interior maximum")
        leading, coeffs = _interior(f, g, x, lam, x0, order)
        kind = "interior"
        why = (f"unique interior maximum of g at x0 = {x0}; Gaussian moments of the Taylor "
               "expansion (Wong ch. II, Bender & Orszag 6.4)")
    else:
        ends = [e for e in (lo, hi) if e not in (-sp.oo, sp.oo)]
        if not ends:
            raise AsymptoticError("no maximum: g has no interior stationary maximum on the line")
        values = [sp.simplify(g.subs(x, e)) for e in ends]
        if len(ends) == 2:
            gap = sp.simplify(values[0] - values[1])
            if gap == 0:
                raise AsymptoticError("several equal maxima at both endpoints")
            best = 0 if gap.is_positive else 1 if gap.is_negative else None
            if best is None:
                raise AsymptoticError("cannot decide which endpoint dominates")
        else:
            best = 0
        x0 = ends[best]
        side = 1 if x0 == lo else -1
        if sp.simplify(sp.diff(g, x).subs(x, x0)) == 0:
            if order:
                raise AsymptoticError("stationary endpoint beyond leading order: not handled")
            leading, coeffs = _interior(f, g, x, lam, x0, 0)
            leading, kind = leading / 2, "half-gaussian"
            why = f"stationary endpoint {x0}: half of the Gaussian contribution"
        else:
            leading, coeffs = _watson(f, g, x, lam, x0, side, order)
            kind = "endpoint"
            why = f"maximum at the endpoint {x0} with g' != 0: Watson's lemma"
    series = sp.Add(*[c / lam**k for k, c in enumerate(coeffs)])
    expr = leading * series
    order_expr = lam ** -(order + 1)
    steps.append(Step(integral, expr, Relation.ASYMPTOTIC, f"laplace-{kind}", why,
                      limit=lim, order=order_expr))
    return LaplaceResult(expr, leading, tuple(coeffs), order_expr, x0, kind, tuple(steps))


@dataclass(frozen=True)
class ShiftReport:
    """Expansion point versus the true maximum of the exponent."""

    point: sp.Expr
    maximum: sp.Expr
    shift: sp.Expr
    steps: tuple[Step, ...]


def expand_about(f, g, x, point) -> ShiftReport:
    """Report where the maximum of ``g`` really is when expanding about ``point``.

    Expanding a Laplace integral about a point where g' does not vanish is the
    classic error: the first-order term then is not small.  The step records
    g'(point) and the true maximiser.
    """
    g = sp.sympify(g)
    slope = sp.simplify(sp.diff(g, x).subs(x, point))
    maxima = _maxima(g, x, (-sp.oo, sp.oo))
    if len(maxima) != 1:
        raise AsymptoticError(f"expected one maximum of the exponent, found {maxima}")
    x0 = maxima[0]
    shift = sp.simplify(x0 - point)
    step = Step(sp.diff(g, x).subs(x, x0), sp.Integer(0), Relation.EQUAL, "maximum-shift",
                f"g'({sp.sstr(point)}) = {sp.sstr(slope)} != 0: the maximum is at "
                f"{sp.sstr(x0)}, shifted by {sp.sstr(shift)}")
    return ShiftReport(point, x0, shift, (step,))


__all__ = ["LaplaceResult", "laplace", "expand_about", "ShiftReport"]
