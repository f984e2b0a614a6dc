"""The local form of an integrand near a critical point: powers, logarithms, degeneracy.

Watson's lemma in the general form of Wong (*Asymptotic Approximations of
Integrals*, ch. I §2-§3, and ch. II §1) and Olver (*Asymptotics and Special
Functions*, ch. 3 §3, §9) needs, near the critical point ``x0`` and along one side
``x = x0 + s*u`` (``s = +-1``, ``u > 0``),

* the amplitude as ``f = u**alpha * sum_i log(u)**i * phi_i(u)`` with each
  ``phi_i`` analytic at ``u = 0`` (DLMF §2.3(ii) with logarithms, Wong I.§4), and
* the exponent as ``g(x0 + s u) - g(x0) = sum_{k >= mu} t_k u**k`` with
  ``t_mu != 0`` (``mu = 1`` an ordinary endpoint, ``mu = 2`` a simple maximum,
  ``mu >= 3`` a degenerate one, Wong II.§3; Bender & Orszag §6.4).

Both are read off the expression's form: a power or a logarithm whose base
vanishes at ``x0`` is split as ``u**k * rest`` by its leading term; everything
else is taken to be analytic there (the Taylor coefficients then say so, or
raise).  The order ``mu`` is searched up to :data:`MAX_DEGENERACY` derivatives, a
budget counted in work, so a stationary point of infinite order (``exp(-1/x**2)``)
is refused rather than mistaken for no critical point at all.

Map: :class:`LocalAmplitude`, :func:`local_amplitude`, :func:`is_regular_at`,
:func:`amplitude_breaks`, :func:`require_integrable`, :class:`ExponentTaylor`,
:func:`exponent_taylor`, :data:`MAX_DEGENERACY`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import sympy as sp

from remsym.asymptotics.local_series import MAX_VANISHING, rational_normal_form, taylor_iter
from remsym.errors import AsymptoticError

#: Highest order of the first non-vanishing derivative of the exponent searched.
MAX_DEGENERACY = 12

_U = sp.Dummy("u", positive=True)


class PowerLogForm(NamedTuple):
    """``expr = u**alpha * sum_i log(u)**i * logs[i]`` with every ``logs[i]`` presumed
    analytic at ``u = 0``."""

    alpha: sp.Expr
    logs: dict[int, sp.Expr]


class ExponentTaylor(NamedTuple):
    """``g(x0 + s u) - g(x0) = sum_{k >= mu} coefficients[k - mu] u**k``, ``t_mu != 0``."""

    mu: int
    coefficients: list[sp.Expr]


@dataclass(frozen=True)
class LocalAmplitude:
    """``f(x0 + s u) = u**alpha * sum_i log(u)**i * (sum_j taylor[i][j] u**j)``.

    ``alpha`` already includes the vanishing order of the analytic parts, so that
    some ``taylor[i][0]`` is nonzero.
    """

    alpha: sp.Expr
    taylor: dict[int, list[sp.Expr]]

    @property
    def log_power(self) -> int:
        return max(self.taylor)


def is_regular_at(f: sp.Expr, x: sp.Symbol, x0: sp.Expr) -> bool:
    """True when no power, root or logarithm in ``f`` has a base vanishing at ``x0``.

    The structural test that decides whether the plain Taylor route applies
    (rational functions with a pole at ``x0`` also count as irregular).
    """
    for node in sp.preorder_traversal(f):
        whole = node.is_Pow and node.exp.is_integer and node.exp.is_nonnegative
        if isinstance(node, sp.log) or (node.is_Pow and not whole):
            base = node.args[0]
            if base.has(x) and rational_normal_form(base.subs(x, x0)) == 0:
                return False
        if isinstance(node, sp.Abs) and node.args[0].has(x) and rational_normal_form(
                node.args[0].subs(x, x0)) == 0:
            return False
    return True


def rational_taylor(expr: sp.Expr, u: sp.Symbol, count: int) -> list[sp.Expr] | None:
    """``[c_0, ..., c_{count-1}]`` of a rational function of ``u`` at 0 by power-series
    division of its numerator by its denominator, or None when ``expr`` is not rational
    in ``u`` (repeated differentiation of a quotient grows fast; the division does not).
    """
    if not expr.has(u):
        return [rational_normal_form(expr)] + [sp.Integer(0)] * (count - 1)
    expr, back = radicals_as_symbols(expr)
    num, den = sp.fraction(sp.together(expr))
    if not (num.is_polynomial(u) and den.is_polynomial(u)):
        return None
    # the division runs in the fraction field of the coefficients' domain (generators
    # such as sqrt(a) and b), where each step is exact and stays in normal form
    (pn, pd), _ = sp.parallel_poly_from_expr((num, den), u)
    field = pn.domain.get_field()
    p = [field.convert(c, pn.domain) for c in pn.rep.to_list()[::-1]]
    q = [field.convert(c, pd.domain) for c in pd.rep.to_list()[::-1]]
    if not q[0]:
        return None
    out: list = []
    for k in range(count):
        acc = p[k] if k < len(p) else field.zero
        for i in range(1, min(k, len(q) - 1) + 1):
            acc -= q[i] * out[k - i]
        out.append(acc / q[0])
    return [field.to_sympy(c).xreplace(back) for c in out]  # already in normal form


def radicals_as_symbols(expr: sp.Expr) -> tuple[sp.Expr, dict]:
    """``sqrt(a)`` (a positive symbol) written as ``r`` with ``a = r**2``, so that the
    coefficients live in a polynomial ring rather than SymPy's slow ``EX`` domain."""
    denominators: dict[sp.Symbol, int] = {}
    for p in expr.atoms(sp.Pow):
        if p.base.is_Symbol and p.base.is_positive and p.exp.is_Rational and not p.exp.is_Integer:
            denominators[p.base] = sp.ilcm(denominators.get(p.base, 1), p.exp.q)
    if not denominators:
        return expr, {}
    roots = {s: sp.Dummy(f"{s.name}_root", positive=True) for s in denominators}
    forward = {s: roots[s] ** d for s, d in denominators.items()}
    back = {roots[s]: s ** sp.Rational(1, d) for s, d in denominators.items()}
    return expr.subs(forward), back


def _series_iter(expr: sp.Expr, x: sp.Symbol, x0: sp.Expr, side: int, hint: int):
    """Taylor coefficients of ``expr(x0 + side*u)``: rational functions by division
    (``hint`` terms at a time), anything else by :func:`taylor_iter`."""
    u = _U
    shifted = sp.sympify(expr).subs(x, x0 + side * u) if expr.has(x) else sp.sympify(expr)
    first = rational_taylor(shifted, u, hint)
    if first is None:
        yield from taylor_iter(expr, x, x0, side)
        return
    yield from first
    size = hint
    while True:  # rarely needed: more terms than the hint
        size *= 2
        more = rational_taylor(shifted, u, size)
        assert more is not None  # rational in u, as the first call found
        yield from more[size // 2:]


def amplitude_breaks(f: sp.Expr, x: sp.Symbol, bounds) -> list[sp.Expr]:
    """Real points of the closed range where a power, root, logarithm or ``Abs`` in ``f``
    has a vanishing base: where ``f`` may be singular or merely non-smooth.

    Such a point is a critical point of an oscillatory integral (it contributes a
    power of ``1/lam``, Wong ch. II §3) and must be integrable in any integral.
    Points that cannot be placed in the range from the assumptions are refused.
    """
    lo, hi = (sp.sympify(v) for v in bounds)
    bases = set()
    for node in sp.preorder_traversal(f):
        whole = node.is_Pow and node.exp.is_integer and node.exp.is_nonnegative
        if isinstance(node, (sp.log, sp.Abs)) or (node.is_Pow and not whole):
            if node.args[0].has(x):
                bases.add(node.args[0])
    points = set()
    for base in bases:
        roots = sp.solveset(base, x, sp.S.Reals)
        if roots is sp.S.EmptySet:
            continue
        if not isinstance(roots, sp.FiniteSet):
            raise AsymptoticError(f"cannot locate the zeros of {base} (in the amplitude {f}): "
                                  f"{roots}")
        for c in roots:
            inside = [True if end in (-sp.oo, sp.oo) else rational_normal_form(d).is_nonnegative
                      for end, d in ((lo, c - lo), (hi, hi - c))]
            if None in inside:
                raise AsymptoticError(f"cannot decide whether the singular point {c} of the "
                                      f"amplitude lies in ({lo}, {hi})")
            if all(inside):
                points.add(rational_normal_form(c))
    return sorted(points, key=sp.default_sort_key)


def require_integrable(f: sp.Expr, x: sp.Symbol, bounds, points) -> None:
    """:class:`AsymptoticError` unless ``f`` is integrable at each point (from inside)."""
    lo, hi = (sp.sympify(v) for v in bounds)
    for c in points:
        for side in (1, -1):
            if (side > 0 and c == hi) or (side < 0 and c == lo):
                continue
            local_amplitude(f, x, c, side, 0)


def _vanishing_split(base: sp.Expr, u: sp.Symbol) -> tuple[sp.Expr, sp.Expr]:
    """``base = u**k * rest`` with ``rest(0)`` finite and nonzero (``k`` may be 0 or < 0)."""
    at0 = base.subs(u, 0)
    if at0.is_finite and at0 != 0 and not at0.has(sp.nan, sp.zoo):
        return sp.Integer(0), base
    lead = base.as_leading_term(u)
    _, k = lead.as_coeff_exponent(u)
    if k == 0 or lead.has(sp.log):
        raise AsymptoticError(f"cannot read the local behaviour of {base} at the critical "
                              "point as a power of the distance")
    return k, rational_normal_form(sp.powsimp(sp.expand_power_base(base / u**k, force=True)))


def _poly_mul(p: dict, q: dict) -> dict:
    out: dict[int, sp.Expr] = {}
    for i, a in p.items():
        for j, b in q.items():
            out[i + j] = out.get(i + j, 0) + a * b
    return out


def _power_log_form(expr: sp.Expr, u: sp.Symbol) -> PowerLogForm:
    """``expr`` as a power of ``u`` times a polynomial in ``log(u)`` (read off its form)."""
    if not expr.has(u):
        return PowerLogForm(sp.Integer(0), {0: expr})
    if expr.is_Mul:
        alpha, poly = sp.Integer(0), {0: sp.Integer(1)}
        for factor in expr.args:
            a, p = _power_log_form(factor, u)
            alpha, poly = alpha + a, _poly_mul(poly, p)
        return PowerLogForm(alpha, poly)
    if expr.is_Add:
        return _power_log_form_of_sum(expr, u)
    if isinstance(expr, sp.log):
        k, rest = _vanishing_split(expr.args[0], u)
        return PowerLogForm(sp.Integer(0), {0: expr} if k == 0 else {0: sp.log(rest), 1: k})
    if expr.is_Pow and not expr.exp.has(u):
        if isinstance(expr.base, sp.log):
            if not (expr.exp.is_integer and expr.exp.is_nonnegative):
                raise AsymptoticError(f"the factor {expr} is not a whole power of a logarithm")
            alpha, poly = _power_log_form(expr.base, u)
            out = {0: sp.Integer(1)}
            for _ in range(int(expr.exp)):
                out = _poly_mul(out, poly)
            return PowerLogForm(alpha * expr.exp, out)
        k, rest = _vanishing_split(expr.base, u)
        return PowerLogForm(k * expr.exp, {0: rest**expr.exp})
    return PowerLogForm(sp.Integer(0), {0: expr})


def _power_log_form_of_sum(expr: sp.Expr, u: sp.Symbol) -> PowerLogForm:
    """Terms whose powers differ by whole numbers share the lowest one."""
    parts = [_power_log_form(term, u) for term in expr.args]
    low = parts[0].alpha
    for a, _ in parts[1:]:
        d = rational_normal_form(a - low)
        if not d.is_integer:
            raise AsymptoticError(f"the amplitude {expr} mixes powers u**{low} and u**{a} "
                                  "that do not differ by a whole number: split the integral")
        if d.is_negative:
            low = a
    out: dict[int, sp.Expr] = {}
    for a, poly in parts:
        shift = u ** rational_normal_form(a - low)
        for i, c in poly.items():
            out[i] = out.get(i, 0) + c * shift
    return PowerLogForm(low, out)


def local_amplitude(f: sp.Expr, x: sp.Symbol, x0: sp.Expr, side: int, count: int,
                    *, check_integrable: bool = True) -> LocalAmplitude:
    """Split ``f`` near ``x0`` on ``side`` and give ``count`` Taylor terms past the first.

    Raises :class:`AsymptoticError` when ``alpha <= -1`` (not integrable) or when
    that cannot be decided from the assumptions.
    """
    u = _U
    alpha, poly = _power_log_form(sp.sympify(f).subs(x, x0 + side * u), u)
    poly = {i: c for i, c in poly.items() if rational_normal_form(c) != 0}
    if not poly:
        raise AsymptoticError(f"f vanishes identically near {x0}")
    iters = {i: _series_iter(c, u, 0, 1, count + 2) for i, c in poly.items()}
    lists: dict[int, list[sp.Expr]] = {i: [] for i in poly}
    while True:  # the common vanishing order of the analytic parts
        for i, it in iters.items():
            lists[i].append(next(it))
        if any(lst[-1] != 0 for lst in lists.values()):
            break
        if len(lists[next(iter(lists))]) > MAX_VANISHING:
            raise AsymptoticError(f"f vanishes to order > {MAX_VANISHING} at {x0}: not handled")
    vanish = len(lists[next(iter(lists))]) - 1
    for i, it in iters.items():
        while len(lists[i]) < vanish + count + 1:
            lists[i].append(next(it))
    alpha = rational_normal_form(alpha + vanish)
    if check_integrable:
        _require_integrable(alpha, x0, f)
    taylor = {i: lst[vanish:vanish + count + 1] for i, lst in lists.items()}
    return LocalAmplitude(alpha, taylor)


def _require_integrable(alpha: sp.Expr, x0: sp.Expr, f: sp.Expr) -> None:
    room = rational_normal_form(alpha + 1)
    if room.is_positive:
        return
    if room.is_nonpositive:
        raise AsymptoticError(f"non-integrable endpoint: f = {f} behaves as |x - {x0}|**"
                              f"({alpha}) there, and alpha <= -1")
    raise AsymptoticError(f"cannot decide from the assumptions whether f = {f} is integrable "
                          f"at {x0}: it behaves as |x - {x0}|**({alpha}), and alpha > -1 "
                          "is needed")


def exponent_taylor(g: sp.Expr, x: sp.Symbol, x0: sp.Expr, side: int, count: int,
                    first: int = 1) -> ExponentTaylor:
    """``mu`` and ``[t_mu, ..., t_{mu+count}]`` for ``g(x0 + s u) - g(x0)``.

    Derivatives below ``first`` are known to vanish (a stationary point).  A point
    where the first :data:`MAX_DEGENERACY` derivatives vanish is refused as a
    critical point of infinite order.
    """
    it = _series_iter(g, x, x0, side, first + count + 2)
    for _ in range(first):  # g(x0) and the derivatives known to vanish
        next(it)
    mu = first
    while True:
        c = next(it)
        if c != 0:
            break
        mu += 1
        if mu > MAX_DEGENERACY:
            raise AsymptoticError(f"stationary point of infinite order at {x0}: the first "
                                  f"{MAX_DEGENERACY} derivatives of {g} vanish there")
    return ExponentTaylor(mu, [c] + [next(it) for _ in range(count)])


__all__ = ["LocalAmplitude", "local_amplitude", "is_regular_at", "ExponentTaylor",
           "exponent_taylor", "PowerLogForm",
           "amplitude_breaks", "require_integrable",
           "rational_taylor", "radicals_as_symbols",
           "MAX_DEGENERACY"]
