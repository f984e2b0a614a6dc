"""The local expansion behind Laplace's method and Watson's lemma, in exact arithmetic.

Method (Wong, *Asymptotic Approximations of Integrals*, ch. II §1-§3; Bender &
Orszag §6.4): near the dominant point ``x0`` write ``x = x0 + s*eps*y`` (``s = +-1``
the direction into the range) and Taylor-expand ``g`` and ``f``.  The lowest
surviving term of ``lam*g`` stays in the exponent (``-A y^2/2`` at a stationary
point, with ``eps = lam^(-1/2)``; ``-B y`` at an endpoint with ``g' != 0``, with
``eps = 1/lam``); every higher term carries a positive power of ``eps``, so
``exp`` of them is expanded as a polynomial in ``eps`` and integrated term by term
with the moments of the base weight:

* whole line, ``exp(-A y^2/2)``: ``M_m/M_0 = (m-1)!! A^(-m/2)`` (``m`` even, else 0);
* half line, ``exp(-A y^2/2)``: ``M_m/M_0 = 2^(m/2) Gamma((m+1)/2)/sqrt(pi) A^(-m/2)``;
* half line, ``exp(-B y)`` (Watson's lemma): ``M_m/M_0 = m! B^(-m)``.

The combinatorics (which products of Taylor coefficients reach ``eps^j y^m``) are
done once per truncation with placeholder coefficients in a polynomial ring over
QQ and cached; the actual Taylor coefficients are substituted afterwards.  Series
truncations are kept tight: ``exp`` of the higher terms stops at ``eps^top``.

Map: :func:`taylor_coefficients`, :func:`rational_normal_form`, :func:`generic_terms` (cached
placeholder formula), :func:`local_expansion` (the raw series ``d_j``),
:class:`LocalSeries`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy as sp
from sympy.polys.domains import QQ
from sympy.polys.rings import ring

from remsym.errors import AsymptoticError

#: Highest order to which ``f`` may vanish at the dominant point.
MAX_VANISHING = 8

WEIGHTS = ("gauss-line", "gauss-half", "exponential")


def rational_normal_form(expr: sp.Expr) -> sp.Expr:
    """``factor(cancel(together(expr)))``, with zero recognised by expansion.

    A cheap canonical form for the Taylor coefficients, saddle values and ratios of the
    engine: rationals and symbols stay as they are, rational functions (in any
    generators, ``sqrt(a)``, ``exp(b)``, ...) are put over one cancelled denominator.
    """
    return _rational_normal_form(sp.sympify(expr))


@lru_cache(maxsize=1024)
def _rational_normal_form(expr: sp.Expr) -> sp.Expr:
    """:func:`rational_normal_form`, memoised: the arguments are immutable, and the same
    Taylor coefficients and saddle values recur across a collection's derivations."""
    if expr.is_Rational or expr.is_Symbol:
        return expr
    expanded = sp.expand(expr)
    if expanded == 0:
        return sp.Integer(0)
    try:
        # together/cancel on the unexpanded form: expanding first turns nested fractions
        # such as 1/(1 - K/(K+1))**5 into long sums that cancel must then recombine
        return sp.factor(sp.cancel(sp.together(expr)))
    except (sp.PolynomialError, NotImplementedError):  # pragma: no cover - exotic functions
        return expanded


def taylor_iter(expr: sp.Expr, x: sp.Symbol, x0: sp.Expr, side: int = 1):
    """Yield ``c_0, c_1, ...`` of ``expr(x0 + side*u) = sum c_k u^k``, one at a time."""
    deriv, k = sp.sympify(expr), 0
    while True:
        value = deriv.subs(x, x0)
        if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            value = sp.limit(deriv, x, x0, "+" if side > 0 else "-")
        if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo, sp.AccumBounds):
            raise AsymptoticError(f"the {k}-th derivative of {expr} is singular at {x0}: "
                                  "the local expansion does not exist")
        yield rational_normal_form(value * sp.Integer(side) ** k / sp.factorial(k))
        deriv, k = sp.diff(deriv, x), k + 1


def taylor_coefficients(expr: sp.Expr, x: sp.Symbol, x0: sp.Expr, top: int,
                        side: int = 1) -> list[sp.Expr]:
    """``[c_0, ..., c_top]`` with ``expr(x0 + side*u) = sum c_k u^k + O(u^(top+1))``."""
    coefficients = taylor_iter(expr, x, x0, side)
    return [next(coefficients) for _ in range(top + 1)]


def _relative_moment(weight: str, m: int) -> sp.Expr:
    """``M_m/M_0`` without the width factor ``W^m`` (see the module docstring)."""
    if weight == "gauss-line":
        return sp.factorial2(m - 1) if m % 2 == 0 else sp.Integer(0)
    if weight == "gauss-half":
        return 2 ** sp.Rational(m, 2) * sp.gamma(sp.Rational(m + 1, 2)) / sp.sqrt(sp.pi)
    return sp.factorial(m)


@lru_cache(maxsize=64)
def generic_terms(weight: str, top: int) -> tuple[sp.Expr, ...]:
    """``d_j`` (j = 0..top) in placeholders ``t_k`` (Taylor of g), ``f_j`` (of f), ``W``.

    ``integral f(x0+eps y) exp(lam g - base) * base weight dy / M_0
    = sum_j d_j eps^j``; ``W`` is the width (``A^(-1/2)`` or ``1/B``).
    """
    base = 1 if weight == "exponential" else 2
    tnames = [f"t{k}" for k in range(base + 1, top + base + 1)]
    fnames = [f"f{j}" for j in range(top + 1)]
    R, eps, y, *gens = ring(",".join(["eps", "y"] + tnames + fnames), QQ)
    ts, fs = gens[:len(tnames)], gens[len(tnames):]

    def truncate(p):
        return R({mon: c for mon, c in p.items() if mon[0] <= top})

    hot = R.zero
    for k, t in zip(range(base + 1, top + base + 1), ts, strict=True):
        hot += t * y**k * eps ** (k - base)
    fser = R.zero
    for j, fj in enumerate(fs):
        fser += fj * y**j * eps**j
    expo, term = R.one, R.one
    for n in range(1, top + 1):
        term = truncate(term * hot) * QQ(1, n)
        expo += term
    body = truncate(fser * expo)
    tsyms = sp.symbols(tnames)
    fsyms = sp.symbols(fnames)
    W = sp.Symbol("W")
    out = [sp.Integer(0)] * (top + 1)
    for mon, coeff in body.items():
        j, m = mon[0], mon[1]
        mu = _relative_moment(weight, m)
        if mu == 0:
            continue
        rest = sp.Mul(*[s**e for s, e in zip(tsyms + fsyms, mon[2:], strict=True) if e])
        out[j] += sp.Rational(coeff.numerator, coeff.denominator) * mu * W**m * rest
    return tuple(out)


@dataclass(frozen=True)
class LocalSeries:
    """``integral ~ exp(lam g0) * norm * W * eps * sum_j d_j eps^j`` near one point."""

    weight: str
    eps: sp.Expr          # lam^(-1/2) or 1/lam
    width: sp.Expr        # W
    norm: sp.Expr         # M_0 / W
    g0: sp.Expr
    terms: tuple[sp.Expr, ...]


def local_expansion(f: sp.Expr, g: sp.Expr, x: sp.Symbol, x0: sp.Expr, lam: sp.Symbol,
                    weight: str, side: int, count: int) -> LocalSeries:
    """Raw terms ``d_j`` enough for ``count`` nonzero relative coefficients.

    ``weight``: ``gauss-line`` (interior maximum), ``gauss-half`` (stationary
    endpoint), ``exponential`` (endpoint with ``g' != 0``).
    """
    step = 2 if weight == "gauss-line" else 1
    f_iter = taylor_iter(f, x, x0, side)
    f_taylor: list[sp.Expr] = []
    # only as many coefficients of f as its vanishing order needs
    while not f_taylor or f_taylor[-1] == 0:
        if len(f_taylor) > MAX_VANISHING:
            raise AsymptoticError(f"f vanishes to order > {MAX_VANISHING} at the maximum "
                                  f"x0 = {x0}: not handled")
        f_taylor.append(next(f_iter))
    vanish = len(f_taylor) - 1
    top = vanish + (1 if weight == "gauss-line" else 0) + step * (count - 1)
    base = 1 if weight == "exponential" else 2
    g_taylor = taylor_coefficients(g, x, x0, top + base, side)
    if weight == "exponential":
        width = rational_normal_form(-1 / g_taylor[1])
        eps, norm = 1 / lam, sp.Integer(1)
    else:
        width = rational_normal_form(1 / sp.sqrt(-2 * g_taylor[2]))
        eps = 1 / sp.sqrt(lam)
        norm = sp.sqrt(2 * sp.pi) if weight == "gauss-line" else sp.sqrt(sp.pi / 2)
    while len(f_taylor) < top + 1:
        f_taylor.append(next(f_iter))
    subs = {sp.Symbol("W"): width}
    subs.update({sp.Symbol(f"t{k}"): g_taylor[k] for k in range(base + 1, top + base + 1)})
    subs.update({sp.Symbol(f"f{j}"): f_taylor[j] for j in range(top + 1)})
    generic = generic_terms(weight, top)
    terms = tuple(rational_normal_form(d.xreplace(subs)) for d in generic)
    return LocalSeries(weight, eps, width, norm, g_taylor[0], terms)


__all__ = ["rational_normal_form", "taylor_coefficients", "generic_terms", "local_expansion",
           "LocalSeries", "MAX_VANISHING"]
