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

from dataclasses import dataclass
from functools import lru_cache

import sympy as sp
from sympy.polys.domains import QQ
from sympy.polys.rings import ring

from remsym.asymptotics.local_series import tidy
from remsym.asymptotics.singular import LocalAmplitude, exponent_taylor, local_amplitude
from remsym.errors import AsymptoticError

_Z = sp.Dummy("z")
_LA = sp.Dummy("log_a")
_LOGLAM = sp.Dummy("L")


@lru_cache(maxsize=64)
def generic_products(mu: int, top: int) -> tuple[tuple[tuple[int, sp.Expr], ...], ...]:
    """For ``j = 0..top``: the pairs ``(n, P_jn)`` with
    ``phi(eps y) exp(sum_{k>mu} t_k y^k eps^(k-mu)) = sum P_jn eps^j y^n``,
    in placeholders ``p_k`` (the ``t_k``) and ``q_j`` (the Taylor terms of ``phi``).
    """
    tn = [f"p{k}" for k in range(mu + 1, mu + top + 1)]
    fn = [f"q{j}" for j in range(top + 1)]
    R, eps, y, *gens = ring(",".join(["eps", "y"] + tn + fn), QQ)
    ts, fs = gens[:len(tn)], gens[len(tn):]

    def truncate(p):
        return R({mon: c for mon, c in p.items() if mon[0] <= top})

    hot = R.zero
    for k, t in zip(range(mu + 1, mu + top + 1), ts, strict=True):
        hot += t * y**k * eps ** (k - mu)
    body = R.zero
    for j, fj in enumerate(fs):
        body += fj * y**j * eps**j
    expo, term = R.one, R.one
    for n in range(1, top + 1):
        term = truncate(term * hot) * QQ(1, n)
        expo += term
    body = truncate(body * expo)
    syms = sp.symbols(tn + fn)
    out: list[dict[int, sp.Expr]] = [{} for _ in range(top + 1)]
    for mon, coeff in body.items():
        j, n = mon[0], mon[1]
        rest = sp.Mul(*[s**e for s, e in zip(syms, mon[2:], strict=True) if e])
        out[j][n] = out[j].get(n, 0) + sp.Rational(coeff.numerator, coeff.denominator) * rest
    return tuple(tuple(sorted(d.items(), key=lambda kv: kv[0])) for d in out)


@lru_cache(maxsize=16)
def _b_polynomial(level: int) -> sp.Expr:
    """``B_l(z)`` in the placeholder ``log a`` symbol ``_LA`` (see the module docstring)."""
    if level == 0:
        return sp.Integer(1)
    prev = _b_polynomial(level - 1)
    return sp.expand(sp.diff(prev, _Z) + prev * (sp.polygamma(0, _Z) - _LA))


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
    b = _b_polynomial(level).xreplace({_Z: z, _LA: weight.log})
    return base * b / sp.Integer(mu) ** level


def halfline_series(amp: LocalAmplitude, weight: Weight, hot: list[sp.Expr],
                    log_eps: sp.Expr, top: int) -> list[sp.Expr]:
    """``T_j`` (``j = 0..top``): ``integral_0^oo f exp(lam (g - g0)) du
    ~ exp(lam g0) eps**(alpha+1) unit * sum_j T_j eps**j``.

    ``hot`` are the exponent's coefficients ``t_{mu+1}, ...`` (times ``I`` for a phase).
    """
    products = generic_products(weight.mu, top)
    tsubs = {sp.Symbol(f"p{k}"): hot[k - weight.mu - 1]
             for k in range(weight.mu + 1, weight.mu + top + 1)}
    out = []
    for j in range(top + 1):
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
        out.append(total)
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


def _side_data(f, g, x, x0, side, top, first, oscillatory):
    mu, tco = exponent_taylor(g, x, x0, side, top, first)
    amp = local_amplitude(f, x, x0, side, top)
    lead = tco[0]
    if oscillatory:
        sign = 1 if lead.is_positive else -1 if lead.is_negative else None
        if sign is None:
            raise AsymptoticError(f"cannot decide the sign of the phase coefficient {lead} at "
                                  f"{x0} from the symbols' assumptions")
        weight = Weight(mu, tidy(sign * lead), sign)
        hot = [sp.I * t for t in tco[1:]]
    else:
        if not lead.is_negative:
            raise AsymptoticError(f"not a maximum: g - g({x0}) ~ ({lead}) u**{mu} there")
        weight, hot = Weight(mu, tidy(-lead)), list(tco[1:])
    return weight, hot, amp


def point_series(f, g, x, x0, sides: tuple[int, ...], lam: sp.Symbol, order: int, *,
                 first: int = 1, oscillatory: bool = False) -> PointSeries:
    """The expansion at ``x0`` from the given sides (both for an interior point).

    ``first`` is the lowest derivative of ``g`` that may be nonzero (2 at a stationary
    point).  With ``oscillatory`` the integrand is ``f exp(I lam g)``.
    """
    top = 2 * order + 1 if len(sides) == 2 else order
    data = [_side_data(f, g, x, x0, s, top, first, oscillatory) for s in sides]
    mu = data[0][0].mu
    alpha = data[0][2].alpha
    if any(d[0].mu != mu or tidy(d[2].alpha - alpha) != 0 for d in data):
        raise AsymptoticError(f"the two sides of {x0} scale differently: split the integral")
    log_eps = -sp.log(lam) / mu
    unit0 = data[0][0].unit(alpha)
    raw = [sp.Integer(0)] * (top + 1)
    for weight, hot, amp in data:
        rel = tidy(weight.unit(alpha) / unit0) if weight is not data[0][0] else 1
        for j, t in enumerate(halfline_series(amp, weight, hot, log_eps, top)):
            raw[j] += rel * t
    raw = [_clean(r) for r in raw]
    step = 2 if len(sides) == 2 and all(raw[j] == 0 for j in range(1, top + 1, 2)) else 1
    if raw[0] == 0:
        raise AsymptoticError(f"the leading term at {x0} cancels between the two sides")
    coeffs = [sp.Integer(1)] + [_clean(raw[step * k] / raw[0]) for k in range(1, order + 1)]
    scale = lam ** sp.Rational(-step, mu)
    power = tidy(-(alpha + 1) / mu)
    logs = max(amp.log_power for _, _, amp in data)
    lead_logs = sp.degree(raw[0].subs(sp.log(lam), _LOGLAM), _LOGLAM) if logs else 0
    neglected = scale ** (order + 1) * sp.log(lam) ** (logs - lead_logs)
    leading = unit0 * raw[0] * lam**power
    return PointSeries(leading, coeffs, scale, power, neglected, mu, alpha, logs)


def _clean(expr: sp.Expr) -> sp.Expr:
    """Expanded, with Gamma ratios and powers of the same base merged; digammas at
    shifted arguments reduced to one (``psi(a + 2) = psi(a) + 1/a + 1/(a + 1)``) so that
    log coefficients become rational functions of ``log(lam)`` and ``psi(a)``."""
    expr = sp.expand(sp.powsimp(sp.expand(expr)))
    if expr.has(sp.gamma):
        expr = sp.gammasimp(expr)
    if expr.has(sp.polygamma):
        expr = sp.expand_func(expr)
    if expr.has(sp.log, sp.polygamma):
        return sp.factor(sp.cancel(sp.together(expr)))
    return tidy(expr) if not expr.has(sp.exp) else expr


__all__ = ["generic_products", "moment", "halfline_series", "Weight", "PointSeries",
           "point_series"]
