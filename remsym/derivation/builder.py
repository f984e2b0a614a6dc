"""Building derivations: a small mutable builder that emits immutable records.

A derivation module creates a :class:`DerivationBuilder`, appends steps in the
order a physicist would write them, and calls :meth:`DerivationBuilder.build`.
The builder never checks anything (that is ``remsym.derivation.check``) and
never formats anything (that is ``remsym.latex``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import sympy as sp

from remsym.derivation.sampling import domain_conflict
from remsym.derivation.steps import (
    Derivation,
    Limit,
    NumericSpec,
    PrintedForm,
    Reading,
    Relation,
    Step,
)
from remsym.errors import DerivationError

Box = tuple[tuple[sp.Symbol, float, float], ...]


def _expr(value: Any, what: str) -> sp.Expr:
    """A SymPy expression, or a one-line DerivationError: a string is never parsed (a
    typo would silently become a new symbol), a Python number is taken as it is."""
    if isinstance(value, sp.Basic):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return sp.sympify(value)
    raise DerivationError(f"{what} is {type(value).__name__} {value!r:.60}, not a SymPy "
                          "expression")


def _domain(domain: Any, what: str) -> Box:
    """``((symbol, low, high), ...)`` with numbers ``low <= high`` (equal: a fixed value),
    or a DerivationError."""
    if isinstance(domain, (str, sp.Basic)) or not isinstance(domain, Iterable):
        raise DerivationError(f"{what}: domain must be a sequence of (symbol, low, high), "
                              f"got {domain!r:.60}")
    boxes = []
    for box in domain:
        if not (isinstance(box, (tuple, list)) and len(box) == 3
                and isinstance(box[0], sp.Symbol)):
            raise DerivationError(f"{what}: domain entry {box!r:.60} is not "
                                  "(symbol, low, high)")
        try:
            low, high = float(box[1]), float(box[2])
        except (TypeError, ValueError):
            raise DerivationError(f"{what}: domain bounds of {box[0]} are not numbers") \
                from None
        if not low <= high or not all(map(math.isfinite, (low, high))):
            raise DerivationError(f"{what}: domain of {box[0]} needs finite low <= high, "
                                  f"got ({box[1]}, {box[2]})")
        boxes.append((box[0], box[1], box[2]))
    conflict = domain_conflict(boxes)
    if conflict is not None:  # a box outside its symbol's assumptions is a usage error
        raise DerivationError(f"{what}: {conflict}")
    return tuple(boxes)


def _limit(limit: Any, what: str) -> Limit:
    """A :class:`Limit` towards ``oo`` or ``0`` from a positive finite start."""
    if not isinstance(limit, Limit):
        raise DerivationError(f"{what}: limit must be Limit(symbol, point), got "
                              f"{limit!r:.60}")
    if not isinstance(limit.symbol, sp.Symbol):
        raise DerivationError(f"{what}: Limit's symbol {limit.symbol!r:.60} is not a Symbol")
    if limit.point not in (sp.oo, 0):
        raise DerivationError(f"{what}: Limit's point must be oo or 0, got {limit.point}")
    try:
        start = float(limit.start)
    except (TypeError, ValueError):
        raise DerivationError(f"{what}: Limit's start {limit.start!r:.60} is not a number") \
            from None
    if not (math.isfinite(start) and start > 0):
        raise DerivationError(f"{what}: Limit's start must be a positive number, got {start}")
    return limit


class DerivationBuilder:
    """Collects steps for one derivation (id, title, section of the paper)."""

    def __init__(self, id: str, title: str, section: str = "", domain: Sequence = ()):
        self.id = id
        self.title = title
        self.section = section
        if not isinstance(id, str) or not id:
            raise DerivationError(f"derivation id must be a non-empty string, got {id!r:.60}")
        self.domain: Box = _domain(domain, f"derivation {id!r}")
        self._steps: list[Step] = []
        self._notes: list[str] = []

    # -- steps -------------------------------------------------------------
    def add(self, step: Step) -> sp.Expr:
        if not isinstance(step, Step):
            raise DerivationError(f"{self.id}: add() takes a Step, got {step!r:.60}")
        what = f"{self.id}: step {step.rule!r}"
        step = dataclasses.replace(
            step, before=_expr(step.before, f"{what}: the left side"),
            after=_expr(step.after, f"{what}: the right side"),
            limit=None if step.limit is None else _limit(step.limit, what),
            order=None if step.order is None else _expr(step.order, f"{what}: the order"),
            domain=_domain(step.domain, what))
        self._steps.append(step)
        return step.after

    def extend(self, steps: Iterable[Step]) -> None:
        for step in steps:
            self.add(step)

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
        what = f"{self.id}: build"
        lhs = _expr(lhs, f"{what}: lhs")
        exact, leading, corrections, order = (
            None if v is None else _expr(v, f"{what}: {name}") for name, v in
            (("exact", exact), ("leading", leading), ("corrections", corrections),
             ("order", order)))
        limit = None if limit is None else _limit(limit, what)
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
