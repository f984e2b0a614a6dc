"""Running one corpus record through the checker: the outcome as a value.

Shared by ``test_corpus.py`` (which asserts on it) and ``report.py`` (which counts it).
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus import Case

from remsym.derivation.check import check_step
from remsym.derivation.steps import Derivation
from remsym.derivation.verdict import check_derivation
from remsym.errors import RemsymError

#: A domain that contradicts the assumptions may be refused as a usage error.
USAGE_ERROR = "usage-error"


@dataclass(frozen=True)
class Outcome:
    """``status``: a step's status (``verified``/``refuted``/``unverified``/usage error) or a
    derivation's verdict value; ``refuted_step`` whether a derivation refuted one of its
    steps; ``reason`` the checker's own words."""

    status: str
    reason: str
    refuted_step: bool = False
    derivation: bool = False


def judge(case: Case) -> Outcome:
    try:
        built = case.build()  # a builder may refuse a malformed record as a usage error
        if isinstance(built, Derivation):
            checked = check_derivation(built, digits=case.digits)
            return Outcome(checked.verdict.value, checked.reason,
                           any(c.status == "refuted" for c in checked.step_checks), True)
        result = check_step(built, digits=case.digits)
    except RemsymError as exc:
        return Outcome(USAGE_ERROR, f"{type(exc).__name__}: {exc}")
    return Outcome(result.status, result.reason)


def sound(case: Case, outcome: Outcome) -> bool:
    """Whether ``outcome`` is an acceptable answer for ``case``: a false step not verified,
    a true step not refuted (an honest ``unverified`` is acceptable), a false derivation
    ``failed``, a true derivation (all textbook steps) ``confirmed`` or ``approximation``.
    A usage error (a box that contradicts the assumptions) is acceptable for false records
    only."""
    if outcome.status == USAGE_ERROR:
        return not case.truth
    if outcome.derivation:
        if not case.truth:
            return outcome.status == "failed"
        return outcome.status in ("confirmed", "approximation")
    if not case.truth:
        return outcome.status != "verified"
    return outcome.status in ("verified", "unverified")


def category(case: Case, outcome: Outcome) -> str:
    """The report's bucket: for false records ``refuted``/``unverified``/``missed``, for true
    ones ``verified``/``unverified``/``refuted`` (a derivation's verdict maps onto these)."""
    status = outcome.status
    if outcome.derivation:
        if not case.truth:
            return "refuted" if status == "failed" and outcome.refuted_step else (
                "unverified" if status == "failed" else "missed")
        if status == "failed" and not outcome.refuted_step:
            return "unverified"
        return "verified" if sound(case, outcome) else "refuted"
    if not case.truth:
        return {"verified": "missed", USAGE_ERROR: "refuted"}.get(status, status)
    return status if status != USAGE_ERROR else "refuted"
