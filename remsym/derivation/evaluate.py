"""High-precision evaluation of step expressions at parameter points.

Used by the checker's numeric witnesses.  Values are mpmath numbers computed
inside ``mpmath.workdps``; finite sums with a numeric upper limit are expanded,
and unevaluated integrals fall back to SymPy's ``evalf`` (mpmath quadrature)
unless a step supplies a validated evaluator of its own.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import mpmath
import sympy as sp

from remsym.derivation.routes import (
    feature_finder,
    has_infinite_sum,
    infinite_sum_value,
    split_integrals,
)
from remsym.errors import NumericReferenceError
from remsym.numeric.codegen import positional_lambdify


def random_point(symbols: Sequence[sp.Symbol], domain: Sequence[tuple[sp.Symbol, float, float]],
                 rng: random.Random) -> dict[sp.Symbol, sp.Expr]:
    """A random point for ``symbols``: inside ``domain`` boxes, else by assumptions.

    Integer symbols get integers; positive symbols land in [0.5, 3]; others in [-2, 2].
    Values are exact rationals so that no rounding enters before evaluation.
    """
    boxes = {sym: (lo, hi) for sym, lo, hi in domain}
    point: dict[sp.Symbol, sp.Expr] = {}
    for sym in sorted(symbols, key=lambda z: z.name):
        default = (0.5, 3.0) if sym.is_positive or sym.is_nonnegative else (-2.0, 2.0)
        lo, hi = boxes.get(sym, default)
        if sym.is_integer:
            floor = 1 if sym.is_positive else (0 if sym.is_nonnegative else lo)
            point[sym] = sp.Integer(rng.randint(int(max(lo, floor)), max(int(hi), int(floor))))
        else:
            point[sym] = sp.Rational(round(rng.uniform(lo, hi) * 10**6), 10**6)
    return point


def _expand_finite_sums(expr: sp.Expr, digits: int = 30) -> sp.Expr:
    """Finite sums with numeric limits, summed term by term in mpmath.

    (SymPy's ``doit`` on a sum of exponentials with rational exponents factors huge
    integers; a numeric summand needs none of that.)
    """
    def numeric(e: sp.Sum) -> sp.Expr:
        if len(e.limits) != 1 or e.function.free_symbols - {e.limits[0][0]} \
                or e.function.has(sp.Integral, sp.Sum):
            return e.doit()
        _, lo, hi = e.limits[0]
        term = _sum_code(e, ())[0]  # the summand's code, generated once per sum
        with mpmath.workdps(digits + 15):
            total = mpmath.fsum(term(mpmath.mpf(k)) for k in range(int(lo), int(hi) + 1))
            return sp.Float(total, digits + 15)

    return expr.replace(lambda e: isinstance(e, sp.Sum) and all(
        lim[2].is_number and lim[1].is_number for lim in e.limits), numeric)


def value(expr: sp.Expr, point: Mapping[sp.Symbol, Any], digits: int,
          absolute: bool = False) -> mpmath.mpf:
    """``expr`` at ``point`` with ``digits`` significant digits, as an mpmath number.

    Plain expressions are first evaluated by generated mpmath code at two precisions
    (fast, and SymPy never builds huge exact powers); if the two disagree beyond
    ``digits`` (cancellation), SymPy's adaptive ``evalf`` decides.

    ``absolute=True`` asks for ``digits`` digits after the point instead: the two
    precisions then need only agree to ``10**-(digits + 5)``.  That is what checking
    ``X = 0`` needs, and an exact zero (the slope of an exponent at its maximum) has no
    significant digits: ``evalf`` would raise its precision to the limit at every point
    (measured: 0.2-0.4 s for Eq 6's maximum-shift step at five points).
    """
    expr = sp.sympify(expr)
    if has_infinite_sum(expr) or _needs_feature_split(expr, point):
        return _value_at_substituted_point(expr, point, digits, absolute)
    fast = _lambdified_value(expr, point, digits, absolute)
    if fast is not None:
        return fast
    certified = _certified_value(expr, point, digits)
    if certified is not None:
        return certified
    summed = _summed_value(expr, point, digits)
    if summed is not None:
        return summed
    symbols = tuple(sorted(expr.free_symbols, key=sp.default_sort_key))
    if (expr.has(sp.Integral) and not expr.has(sp.Sum, sp.Product)
            and all(z in point for z in symbols)):
        # Compiled once per expression, its parameters as arguments: a rate witness
        # evaluates the same integral at eight points (measured: 0.1 s per point when
        # the point was substituted first, and everything compiled again).  Parameters
        # in an integration limit or an exponent are substituted exactly, as before:
        # 1/3 - (b - t^2) must cancel to t^2 next to a singular end, and a power
        # (x - c)^(k r) with k r = 1 must stay real.
        exact = _structural_symbols(expr)
        if exact:
            expr = expr.xreplace({z: sp.sympify(point[z]) for z in exact})
            symbols = tuple(z for z in symbols if z not in exact)
        return _quadrature_value(expr, digits, symbols, tuple(point[z] for z in symbols))
    sub = expr.xreplace({k: _for_substitution(v, digits) for k, v in point.items()})
    sub = _expand_finite_sums(sub, digits)
    if sub.has(sp.Integral):
        return _quadrature_value(sub, digits)
    num = sub.evalf(digits + 10, maxn=digits * 20)
    with mpmath.workdps(digits + 10):
        if num.is_real or num.is_real is None:
            try:
                return mpmath.mpf(num)
            except TypeError:
                return mpmath.mpc(complex(num))
        return mpmath.mpc(num)


#: The quadrature routes split ranges at fixed breakpoints and at the peak they locate:
#: sound for integrands with one feature near the origin, no narrower than this.
_ORIGIN_REACH, _NARROWEST = 50, 0.05


def _needs_feature_split(expr: sp.Expr, point: Mapping[sp.Symbol, Any]) -> bool:
    """Whether an integral of ``expr`` over an infinite range has, at ``point``, features
    (peaks, near poles) that the usual routes could miss: several, far from the origin,
    or narrow."""
    if not expr.has(sp.Integral):
        return False
    for integral in expr.atoms(sp.Integral):
        if len(integral.limits) != 1 or integral.function.has(sp.Integral):
            continue
        x, lo, hi = integral.limits[0]
        if lo.is_finite and hi.is_finite:
            continue  # a finite range: the certified route bisects it rigorously
        params = tuple(sorted(integral.function.free_symbols - {x}, key=lambda z: z.name))
        if any(z not in point for z in params):
            continue
        with mpmath.workdps(30):
            found = feature_finder(integral.function, x, params)(
                *(as_mpf(point[z], 35) for z in params))
        if len(found) > 1 or any(abs(c) > _ORIGIN_REACH or w < _NARROWEST for c, w in found):
            return True
    return False


def _value_at_substituted_point(expr: sp.Expr, point: Mapping[sp.Symbol, Any], digits: int,
                                absolute: bool) -> Any:
    """``expr`` with the point substituted, each infinite sum replaced by its two-method
    numeric value and each integral split at its feature points."""
    sub = expr.xreplace({k: sp.sympify(v) for k, v in point.items()})
    sums = {s: sp.Float(mpmath.nstr(infinite_sum_value(s, digits + 10), digits + 20),
                        digits + 20)
            for s in sub.atoms(sp.Sum) if has_infinite_sum(s)}
    sub = split_integrals(sub.xreplace(sums))
    if sub.has(sp.Integral):
        return _quadrature_value(sub, digits)
    return value(sub, {}, digits, absolute)


#: Exact coordinates up to this size are substituted as they are; larger ones (a deep
#: point of a rate witness, N = 10**20) as Floats, or SymPy would build exact powers of
#: them with as many digits.
_EXACT_REACH = 10**6


def _for_substitution(v: Any, digits: int) -> sp.Expr:
    v = sp.sympify(v)
    if v.is_Rational and (abs(v.p) > _EXACT_REACH or v.q > _EXACT_REACH ** 2):
        return sp.Float(v, digits + 30)
    return v


def _summed_value(expr: sp.Expr, point: Mapping[sp.Symbol, Any], digits: int):
    """Expressions of finite sums: each sum term by term from code generated once per sum
    (its parameters as arguments, :func:`_sum_code`), the rest by generated mpmath code.

    (Generating the summand's code at every point, and SymPy's ``evalf`` of the rest,
    were 4% of a whole check run.)  ``None`` (the caller substitutes the point and sums
    as before) for nested sums, integrals, products, undefined functions, a symbol
    without a value, or limits that are not integers at the point.
    """
    from sympy.core.function import AppliedUndef

    sums = sorted(expr.atoms(sp.Sum), key=sp.default_sort_key)
    if not sums or expr.has(sp.Integral, sp.Product) or expr.atoms(AppliedUndef) or any(
            len(e.limits) != 1 or e.function.has(sp.Sum) for e in sums):
        return None
    if any(z not in point for z in expr.free_symbols):
        return None
    values: dict[sp.Symbol, Any] = {}
    dummies: dict[sp.Sum, sp.Symbol] = {}
    for j, e in enumerate(sums):
        params = tuple(sorted(e.free_symbols, key=lambda z: z.name))
        total = _finite_sum(e, params, tuple(point[z] for z in params), digits)
        if total is None:
            return None
        dummies[e] = sp.Symbol(f"_sum_{j}")
        values[dummies[e]] = total
    return _lambdified_value(expr.xreplace(dummies), {**point, **values}, digits)


@lru_cache(maxsize=256)
def _sum_code(e: sp.Sum, params: tuple[sp.Symbol, ...]):
    """(summand, lower, upper) of ``e`` as mpmath code in ``params`` (summand: and the index)."""
    var, lo, hi = e.limits[0]
    return (positional_lambdify(params + (var,), e.function, modules="mpmath"),
            positional_lambdify(params, lo, modules="mpmath"),
            positional_lambdify(params, hi, modules="mpmath"))


def _finite_sum(e: sp.Sum, params: tuple[sp.Symbol, ...], values: tuple[Any, ...],
                digits: int):
    """``e`` at ``params = values``, summed in mpmath at ``digits + 15`` digits, as a
    SymPy Float of that precision; ``None`` when a limit is not an integer there."""
    term, lo_f, hi_f = _sum_code(e, params)
    work = digits + 15
    with mpmath.workdps(work):
        args = [as_mpf(v, work + 5) for v in values]
        lo, hi = lo_f(*args), hi_f(*args)
        if not all(isinstance(b, (int, mpmath.mpf)) and b == int(b) for b in (lo, hi)):
            return None
        total = mpmath.fsum(term(*args, mpmath.mpf(k)) for k in range(int(lo), int(hi) + 1))
        if not isinstance(total, mpmath.mpf):
            return None
        return sp.Float(mpmath.nstr(total, work, strip_zeros=False), work) if total else \
            sp.Integer(0)


def _structural_symbols(expr: sp.Expr) -> set[sp.Symbol]:
    """Symbols in an integration limit or in a non-numeric exponent of ``expr``."""
    found: set[sp.Symbol] = set()
    for integral in expr.atoms(sp.Integral):
        for limit in integral.limits:
            for end in limit[1:]:
                found |= sp.sympify(end).free_symbols
    for power in expr.atoms(sp.Pow):
        found |= power.exp.free_symbols
    return found & expr.free_symbols  # not the integration variables


def as_mpf(v: Any, dps: int | None = None) -> Any:
    """A point coordinate as an mpmath number at the current precision: a rational is
    divided exactly (rounded once), anything else goes through ``dps`` decimal digits
    (default: the current precision and 5 more)."""
    v = sp.sympify(v)
    if v.is_Rational:
        return mpmath.mpf(v.p) / v.q
    return mpmath.mpf(str(sp.N(v, dps if dps is not None else mpmath.mp.dps + 5)))


def _certified_value(expr: sp.Expr, point: Mapping[sp.Symbol, Any], digits: int):
    """Expressions of one-dimensional integrals: each integral by python-flint's certified
    quadrature (:mod:`remsym.numeric.certified`), the rest by generated mpmath code.

    ``None`` (the caller falls back to split mpmath quadrature) for nested integrals,
    sums, undefined functions, or a function without a ball form.
    """
    from sympy.core.function import AppliedUndef

    from remsym.numeric.certified import ball_expression, certified_integral

    integrals = sorted(expr.atoms(sp.Integral), key=sp.default_sort_key)
    if not integrals or expr.has(sp.Sum, sp.Product) or expr.atoms(AppliedUndef) or any(
            i.function.has(sp.Integral) or len(i.limits) != 1 for i in integrals):
        return None
    dummies = {integral: sp.Symbol(f"_integral_{k}") for k, integral in enumerate(integrals)}
    outer = expr.xreplace(dummies)
    # The outer expression in ball arithmetic too: an ill-conditioned one (the log of an
    # integral within 1e-30 of 1, a difference of integrals) shows as a wide ball, and
    # the integrals are redone with 30 more digits, twice at most.
    for extra in (10, 40, 70):
        work = digits + extra
        try:
            balls = {sym: certified_integral(integral, point, work)
                     for integral, sym in dummies.items()}
        except (NotImplementedError, NumericReferenceError):
            return None
        try:
            result = ball_expression(outer, point, balls, digits)
        except NotImplementedError:  # an outer function without a ball form: mpmath code
            values = {sym: sp.Float(mpmath.nstr(ball.value, work + 5, strip_zeros=False),
                                    work + 5) if ball.value != 0 else sp.Integer(0)
                      for sym, ball in balls.items()}
            return _lambdified_value(outer, {**point, **values}, digits)
        if result is not None:
            return result
    return None


@lru_cache(maxsize=1024)
def _mpmath_function(expr: sp.Expr, symbols: tuple[sp.Symbol, ...]):
    """Generated mpmath code for ``expr`` (cached: a step is evaluated at many points)."""
    return positional_lambdify(symbols, expr, modules="mpmath")


def _lambdified_value(expr: sp.Expr, point: Mapping[sp.Symbol, Any], digits: int,
                      absolute: bool = False):
    from sympy.core.function import AppliedUndef

    if expr.has(sp.Integral, sp.Sum, sp.Product) or expr.atoms(AppliedUndef):
        return None
    symbols = sorted(expr.free_symbols, key=lambda z: z.name)
    if any(z not in point for z in symbols):
        return None
    try:
        func = _mpmath_function(expr, tuple(symbols))
        # two precisions that must agree; where they do not (cancellation, a deep point
        # of a rate witness), twice again with more digits
        for low, high in ((10, 30), (40, 80), (100, 200)):
            values = []
            for extra in (low, high):
                with mpmath.workdps(digits + extra):
                    args = [as_mpf(point[z], digits + extra + 5) for z in symbols]
                    values.append(func(*args))
            with mpmath.workdps(digits + 10):
                a, b = values
                if not isinstance(a, (mpmath.mpf, mpmath.mpc)) or not mpmath.isfinite(a):
                    return None
                scale = 1 if absolute else abs(b)
                if a == b or abs(a - b) <= scale * mpmath.mpf(10) ** (-digits - 5):
                    return +b
    except Exception:  # noqa: BLE001 - any failure falls back to SymPy's evalf
        return None
    return None


#: Breakpoints for integrals over infinite ranges (and finite ones that are not resolved
#: whole): the step domains keep the integrands' peaks within a few units of the origin
#: and their widths >= 0.05.
_BREAKS = (-200, -50, -20, -8, -4, -2, -1, -0.5, 0, 0.5, 1, 2, 4, 8, 20, 50, 200)


def _split(a: Any, b: Any) -> list:
    inner = [mpmath.mpf(v) for v in _BREAKS if (a == -mpmath.inf or v > a)
             and (b == mpmath.inf or v < b)]
    return [a, *inner, b]


@lru_cache(maxsize=1)
def _tanh_sinh_rule() -> Any:
    from mpmath.calculus.quadrature import TanhSinh

    return TanhSinh(mpmath.mp)  # its node cache is shared by every call of the process


def _relative_error(results: Sequence[Any], digits: int) -> Any:
    """mpmath's error estimate for successive tanh-sinh levels (Borwein, Bailey &
    Girgensohn: each level doubles the correct digits), relative to the latest result."""
    scale = abs(results[-1]) or 1
    d1 = abs(results[-1] - results[-2]) / scale
    if len(results) == 2:
        return d1
    d2 = abs(results[-1] - results[-3]) / scale
    if d1 == 0:
        return d2
    if d2 >= 1:
        return mpmath.mpf(1)
    e1, e2 = mpmath.log10(d1), mpmath.log10(d2)
    return mpmath.mpf(10) ** min(0, max(e1**2 / e2, 2 * e1, -digits - 20))


#: Integrand evaluations one tanh-sinh pass may spend over all its pieces: an integral
#: that does not converge within them (an oscillatory one over an infinite range) is
#: reported unconverged, whatever the machine's speed.
QUADRATURE_NODES = 60_000


def _tanh_sinh_pass(f: Callable[[Any], Any], points: Sequence[Any], digits: int,
                    tol: Any) -> tuple[Any, Any, Any]:
    """One pass over the pieces: (sum, error bound of the sum, sum of |piece|).

    Each piece runs until its relative error estimate is below ``tol`` (or to the
    maximal degree); the bound adds the pieces' estimates times their sizes.
    """
    rule = _tanh_sinh_rule()
    prec = mpmath.mp.prec
    total, bound, size = mpmath.mpf(0), mpmath.mpf(0), mpmath.mpf(0)
    spent = 0
    with mpmath.workprec(prec + 20):
        for a, b in zip(points, points[1:], strict=False):
            a, b = mpmath.mpf(a), mpmath.mpf(b)
            if a == b:
                continue
            results: list[Any] = []
            error = mpmath.mpf(1)
            for degree in range(1, rule.guess_degree(prec) + 1):
                nodes = rule.get_nodes(a, b, degree, prec)
                spent += len(nodes)
                if spent > QUADRATURE_NODES:  # a work budget, not a clock: unconverged
                    return total + (results[-1] if results else 0), mpmath.inf, size
                results.append(rule.sum_next(f, nodes, degree, prec, results))
                if degree > 1:
                    error = _relative_error(results, digits)
                    if error <= tol:
                        break
            total += results[-1]
            bound += min(error, 1) * abs(results[-1])
            size += abs(results[-1])
    return total, bound, size


def _tanh_sinh(f: Callable[[Any], Any], points: Sequence[Any], digits: int
               ) -> tuple[Any, bool]:
    """``int f`` over the consecutive ``points`` by mpmath's tanh-sinh rule to a relative
    error estimate of ``10**-(digits + 5)`` of the *sum*; returns (value, converged).

    ``mpmath.quad`` stops at an *absolute* error of the working epsilon, which a large
    or ill-conditioned value never reaches: every piece of Eq 5a's rho-integrals ran to
    the maximal degree, 16 times the nodes that the requested digits need.  Each piece
    is first asked for the relative goal; where the pieces cancel (the sum is smaller
    than its parts), they are asked again for the goal of the sum.  ``converged`` is
    False when the error estimate of the sum still misses the goal.
    """
    tol = mpmath.mpf(10) ** (-digits - 5)
    value, bound, size = _tanh_sinh_pass(f, points, digits, tol)
    if bound <= tol * abs(value) or size == 0:
        return value, True
    if value != 0 and size > abs(value):
        lost = int(mpmath.log10(size / abs(value))) + 1  # digits the cancellation costs
        with mpmath.workdps(mpmath.mp.dps + lost):
            value, bound, _ = _tanh_sinh_pass(f, points, digits + lost, tol / 10**lost)
    return +value, bool(bound <= tol * abs(value))


def _quadrature_value(expr: sp.Expr, digits: int, symbols: tuple[sp.Symbol, ...] = (),
                      values: tuple[Any, ...] = ()) -> mpmath.mpf:
    """Evaluate an expression with (possibly nested) integrals at ``symbols = values`` by
    tanh-sinh quadrature: infinite ranges cut at :data:`_BREAKS`, finite ones folded onto
    their two endpoints."""
    with mpmath.workdps(digits + 15):
        args = [as_mpf(v, digits + 20) for v in values]
        return +_quadrature_function(expr, symbols, digits)(*args)


@lru_cache(maxsize=256)
def _quadrature_function(expr: sp.Expr, symbols: tuple[sp.Symbol, ...], digits: int
                         ) -> Callable[..., Any]:
    """:func:`_quadrature_value`'s integrand code for ``expr``, a function of ``symbols``
    (generated once; called at the caller's precision)."""
    def as_function(e: sp.Expr, variables: tuple[sp.Symbol, ...]):
        inner = sorted(e.atoms(sp.Integral), key=lambda z: -sp.count_ops(z))
        top = [i for i in inner if not any(i in j.atoms(sp.Integral) - {j} for j in inner)]
        dummies = {i: sp.Symbol(f"_I{k}") for k, i in enumerate(top)}
        funcs = {dummies[i]: integral_function(i, variables) for i in top}
        body = positional_lambdify(variables + tuple(funcs), e.xreplace(dummies),
                                   modules="mpmath")
        return lambda *v: body(*v, *(f(*v) for f in funcs.values()))

    def integral_function(integral: sp.Integral, variables: tuple[sp.Symbol, ...]):
        # the outermost variable of the integral; the inner ones (SymPy merges
        # Integral(Integral(f, inner), outer) into one) stay an integrand integral
        *inner, (var, lo, hi) = integral.limits
        body = sp.Integral(integral.function, *inner) if inner else integral.function
        plain = as_function(body, variables + (var,))
        lo_f = positional_lambdify(variables, lo, modules="mpmath")
        hi_f = positional_lambdify(variables, hi, modules="mpmath")

        def split_value(*v: Any) -> Any:
            total, converged = _tanh_sinh(lambda y: plain(*v, y),
                                          _split(lo_f(*v), hi_f(*v)), digits)
            if not converged:
                raise NumericReferenceError(
                    f"tanh-sinh quadrature of {integral} did not reach {digits} digits")
            return total

        if lo.has(sp.oo, -sp.oo) or hi.has(sp.oo, -sp.oo):
            return split_value
        # int_lo^hi f = int_0^r 2t f(lo + t^2) dt + int_0^r 2t f(hi - t^2) dt with
        # r = sqrt((hi - lo)/2): each endpoint moves to t = 0, where tanh-sinh's nodes
        # are exact and SymPy turns 1 - rho into t^2 exactly, and an endpoint
        # singularity 1/sqrt(rho) becomes regular.  (Tanh-sinh truncates its nodes near
        # an end, which cost a 1/sqrt singularity about half the working digits: Eq 5a's
        # rho-integrals came out with 35 correct digits of 40 asked for.)  A reversed
        # range is folded the other way round, with the opposite sign.
        t = sp.Dummy("t", positive=True)
        folds = {}

        def near_zero(e: sp.Expr) -> sp.Expr:
            # polynomials in t expanded, so that 1 - (1 - t^2)^2 is 2 t^2 - t^4 and
            # keeps its digits next to t = 0
            return e.replace(lambda s: s.is_Add and s.has(t) and s.is_polynomial(t),
                             sp.expand)

        def fold(a: sp.Expr, b: sp.Expr):
            if (a, b) not in folds:
                folds[a, b] = (
                    as_function(near_zero(2 * t * body.subs(var, a + t**2)),
                                variables + (t,)),
                    as_function(near_zero(2 * t * body.subs(var, b - t**2)),
                                variables + (t,)),
                    positional_lambdify(variables, sp.sqrt((b - a) / 2), modules="mpmath"))
            return folds[a, b]

        def finite_value(*v: Any) -> Any:
            a, b, sign = (lo, hi, 1) if hi_f(*v) >= lo_f(*v) else (hi, lo, -1)
            left, right, reach_f = fold(a, b)
            reach = reach_f(*v)
            try:
                total, converged = _tanh_sinh(
                    lambda y: left(*v, y) + right(*v, y), (0, reach), digits)
            except (ZeroDivisionError, ValueError, OverflowError):
                # the substituted integrand still lost its digits next to t = 0 (a form
                # near_zero does not expand): the range as it stands
                converged = False
            if converged and mpmath.isfinite(total):
                return sign * total
            # not converged: a narrow peak inside a long range, cut at the breakpoints
            return split_value(*v)
        return finite_value

    return as_function(expr, symbols)


def relative_difference(a: Any, b: Any, digits: int) -> mpmath.mpf:
    """|a - b| / max(|a|, |b|), zero when both vanish; |a - b| when one side is exactly 0.

    (An identity ``X = 0`` is checked absolutely: a rounding residue of X is not a
    relative error of 1.)
    """
    with mpmath.workdps(digits + 10):
        if a == 0 or b == 0:
            return abs(a - b)
        scale = max(abs(a), abs(b))
        if scale == 0:
            return mpmath.mpf(0)
        return abs(a - b) / scale


__all__ = ["random_point", "value", "relative_difference", "as_mpf"]
