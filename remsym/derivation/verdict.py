"""Verdicts: a checked derivation compared with what the paper printed.

The result of :func:`check_derivation` is a
:class:`~remsym.derivation.records.CheckedDerivation`, a plain record (steps with
their checks, numeric cross-check, verdict, matched reading) that the renderers
(rich table, JSON, LaTeX) read without importing the checker.

Verdict rules (DESIGN.md)
-------------------------
* ``failed``: a derivation step is refuted or could not be verified, or the
  numeric cross-check against the independent reference fails.
* ``confirmed``: some reading of the print is identical to the derived exact
  result (symbolic rewrite, or numeric witness at ``digits``).
* ``approximation``: no reading is exact, but some reading's error against the
  derived result falls along the derivation's limit at least as fast as the
  order the paper claims (``PrintedForm.claimed_order``; ``None`` = leading
  order, the error must tend to zero).
* ``erratum``: every reading disagrees at the order the paper claims; the
  record keeps the printed and derived forms and the size of the disagreement.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import mpmath
import sympy as sp

from remsym.derivation.chain import find_path, order_excess
from remsym.derivation.check import check_step, rate_at_parameter_points, step_rng
from remsym.derivation.evaluate import relative_difference, value
from remsym.derivation.rate_witness import measure_rate
from remsym.derivation.records import (
    CheckedDerivation,
    ClaimVerdict,
    NumericCheck,
    ReadingCheck,
    StepCheck,
)
from remsym.derivation.sampling import box_centre
from remsym.derivation.steps import Derivation, Relation, Step, Verdict

#: ``check_step``'s signature: (step, digits, seed) -> StepCheck.
StepChecker = Callable[..., StepCheck]


def claim_verdict(step: Step, check: StepCheck) -> Verdict:
    if check.status == "unverified":
        return Verdict.FAILED
    if check.status == "refuted":
        return Verdict.ERRATUM
    return Verdict.CONFIRMED if step.relation is Relation.EQUAL else Verdict.APPROXIMATION


def _numeric_check(d: Derivation, digits: int) -> NumericCheck | None:
    spec = d.numeric
    if spec is None:
        return None
    work = digits + 10
    if d.exact is not None:
        worst = mpmath.mpf(0)
        for pt in spec.points:
            ref = spec.reference(pt, digits)
            got = value(d.exact, pt, work)
            worst = max(worst, relative_difference(ref, got, work))
        passed = worst < mpmath.mpf(10) ** (-digits + 5)
        return NumericCheck(len(spec.points), digits, float(worst), spec.route, None, passed,
                            "exact form vs reference")
    if d.leading is None or spec.limit is None or spec.order is None:
        return NumericCheck(0, digits, float("nan"), spec.route, None, False,
                            "nothing to compare")
    step = Step(d.lhs, d.leading, Relation.ASYMPTOTIC, "numeric cross-check",
                limit=spec.limit, order=spec.order, domain=d.domain)
    rng = step_rng(step, 0)
    evidence = [measure_rate(step, pt, digits, False, rng, spec.reference)
                for pt in spec.points]
    n = sum(len(ev.errors) for ev in evidence)
    last_err = max((ev.errors[-1] for ev in evidence if ev.errors), default=float("nan"))
    exponents = [ev.exponent for ev in evidence if ev.exponent is not None]
    worst_rate = min(exponents, key=lambda r: abs(r - 1)) if exponents else None
    failing = [ev for ev in evidence if ev.outcome not in ("bounded", "faster")]
    detail = "leading form vs reference along the limit" + (
        f": {failing[0].outcome}, {failing[0].detail}" if failing else "")
    return NumericCheck(n, digits, float(last_err), spec.route, worst_rate, not failing,
                        detail)


def _compare_reading(d: Derivation, label: str, expr: sp.Expr, digits: int,
                     evaluate: Any = None, step_checker: StepChecker = check_step
                     ) -> ReadingCheck:
    """A printed reading against the derived result: identical (an exact step between
    them is verified), an approximation at the claimed order (the rate witness finds
    the error bounded by it along the derivation's limit), or disagreeing."""
    target = d.exact if d.exact is not None else d.leading
    pf = d.printed
    assert pf is not None and target is not None
    # a reading with its own (expensive) validated evaluator is compared at the numeric
    # block's points, where that reference has been computed already
    shared = d.numeric.points if evaluate is not None and d.numeric is not None else ()
    step = Step(expr, target, Relation.EQUAL, "compare", domain=d.domain,
                evaluate_before=evaluate, points=tuple(shared))
    exact_check = step_checker(step, digits)
    if d.exact is not None and exact_check.status == "verified":
        return ReadingCheck(label, "identical", exact_check.reason, exact_check.max_rel_error)
    lim = d.limit
    if lim is None:
        return ReadingCheck(label, "disagrees", exact_check.reason, exact_check.max_rel_error)
    order = pf.claimed_order if pf.claimed_order is not None else (d.order or sp.Integer(1))
    step = Step(expr, target, Relation.ASYMPTOTIC, "compare", limit=lim, order=order,
                domain=d.domain, evaluate_before=evaluate)
    evidence = [ev for _, ev in rate_at_parameter_points(
        step, max(digits, 30), step_rng(step, 0), absolute=pf.compare == "absolute",
        stop=("unbounded", "not vanishing", "undecided", "unevaluable"))]
    bad = next((ev for ev in evidence if ev.outcome in ("unbounded", "not vanishing")), None)
    if bad is not None:
        return ReadingCheck(label, "disagrees", f"{bad.detail} (claimed order {order})",
                            bad.errors[-1] if bad.errors else None)
    if any(ev.outcome in ("unevaluable", "undecided") for ev in evidence):
        ev = next(ev for ev in evidence if ev.outcome in ("unevaluable", "undecided"))
        return ReadingCheck(label, "undecided", f"the reading could not be evaluated along "
                            f"the limit: {ev.detail}")
    first = evidence[0]
    return ReadingCheck(label, "approximation", f"error vs derived: {first.detail}",
                        first.errors[-1] if first.errors else None)


def _chain_gap(d: Derivation, checks: tuple[StepCheck, ...]) -> str | None:
    """Why no path of verified steps joins ``d.lhs`` to the stated result, else None."""
    verified = [c.status == "verified" for c in checks]
    proved = [c.evidence == "proved" for c in checks]  # definitions included
    if d.exact is not None:
        path = find_path(d, verified, exact=True, proved=proved)
    elif d.leading is not None:
        path = find_path(d, verified, exact=False, proved=proved)
    else:
        return None
    if not path.found:
        return path.detail
    if d.exact is None:
        symbols = sorted(sp.sympify(d.order).free_symbols if d.order is not None else (),
                         key=lambda z: z.name)
        return order_excess(d, path.steps, box_centre(symbols, d.domain))
    return None


def _without_result(d: Derivation, checks: tuple[StepCheck, ...], numeric, claims,
                    seconds: float) -> CheckedDerivation:
    """A derivation built without ``exact=`` or ``leading=``: its steps are all it
    states.  Confirmed when they are all exact (and verified), an approximation when
    some are asymptotic; the reason says that there is no stated result."""
    asymptotic = [s for s in d.steps if s.relation is Relation.ASYMPTOTIC and not s.claim]
    proved = sum(c.evidence == "proved" for c in checks)
    text = (f"{len(checks)} steps verified ({proved} proved symbolically); no result "
            "stated (build without exact= or leading=), so only the steps are checked")
    if asymptotic:
        orders = ", ".join(sorted({sp.sstr(s.order) for s in asymptotic}))
        return CheckedDerivation(d, checks, Verdict.APPROXIMATION, None,
                                 f"{text}; asymptotic steps of order {orders}", numeric, (),
                                 claims, seconds)
    return CheckedDerivation(d, checks, Verdict.CONFIRMED, None, text, numeric, (), claims,
                             seconds)


def check_derivation(d: Derivation, digits: int = 30, seed: int = 20260101,
                     step_checker: StepChecker = check_step) -> CheckedDerivation:
    """Check every step, the chain from the left side to the stated result, the numeric
    cross-check and the printed readings of ``d``.  ``step_checker`` judges each step
    (the check cache passes its own, :class:`remsym.cache.StepCache`)."""
    start = time.perf_counter()
    checks = tuple(step_checker(s, digits, seed) for s in d.steps)
    claims = tuple(ClaimVerdict(s.claim, claim_verdict(s, c), c)
                   for s, c in zip(d.steps, checks, strict=True) if s.claim)
    bad = [(s, c) for s, c in zip(d.steps, checks, strict=True)
           if not s.claim and c.status != "verified"]
    try:
        numeric = _numeric_check(d, digits)
    except Exception as exc:  # a failed reference is a failed check, with its reason
        numeric = NumericCheck(0, digits, float("nan"), d.numeric.route if d.numeric else "",
                               None, False, f"{type(exc).__name__}: {exc}".splitlines()[0])

    def elapsed() -> float:
        return time.perf_counter() - start

    if bad:
        s, c = bad[0]
        return CheckedDerivation(d, checks, Verdict.FAILED, None,
                                 f"step '{s.rule}' {c.status}: {c.reason}", numeric, (), claims,
                                 elapsed())
    gap = _chain_gap(d, checks)
    if gap is not None:
        return CheckedDerivation(d, checks, Verdict.FAILED, None, gap, numeric, (), claims,
                                 elapsed())
    if numeric is not None and not numeric.passed:
        return CheckedDerivation(d, checks, Verdict.FAILED, None,
                                 f"numeric cross-check failed: {numeric.detail} "
                                 f"(max rel error {numeric.max_rel_error:.3g}, rate "
                                 f"{numeric.observed_rate})", numeric, (), claims, elapsed())
    if d.exact is None and d.leading is None:
        return _without_result(d, checks, numeric, claims, elapsed())
    if d.printed is None:
        verdict = Verdict.CONFIRMED if d.exact is not None else Verdict.APPROXIMATION
        return CheckedDerivation(d, checks, verdict, None, "no printed form to compare",
                                 numeric, (), claims, elapsed())
    readings = tuple(_compare_reading(d, r.label, r.expr, digits, r.evaluate, step_checker)
                     for r in d.printed.readings)
    for outcome, verdict in (("identical", Verdict.CONFIRMED),
                             ("approximation", Verdict.APPROXIMATION)):
        match = next((r for r in readings if r.outcome == outcome), None)
        if match is not None:
            return CheckedDerivation(d, checks, verdict, match.label, match.detail, numeric,
                                     readings, claims, elapsed())
    undecided = [r for r in readings if r.outcome == "undecided"]
    if undecided:
        return CheckedDerivation(d, checks, Verdict.FAILED, None,
                                 "; ".join(f"{r.label}: {r.detail}" for r in undecided),
                                 numeric, readings, claims, elapsed())
    worst = "; ".join(f"{r.label}: {r.detail}" for r in readings)
    return CheckedDerivation(d, checks, Verdict.ERRATUM, None, worst, numeric, readings, claims,
                             elapsed())


__all__ = ["CheckedDerivation", "ClaimVerdict", "NumericCheck", "ReadingCheck",
           "check_derivation", "claim_verdict"]
