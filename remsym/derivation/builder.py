"""Building derivations: a small mutable builder that emits immutable records.

A derivation module creates a :class:`DerivationBuilder`, appends steps in the
order a physicist would write them, and calls :meth:`DerivationBuilder.build`.
The builder never checks anything (that is ``remsym.derivation.check``) and
never formats anything (that is ``remsym.latex``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import sympy as sp

from remsym.derivation.steps import (
    Derivation,
    Limit,
    NumericSpec,
    PrintedForm,
    Reading,
    Relation,
    Step,
)

Box = tuple[tuple[sp.Symbol, float, float], ...]


class DerivationBuilder:
    """Collects steps for one derivation (id, title, section of the paper)."""

    def __init__(self, id: str, title: str, section: str = "", domain: Sequence = ()):
        self.id = id
        self.title = title
        self.section = section
        self.domain: Box = tuple(domain)
        self._steps: list[Step] = []
        self._notes: list[str] = []

    # -- steps -------------------------------------------------------------
    def add(self, step: Step) -> sp.Expr:
        self._steps.append(step)
        return step.after

    def extend(self, steps: Iterable[Step]) -> None:
        self._steps.extend(steps)

    def define(self, lhs: sp.Expr, rhs: sp.Expr, rule: str = "definition",
               justification: str = "") -> sp.Expr:
        """``lhs := rhs``; returns ``rhs``."""
        return self.add(Step(lhs, rhs, Relation.DEFINITION, rule, justification))

    def equal(self, before: sp.Expr, after: sp.Expr, rule: str, justification: str = "",
              assumptions: Sequence[str] = (), domain: Sequence | None = None,
              evaluate_before: Callable[[Mapping[sp.Symbol, Any], int], Any] | None = None,
              claim: str | None = None, name: str | None = None,
              points: Sequence[Mapping[sp.Symbol, Any]] = ()) -> sp.Expr:
        """An exact step ``before = after``; returns ``after``.

        ``points`` fixes the numeric witness's points (see :class:`Step`)."""
        return self.add(Step(before, after, Relation.EQUAL, rule, justification,
                             tuple(assumptions), None, None,
                             tuple(domain) if domain is not None else self.domain,
                             claim, evaluate_before, name, tuple(points)))

    def asymptotic(self, before: sp.Expr, after: sp.Expr, rule: str, limit: Limit,
                   order: sp.Expr, justification: str = "", assumptions: Sequence[str] = (),
                   domain: Sequence | None = None,
                   evaluate_before: Callable[[Mapping[sp.Symbol, Any], int], Any] | None = None,
                   claim: str | None = None, name: str | None = None) -> sp.Expr:
        """An asymptotic step ``before ~ after [1 + O(order)]`` along ``limit``."""
        return self.add(Step(before, after, Relation.ASYMPTOTIC, rule, justification,
                             tuple(assumptions), limit, order,
                             tuple(domain) if domain is not None else self.domain,
                             claim, evaluate_before, name))

    def note(self, text: str) -> None:
        self._notes.append(text)

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(self._steps)

    # -- result ------------------------------------------------------------
    def build(self, lhs: sp.Expr, *, exact: sp.Expr | None = None,
              leading: sp.Expr | None = None, corrections: sp.Expr | None = None,
              order: sp.Expr | None = None, limit: Limit | None = None,
              printed: PrintedForm | None = None, numeric: NumericSpec | None = None,
              extras: Mapping[str, Any] | None = None) -> Derivation:
        return Derivation(
            id=self.id, title=self.title, section=self.section, steps=self.steps, lhs=lhs,
            exact=exact, leading=leading, corrections=corrections, order=order, limit=limit,
            printed=printed, numeric=numeric, notes=tuple(self._notes), domain=self.domain,
            extras=tuple((extras or {}).items()),
        )


def printed(text: str, lhs: sp.Expr, readings: Mapping[str, sp.Expr] | sp.Expr,
            claimed_order: sp.Expr | None = None, compare: str = "relative",
            notes: Sequence[str] = ()) -> PrintedForm:
    """A :class:`PrintedForm` from a label -> expression mapping (or one expression)."""
    if isinstance(readings, sp.Basic):
        readings = {"as printed": readings}

    def reading(label, spec):  # an expression, or (expression, validated evaluator)
        if isinstance(spec, tuple):
            return Reading(label, sp.sympify(spec[0]), spec[1])
        return Reading(label, sp.sympify(spec))

    return PrintedForm(text, lhs, tuple(reading(k, v) for k, v in readings.items()),
                       claimed_order, compare, tuple(notes))


__all__ = ["DerivationBuilder", "printed"]
