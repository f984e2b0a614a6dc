"""Records of checking: what the checker says about a step and about a derivation.

Like the derivation records of :mod:`remsym.derivation.steps`, these are plain frozen
values at the bottom of the engine: the checker (:mod:`remsym.derivation.check`,
:mod:`remsym.derivation.verdict`) produces them, and the renderers (JSON and tables in
:mod:`remsym.render`, LaTeX in :mod:`remsym.latex`) read them, so that printing needs
the records only, never the checker.

=====================  =============================================================
record                 what it holds
=====================  =============================================================
:class:`StepCheck`     one step's status, deciding witness, reason and evidence level
:class:`ClaimVerdict`  a sentence of the paper checked as a step, with its verdict
:class:`NumericCheck`  the result against its independent reference
:class:`ReadingCheck`  one printed reading against the derived result
:class:`CheckedDerivation`  all of the above for one derivation, and its verdict
:class:`BuildFailure`  a derivation whose builder raised (reported as failed)
=====================  =============================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from remsym.derivation.steps import Derivation, Step, Verdict

__all__ = ["BuildFailure", "CheckedDerivation", "ClaimVerdict", "NumericCheck",
           "ReadingCheck", "StepCheck"]


@dataclass(frozen=True, slots=True)
class StepCheck:
    """Outcome of checking one step.

    ``status`` is ``verified``, ``refuted`` or ``unverified``; ``witness`` names the
    witness that decided (``symbolic (expand)``, ``numeric``, ``limit+rate`` ...).
    """

    status: str  # "verified" | "refuted" | "unverified"
    witness: str  # which witness decided
    reason: str
    max_rel_error: float | None = None
    observed_rate: float | None = None

    @property
    def evidence(self) -> str:
        """The evidence level: ``proved``, ``numerically verified``, ``unverified`` or
        ``refuted``."""
        if self.status != "verified":
            return self.status
        if self.witness.startswith(("symbolic", "definition")):
            return "proved"
        return "numerically verified"


@dataclass(frozen=True, slots=True)
class ClaimVerdict:
    """A sentence of the paper checked as a step, with its own verdict."""

    claim: str
    verdict: Verdict
    check: StepCheck


@dataclass(frozen=True, slots=True)
class NumericCheck:
    """The derivation's result compared with its independent reference (``reference``
    names the route) at ``points`` parameter points and ``digits`` digits."""

    points: int
    digits: int
    max_rel_error: float
    reference: str
    observed_rate: float | None = None
    passed: bool = True
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ReadingCheck:
    """One printed reading compared with the derived result."""

    label: str
    outcome: str  # "identical" | "approximation" | "disagrees" | "undecided"
    detail: str
    error: float | None = None


@dataclass(frozen=True)
class CheckedDerivation:
    """A derivation with the check of each step, of its numeric cross-check, of each
    printed reading and of each claim, and the verdict these give (``reason`` says why)."""

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


@dataclass(frozen=True)
class BuildFailure:
    """A derivation whose builder raised: reported as failed, with the reason."""

    id: str
    reason: str
    section: str = ""
