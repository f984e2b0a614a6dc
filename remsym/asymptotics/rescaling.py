"""Moving maxima and moving endpoints: rescaling an integral to Laplace's canonical form.

A trap of Laplace's method as physicists meet it (Bender & Orszag §6.4, "moving
maxima"; Wong ch. II §5): the large parameter sits in the bounds or in ``f``
rather than as ``lam*g(x)``.  :func:`rescale_to_canonical` *finds* an affine
substitution ``x = x0 + scale*y`` (``x0`` the dominant point, ``scale`` a power of
the large parameter times a factor free of it) by matching powers: after the
substitution every Taylor coefficient of the exponent must carry the same power
``lam = L^p``.  The steps, in order: split the integrand into ``f exp(phi)``
(:func:`split_exponential`), locate the dominant point as ``L -> oo``
(:func:`_dominant_point`), read the powers of the exponent's Taylor coefficients
(:func:`_scaled_coefficients`), balance them (:func:`_balance_powers`), normalise
the lowest term (:func:`_scale_factor`), then map the amplitude and the range.

Map: :class:`Rescaling`, :func:`rescale_to_canonical`, :func:`laplace_rescaled`,
:func:`split_exponential`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import sympy as sp

from remsym.asymptotics.laplace import LaplaceResult, laplace
from remsym.asymptotics.local_series import rational_normal_form
from remsym.derivation.steps import Limit, Relation, Step
from remsym.errors import AsymptoticError


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


class DominantPoint(NamedTuple):
    """Where the integrand peaks as ``large -> oo``: ``kind`` as in :class:`Rescaling`,
    ``side`` the direction into the range (``-1`` at an upper endpoint)."""

    point: sp.Expr
    kind: str
    side: int


class ScaledCoefficient(NamedTuple):
    """A Taylor coefficient ``a_k`` of the exponent about the dominant point, with the
    power ``e_k`` of ``a_k ~ C large**e_k``."""

    value: sp.Expr
    power: sp.Expr


class PowerBalance(NamedTuple):
    """``scale ~ large**scale_power`` makes every term of the exponent carry
    ``lam = large**lam_power``."""

    scale_power: sp.Expr
    lam_power: sp.Expr


def _eventual_sign(expr: sp.Expr, large: sp.Symbol, what: str) -> int:
    """Sign of ``expr`` from the assumptions, else from its limit as ``large -> oo``."""
    expr = rational_normal_form(expr)
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
    lead = sp.powsimp(rational_normal_form(expr).subs(large, 1 / eps)).as_leading_term(eps)
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


def _value_at_end(expr, x, end, side):
    """``expr`` at a finite endpoint, as the one-sided limit from inside if singular."""
    value = expr.subs(x, end)
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        value = sp.limit(expr, x, end, "+" if side > 0 else "-")
    return value


def _position(c, lo, hi, large) -> str:
    """'in', 'lo', 'hi' (on that endpoint) or 'out', decided as ``large -> oo``."""
    where = "in"
    for end, tag, distance in ((lo, "lo", c - lo), (hi, "hi", hi - c)):
        if end in (-sp.oo, sp.oo):
            continue
        sgn = _eventual_sign(distance, large, f"the distance of {c} from the endpoint {end}")
        if sgn == 0:
            where = tag
        elif sgn < 0:
            where = "out"
    return where


def _stationary_maxima(phi, x, large, lo, hi) -> list[DominantPoint]:
    """Roots of ``phi'`` in the range where ``phi'' < 0`` as ``large -> oo``."""
    dphi, d2phi = sp.diff(phi, x), sp.diff(phi, x, 2)
    try:
        roots = sp.solve(dphi, x)
    except NotImplementedError as exc:
        raise AsymptoticError(f"cannot solve phi' = {dphi} = 0 symbolically") from exc
    found = []
    for c in roots:
        if c.is_real is False:
            continue
        where = _position(c, lo, hi, large)
        if where == "out":
            continue
        curv = _eventual_sign(d2phi.subs(x, c), large, f"phi''({c})")
        if curv == 0:
            raise AsymptoticError(f"degenerate maximum: phi''({c}) = 0")
        if curv < 0:
            kind = "interior" if where == "in" else "half-gaussian"
            found.append(DominantPoint(rational_normal_form(c), kind, -1 if where == "hi" else 1))
    return found


def _dominant_point(phi, x, large, lo, hi) -> DominantPoint:
    """The point that dominates as ``large -> oo``; equal maxima are refused."""
    found = _stationary_maxima(phi, x, large, lo, hi)
    on_end = {m.side for m in found if m.kind == "half-gaussian"}
    dphi = sp.diff(phi, x)
    for end, side in ((lo, 1), (hi, -1)):
        if end in (-sp.oo, sp.oo) or side in on_end:
            continue
        if _value_at_end(phi, x, end, side) == -sp.oo:  # e.g. L log t at t = 0: contributes nothing
            continue
        if _eventual_sign(side * _value_at_end(dphi, x, end, side), large, f"phi'({end})") < 0:
            found.append(DominantPoint(end, "endpoint", side))
    if not found:
        raise AsymptoticError("no maximum: the exponent has neither an interior maximum nor a "
                              "dominant endpoint in the range")
    values = [phi.subs(x, m.point) for m in found]
    best = 0
    for i in range(1, len(found)):
        if _eventual_sign(values[i] - values[best], large, "a difference of maxima") > 0:
            best = i
    ties = [m.point for i, m in enumerate(found)
            if i != best and _eventual_sign(values[best] - values[i], large, "a difference") == 0]
    if ties:
        raise AsymptoticError(f"several equal maxima at {found[best].point} and {ties}: "
                              "rescale each contribution separately")
    return found[best]


def _without_large(expr: sp.Expr, large: sp.Symbol, y: sp.Symbol) -> sp.Expr:
    """Targeted rewrites (log of a product splits, then cancel) to remove ``large``."""

    def split_log(e):
        # log(c * r(y)) = log c + log r(y) with c > 0: the argument was positive on the
        # range before the substitution, so c and r(y) share their sign there
        const, rest = sp.factor(e.args[0]).as_independent(y, as_Add=False)
        if const.could_extract_minus_sign():
            const, rest = -const, -rest
        return sp.expand_log(sp.log(const), force=True) + sp.log(rest)

    return rational_normal_form(expr.replace(lambda e: isinstance(e, sp.log), split_log))


def _scaled_coefficients(shifted, u, first: int, probe: int,
                         large: sp.Symbol) -> dict[int, ScaledCoefficient]:
    """The nonzero Taylor coefficients ``a_k`` (``k = first .. first + probe - 1``) of the
    exponent ``shifted(u)`` about ``u = 0``, each with its power of ``large``."""
    coeffs = {}
    for k in range(first, first + probe):
        a_k = rational_normal_form(sp.diff(shifted, u, k).subs(u, 0) / sp.factorial(k))
        if a_k != 0:
            coeffs[k] = ScaledCoefficient(a_k, _leading_power(a_k, large))
    return coeffs


def _balance_powers(coeffs: dict[int, ScaledCoefficient], x0, large) -> PowerBalance:
    """``q`` and ``p`` with ``e_k + k q = p`` for every probed ``k`` (two coefficients fix
    ``q``, the others must agree), and ``p > 0`` so that a large parameter remains."""
    ks = sorted(coeffs)
    if len(ks) >= 2:
        q = sp.sympify(coeffs[ks[0]].power - coeffs[ks[1]].power) / (ks[1] - ks[0])
    else:  # a single term (exactly quadratic or linear): keep the scale free of large
        q = sp.Integer(0)
    p = coeffs[ks[0]].power + ks[0] * q
    for k, (_, e_k) in coeffs.items():
        if rational_normal_form(e_k + k * q - p) != 0:
            raise AsymptoticError(f"no affine rescaling balances the exponent: its Taylor "
                                  f"coefficients about {x0} scale as {large}**{e_k} (k = {k}), "
                                  f"not as {large}**({p} - {k}*{q})")
    if not (p.is_positive or _eventual_sign(p, large, "the power p") > 0):
        raise AsymptoticError(f"after rescaling the exponent carries {large}**{p}: no large "
                              "parameter remains (an exactly Gaussian exponent? use "
                              "gaussian_integral)")
    return PowerBalance(q, p)


def _scale_factor(coeffs: dict[int, ScaledCoefficient], peak: DominantPoint,
                  large: sp.Symbol) -> sp.Expr:
    """``c`` normalising the lowest term to ``-y**2/2`` (stationary) or ``-y`` (endpoint)."""
    lead_k = min(coeffs)
    lead = rational_normal_form(coeffs[lead_k].value / large ** coeffs[lead_k].power)
    if lead_k == 2:
        c = rational_normal_form(1 / sp.sqrt(-2 * lead))
    else:
        c = rational_normal_form(-1 / lead)
    # at an endpoint -1/lead already points into the range; a half Gaussian at the
    # upper end needs scale < 0 so that y >= 0 on the range
    return c * peak.side if peak.kind == "half-gaussian" else c


def _split_amplitude(f, x, x0, scale, y, large) -> tuple[sp.Expr, sp.Expr]:
    """``f(x0 + scale y) = constant * varying``: the factors free of ``y`` (they may carry
    ``large``) and those with ``y`` (which must be free of ``large``)."""
    fy = rational_normal_form(f.subs(x, x0 + scale * y))
    constant, varying = sp.Integer(1), sp.Integer(1)
    for factor in sp.Mul.make_args(fy):
        if factor.has(y):
            varying *= factor
        else:
            constant *= factor
    if varying.has(large):
        raise AsymptoticError(f"after x = {x0} + {scale}*y the prefactor {varying} still "
                              f"depends on {large} together with {y}: not canonical")
    return constant, varying


def _rescaled_bounds(bounds, x, phi, x0, scale, jac_sign,
                     large) -> tuple[tuple[sp.Expr, sp.Expr], list[sp.Expr]]:
    """The range in ``y`` (increasing), and the tails ``exp(phi(end) - phi(x0))`` dropped
    where a moving endpoint runs off to infinity in ``y``."""
    ybounds, dropped = [], []
    for end in bounds:
        if end in (-sp.oo, sp.oo):
            ybounds.append(end * jac_sign)
            continue
        yb = rational_normal_form((end - x0) / scale)
        if yb.has(large):
            towards = sp.limit(yb, large, sp.oo)
            if towards not in (sp.oo, -sp.oo):
                raise AsymptoticError(f"the endpoint {end} stays at a finite, moving distance "
                                      f"{yb} -> {towards} in the rescaled variable")
            dropped.append(sp.exp(rational_normal_form(phi.subs(x, end) - phi.subs(x, x0))))
            yb = towards
        ybounds.append(yb)
    ya, yb = ybounds if jac_sign > 0 else ybounds[::-1]
    return (ya, yb), dropped


def _rescaling_step(integral, after, peak: DominantPoint, scale, lam, large,
                    coeffs: dict[int, ScaledCoefficient], balance: PowerBalance,
                    dropped: list[sp.Expr]) -> Step:
    why = (f"x = {sp.sstr(peak.point)} + ({sp.sstr(scale)})*y, found by matching powers: "
           f"about the dominant point ({peak.kind}) the Taylor coefficients of the exponent "
           "scale as "
           + ", ".join(f"{large}**{sp.sstr(c.power)} (k = {k})" for k, c in coeffs.items())
           + f"; with scale ~ {large}**{sp.sstr(balance.scale_power)} each carries "
             f"lam = {sp.sstr(lam)} (Bender & Orszag 6.4, moving maxima)")
    if dropped:
        why += "; moving endpoints sent to infinity: exponentially small tails dropped"
        return Step(integral, after, Relation.ASYMPTOTIC, "rescale-to-canonical", why,
                    limit=Limit(large, sp.oo), order=sp.Add(*dropped))
    return Step(integral, after, Relation.EQUAL, "rescale-to-canonical", why)


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
    peak = _dominant_point(phi, x, large, lo, hi)
    x0 = peak.point
    u = sp.Dummy("u")
    shifted = phi.subs(x, x0 + u)
    coeffs = _scaled_coefficients(shifted, u, 1 if peak.kind == "endpoint" else 2, probe,
                                  large)
    balance = _balance_powers(coeffs, x0, large)
    scale = rational_normal_form(_scale_factor(coeffs, peak, large)
                                 * large**balance.scale_power)
    lam = large**balance.lam_power
    g = _without_large((shifted.subs(u, scale * y) - shifted.subs(u, 0)) / lam, large, y)
    if g.has(large):
        raise AsymptoticError(f"after x = {x0} + {scale}*y the exponent is not {lam} times a "
                              f"function free of {large}: {g}")
    jac_sign = _eventual_sign(scale, large, "the scale")
    constant, varying = _split_amplitude(f, x, x0, scale, y, large)
    prefactor = (rational_normal_form(constant * scale * jac_sign)
                 * sp.exp(rational_normal_form(phi.subs(x, x0))))
    ybounds, dropped = _rescaled_bounds((lo, hi), x, phi, x0, scale, jac_sign, large)
    after = prefactor * sp.Integral(varying * sp.exp(lam * g), (y, *ybounds))
    step = _rescaling_step(integral, after, peak, scale, lam, large, coeffs, balance, dropped)
    return Rescaling(large, lam, balance.lam_power, y, x0, scale, prefactor, varying, g,
                     ybounds, peak.kind, not dropped, (step,))


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


__all__ = ["Rescaling", "rescale_to_canonical", "laplace_rescaled", "split_exponential"]
