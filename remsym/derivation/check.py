"""Checking one derivation step: witnesses chosen by form, results as values.

Exact steps (``=``)
    The symbolic witness, a chain of targeted rewrites (:mod:`remsym.derivation.rewrites`),
    and the numeric witness, a counterexample search over the step's box
    (:mod:`remsym.derivation.exact_witness`: thorough without a proof, lighter with one).
    A certain numeric discrepancy refutes, whatever the rewrites said; otherwise a
    rewrite that closes the identity makes it *proved*, and without one it is
    *numerically verified* at the points the search tried.  A statement about an undefined function
    (a general ``G_c``) admits no numeric witness: only a proof verifies it.

Asymptotic steps (``~``)
    Rate witness (:mod:`remsym.derivation.rate_witness`) at several points of the
    other parameters' box, and the limit witness (:mod:`remsym.derivation.limits`).

Nothing here depends on the clock or on what was checked before: the points are drawn
from a generator seeded by the step's content and the caller's seed, and what is
attempted symbolically is chosen by the expression's form and size.  A box that
contradicts its symbol's assumptions is a usage error: the step is ``unverified``.

The result is a :class:`~remsym.derivation.records.StepCheck` record: ``status``
(``verified``, ``refuted`` or ``unverified``), the ``witness`` that decided, the
``reason`` and the ``evidence`` level (``proved``, ``numerically verified``,
``unverified``, ``refuted``).  Only programming errors raise.
"""

from __future__ import annotations

import hashlib
import random

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.functions.elementary.trigonometric import TrigonometricFunction

from remsym.derivation.evaluate import value
from remsym.derivation.exact_witness import (
    MIN_DIGITS,
    ExactSearch,
    free_symbols,
    search_counterexample,
)
from remsym.derivation.limits import limit_of_ratio
from remsym.derivation.rate_witness import RateEvidence, measure_rate
from remsym.derivation.records import StepCheck
from remsym.derivation.rewrites import FORCED_REWRITES, exp_erf_normal_form, symbolic_identity
from remsym.derivation.sampling import centre_corners_random, critical_points, domain_conflict
from remsym.derivation.steps import Relation, Step

__all__ = ["StepCheck", "check_step", "symbolic_identity", "exp_erf_normal_form",
           "step_rng", "MIN_DIGITS", "centre_and_corners", "deep_sides",
           "rate_at_parameter_points"]

#: Parameter points taken from the form of an asymptotic step (its critical points).
CRITICAL_PARAMETER_POINTS = 2


def step_rng(step: Step, seed: int) -> random.Random:
    """A generator seeded by the step's content and ``seed``: the same step is witnessed
    at the same points wherever it occurs."""
    text = "\x00".join([sp.srepr(step.before), sp.srepr(step.after), repr(step.limit),
                        sp.srepr(step.order) if step.order is not None else "",
                        repr(step.domain), str(seed)])
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(digest, "big"))


def _where(point: dict) -> str:
    return ", ".join(f"{k}={sp.N(v, 6)}" for k, v in point.items()) or "the only point"


def _has_undefined_function(*exprs: sp.Expr) -> bool:
    return any(sp.sympify(e).atoms(AppliedUndef) for e in exprs)


def check_exact(step: Step, digits: int, rng: random.Random) -> StepCheck:
    if step.evaluate_before is None and _has_undefined_function(step.before, step.after):
        rewrite = symbolic_identity(step.before, step.after, forced=False)
        if rewrite:
            return StepCheck("verified", f"symbolic ({rewrite})",
                             f"identity by {rewrite} for every function "
                             "(no numeric witness exists for an undefined function)")
        return StepCheck("unverified", "none", "no rewrite proves the identity and an "
                         "undefined function admits no numeric witness")
    rewrite = None
    if not (step.evaluate_before is not None and sp.sympify(step.before).has(sp.Integral)):
        rewrite = symbolic_identity(step.before, step.after)
    # a proved step is still searched, more lightly: the search corroborates the proof;
    # a rewrite that splits logs and powers by force is searched as thoroughly as no proof
    # (it assumed positive arguments, which positive symbols do not make: log((1-x)(1-y)))
    forced = rewrite is not None and rewrite.split(" (")[0] in FORCED_REWRITES
    search = search_counterexample(step, digits, rng, thorough=rewrite is None or forced)
    if search.outcome == "refuted":
        return StepCheck("refuted", "numeric", f"sides differ by relative {search.worst:.3g} "
                         f"at {_where(search.point)} ({search.detail}; {search.digits} "
                         "digits)", search.worst)
    if search.outcome == "uncertain":
        if rewrite:
            return StepCheck("verified", f"symbolic ({rewrite})",
                             f"identity by {rewrite}; the numeric witness could not settle "
                             f"a discrepancy of {search.worst:.2g} ({search.detail})",
                             search.worst)
        return StepCheck("unverified", "numeric", f"sides differ by relative "
                         f"{search.worst:.3g} at {_where(search.point)}, within what the "
                         f"numeric routes can resolve there: {search.detail}", search.worst)
    if search.outcome == "unevaluable":
        if rewrite:
            return StepCheck("verified", f"symbolic ({rewrite})",
                             f"identity by {rewrite}; {search.detail}")
        return StepCheck("unverified", "none", search.detail)
    agreement = _agreement(step, search)
    if rewrite:
        return StepCheck("verified", f"symbolic ({rewrite})",
                         f"proved by {rewrite}; {agreement}", search.worst)
    return StepCheck("verified", "numeric", f"numerically verified: {agreement}",
                     search.worst)


def _agreement(step: Step, search: ExactSearch) -> str:
    where = "given points" if step.points else "points of a counterexample search"
    return (f"{search.points} {where} agree to {search.worst:.1e} at {search.digits} "
            f"digits{search.detail}")


def deep_sides(step: Step) -> bool:
    """Whether both sides are closed forms (deep sequences are affordable)."""
    return step.evaluate_before is None and not any(
        sp.sympify(e).has(sp.Integral, sp.Sum, sp.Product) for e in (step.before, step.after))


def centre_and_corners(step: Step, deep: bool, rng: random.Random) -> list[dict]:
    """The box's centre, some of its corners and random points (fewer where a side holds
    an integral or a validated evaluator)."""
    lim = step.limit
    assert lim is not None
    symbols = [z for z in free_symbols(step.before, step.after, step.order)
               if z != lim.symbol]
    if not symbols:
        return [{}]
    # where the form says the step changes (a narrow window or bump in a parameter)
    switches = critical_points((step.before, step.after), symbols, step.domain)
    if deep:
        return centre_corners_random(symbols, step.domain, rng, corners=2, randoms=2) + \
            switches[:CRITICAL_PARAMETER_POINTS]
    return centre_corners_random(symbols, step.domain, rng, corners=0, randoms=1) + \
        switches[:1]


def _before(step: Step):
    if step.evaluate_before is not None:
        return step.evaluate_before
    return lambda pt, digits: value(step.before, pt, digits)


def rate_at_parameter_points(step: Step, digits: int, rng: random.Random,
                             absolute: bool = False,
                             stop: tuple[str, ...] = ("unbounded", "not vanishing")
                             ) -> list[tuple[dict, RateEvidence]]:
    """The rate evidence of ``step`` at each of its parameter points, in turn, up to the
    first whose outcome is in ``stop``."""
    deep = deep_sides(step)
    evidence: list[tuple[dict, RateEvidence]] = []
    for point in centre_and_corners(step, deep, rng):
        ev = measure_rate(step, point, digits, deep, rng, _before(step), absolute=absolute)
        evidence.append((point, ev))
        if ev.outcome in stop:
            break
    return evidence


def check_asymptotic(step: Step, digits: int, rng: random.Random) -> StepCheck:
    lim = step.limit
    if lim is None or step.order is None:
        return StepCheck("unverified", "none", "asymptotic step without a limit or an order")
    digits = max(digits, MIN_DIGITS)
    if any(f.has(lim.symbol) for f in sp.sympify(step.order).atoms(TrigonometricFunction)):
        return StepCheck("unverified", "none", f"the declared order {step.order} oscillates "
                         "along the limit (it vanishes again and again): it bounds no error")
    evidence = rate_at_parameter_points(step, digits, rng)
    limit = limit_of_ratio(step, evidence[0][0])
    bad = next(((p, ev) for p, ev in evidence if ev.outcome in ("unbounded",
                                                                  "not vanishing")), None)
    if bad is not None:
        p, ev = bad
        witness = "limit" if limit is not None and limit != 1 else "rate"
        lead = f"the ratio of the two sides tends to {limit}, not 1; " if witness == "limit" \
            else ""
        return StepCheck("refuted", witness, f"{lead}{ev.detail} at {_where(p)}",
                         ev.errors[-1] if ev.errors else None, ev.exponent)
    undecided = next(((p, ev) for p, ev in evidence if ev.outcome == "undecided"), None)
    if undecided is not None:
        p, ev = undecided
        return StepCheck("unverified", "rate", f"{ev.detail} at {_where(p)}",
                         ev.errors[-1] if ev.errors else None, ev.exponent)
    evaluated = [(p, ev) for p, ev in evidence if ev.outcome != "unevaluable"]
    if not evaluated:
        p, ev = evidence[0]
        return StepCheck("unverified", "none", f"no rate evidence: {ev.detail}")
    first = evaluated[0][1]
    if limit is not None and limit != 1 and first.errors[-1] > 1e-3:
        return StepCheck("refuted", "limit", f"the ratio of the two sides tends to {limit}, "
                         f"not 1 ({first.detail})", first.errors[-1], first.exponent)
    skipped = len(evidence) - len(evaluated)
    where = f"{len(evaluated)} parameter point{'s' if len(evaluated) > 1 else ''}" \
        + (f" ({skipped} unevaluable)" if skipped else "")
    faster = [ev for _, ev in evaluated if ev.outcome == "faster"]
    detail = (faster[0] if faster else first).detail
    overruled = (f"; SymPy's limit {limit} is contradicted by the vanishing error"
                 if limit is not None and limit != 1 else "")
    witness = "limit+rate" if limit == 1 else "rate"
    head = "limit of ratio = 1; " if limit == 1 else ""
    return StepCheck("verified", witness, f"{head}{detail} at {where}{overruled}",
                     first.errors[-1], first.exponent)


def check_step(step: Step, digits: int = 30, seed: int = 20260101) -> StepCheck:
    """Check one step with its witnesses; never raises for a false step."""
    rng = step_rng(step, seed)
    conflict = domain_conflict(step.domain)
    if conflict is not None:
        return StepCheck("unverified", "none", f"usage error: {conflict}")
    try:
        if step.relation is Relation.DEFINITION:
            lhs = sp.sympify(step.before)
            if not lhs.free_symbols and not lhs.atoms(AppliedUndef):
                return StepCheck("unverified", "none", f"a definition must introduce a name: "
                                 f"{lhs} has no free symbol or undefined function")
            return StepCheck("verified", "definition", "a definition introduces its left side")
        if step.relation is Relation.EQUAL:
            return check_exact(step, digits, rng)
        if step.relation is Relation.ASYMPTOTIC:
            return check_asymptotic(step, digits, rng)
        search = search_counterexample(step, digits, rng)
        status = {"agree": "verified", "refuted": "refuted"}.get(search.outcome, "unverified")
        return StepCheck(status, "numeric", f"numeric agreement {search.worst:.1e} at "
                         f"{search.points} points ({search.detail})", search.worst)
    except Exception as exc:  # an evaluation failure is a value: the step is not verified
        return StepCheck("unverified", "none", f"{type(exc).__name__}: {exc}".splitlines()[0])
