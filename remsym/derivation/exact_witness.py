"""The numeric witness of an exact step: a counterexample search, not a sample.

Both sides are evaluated over the step's box (its corners, the centres of its faces,
points just inside its edges, random points log-uniform over decades), then the
relative discrepancy is maximised locally from the worst points found by a pattern
search that halves its step.  The step is numerically verified only when the search
finds nothing above the tolerance of the working precision.

Certainty before refutation.  A closed form is evaluated at two precisions that must
agree (:func:`remsym.derivation.evaluate.value`), so a discrepancy above the tolerance
is real and refutes.  Where a side holds integrals or infinite sums the discrepancy is
confirmed by an independent route (:func:`remsym.derivation.routes.independent_value`,
``mpmath.quad`` on feature pieces, two-method ``nsum``): the step is refuted only when
both routes agree with each other and not with the claim; otherwise it stays
unverified, with the reason.

Precision floor.  The witness never works below :data:`MIN_DIGITS` digits, whatever
the caller asks: at 1 or 2 digits a misprinted coefficient would pass.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import mpmath
import sympy as sp

from remsym.derivation.evaluate import relative_difference, value
from remsym.derivation.routes import independent_value
from remsym.derivation.sampling import box_centre, box_of, critical_points, search_points
from remsym.derivation.steps import Step

__all__ = ["MIN_DIGITS", "ExactSearch", "search_counterexample", "free_symbols"]

#: The lowest precision at which a numeric witness decides anything.
MIN_DIGITS = 20
#: Random points drawn besides the structured ones (cheap sides / expensive sides).
RANDOM_POINTS, RANDOM_POINTS_EXPENSIVE = 8, 3
#: Corners of the box tried by a thorough search, and by one that corroborates a proof.
MAX_CORNERS, CORROBORATING_CORNERS = 8, 2
#: Pattern-search iterations from each of the worst points.
LOCAL_ITERATIONS, LOCAL_STARTS = 6, 2


@dataclass(frozen=True, slots=True)
class ExactSearch:
    """Outcome of a counterexample search."""

    outcome: str  # "agree" | "refuted" | "uncertain" | "unevaluable"
    worst: float
    point: dict
    points: int
    digits: int
    detail: str = ""


def free_symbols(*exprs: sp.Expr) -> list[sp.Symbol]:
    syms: set[sp.Symbol] = set()
    for e in exprs:
        syms |= sp.sympify(e).free_symbols
    return sorted(syms, key=lambda z: z.name)


def _expensive(step: Step) -> bool:
    return step.evaluate_before is not None or any(
        sp.sympify(e).has(sp.Integral, sp.Sum, sp.Product) for e in (step.before, step.after))


def _sides(step: Step, point: Mapping, digits: int) -> tuple[Any, Any]:
    zero = sp.sympify(step.after) == 0
    if step.evaluate_before is not None:
        lhs = step.evaluate_before(point, digits)
    else:
        lhs = value(step.before, point, digits, absolute=zero)
    return lhs, value(step.after, point, digits)


def _finite_value(f, *args) -> Any | None:
    try:
        v = f(*args)
        if isinstance(v, sp.Basic):  # a validated evaluator may return a SymPy number
            v = value(v, {}, 40)
        with mpmath.workdps(30):
            return v if mpmath.isfinite(v) else None
    except Exception:  # noqa: BLE001 - a side that does not evaluate is a value too
        return None


def _discrepancy(step: Step, point: Mapping, digits: int) -> Any | None:
    """The relative discrepancy at ``point``; None where neither side evaluates; ``inf``
    where exactly one does (a divergent series against its closed form)."""
    zero = sp.sympify(step.after) == 0
    rhs = _finite_value(value, step.after, point, digits)
    if rhs == 0 and not zero and _expensive(step):
        # a quadrature asked for significant digits of a value that vanishes here (an odd
        # integrand at a symmetric point) cannot reach them: no evidence either way
        return None
    if step.evaluate_before is not None:
        lhs = _finite_value(step.evaluate_before, point, digits)
    else:
        lhs = _finite_value(value, step.before, point, digits, zero)
    if lhs is None and rhs is None:
        return None
    if lhs is None or rhs is None:
        return mpmath.inf
    return relative_difference(lhs, rhs, digits)


def _local_search(step: Step, start: dict, worst: Any, intervals: dict, digits: int,
                  budget: list[int]) -> tuple[Any, dict]:
    """Pattern search maximising the discrepancy from ``start`` within the box."""
    best, best_point = worst, dict(start)
    steps = {s: (hi - lo) / 4 for s, (lo, hi) in intervals.items() if not s.is_integer}
    for _ in range(LOCAL_ITERATIONS):
        improved = False
        for s, h in steps.items():
            lo, hi = intervals[s]
            for sign in (1, -1):
                if budget[0] <= 0:
                    return best, best_point
                v = min(max(float(best_point[s]) + sign * h, lo), hi)
                if s.is_positive and v <= 0 or s.is_negative and v >= 0:
                    continue
                trial = dict(best_point)
                trial[s] = sp.Rational(round(v * 10**9), 10**9)
                budget[0] -= 1
                d = _discrepancy(step, trial, digits)
                if d is not None and d > best:
                    best, best_point, improved = d, trial, True
        if not improved:
            steps = {s: h / 2 for s, h in steps.items()}
    return best, best_point


def _confirm(step: Step, point: dict, digits: int, tol: Any) -> tuple[bool, str]:
    """Whether the discrepancy at ``point`` is certain (see the module docstring)."""
    work = digits + 15
    if not _expensive(step):
        return _confirm_by_evalf(step, point, work, tol)
    try:
        first_l, first_r = _sides(step, point, work)
        second_l = independent_value(step.before, point, work) if step.evaluate_before \
            is None else first_l
        second_r = independent_value(step.after, point, work)
    except Exception as exc:  # noqa: BLE001 - no second route: not certain
        return False, f"no independent route confirms it ({type(exc).__name__})"
    routes_agree = (relative_difference(first_l, second_l, work) < tol / 100
                    and relative_difference(first_r, second_r, work) < tol / 100)
    if not routes_agree:
        return False, "the two quadrature routes disagree with each other there"
    return relative_difference(second_l, second_r, work) > tol, \
        "two independent quadrature routes agree with each other"


#: Points re-evaluated at twice the digits once a closed-form search agrees: a
#: near-identity (a relative 1e-35 at 30 digits) is then still told apart.
DEEP_POINTS = 2
#: Values tried, one coordinate at a time from the centre, for a symbol without a box
#: (its default interval is a convention, not the user's claim); negatives for a
#: negative symbol, both signs for a real one.
PROBES = (1e-2, 30.0)


def _probes(step: Step, symbols: list[sp.Symbol], digits: int) -> list[tuple[Any, dict]]:
    """Discrepancies at the probes of the symbols without a box (where both sides
    evaluate: a probe outside every box is no claim of the user's about divergence)."""
    boxed = {sym for sym, _, _ in step.domain}
    free = [s for s in symbols if s not in boxed and not s.is_integer]
    if not free:
        return []
    centre = box_centre(symbols, step.domain)
    found = []
    for sym in free:
        signs = (-1,) if sym.is_negative else (1,) if sym.is_nonnegative else (1, -1)
        for v in PROBES:
            for sign in signs:
                point = {**centre, sym: sp.Rational(sign * v).limit_denominator(10**6)}
                d = _discrepancy(step, point, digits)
                if d is not None and d != mpmath.inf:
                    found.append((d, point))
    return found


def _deeper_discrepancy(step: Step, points: list[dict], digits: int) -> tuple | None:
    """The largest discrepancy above ``10**-(2 digits - 1)`` at ``points``, evaluated
    with twice the digits, else None."""
    deep = 2 * digits
    worst = None
    for point in points:
        d = _discrepancy(step, point, deep)
        if d is not None and d != mpmath.inf and d > mpmath.mpf(10) ** (-deep + 1):
            if worst is None or d > worst[0]:
                worst = (d, point)
    return worst


def _confirm_by_evalf(step: Step, point: dict, digits: int, tol: Any) -> tuple[bool, str]:
    """SymPy's ``evalf`` of both sides with ``strict=True``: it tracks the accuracy of
    every operation and raises the precision where terms cancel, and refuses (rather than
    answers) where ``maxn`` digits do not suffice.  Generated code at two precisions can
    agree on the same wrong value when both lose every digit to one cancellation."""
    at = {k: sp.sympify(v) for k, v in point.items()}
    try:
        if step.evaluate_before is not None:
            lhs = step.evaluate_before(point, digits)
        else:
            lhs = sp.sympify(step.before).xreplace(at).evalf(digits, strict=True,
                                                             maxn=20 * digits)
        rhs = sp.sympify(step.after).xreplace(at).evalf(digits, strict=True, maxn=20 * digits)
        with mpmath.workdps(digits + 10):
            left = value(lhs, {}, digits) if isinstance(lhs, sp.Basic) else lhs
            right = value(rhs, {}, digits)
            if sp.sympify(step.after) == 0:
                return abs(left) > tol, "confirmed by SymPy's evalf (strict)"
            return relative_difference(left, right, digits) > tol, \
                "confirmed by SymPy's evalf (strict)"
    except Exception as exc:  # noqa: BLE001 - PrecisionExhausted and kin: not certain
        return False, f"SymPy's evalf cannot confirm it ({type(exc).__name__})"


def _search_points(step: Step, symbols: list[sp.Symbol], expensive: bool,
                   thorough: bool, rng: random.Random) -> list[dict]:
    """The step's own points, else the box's structured, random and critical points."""
    if step.points:
        return [dict(p) for p in step.points]
    randoms = RANDOM_POINTS_EXPENSIVE if expensive or not thorough else RANDOM_POINTS
    points = search_points(symbols, step.domain, rng, randoms,
                           structured=(not expensive or len(symbols) <= 2),
                           corners=MAX_CORNERS if thorough else CORROBORATING_CORNERS)
    return points + critical_points((step.before, step.after), symbols, step.domain)


def _maximise(step: Step, found: list[tuple[Any, dict]], symbols: list[sp.Symbol],
              digits: int, tol: Any) -> tuple[Any, dict]:
    """The worst discrepancy after a pattern search from the :data:`LOCAL_STARTS` worst
    points (within a budget of evaluations), stopping once one exceeds ``tol``."""
    worst, worst_point = found[0]
    intervals = box_of(symbols, step.domain)
    budget = [2 * LOCAL_STARTS * LOCAL_ITERATIONS * len(symbols)]
    for d, p in found[:LOCAL_STARTS]:
        best, best_point = _local_search(step, p, d, intervals, digits, budget)
        if best > worst:
            worst, worst_point = best, best_point
        if worst > tol:
            break
    return worst, worst_point


def _refuted_by_probe(step: Step, probed: list[tuple[Any, dict]], evaluated: int,
                      digits: int, tol: Any) -> ExactSearch | None:
    """A refutation by one of the two worst probes, where the disagreement there is
    confirmed; an unconfirmed one (a cancellation of ``exp(10**5)``) is no evidence."""
    for d, point in sorted(probed, key=lambda t: -t[0])[:2]:
        if d > tol and _confirm(step, point, digits, tol)[0]:
            return ExactSearch("refuted", float(d), point, evaluated, digits,
                               "a probe outside the default interval; confirmed by "
                               "SymPy's evalf (strict)")
    return None


def _refuted_deeper(step: Step, found: list[tuple[Any, dict]], digits: int
                    ) -> ExactSearch | None:
    """A refutation at twice the digits at the :data:`DEEP_POINTS` worst points, where a
    near-identity shows and is confirmed."""
    deeper = _deeper_discrepancy(step, [p for _, p in found[:DEEP_POINTS]], digits)
    if deeper is None:
        return None
    certain, how = _confirm(step, deeper[1], 2 * digits, mpmath.mpf(10) ** (-2 * digits + 1))
    if not certain:
        return None
    return ExactSearch("refuted", float(deeper[0]), deeper[1], len(found), 2 * digits, how)


def search_counterexample(step: Step, digits: int, rng: random.Random,
                          thorough: bool = True) -> ExactSearch:
    """Search the step's box for a point where its sides differ (module docstring).

    ``thorough=False`` (a step already proved symbolically: the search corroborates the
    proof) tries the centre, a few corners and a few random points, without the local
    maximisation."""
    digits = max(digits, MIN_DIGITS)
    tol = mpmath.mpf(10) ** (-digits + 1)
    symbols = free_symbols(step.before, step.after)
    expensive = _expensive(step)
    points = _search_points(step, symbols, expensive, thorough, rng)
    found = [(d, point) for point in points
             if (d := _discrepancy(step, point, digits)) is not None]
    if not found:
        return ExactSearch("unevaluable", float("nan"), {}, 0, digits,
                           f"neither side evaluates at any of {len(points)} points")
    found.sort(key=lambda t: -t[0])
    worst, worst_point = found[0]
    if thorough and not expensive and not step.points and symbols and 0 < worst <= tol:
        worst, worst_point = _maximise(step, found, symbols, digits, tol)
    if not expensive and worst <= tol:
        probed = _probes(step, symbols, digits)
        refuted = _refuted_by_probe(step, probed, len(found) + len(probed), digits, tol)
        if refuted is not None:
            return refuted
        found += [(d, point) for d, point in probed if d <= tol]
        refuted = _refuted_deeper(step, found, digits)
        if refuted is not None:
            return refuted
    evaluated = len(found)
    if worst <= tol:
        skipped = len(points) - len(found)
        note = f" ({skipped} points where a side does not evaluate skipped)" \
            if skipped > 0 else ""
        return ExactSearch("agree", float(worst), worst_point, evaluated, digits, note)
    if worst == mpmath.inf:
        return ExactSearch("uncertain", float("inf"), worst_point, evaluated, digits,
                           "one side does not evaluate there while the other does")
    certain, how = _confirm(step, worst_point, digits, tol)
    return ExactSearch("refuted" if certain else "uncertain", float(worst), worst_point,
                       evaluated, digits, how)
