"""Derivation records: immutable steps, printed forms and derivations.

The records follow SymPy's ``manualintegrate`` design: a step is a frozen value
that says what was done (``rule``), why (``justification``), under which
assumptions, and how good it is (``relation`` and ``order``).  Building steps
(``remsym.derivation.builder``), checking them (``remsym.derivation.check``) and
printing them (``remsym.latex``) live in three separate places; nothing here
prints, and nothing here imports them.  (The records' ``_repr_latex_``, for
Jupyter, is attached by :mod:`remsym.latex.jupyter`.)  The records of checking are
in :mod:`remsym.derivation.records`.

Relations
---------
``=``   exact identity; checked symbolically and by a numeric witness.
``:=``  a definition; it introduces the name on the left, nothing to check.
``~``   asymptotic equivalence ``before/after -> 1`` as ``limit`` is approached,
        with relative error ``O(order)``; checked by the limit of the ratio and
        by the rate at which the numeric error falls.
``≈``   a numerical statement only (no symbolic route claimed).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import sympy as sp


class Relation(str, Enum):  # noqa: UP042 - StrEnum would change str() of the members
    EQUAL = "="
    DEFINITION = ":="
    ASYMPTOTIC = "~"
    NUMERIC = "≈"


class Verdict(str, Enum):  # noqa: UP042 - as Relation
    """The four verdicts of DESIGN.md, for a derivation and for a claim."""

    CONFIRMED = "confirmed"
    APPROXIMATION = "approximation"
    ERRATUM = "erratum"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Limit:
    """The large-parameter limit of an asymptotic statement: ``symbol -> point``.

    ``point`` is ``oo`` (the symbol itself is the large parameter) or ``0``
    (its inverse is, e.g. ``T -> 0`` for ``Delta/T -> oo``).  ``start`` is a value
    of the symbol from which the asymptotic regime is entered; the numeric rate
    check walks from there towards ``point`` geometrically.
    """

    symbol: sp.Symbol
    point: sp.Expr = sp.oo
    start: float = 8.0

    def sequence(self, count: int = 4, factor: float = 2.0) -> list[float]:
        """Values of ``symbol`` approaching ``point`` geometrically from ``start``."""
        if self.point == sp.oo:
            return [self.start * factor**k for k in range(count)]
        if self.point == 0:
            return [self.start / factor**k for k in range(count)]
        raise ValueError(f"unsupported limit point {self.point}")


@dataclass(frozen=True, slots=True)
class Step:
    """One immutable step ``before <relation> after`` of a derivation.

    ``order`` is the relative order of the neglected terms (an expression that
    tends to zero along ``limit``), ``None`` for exact steps.  ``domain`` bounds
    the random points at which a numeric witness evaluates both sides
    (``(symbol, low, high)``; integer symbols get integers).  A step with a
    ``claim`` records a sentence of the paper; its check yields a verdict of its
    own instead of deciding whether the derivation failed.  ``evaluate_before``
    optionally supplies a validated numerical value of ``before`` (for integrals
    that plain quadrature would get wrong): ``f(point, digits) -> mpf``.  ``points``,
    when given, are the numeric witness's points instead of random ones (a step whose
    validated evaluator is expensive is witnessed where the derivation's numeric block
    evaluates the same reference, so each value is computed once).
    """

    before: sp.Expr
    after: sp.Expr
    relation: Relation
    rule: str
    justification: str = ""
    assumptions: tuple[str, ...] = ()
    limit: Limit | None = None
    order: sp.Expr | None = None
    domain: tuple[tuple[sp.Symbol, float, float], ...] = ()
    claim: str | None = None
    evaluate_before: Callable[[Mapping[sp.Symbol, Any], int], Any] | None = None
    name: str | None = None
    points: tuple[Mapping[sp.Symbol, Any], ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class Reading:
    """One reading of a printed equation: a label and the printed right-hand side.

    ``evaluate(point, digits)`` optionally gives a validated value of ``expr``
    (for printed integrals that plain quadrature would get wrong or slowly).
    """

    label: str
    expr: sp.Expr
    evaluate: Callable[[Mapping[sp.Symbol, Any], int], Any] | None = None


@dataclass(frozen=True, slots=True)
class PrintedForm:
    """An equation as printed in the paper, with every reading of EQUATIONS.md.

    ``claimed_order`` is the relative accuracy the paper implies for the print
    (``None``: leading order, i.e. only that the ratio tends to 1).  A reading
    that is not identical to the exact result is an *approximation* when its
    error falls at least as fast as ``claimed_order`` along the derivation's
    limit, and an *erratum* otherwise.  ``compare`` is ``"relative"`` or
    ``"absolute"`` (for logarithms such as S_c).
    """

    text: str
    lhs: sp.Expr
    readings: tuple[Reading, ...]
    claimed_order: sp.Expr | None = None
    compare: str = "relative"
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NumericSpec:
    """How a derivation's result is cross-checked against an independent reference.

    ``reference(point, digits)`` returns the quantity from its defining integral(s)
    (quadrature) or from a closed form derived independently; ``route`` names it
    (``"quadrature"`` or ``"closed-form"``).  ``points`` are parameter points.
    For an asymptotic result, ``limit`` and ``order`` say how the relative error
    must fall along each point's sequence.
    """

    reference: Callable[[Mapping[sp.Symbol, Any], int], Any]
    route: str
    points: tuple[Mapping[sp.Symbol, Any], ...]
    limit: Limit | None = None
    order: sp.Expr | None = None


@dataclass(frozen=True, slots=True)
class Derivation:
    """An ordered list of steps ending in a result, plus what the paper printed.

    ``result`` is the derived right-hand side compared with the print: ``exact``
    when an exact closed form exists (``None`` otherwise), ``leading`` the leading
    asymptotic form (``None`` for exact results), ``order`` the relative order of
    what ``leading`` neglects, ``limit`` the limit in which it holds.
    """

    id: str
    title: str
    section: str
    steps: tuple[Step, ...]
    lhs: sp.Expr
    exact: sp.Expr | None = None
    leading: sp.Expr | None = None
    corrections: sp.Expr | None = None
    order: sp.Expr | None = None
    limit: Limit | None = None
    printed: PrintedForm | None = None
    numeric: NumericSpec | None = None
    notes: tuple[str, ...] = ()
    domain: tuple[tuple[sp.Symbol, float, float], ...] = ()
    extras: tuple[tuple[str, Any], ...] = field(default_factory=tuple)

    @property
    def result(self) -> sp.Expr:
        return self.exact if self.exact is not None else self.leading  # type: ignore[return-value]


__all__ = [
    "Relation", "Verdict", "Limit", "Step", "Reading", "PrintedForm", "NumericSpec",
    "Derivation",
]
