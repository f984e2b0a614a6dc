"""Moving maxima and moving endpoints: where to expand, and in which variable.

Two traps of Laplace's method as physicists meet it (Bender & Orszag §6.4,
"moving maxima"; Wong ch. II §5):

* the large parameter sits in the bounds or in ``f`` rather than as ``lam*g(x)``.
  :func:`rescale_to_canonical` *finds* an affine substitution ``x = x0 + scale*y``
  (``x0`` the dominant point, ``scale`` a power of the large parameter times a
  factor free of it) by matching powers: after the substitution every Taylor
  coefficient of the exponent must carry the same power ``lam = L^p``;
* the expansion point is not the maximum.  :func:`expand_about` finds the true
  maximum, reports the shift ``x0_true - point`` and compares it with the Gaussian
  width ``1/sqrt(-lam g'')``; a shift that is not small is flagged (or raised).
  A Gaussian weight times a factor such as ``erfc`` that varies on the same scale
  moves the maximum: expanding about the weight's own peak is the classic error.

Map: :class:`ShiftReport`, :func:`expand_about`, :class:`Rescaling`,
:func:`rescale_to_canonical`.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from remsym.asymptotics.laplace import LaplaceResult, candidates, laplace
from remsym.asymptotics.local_series import tidy
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
    cands = [c for c in candidates(g, x, bounds) if c[1] == "interior"]
    if len(cands) != 1:
        raise AsymptoticError(f"expected one interior maximum of the exponent, found "
                              f"{[c[0] for c in cands]}")
    x0 = cands[0][0]
    shift = tidy(x0 - point)
    curvature = tidy(-sp.diff(g, x, 2).subs(x, x0))
    if lam is not None:
        curvature = curvature * lam
    relative = tidy(shift * sp.sqrt(curvature))
    if relative == 0:
        small = True
    else:
        walk = limit if limit is not None else (Limit(lam, sp.oo) if lam is not None else None)
        small = bool(walk is not None and sp.limit(relative, walk.symbol, walk.point) == 0)
    slope = tidy(sp.diff(g, x).subs(x, point))
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




# -- rescaling to canonical form -------------------------------------------------

@dataclass(frozen=True)
class Rescaling:
    """``integral = prefactor * integral f(y) exp(lam g(y)) dy`` after ``x = point + scale*y``.

    ``lam = large**power``; ``f`` and ``g`` are free of ``large``.  ``exact`` is
    False when moving endpoints were sent to infinity (an exponentially small
    error, recorded in the step).  ``kind`` names the dominant point as in
    :func:`remsym.asymptotics.laplace.laplace` (``interior``, ``half-gaussian``,
    ``endpoint``).
    """

    large: sp.Symbol
    lam: sp.Expr
    power: sp.Expr
    variable: sp.Symbol
    point: sp.Expr
    scale: sp.Expr
    prefactor: sp.Expr
    f: sp.Expr
    g: sp.Expr
    bounds: tuple[sp.Expr, sp.Expr]
    kind: str
    exact: bool
    steps: tuple[Step, ...]


def _sign(expr: sp.Expr, large: sp.Symbol, what: str) -> int:
    """Sign of ``expr`` from the assumptions, else from its limit as ``large -> oo``."""
    expr = tidy(expr)
    if expr == 0:
        return 0
    if expr.is_positive:
        return 1
    if expr.is_negative:
        return -1
    towards = sp.limit(expr, large, sp.oo)
    if towards.is_positive:
        return 1
    if towards.is_negative:
        return -1
    raise AsymptoticError(f"cannot decide the sign of {what} = {expr} as {large} -> oo")


def _leading_power(expr: sp.Expr, large: sp.Symbol) -> sp.Expr:
    """``e`` with ``expr ~ C large**e`` as ``large -> oo``."""
    eps = sp.Dummy("eps", positive=True)
    lead = sp.powsimp(tidy(expr).subs(large, 1 / eps)).as_leading_term(eps)
    coeff, m = lead.as_coeff_exponent(eps)
    if coeff.has(eps) or coeff == 0:
        raise AsymptoticError(f"{expr} is not a power of {large} times a factor free of it")
    return -m


def split_exponential(integrand: sp.Expr, x: sp.Symbol, large: sp.Symbol):
    """``integrand = f * exp(phi)``: every ``exp`` factor and every power whose exponent
    carries ``large`` (``t**(L+2) = t**2 exp(L log t)``) goes into ``phi``."""
    f, phi = sp.Integer(1), sp.Integer(0)
    for factor in sp.Mul.make_args(sp.powsimp(sp.sympify(integrand), combine="exp")):
        if isinstance(factor, sp.exp):
            phi += factor.args[0]
        elif factor.is_Pow and isinstance(factor.base, sp.exp):
            phi += factor.base.args[0] * factor.exp
        elif factor.is_Pow and factor.exp.has(large) and factor.base.has(x):
            rest, moving = sp.sympify(factor.exp).as_independent(large, as_Add=True)
            phi += moving * sp.log(factor.base)
            f *= factor.base**rest
        else:
            f *= factor
    return f, phi


def _at(expr, x, end, side):
    """``expr`` at a finite endpoint, as the one-sided limit from inside if singular."""
    value = expr.subs(x, end)
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        value = sp.limit(expr, x, end, "+" if side > 0 else "-")
    return value


def _dominant_point(phi, x, large, lo, hi) -> tuple[sp.Expr, str, int]:
    """The point that dominates as ``large -> oo``: ``(x0, kind, side)``."""
    dphi, d2phi = sp.diff(phi, x), sp.diff(phi, x, 2)
    found = []
    try:
        roots = sp.solve(dphi, x)
    except NotImplementedError as exc:
        raise AsymptoticError(f"cannot solve phi' = {dphi} = 0 symbolically") from exc
    for c in roots:
        if c.is_real is False:
            continue
        where = "in"
        for end, tag, diff in ((lo, "lo", c - lo), (hi, "hi", hi - c)):
            if end in (-sp.oo, sp.oo):
                continue
            sgn = _sign(diff, large, f"the distance of {c} from the endpoint {end}")
            if sgn == 0:
                where = tag
            elif sgn < 0:
                where = "out"
        if where == "out":
            continue
        curv = _sign(d2phi.subs(x, c), large, f"phi''({c})")
        if curv == 0:
            raise AsymptoticError(f"degenerate maximum: phi''({c}) = 0")
        if curv < 0:
            kind = "interior" if where == "in" else "half-gaussian"
            found.append((tidy(c), kind, -1 if where == "hi" else 1))
    on_end = {side for _, kind, side in found if kind == "half-gaussian"}
    for end, side in ((lo, 1), (hi, -1)):
        if end in (-sp.oo, sp.oo) or side in on_end:
            continue
        if _at(phi, x, end, side) == -sp.oo:  # e.g. L log t at t = 0: contributes nothing
            continue
        if _sign(side * _at(dphi, x, end, side), large, f"phi'({end})") < 0:
            found.append((end, "endpoint", side))
    if not found:
        raise AsymptoticError("no maximum: the exponent has neither an interior maximum nor a "
                              "dominant endpoint in the range")
    values = [phi.subs(x, c) for c, _, _ in found]
    best = 0
    for i in range(1, len(found)):
        if _sign(values[i] - values[best], large, "a difference of maxima") > 0:
            best = i
    ties = [c for i, (c, _, _) in enumerate(found)
            if i != best and _sign(values[best] - values[i], large, "a difference") == 0]
    if ties:
        raise AsymptoticError(f"several equal maxima at {found[best][0]} and {ties}: rescale "
                              "each contribution separately")
    return found[best]


def _free_of(expr: sp.Expr, large: sp.Symbol, y: sp.Symbol) -> sp.Expr:
    """Targeted rewrites (log of a product splits, then cancel) to remove ``large``."""

    def split_log(e):
        # log(c * r(y)) = log c + log r(y) with c > 0: the argument was positive on the
        # range before the substitution, so c and r(y) share their sign there
        const, rest = sp.factor(e.args[0]).as_independent(y, as_Add=False)
        if const.could_extract_minus_sign():
            const, rest = -const, -rest
        return sp.expand_log(sp.log(const), force=True) + sp.log(rest)

    return tidy(expr.replace(lambda e: isinstance(e, sp.log), split_log))


def rescale_to_canonical(integrand, x: sp.Symbol, large: sp.Symbol, bounds=(-sp.oo, sp.oo),
                         *, variable: sp.Symbol | None = None, probe: int = 4) -> Rescaling:
    """Find ``x = x0 + scale*y`` bringing ``integral integrand dx`` to ``f(y) exp(lam g(y))``.

    ``large -> +oo`` may sit in the bounds, in ``f`` and in the exponent in any
    way that an affine rescaling can absorb.  The dominant point ``x0`` (a moving
    maximum or a moving endpoint) is found from ``phi' = 0`` and the endpoints;
    with ``a_k ~ large**e_k`` the Taylor coefficients of the exponent about ``x0``
    and ``scale = c*large**q``, the powers ``e_k + k q`` must all equal one ``p``
    (checked on the first ``probe`` coefficients, then on the whole exponent),
    and ``c`` normalises ``g`` to ``-y^2/2 + ...`` (stationary point) or
    ``-y + ...`` (endpoint).  Raises :class:`AsymptoticError` with the reason
    when no such substitution exists.
    """
    lo, hi = (sp.sympify(b) for b in bounds)
    y = variable if variable is not None else sp.Symbol("y", real=True)
    integral = sp.Integral(sp.sympify(integrand), (x, lo, hi))
    f, phi = split_exponential(integrand, x, large)
    x0, kind, side = _dominant_point(phi, x, large, lo, hi)
    first = 1 if kind == "endpoint" else 2
    u = sp.Dummy("u")
    shifted = phi.subs(x, x0 + u)
    coeffs = {}
    for k in range(first, first + probe):
        a_k = tidy(sp.diff(shifted, u, k).subs(u, 0) / sp.factorial(k))
        if a_k != 0:
            coeffs[k] = (a_k, _leading_power(a_k, large))
    ks = sorted(coeffs)
    if len(ks) >= 2:
        (k1, (_, e1)), (k2, (_, e2)) = (ks[0], coeffs[ks[0]]), (ks[1], coeffs[ks[1]])
        q = sp.sympify(e1 - e2) / (k2 - k1)
    else:  # a single term (exactly quadratic or linear): keep the scale free of large
        q = sp.Integer(0)
    p = coeffs[ks[0]][1] + ks[0] * q
    for k, (_, e_k) in coeffs.items():
        if tidy(e_k + k * q - p) != 0:
            raise AsymptoticError(f"no affine rescaling balances the exponent: its Taylor "
                                  f"coefficients about {x0} scale as {large}**{e_k} (k = {k}), "
                                  f"not as {large}**({p} - {k}*{q})")
    if not (p.is_positive or _sign(p, large, "the power p") > 0):
        raise AsymptoticError(f"after rescaling the exponent carries {large}**{p}: no large "
                              "parameter remains (an exactly Gaussian exponent? use "
                              "gaussian_integral)")
    lead_k = ks[0]
    lead = tidy(coeffs[lead_k][0] / large ** coeffs[lead_k][1])
    c = tidy(1 / sp.sqrt(-2 * lead)) if lead_k == 2 else tidy(-1 / lead)
    # at an endpoint -1/lead already points into the range; a half Gaussian at the
    # upper end needs scale < 0 so that y >= 0 on the range
    if kind == "half-gaussian":
        c = c * side
    scale = tidy(c * large**q)
    lam = large**p
    g = _free_of((shifted.subs(u, scale * y) - shifted.subs(u, 0)) / lam, large, y)
    if g.has(large):
        raise AsymptoticError(f"after x = {x0} + {scale}*y the exponent is not {lam} times a "
                              f"function free of {large}: {g}")
    jac_sign = _sign(scale, large, "the scale")
    fy = tidy(f.subs(x, x0 + scale * y))
    moving, fixed = sp.Integer(1), sp.Integer(1)
    for factor in sp.Mul.make_args(fy):
        if factor.has(y):
            fixed *= factor
        else:
            moving *= factor
    if fixed.has(large):
        raise AsymptoticError(f"after x = {x0} + {scale}*y the prefactor {fixed} still depends "
                              f"on {large} together with {y}: not canonical")
    prefactor = tidy(moving * scale * jac_sign) * sp.exp(tidy(phi.subs(x, x0)))
    ybounds, dropped = [], []
    for end in (lo, hi):
        if end in (-sp.oo, sp.oo):
            ybounds.append(end * jac_sign)
            continue
        yb = tidy((end - x0) / scale)
        if yb.has(large):
            towards = sp.limit(yb, large, sp.oo)
            if towards not in (sp.oo, -sp.oo):
                raise AsymptoticError(f"the endpoint {end} stays at a finite, moving distance "
                                      f"{yb} -> {towards} in the rescaled variable")
            dropped.append(sp.exp(tidy(phi.subs(x, end) - phi.subs(x, x0))))
            yb = towards
        ybounds.append(yb)
    ya, yb_ = ybounds if jac_sign > 0 else ybounds[::-1]
    after = prefactor * sp.Integral(fixed * sp.exp(lam * g), (y, ya, yb_))
    why = (f"x = {sp.sstr(x0)} + ({sp.sstr(scale)})*y, found by matching powers: about the "
           f"dominant point ({kind}) the Taylor coefficients of the exponent scale as "
           + ", ".join(f"{large}**{sp.sstr(e)} (k = {k})" for k, (_, e) in coeffs.items())
           + f"; with scale ~ {large}**{sp.sstr(q)} each carries lam = {sp.sstr(lam)} "
             "(Bender & Orszag 6.4, moving maxima)")
    if dropped:
        why += "; moving endpoints sent to infinity: exponentially small tails dropped"
        step = Step(integral, after, Relation.ASYMPTOTIC, "rescale-to-canonical", why,
                    limit=Limit(large, sp.oo), order=sp.Add(*dropped))
    else:
        step = Step(integral, after, Relation.EQUAL, "rescale-to-canonical", why)
    return Rescaling(large, lam, p, y, x0, scale, prefactor, fixed, g, (ya, yb_), kind,
                     not dropped, (step,))


def laplace_rescaled(rescaling: Rescaling, order: int = 0) -> LaplaceResult:
    """:func:`laplace` on the canonical integral of ``rescaling``, times its prefactor.

    ``lam`` in the returned expression is replaced by ``large**power``; a
    definition step records the substitution.
    """
    r = rescaling
    lam = r.large if r.power == 1 else sp.Dummy("Lambda", positive=True)
    res = laplace(r.f, r.g, r.variable, lam, r.bounds, order)
    back = {lam: r.lam}
    steps = list(r.steps)
    if lam is not r.large:
        steps.append(Step(lam, r.lam, Relation.DEFINITION, "define-large-parameter",
                          "the canonical large parameter"))
    steps.extend(res.steps)
    return LaplaceResult(r.prefactor * res.expr.xreplace(back),
                         r.prefactor * res.leading.xreplace(back),
                         [sp.sympify(cf).xreplace(back) for cf in res.coefficients],
                         res.order.xreplace(back), r.point, res.kind, tuple(steps),
                         res.scale.xreplace(back), res.power * r.power)


__all__ = ["ShiftReport", "expand_about", "Rescaling", "rescale_to_canonical",
           "laplace_rescaled", "split_exponential"]
