"""Verdicts: a checked derivation compared with what the paper printed.

The result of :func:`check_derivation` is a :class:`CheckedDerivation`, a plain
value (steps with their checks, numeric cross-check, verdict, matched reading)
that the renderers (rich table, JSON, LaTeX) read.

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

import random
import time
from dataclasses import dataclass, field
from typing import Any

import mpmath
import sympy as sp

from remsym.derivation.check import (
    DRIFT_TOLERANCE,
    RATE_TOLERANCE,
    StepCheck,
    check_step,
    decided_limits_of_one_derivation,
    error_sequence,
    observed_rate,
    prefactor_drift,
)
from remsym.derivation.evaluate import relative_difference, value
from remsym.derivation.steps import Derivation, Relation, Step, Verdict


@dataclass(frozen=True, slots=True)
class ClaimVerdict:
    """A sentence of the paper checked as a step, with its own verdict."""

    claim: str
    verdict: Verdict
    check: StepCheck


@dataclass(frozen=True, slots=True)
class NumericCheck:
    points: int
    digits: int
    max_rel_error: float
    reference: str
    observed_rate: float | None = None
    passed: bool = True
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ReadingCheck:
    label: str
    outcome: str  # "identical" | "approximation" | "disagrees"
    detail: str
    error: float | None = None


@dataclass(frozen=True)
class CheckedDerivation:
    derivation: Derivation
    step_checks: tuple[StepCheck, ...]
    verdict: Verdict
    reading: str | None
    reason: str
    numeric: NumericCheck | None
    readings: tuple[ReadingCheck, ...] = ()
    claims: tuple[ClaimVerdict, ...] = ()
    seconds: float = 0.0
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.derivation.steps

    def _repr_latex_(self) -> str:
        from remsym.latex.jupyter import repr_latex
        return repr_latex(self)


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
    worst_rate, last_err, n = None, 0.0, 0
    for pt in spec.points:
        errors, orders = error_sequence(lambda p: spec.reference(p, digits),
                                        lambda p: value(d.leading, p, work),
                                        spec.order, spec.limit, pt, digits)
        n += len(errors)
        rate = observed_rate(errors, orders, digits)
        last_err = max(last_err, float(errors[-1]))
        if rate is not None and (worst_rate is None or abs(rate - 1) > abs(worst_rate - 1)):
            worst_rate = rate
    passed = worst_rate is None or abs(worst_rate - 1) < RATE_TOLERANCE
    return NumericCheck(n, digits, last_err, spec.route, worst_rate, passed,
                        "leading form vs reference along the limit")


def _compare_reading(d: Derivation, label: str, expr: sp.Expr, digits: int,
                     rng: random.Random, evaluate=None) -> ReadingCheck:
    target = d.exact if d.exact is not None else d.leading
    pf = d.printed
    assert pf is not None and target is not None
    # a reading with its own (expensive) validated evaluator is compared at the numeric
    # block's points, where that reference has been computed already
    shared = d.numeric.points if evaluate is not None and d.numeric is not None else ()
    step = Step(expr, target, Relation.EQUAL, "compare", domain=d.domain,
                evaluate_before=evaluate, points=tuple(shared))
    exact_check = check_step(step, digits)
    if d.exact is not None and exact_check.status == "verified":
        return ReadingCheck(label, "identical", exact_check.reason, exact_check.max_rel_error)
    lim = d.limit
    if lim is None:
        return ReadingCheck(label, "disagrees", exact_check.reason, exact_check.max_rel_error)
    symbols = sorted((expr.free_symbols | target.free_symbols) - {lim.symbol},
                     key=lambda z: z.name)
    from remsym.derivation.evaluate import random_point
    point = random_point(symbols, d.domain, rng)
    work = max(digits, 30) + 20
    order = pf.claimed_order if pf.claimed_order is not None else (d.order or sp.Integer(1))
    errors, orders = error_sequence(lambda p: (evaluate(p, work) if evaluate
                                               else value(expr, p, work)),
                                    lambda p: value(target, p, work),
                                    order, lim, point, work, absolute=pf.compare == "absolute")
    rate = observed_rate(errors, orders, work)
    drift = prefactor_drift(errors, orders, lim, work)
    tail = ", ".join(f"{float(e):.2e}" for e in errors)
    with mpmath.workdps(work):
        ratio = value(expr, point | {lim.symbol: sp.nsimplify(lim.sequence()[-1])}, work) / value(
            target, point | {lim.symbol: sp.nsimplify(lim.sequence()[-1])}, work)
    if drift is not None and abs(drift) > DRIFT_TOLERANCE:
        return ReadingCheck(label, "disagrees", f"error / claimed order {order} grows like "
                            f"(large parameter)**{drift:.2f}: the printed correction is not of "
                            f"the claimed order (errors {tail})", float(errors[-1]))
    if rate is None or (float(errors[-1]) < 0.5 and rate > 1 - RATE_TOLERANCE
                        and float(errors[-1]) < float(errors[0])):
        return ReadingCheck(label, "approximation",
                            f"error vs derived falls as ({order})**"
                            f"{rate if rate is None else round(rate, 3)}"
                            f" (errors {tail})", float(errors[-1]))
    return ReadingCheck(label, "disagrees", f"printed/derived = {mpmath.nstr(ratio, 8)} deep in "
                        f"the limit; errors {tail} do not fall as the claimed order {order}",
                        float(errors[-1]))


def check_derivation(d: Derivation, digits: int = 30, seed: int = 20260101) -> CheckedDerivation:
    """Check every step, the numeric cross-check and the printed readings of ``d``."""
    start = time.perf_counter()
    rng = random.Random(seed)
    with decided_limits_of_one_derivation():
        checks = tuple(check_step(s, digits, seed + i) for i, s in enumerate(d.steps))
    claims = tuple(ClaimVerdict(s.claim, claim_verdict(s, c), c)
                   for s, c in zip(d.steps, checks, strict=True) if s.claim)
    bad = [(s, c) for s, c in zip(d.steps, checks, strict=True)
           if not s.claim and c.status != "verified"]
    try:
        numeric = _numeric_check(d, digits)
    except Exception as exc:  # a failed reference is a failed check, with its reason
        numeric = NumericCheck(0, digits, float("nan"), d.numeric.route if d.numeric else "",
                               None, False, f"{type(exc).__name__}: {exc}".splitlines()[0])
    if bad:
        s, c = bad[0]
        return CheckedDerivation(d, checks, Verdict.FAILED, None,
                                 f"step '{s.rule}' {c.status}: {c.reason}", numeric, (), claims,
                                 time.perf_counter() - start)
    if numeric is not None and not numeric.passed:
        return CheckedDerivation(d, checks, Verdict.FAILED, None,
                                 f"numeric cross-check failed: {numeric.detail} "
                                 f"(max rel error {numeric.max_rel_error:.3g}, rate "
                                 f"{numeric.observed_rate})", numeric, (), claims,
                                 time.perf_counter() - start)
    if d.printed is None:
        verdict = Verdict.CONFIRMED if d.exact is not None else Verdict.APPROXIMATION
        return CheckedDerivation(d, checks, verdict, None, "no printed form to compare",
                                 numeric, (), claims, time.perf_counter() - start)
    readings = tuple(_compare_reading(d, r.label, r.expr, digits, rng, r.evaluate)
                     for r in d.printed.readings)
    for outcome, verdict in (("identical", Verdict.CONFIRMED),
                             ("approximation", Verdict.APPROXIMATION)):
        match = next((r for r in readings if r.outcome == outcome), None)
        if match is not None:
            return CheckedDerivation(d, checks, verdict, match.label, match.detail, numeric,
                                     readings, claims, time.perf_counter() - start)
    worst = "; ".join(f"{r.label}: {r.detail}" for r in readings)
    return CheckedDerivation(d, checks, Verdict.ERRATUM, None, worst, numeric, readings, claims,
                             time.perf_counter() - start)


__all__ = ["CheckedDerivation", "ClaimVerdict", "NumericCheck", "ReadingCheck",
           "check_derivation", "claim_verdict"]
