"""remsym's checks as building blocks for a user's own (hypothesis) tests.

Strategies
    :func:`points` draws parameter points inside a derivation's domain boxes and
    within each symbol's assumptions (integers for integer symbols, signs for
    positive or negative ones); :func:`large_parameter` draws values of a
    :class:`~remsym.derivation.Limit`'s symbol deep along the limit.  Values are
    exact rationals, as in the checker's own witnesses, and shrink towards the
    lower end of their box.

Assertions
    :func:`assert_identity`, :func:`assert_asymptotic` and
    :func:`assert_matches_quadrature` run the checker remsym applies to a
    derivation's steps (:func:`~remsym.derivation.check.check_step`: rewrites and
    numeric witness for ``=``, limit of the ratio and error rate for ``~``) or its
    validated evaluation (certified quadrature for integrals), and raise an
    ``AssertionError`` that says which witness decided and by how much.

Hypothesis is needed for the strategies only (``pip install remsym[test]``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import mpmath
import sympy as sp

from remsym.derivation.check import StepCheck, check_step
from remsym.derivation.evaluate import relative_difference, value
from remsym.derivation.steps import Limit, Relation, Step

__all__ = ["points", "large_parameter", "assert_identity", "assert_asymptotic",
           "assert_matches_quadrature"]

Box = Sequence[tuple[sp.Symbol, float, float]]
#: Resolution of drawn real coordinates (exact rationals with this denominator).
GRID = 10**6


def _box_of(domain: Any) -> tuple[tuple[sp.Symbol, float, float], ...]:
    """A domain: boxes ``((symbol, low, high), ...)``, or a record that has them (a
    Derivation or Step)."""
    return tuple(getattr(domain, "domain", domain) or ())


def _default_range(sym: sp.Symbol) -> tuple[float, float]:
    """The range drawn for a symbol without a box (the checker's: positive symbols in
    [0.5, 3], others in [-2, 2]), narrowed to its sign."""
    if sym.is_positive:
        return 0.5, 3.0
    if sym.is_nonnegative:
        return 0.0, 3.0
    if sym.is_negative:
        return -3.0, -0.5
    if sym.is_nonpositive:
        return -3.0, 0.0
    return -2.0, 2.0


def _coordinate(sym: sp.Symbol, low: float, high: float):
    from hypothesis import strategies as st

    if sym.is_positive:
        low = max(low, 0.0)
    if sym.is_negative:
        high = min(high, 0.0)
    if sym.is_integer:
        lo = math.ceil(low)
        lo = max(lo, 1) if sym.is_positive else max(lo, 0) if sym.is_nonnegative else lo
        hi = math.floor(high)
        hi = min(hi, -1) if sym.is_negative else hi
        if hi < lo:
            raise ValueError(f"no integer value of {sym} in [{low}, {high}]")
        return st.integers(lo, hi).map(sp.Integer)
    lo = math.ceil(low * GRID)
    hi = math.floor(high * GRID)
    # a strict sign excludes the end point 0
    if sym.is_positive and lo <= 0:
        lo = 1
    if sym.is_negative and hi >= 0:
        hi = -1
    if hi < lo:
        raise ValueError(f"no value of {sym} in [{low}, {high}] within its assumptions")
    return st.integers(lo, hi).map(lambda k: sp.Rational(k, GRID))


def points(domain: Any = (), assumptions: Iterable[sp.Symbol] = ()):
    """A hypothesis strategy of points ``{symbol: value}``.

    ``domain``: the boxes ``((symbol, low, high), ...)`` of a derivation or step (or
    the Derivation / Step itself); each boxed symbol is drawn inside its box.
    ``assumptions``: further symbols (or expressions, whose free symbols count), drawn
    from their assumptions alone: integers for integer symbols, [0.5, 3] for positive
    ones, [-2, 2] for symbols without a sign.  A box that contradicts a symbol's
    assumptions (a negative range for a positive symbol) is a ValueError at once.
    """
    from hypothesis import strategies as st

    boxes = {sym: (float(lo), float(hi)) for sym, lo, hi in _box_of(domain)}
    symbols = set(boxes)
    for item in assumptions:
        item = sp.sympify(item)
        symbols |= {item} if isinstance(item, sp.Symbol) else item.free_symbols
    ordered = sorted(symbols, key=lambda z: z.name)
    coords = {sym: _coordinate(sym, *boxes.get(sym, _default_range(sym))) for sym in ordered}
    return st.fixed_dictionaries(coords)


def large_parameter(limit: Limit, doublings: float = 6.0):
    """A hypothesis strategy of values of ``limit.symbol`` along the limit: from
    ``limit.start`` up to ``start * 2**doublings`` for a limit at infinity, down to
    ``start / 2**doublings`` for a limit at 0 (geometrically spread, shrinking towards
    ``start``, where the asymptotic regime begins)."""
    from hypothesis import strategies as st

    if limit.point not in (sp.oo, 0):
        raise ValueError(f"unsupported limit point {limit.point}")
    tenths = int(round(doublings * 10))
    sign = 1 if limit.point == sp.oo else -1
    return st.integers(0, tenths).map(
        lambda k: sp.Rational(round(limit.start * 2.0 ** (sign * k / 10) * GRID), GRID))


def _check(step: Step, digits: int, seed: int) -> StepCheck:
    return check_step(step, digits=digits, seed=seed)


def _failure(what: str, step: Step, check: Any) -> AssertionError:
    size = "" if check.max_rel_error is None else f"; max relative error {check.max_rel_error:.3g}"
    rate = "" if check.observed_rate is None else f"; observed rate {check.observed_rate:.3f}"
    return AssertionError(
        f"{what} {check.status} by the {check.witness} witness{size}{rate}\n"
        f"  left:   {sp.sstr(step.before)}\n"
        f"  right:  {sp.sstr(step.after)}\n"
        f"  reason: {check.reason}")


def assert_identity(lhs: Any, rhs: Any, domain: Any = (), *, digits: int = 30,
                    seed: int = 20260101, points: Sequence[Mapping[sp.Symbol, Any]] = (),
                    ) -> Any:
    """Assert ``lhs == rhs`` as remsym checks an exact step: a targeted rewrite proves it
    or both sides agree to ``digits`` at random points of ``domain`` (or at ``points``);
    a disagreement anywhere refutes it.  Returns the StepCheck on success."""
    step = Step(sp.sympify(lhs), sp.sympify(rhs), Relation.EQUAL, "assert_identity",
                domain=_box_of(domain), points=tuple(points))
    check = _check(step, digits, seed)
    if check.status != "verified":
        raise _failure("identity", step, check)
    return check


def assert_asymptotic(expr: Any, approx: Any, limit: Limit | sp.Symbol, order: Any,
                      domain: Any = (), *, digits: int = 30, seed: int = 20260101) -> Any:
    """Assert ``expr ~ approx [1 + O(order)]`` along ``limit`` (a Limit, or a symbol
    tending to infinity): the limit of the ratio is 1 where SymPy decides it, and the
    relative error falls as ``order`` (observed exponent within the checker's
    tolerance of 1).  Returns the StepCheck on success."""
    if not isinstance(limit, Limit):
        limit = Limit(limit)
    step = Step(sp.sympify(expr), sp.sympify(approx), Relation.ASYMPTOTIC, "assert_asymptotic",
                limit=limit, order=sp.sympify(order), domain=_box_of(domain))
    check = _check(step, digits, seed)
    if check.status != "verified":
        raise _failure(f"asymptotic equivalence along {limit.symbol} -> {limit.point}",
                       step, check)
    return check


def assert_matches_quadrature(expr: Any, integral: Any, params: Mapping[Any, Any],
                              digits: int = 30) -> Any:
    """Assert that ``expr`` equals the definite ``integral`` (a SymPy ``Integral``,
    or an expression of integrals) at ``params`` to ``digits`` significant digits.

    The reference is remsym's validated evaluation (certified quadrature with Arb balls
    where the integrand allows it, else tanh-sinh with an error estimate), computed at
    ``digits + 5`` and ``digits + 15`` digits: the two must agree before the reference
    is trusted.  Returns the reference value.
    """
    point = {sp.sympify(k) if isinstance(k, str) else k: sp.nsimplify(v, rational=True)
             for k, v in params.items()}
    integral = sp.sympify(integral)
    ref = value(integral, point, digits + 5)
    again = value(integral, point, digits + 15)
    with mpmath.workdps(digits + 20):
        spread = relative_difference(ref, again, digits + 5)
        if spread > mpmath.mpf(10) ** (-digits - 2):
            raise AssertionError(f"quadrature reference not trusted at {point}: two "
                                 f"precisions differ by relative {mpmath.nstr(spread, 3)}")
        got = value(sp.sympify(expr), point, digits + 5)
        diff = relative_difference(got, again, digits + 5)
        if diff > mpmath.mpf(10) ** (-digits + 2):
            raise AssertionError(
                f"expression and quadrature differ by relative {mpmath.nstr(diff, 3)} at "
                f"{point} (tolerance 1e-{digits - 2})\n"
                f"  expression: {mpmath.nstr(got, digits)}\n"
                f"  quadrature: {mpmath.nstr(again, digits)}")
        return +again
