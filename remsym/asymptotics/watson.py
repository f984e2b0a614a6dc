"""Watson's lemma in general: powers, logarithms and degenerate exponents, by Gamma integrals.

Method (Wong, *Asymptotic Approximations of Integrals*, ch. I §2-§4 and ch. II
§1-§3; Olver, *Asymptotics and Special Functions*, ch. 3 §8-§9; DLMF §2.3(ii)-(iii)
and §2.4(iv)).  Near a critical point, along one side ``x = x0 + s*u``,

    f = u**alpha * sum_i log(u)**i phi_i(u),   g - g0 = -a u**mu + sum_{k > mu} t_k u**k.

With ``u = eps*y``, ``eps = lam**(-1/mu)``, the term ``-a y**mu`` stays in the
exponent; ``exp`` of the higher terms and ``phi_i(eps y)`` become a polynomial in
``eps`` and ``y`` (the combinatorics done once per ``(mu, top)`` with placeholder
coefficients in a polynomial ring over QQ, and cached); ``log(u) = log(eps) +
log(y)``; and each monomial is integrated term-wise by

    integral_0^oo y**(s-1) log(y)**l exp(-a y**mu) dy = d^l/ds^l [Gamma(s/mu) a**(-s/mu)/mu],

the logarithms coming from derivatives of the Gamma integral in its exponent.  The
``l``-th derivative is ``Gamma(z) a**(-z) B_l(z)/mu**(l+1)`` with ``z = s/mu`` and
``B_{l+1} = B_l' + B_l (psi(z) - log a)``.  For the oscillatory case
(``exp(I lam h)``, stationary phase, Olver ch. 3 §13 and Wong II.§3) ``a = -I t_mu``
lies on the imaginary axis and the same Gamma integral holds after rotating the
path (principal branch), which is how the phase factors ``exp(+-I pi z/2)`` enter.

Map: :func:`generic_products` (cached placeholder algebra), :func:`moment`
(Gamma integral and its derivatives, relative to the unit moment),
:func:`halfline_series` (one side), :class:`PointSeries` and :func:`point_series`
(both sides of a point added, the series in ``lam``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

import sympy as sp
from sympy.polys.constructor import construct_domain
from sympy.polys.domains import QQ
from sympy.polys.rings import ring

from remsym.asymptotics.local_series import rational_normal_form
from remsym.asymptotics.singular import (
    LocalAmplitude,
    exponent_taylor,
    is_regular_at,
    local_amplitude,
    radicals_as_symbols,
)
from remsym.errors import AsymptoticError

_Z = sp.Dummy("z")
_LOG_A = sp.Dummy("log_a")
_LOGLAM = sp.Dummy("L")
_IMAG = sp.Dummy("i")


@lru_cache(maxsize=64)
def ring_products(mu: int, top: int) -> tuple[tuple[tuple[int, tuple], ...], ...]:
    """For ``j = 0..top``: pairs ``(n, ((exponents, coefficient), ...))`` with
    ``phi(eps y) exp(sum_{k>mu} t_k y^k eps^(k-mu)) = sum P_jn eps^j y^n``; the
    exponents are those of ``t_{mu+1..mu+top}`` then ``q_0..q_top`` (the Taylor terms
    of ``phi``) in ``P_jn``, the coefficients rationals (``QQ``).
    """
    names = [f"p{k}" for k in range(mu + 1, mu + top + 1)] + [f"q{j}" for j in range(top + 1)]
    R, eps, y, *gens = ring(",".join(["eps", "y"] + names), QQ)
    ts, fs = gens[:top], gens[top:]

    def truncate(p):
        return R({mon: c for mon, c in p.items() if mon[0] <= top})

    higher = R.zero
    for k, t in zip(range(mu + 1, mu + top + 1), ts, strict=True):
        higher += t * y**k * eps ** (k - mu)
    body = R.zero
    for j, fj in enumerate(fs):
        body += fj * y**j * eps**j
    expo, term = R.one, R.one
    for n in range(1, top + 1):
        term = truncate(term * higher) * QQ(1, n)
        expo += term
    body = truncate(body * expo)
    out: list[dict[int, list]] = [{} for _ in range(top + 1)]
    for mon, coeff in body.items():
        out[mon[0]].setdefault(mon[1], []).append((mon[2:], coeff))
    return tuple(tuple((n, tuple(terms)) for n, terms in sorted(d.items())) for d in out)


@lru_cache(maxsize=64)
def generic_products(mu: int, top: int) -> tuple[tuple[tuple[int, sp.Expr], ...], ...]:
    """:func:`ring_products` as SymPy expressions in the placeholders ``p_k``, ``q_j``."""
    syms = sp.symbols([f"p{k}" for k in range(mu + 1, mu + top + 1)]
                      + [f"q{j}" for j in range(top + 1)])
    return tuple(tuple((n, sp.Add(*[sp.Rational(c.numerator, c.denominator)
                                    * sp.Mul(*[s**e for s, e in zip(syms, mon, strict=True) if e])
                                    for mon, c in terms]))
                       for n, terms in row) for row in ring_products(mu, top))


@lru_cache(maxsize=16)
def _b_polynomial(level: int) -> sp.Expr:
    """``B_l(z)`` in the placeholder ``log a`` symbol ``_LOG_A`` (see the module docstring)."""
    if level == 0:
        return sp.Integer(1)
    prev = _b_polynomial(level - 1)
    return sp.expand(sp.diff(prev, _Z) + prev * (sp.polygamma(0, _Z) - _LOG_A))


def _gamma_ratio(z0: sp.Expr, d: sp.Expr) -> sp.Expr:
    """``Gamma(z0 + d)/Gamma(z0)`` as a rising factorial times a canonical Gamma ratio."""
    whole = sp.floor(d)
    frac = d - whole
    out = sp.rf(z0 + frac, whole)
    if frac != 0:
        out *= sp.gamma(z0 + frac) / sp.gamma(z0)
    return sp.expand_func(out)


@dataclass(frozen=True)
class Weight:
    """The base weight ``exp(-a y**mu)``; ``a = |a| exp(-I pi sign/2)`` (``sign = 0``: real)."""

    mu: int
    size: sp.Expr
    sign: int = 0

    def power(self, p: sp.Expr) -> sp.Expr:
        """``a**p`` on the principal branch."""
        out = self.size**p
        return out * sp.exp(-sp.I * sp.pi * self.sign * p / 2) if self.sign else out

    @property
    def log(self) -> sp.Expr:
        return sp.log(self.size) - sp.I * sp.pi * self.sign / 2

    def unit(self, alpha: sp.Expr) -> sp.Expr:
        """``integral_0^oo y**alpha exp(-a y**mu) dy``."""
        z0 = (alpha + 1) / self.mu
        return sp.gamma(z0) * self.power(-z0) / self.mu


def moment(weight: Weight, alpha: sp.Expr, n: int, level: int) -> sp.Expr:
    """``integral y**(alpha+n) log(y)**level exp(-a y**mu) dy`` over the unit moment."""
    mu = weight.mu
    z0 = (alpha + 1) / mu
    z = z0 + sp.Rational(n, mu)
    base = _gamma_ratio(z0, sp.Rational(n, mu)) * weight.power(-sp.Rational(n, mu))
    if level == 0:
        return base
    b = _b_polynomial(level).xreplace({_Z: z, _LOG_A: weight.log})
    return base * b / sp.Integer(mu) ** level


def halfline_series(amp: LocalAmplitude, weight: Weight, higher: list[sp.Expr],
                    log_eps: sp.Expr, top: int, js) -> dict[int, sp.Expr]:
    """``T_j`` for ``j`` in ``js`` (``<= top``): ``integral_0^oo f exp(lam (g - g0)) du
    ~ exp(lam g0) eps**(alpha+1) unit * sum_j T_j eps**j``.

    ``higher`` are the exponent's coefficients ``t_{mu+1}, ...`` (times ``I`` for a phase).
    """
    products = generic_products(weight.mu, top)
    tsubs = {sp.Symbol(f"p{k}"): higher[k - weight.mu - 1]
             for k in range(weight.mu + 1, weight.mu + top + 1)}
    out = {}
    for j in js:
        total = sp.Integer(0)
        for n, poly in products[j]:
            shaped = poly.xreplace(tsubs)
            for i, coeffs in amp.taylor.items():
                value = shaped.xreplace({sp.Symbol(f"q{k}"): coeffs[k] for k in range(top + 1)})
                if value == 0:
                    continue
                logs = sum((sp.binomial(i, level) * log_eps ** (i - level)
                            * moment(weight, amp.alpha, n, level)
                            for level in range(i + 1)), sp.Integer(0))
                total += value * logs
        out[j] = total
    return out


@dataclass(frozen=True)
class PointSeries:
    """``integral near x0 ~ exp(lam g0) * leading_factor * sum_k coefficients[k] scale**k``."""

    leading: sp.Expr
    coefficients: list
    scale: sp.Expr
    power: sp.Expr
    order: sp.Expr
    mu: int
    alpha: sp.Expr
    log_power: int


@dataclass(frozen=True)
class SideData:
    """One side of a critical point: the base weight, the exponent's coefficients past
    the leading one (``t_{mu+1}, ...``, times ``I`` for a phase) and the amplitude."""

    weight: Weight
    higher: list[sp.Expr]
    amplitude: LocalAmplitude


def _side_data(f, g, x, x0, side, top, first, oscillatory) -> SideData:
    mu, exponent_coeffs = exponent_taylor(g, x, x0, side, top, first)
    amp = local_amplitude(f, x, x0, side, top)
    lead = exponent_coeffs[0]
    if oscillatory:
        sign = 1 if lead.is_positive else -1 if lead.is_negative else None
        if sign is None:
            raise AsymptoticError(f"cannot decide the sign of the phase coefficient {lead} at "
                                  f"{x0} from the symbols' assumptions")
        weight = Weight(mu, rational_normal_form(sign * lead), sign)
        higher = [sp.I * t for t in exponent_coeffs[1:]]
    else:
        if not lead.is_negative:
            raise AsymptoticError(f"not a maximum: g - g({x0}) ~ ({lead}) u**{mu} there")
        weight, higher = Weight(mu, rational_normal_form(-lead)), list(exponent_coeffs[1:])
    return SideData(weight, higher, amp)


def point_series(f, g, x, x0, sides: tuple[int, ...], lam: sp.Symbol, order: int, *,
                 first: int = 1, oscillatory: bool = False) -> PointSeries:
    """The expansion at ``x0`` from the given sides (both for an interior point).

    ``first`` is the lowest derivative of ``g`` that may be nonzero (2 at a stationary
    point).  With ``oscillatory`` the integrand is ``f exp(I lam g)``.
    """
    both = len(sides) == 2
    # at an interior point with f analytic and mu even the two sides' odd terms cancel
    # (the power of y in each monomial has the parity of j), so only even j are built
    parity = both and (first == 2 or not oscillatory) and is_regular_at(f, x, x0)
    top = 2 * order + 1 if both else order
    data = [_side_data(f, g, x, x0, s, top, first, oscillatory) for s in sides]
    base = data[0].weight
    mu, alpha = base.mu, data[0].amplitude.alpha
    if any(d.weight.mu != mu or rational_normal_form(d.amplitude.alpha - alpha) != 0
           for d in data):
        raise AsymptoticError(f"the two sides of {x0} scale differently: split the integral")
    parity = parity and mu % 2 == 0
    js = range(0, top, 2) if parity else range(top + 1)
    unit0 = base.unit(alpha)
    rels = [rational_normal_form(d.weight.unit(alpha) / unit0) if d.weight is not base
            else sp.Integer(1) for d in data]
    raw = _field_series(data, rels, alpha, top, js)
    if raw is None:
        raw = _symbolic_series(data, rels, -sp.log(lam) / mu, top, js)
    step = 2 if parity or (both and all(raw.terms[j] == 0 for j in range(1, top + 1, 2))) else 1
    lead = raw.terms[0]
    if lead == 0:
        raise AsymptoticError(f"the leading term at {x0} cancels between the two sides")
    coeffs = [sp.Integer(1)] + [raw.ratio(step * k, 0) for k in range(1, order + 1)]
    scale = lam ** sp.Rational(-step, mu)
    power = rational_normal_form(-(alpha + 1) / mu)
    logs = max(d.amplitude.log_power for d in data)
    lead_logs = sp.degree(lead.subs(sp.log(lam), _LOGLAM), _LOGLAM) if logs else 0
    neglected = scale ** (order + 1) * sp.log(lam) ** (logs - lead_logs)
    leading = unit0 * lead * lam**power
    return PointSeries(leading, coeffs, scale, power, neglected, mu, alpha, logs)


class RawSeries(NamedTuple):
    """The raw terms ``raw_j`` of the sides' summed series and ``ratio(k, m)``, the
    normal form of ``raw_k / raw_m``."""

    terms: dict[int, sp.Expr]
    ratio: Callable[[int, int], sp.Expr]


def _symbolic_series(data: list[SideData], rels, log_eps, top, js) -> RawSeries:
    """``raw_j`` by SymPy arithmetic (the route when logarithms are present)."""
    raw = dict.fromkeys(js, sp.Integer(0))
    for rel, side in zip(rels, data, strict=True):
        for j, t in halfline_series(side.amplitude, side.weight, side.higher, log_eps, top,
                                    js).items():
            raw[j] += rel * t
    terms = {j: _gamma_normal_form(r) for j, r in raw.items()}  # small normal forms: cheap ratios

    def ratio(k, m):
        return _gamma_normal_form(terms[k] / terms[m])
    return RawSeries(terms, ratio)


class SeriesField(NamedTuple):
    """The inputs of the series as elements of one fraction field, and the substitution
    that maps its generators back to SymPy (``back``)."""

    domain: Any
    elements: list
    back: dict


def _series_field(data: list[SideData], rels, alpha, top, used, n_top) -> SeriesField | None:
    """Per side: the relative unit, ``t_{mu+1..mu+top}``, the amplitude's Taylor terms and
    the moments, converted together by ``construct_domain``; None for SymPy's ``EX``."""
    flat = []
    for rel, side in zip(rels, data, strict=True):
        flat += ([rel] + list(side.higher[:top])
                 + list(side.amplitude.taylor[0][:top + 1]))
        flat += [moment(side.weight, alpha, n, 0) if n in used else sp.Integer(0)
                 for n in range(n_top + 1)]
    tup, back = radicals_as_symbols(sp.Tuple(*flat))
    # I as a plain generator: fractions over ZZ[b, root, i] reduce fast, over ZZ_I they do
    # not (i**2 = -1 is imposed when the results go back to SymPy)
    tup = tup.xreplace({sp.I: _IMAG})
    back[_IMAG] = sp.I
    dom, elems = construct_domain(list(tup), field=True)
    if dom.is_EX:
        return None
    return SeriesField(dom, elems, back)


def _field_series(data: list[SideData], rels, alpha, top, js) -> RawSeries | None:
    """``raw_j`` computed in a fraction field (``ZZ_I(a_root, b, gamma(1/4), ...)``) found by
    ``construct_domain``, where sums of products stay in normal form at no cost; None
    when logarithms are present or the field would be SymPy's slow ``EX``."""
    if any(side.amplitude.log_power for side in data):
        return None
    rows = ring_products(data[0].weight.mu, top)
    used = {n for j in js for n, _ in rows[j]}
    n_top = max(used, default=0)
    field = _series_field(data, rels, alpha, top, used, n_top)
    if field is None:
        return None
    dom = field.domain
    rationals: dict = {}

    def rational(c):
        if c not in rationals:
            rationals[c] = dom.from_sympy(sp.Rational(c.numerator, c.denominator))
        return rationals[c]
    raw = dict.fromkeys(js, dom.zero)
    width = 1 + top + (top + 1) + (n_top + 1)
    for side in range(len(data)):
        chunk = field.elements[side * width:(side + 1) * width]
        rel, vals, moms = chunk[0], chunk[1:2 * top + 2], chunk[2 * top + 2:]
        for j in js:
            total = dom.zero
            for n, terms in rows[j]:
                part = dom.zero
                for mon, c in terms:
                    term = rational(c)
                    for v, e in zip(vals, mon, strict=True):
                        if e:
                            term *= v**e
                    part += term
                total += part * moms[n]
            raw[j] += rel * total

    def to_expr(value):
        return rational_normal_form(dom.to_sympy(value).xreplace(field.back))

    def ratio(k, m):
        return to_expr(raw[k] / raw[m])
    return RawSeries({j: to_expr(v) for j, v in raw.items()}, ratio)


def _gamma_normal_form(expr: sp.Expr) -> sp.Expr:
    """Gamma ratios and powers of one base merged, digammas at shifted arguments reduced
    to one (``psi(a + 2) = psi(a) + 1/a + 1/(a + 1)``), then one rational normal form
    (:func:`rational_normal_form`): log coefficients become rational functions of
    ``log(lam)`` and ``psi(a)``.  No expansion first: it would multiply out the
    quotients, which the normal form must then put back together."""
    if expr.has(sp.exp):
        expr = sp.powsimp(expr)
    if expr.has(sp.gamma):
        expr = sp.gammasimp(expr)
    if expr.has(sp.polygamma):
        expr = sp.expand_func(expr)
    return rational_normal_form(expr)


__all__ = ["generic_products", "moment", "halfline_series", "Weight", "PointSeries",
           "point_series"]
