"""The rate witness of an asymptotic step ``before ~ after [1 + O(h)]``.

The claim is an upper bound: along the limit, the relative error ``err`` of the two
sides tends to zero and ``r = err / |h|`` stays bounded.  The witness measures ``r``
along the large parameter at several points of the other parameters' box, and

* samples the large parameter at points drawn from a generator seeded by the step's
  content, geometrically spaced with jitter (an error that vanishes on a fixed grid,
  ``sin(pi z)/z`` on integers, is not invisible);
* goes deep where the sides are closed forms: the declared order falls by
  :data:`SPAN_DECADES` decades over the sequence (a missing ``log z`` factor then
  shows as a growth of ``r``; a power too many as a steep one), and stays within
  ``[start, 8 start]`` where a side holds an integral or a validated evaluator;
* raises the working precision with the order's magnitude at each point, so an error
  that is exponentially small is still resolved against the order it is compared with
  (an error ``exp(-4z)`` claimed ``O(exp(-8z))`` shows ``r = exp(4z)``);
* refutes when ``r`` grows from the middle of the sequence to its end by more than
  :data:`GROWTH` (natural-log units) and keeps growing (or grows by far more), and
  when the error does not fall at all;
* verifies otherwise, and says so when the error falls faster than declared (an
  ``O(.)`` is an upper bound: a better observed order is no fault).

An error below the resolution at every point is bounded by ``10**-RESOLUTION |h|``:
that verifies the bound (it cannot hide a misstated order, since the resolution is
tied to the order itself).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp

from remsym.derivation.evaluate import relative_difference, value
from remsym.derivation.steps import Limit, Step
from remsym.numeric.rates import log_log_slope

__all__ = ["RateEvidence", "measure_rate", "large_parameter_values", "GROWTH",
           "SPAN_DECADES"]

#: Decades by which the declared order falls over a deep sequence.
SPAN_DECADES = 24
#: Points of a deep / shallow sequence.
DEEP_POINTS, SHALLOW_POINTS = 8, 6
#: Growth of ln r, middle to end, that refutes (with a growing tail).
GROWTH = 0.2
#: On a short range (sides with integrals), the deceleration of r's growth below which it
#: is a correction dying out, and above which a misstated order (between: undecided).
CONVERGING, DIVERGING = 0.6, 0.9
#: The growth that counts on a deep sequence (a log log z factor grows by 0.17 there).
DEEP_GROWTH = 0.1
#: Growth that refutes even without a monotone tail (an oscillating, growing error).
STEEP_GROWTH = 2.0
#: Decades below the declared order at which the error is still resolved: ``r`` is
#: measured to a few digits, which is all the growth test needs, and an error below the
#: resolution is bounded by ``10**-RESOLUTION`` times the order (the bound holds).
RESOLUTION = 12
#: Further digits tried, in turn, when the error is below the resolution everywhere.
EXTRA_DIGITS = (60, 200)
#: The farthest a deep sequence goes: start * 10**MAX_DECADES (or start / ...).
MAX_DECADES = 40


@dataclass(frozen=True, slots=True)
class RateEvidence:
    # "bounded" | "faster" | "unbounded" | "not vanishing" | "undecided" | "unevaluable"
    outcome: str
    errors: tuple[float, ...]
    ratios: tuple[float, ...]
    values: tuple[float, ...]
    growth: float | None
    exponent: float | None
    detail: str
    resolved: tuple[bool, ...] = ()


def _as_parameter(lim: Limit, v: Any) -> Any:
    """The large parameter (grows along the limit) for a value of the limit symbol."""
    return v if lim.point == sp.oo else 1 / v


def _from_parameter(lim: Limit, lam: Any) -> Any:
    return lam if lim.point == sp.oo else 1 / lam


def _magnitude(order: sp.Expr, point: Mapping, digits: int = 20) -> float | None:
    """-log10 |order| at ``point`` (None where it does not evaluate or vanishes)."""
    try:
        h = value(order, point, digits)
        with mpmath.workdps(digits):
            if h == 0 or not mpmath.isfinite(h):
                return None
            return float(-mpmath.log10(abs(h)))
    except Exception:  # noqa: BLE001 - an order that does not evaluate has no magnitude
        return None


def large_parameter_values(step: Step, point: Mapping, deep: bool, rng: random.Random
                           ) -> list[Any]:
    """Values of the limit symbol, entering the limit from ``step.limit.start``."""
    lim = step.limit
    assert lim is not None and step.order is not None
    start = mpmath.mpf(lim.start)
    lam0 = _as_parameter(lim, start)
    if deep:
        t0 = _magnitude(step.order, {**point, lim.symbol: sp.nsimplify(lim.start)})
        span = mpmath.mpf(8)
        if t0 is not None:
            span = mpmath.mpf(2) ** _doublings(step, point, lam0, t0)
        count = DEEP_POINTS
    else:
        span, count = mpmath.mpf(8), SHALLOW_POINTS
    out = []
    with mpmath.workdps(60):  # a deep value keeps a fractional part (see _rational)
        for k in range(count):
            frac = mpmath.mpf(k) / (count - 1)
            if 0 < k < count - 1:
                frac += mpmath.mpf(rng.uniform(-0.3, 0.3)) / (count - 1)
            if k == count - 1:
                frac -= mpmath.mpf(rng.uniform(0, 0.05)) / (count - 1)
            out.append(_rational(_from_parameter(lim, lam0 * span**frac)))
    return out


def _doublings(step: Step, point: Mapping, lam0: Any, t0: float) -> int:
    """The fewest doublings of the large parameter over which the declared order falls by
    :data:`SPAN_DECADES` decades (or stops evaluating), by galloping then bisection (the
    order falls monotonically along the limit)."""
    lim = step.limit
    assert lim is not None and step.order is not None
    most = 4 * MAX_DECADES

    def reached(doubling: int) -> bool:
        lam = lam0 * mpmath.mpf(2) ** doubling
        t = _magnitude(step.order, {**point, lim.symbol: _rational(_from_parameter(lim, lam))})
        return t is None or t - t0 >= SPAN_DECADES

    low, high = 0, 1
    while high < most and not reached(high):
        low, high = high, min(2 * high, most)
    while high - low > 1:
        middle = (low + high) // 2
        if reached(middle):
            high = middle
        else:
            low = middle
    return high


def _rational(v: Any) -> sp.Rational:
    """``v`` as an exact rational with 20 significant digits *and* 20 digits after the
    point (a deep value such as 10**25 keeps a fractional part: rounded to an integer it
    would sit on the zeros of ``sin(pi z)`` again)."""
    with mpmath.workdps(80):
        v = mpmath.mpf(v)
        digits = 20 + max(0, int(mpmath.log10(abs(v))) + 1) if v != 0 else 20
        f = Fraction(mpmath.nstr(v, digits, min_fixed=1, max_fixed=0))
    return sp.Rational(f.numerator, f.denominator)


def measure_rate(step: Step, point: Mapping, digits: int, deep: bool, rng: random.Random,
                 before: Callable[[Mapping, int], Any], absolute: bool = False
                 ) -> RateEvidence:
    """The rate evidence of ``step`` at the parameter ``point`` (module docstring);
    ``absolute`` compares ``|before - after|`` (a logarithm such as S_c) instead of the
    relative error."""
    values = large_parameter_values(step, point, deep, rng)
    evidence = _measure(step, point, values, before, absolute, 0, deep)
    # an error below the resolution everywhere may still grow against the order: look
    # again with far more digits before calling it bounded
    for extra in (EXTRA_DIGITS if deep else EXTRA_DIGITS[:1]):
        if evidence.outcome != "bounded" or any(evidence.resolved):
            break
        evidence = _measure(step, point, values, before, absolute, extra, deep)
    return evidence


def _measure(step: Step, point: Mapping, values: list, before: Callable[[Mapping, int], Any],
             absolute: bool, extra: int, deep: bool) -> RateEvidence:
    lim = step.limit
    assert lim is not None and step.order is not None
    errors, ratios, resolved, lams = [], [], [], []
    for v in values:
        pt = {**point, lim.symbol: v}
        t = _magnitude(step.order, pt) or 0.0
        work = max(0, math.ceil(t)) + RESOLUTION + 5 + extra
        try:
            b = before(pt, work)
            a = value(step.after, pt, work)
            h = value(step.order, pt, work)
        except Exception as exc:  # noqa: BLE001 - an unevaluable point: no rate evidence
            return RateEvidence("unevaluable", (), (), (), None, None,
                                f"{type(exc).__name__} at {lim.symbol}={sp.N(v, 6)}: "
                                f"{str(exc).splitlines()[0] if str(exc) else ''}")
        with mpmath.workdps(work + 10):
            if not (mpmath.isfinite(b) and mpmath.isfinite(a)) or h == 0:
                return RateEvidence("unevaluable", (), (), (), None, None,
                                    f"a side is not finite at {lim.symbol}={sp.N(v, 6)}")
            err = abs(b - a) if absolute else relative_difference(b, a, work)
            floor = mpmath.mpf(10) ** (-(work - 5))
            resolved.append(err > floor)
            err = max(err, floor)
            errors.append(err)
            ratios.append(err / abs(h))
            lams.append(_as_parameter(lim, mpmath.mpf(sp.Float(v, 30))))
    return dataclasses.replace(_judge(step, errors, ratios, resolved, lams, deep),
                               resolved=tuple(resolved))


def _observed_exponent(errors: list, ratios: list, resolved: list[bool]) -> float | None:
    """The slope of ``log err`` against ``log |h|`` (:func:`~remsym.numeric.rates.log_log_slope`)
    over the last two points where the error is resolved; None where there are fewer or
    the error or the order does not change between them."""
    known = [k for k in range(len(errors)) if resolved[k]]
    if len(known) < 2:
        return None
    a, b = known[-2], known[-1]
    with mpmath.workdps(30):
        h_a, h_b = errors[a] / ratios[a], errors[b] / ratios[b]
        if h_a == h_b or errors[a] == errors[b]:
            return None
    return log_log_slope((h_a, h_b), (errors[a], errors[b]))


def _judge(step: Step, errors: list, ratios: list, resolved: list[bool],
           lams: list, deep: bool) -> RateEvidence:
    """The outcome (module docstring) from the errors, the ratios ``r = err/|h|`` and the
    large parameter's values.  ``growth`` is ``ln r`` from the middle of the sequence to
    its end (does ``r`` stay bounded?), the exponent the observed order of the error (is
    it better than declared?): two questions, two measures."""
    n = len(errors)
    tail_from = n - 3
    with mpmath.workdps(30):
        growth = float(mpmath.log(max(ratios[tail_from:]) / max(ratios[1:tail_from])))
        increments = [ratios[k + 1] > ratios[k] for k in range(tail_from - 1, n - 1)]
        order_falls = errors[-1] / ratios[-1] < errors[0] / ratios[0] / mpmath.mpf(1.5)
    exponent = _observed_exponent(errors, ratios, resolved)
    report = functools.partial(RateEvidence, errors=tuple(float(e) for e in errors),
                               ratios=tuple(float(r) for r in ratios),
                               values=tuple(float(v) for v in lams), growth=growth,
                               exponent=exponent)
    tail_text = ", ".join(f"{float(e):.2e}" for e in errors)
    stuck = not order_falls and resolved[-1] and errors[-1] > errors[0] / 2
    if stuck or float(errors[-1]) > 0.5 and errors[-1] >= errors[0] / 2:
        return report("not vanishing",
                      detail=f"the relative error does not fall (errors {tail_text})")
    least = DEEP_GROWTH if deep else GROWTH  # over 24 decades a converging correction
    growing = growth > STEEP_GROWTH or (growth > least and all(increments)  # has died out
                                        and any(resolved[tail_from:]))
    deceleration = None if growth > STEEP_GROWTH else _deceleration(ratios, lams)
    if growing and deceleration is not None and deceleration < CONVERGING:
        growing = False  # a correction dying out over a short range: r converges
    elif growing and deceleration is not None and deceleration < DIVERGING:
        return report("undecided", detail=(
            f"error / declared order {step.order} still grows by {math.exp(growth):.3g} at "
            f"the end of the range sampled, and slows down ({deceleration:.2f} of its "
            "rate): a slowly vanishing correction cannot be told from a missing log factor "
            f"there (errors {tail_text})"))
    if growing:
        return report("unbounded", detail=(
            f"error / declared order {step.order} grows by a factor "
            f"{math.exp(min(growth, 700)):.3g} towards the limit: the order is misstated "
            f"(errors {tail_text})"))
    return _bounded(step, report, ratios, resolved, growth, exponent, tail_text)


def _bounded(step: Step, report: Callable[..., RateEvidence], ratios: list,
             resolved: list[bool], growth: float, exponent: float | None,
             tail_text: str) -> RateEvidence:
    """The verdict when ``r`` does not grow: bounded, or falling faster than declared."""
    if not any(resolved):
        return report("bounded", detail=(
            f"error below 1e-{_decades(ratios)} of the declared order at every point "
            "(exact, or far smaller than declared)"))
    if growth < -math.log(10) or (exponent is not None and exponent > 1.25):
        better = f"exponent {exponent:.3f}" if exponent is not None else \
            f"error/order falls by {math.exp(min(-growth, 700)):.3g}"
        return report("faster", detail=(
            f"error falls faster than the declared order {step.order} ({better}): the "
            f"bound holds, the observed order is better than declared (errors {tail_text})"))
    return report("bounded", detail=(
        f"error / declared order {step.order} stays bounded (tail/middle "
        f"{math.exp(growth):.3g}" + (f", exponent {exponent:.3f}" if exponent is not None
                                     else "") + f"; errors {tail_text})"))


def _deceleration(ratios: list, lams: list) -> float | None:
    """Over the last four points, the growth rate of ``ln r`` per unit ``ln lambda`` at
    the end divided by that at the start of the window: near 1 for a misstated power,
    about 0.8 for a missing log factor, small for a correction that dies out."""
    with mpmath.workdps(30):
        rates = []
        for k in range(len(ratios) - 4, len(ratios) - 1):
            step = mpmath.log(lams[k + 1] / lams[k])
            if step <= 0 or ratios[k] <= 0:
                return None
            rates.append(mpmath.log(ratios[k + 1] / ratios[k]) / step)
        if rates[0] <= 0:
            return None
        return float(rates[-1] / rates[0])


def _decades(ratios: list) -> int:
    with mpmath.workdps(30):
        return int(-mpmath.log10(max(ratios)))
