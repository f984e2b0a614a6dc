"""Steps of a derivation as mathematics: ``before  rel  after`` rows of an ``align*``.

A :class:`~remsym.derivation.steps.Step` prints as

* ``=``  -> ``before &= after``
* ``:=`` -> ``before &\\equiv after``
* ``~``  -> ``before &\\simeq after \\left[1 + O(order)\\right]`` and the limit
  (``T \\to 0``) in which the neglected terms vanish
* ``≈``  -> ``before &\\approx after``

preceded (``\\intertext``) by its number, rule, justification, assumptions,
claim and the outcome of its check, and tagged at the right margin with the
check's mark.  When a step starts from the previous step's result the left side
is left empty, so a chain of steps reads as one calculation.  A left side too
wide for the left column gets a row of its own; a right side too wide for the
line is broken at its top-level ``+``/``-`` or inside its widest bracket
(``layout.break_expr``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sympy as sp

from remsym.derivation.records import StepCheck
from remsym.derivation.steps import Limit, Relation, Step
from remsym.latex.layout import break_expr, fit
from remsym.latex.printer import order_latex, to_latex
from remsym.latex.text import text_to_latex
from remsym.latex.width import visual_width

#: Room on a line of the document, in ``visual_width`` units (A4, 2 cm margins).
LINE = 66.0
#: The widest left side kept on the row of its relation.
LHS_MAX = 22.0

RELATION = {Relation.EQUAL: "=", Relation.DEFINITION: r"\equiv",
            Relation.ASYMPTOTIC: r"\simeq", Relation.NUMERIC: r"\approx"}
MARK = {"verified": r"\checkmark", "refuted": r"\times", "unverified": "?"}
STATUS_COLOUR = {"verified": "vgood", "refuted": "vbad", "unverified": "vwarn"}


def limit_latex(limit: Limit | None) -> str:
    """``T \\to 0``, ``N \\to \\infty``; empty without a limit."""
    if limit is None:
        return ""
    return rf"{to_latex(limit.symbol)} \to {to_latex(limit.point)}"


def order_factor(order: sp.Expr | None) -> str:
    """``\\left[1 + O(order)\\right]`` (empty for an exact statement)."""
    return "" if order is None else rf"\left[1 + {order_latex(order)}\right]"


def asymptotic_tail(order: sp.Expr | None, limit: Limit | None) -> str:
    """The factor of the neglected terms, and the limit in which they vanish."""
    tail = order_factor(order)
    where = limit_latex(limit)
    return f"{tail}, \\qquad {where}" if where else tail


def _rhs_rows(after: sp.Expr, rel: str, tail: str, room: float) -> list[str]:
    """The right column: relation, ``after`` broken to fit ``room``, then ``tail``."""
    tex = to_latex(after)
    grouped = bool(tail) and isinstance(after, sp.Add)
    single = (rf"\left({tex}\right)" if grouped else tex) + (f" {tail}" if tail else "")
    if visual_width(f"{rel} {single}") <= room:
        return [f"{rel} {single}"]
    budget = room - visual_width(rel) - 2.0
    lines = break_expr(after, budget)
    if grouped:
        lines[0] = r"\Bigl(" + lines[0]
        lines[-1] = lines[-1] + r"\Bigr)"
    rows = [f"{rel} {lines[0]}"] + [rf"\quad {line}" for line in lines[1:]]
    if tail and visual_width(rows[-1] + tail) > room:
        rows.append(rf"\quad \times {tail}")
    elif tail:
        rows[-1] += f" {tail}"
    return rows


def step_rows(step: Step, continued: bool = False, lhs_room: float = LHS_MAX,
              line: float = LINE) -> list[tuple[str, str]]:
    """``(left, right)`` cells of the ``align*`` rows of one step."""
    rel = RELATION[step.relation]
    tail = asymptotic_tail(step.order, step.limit) if step.relation is Relation.ASYMPTOTIC \
        else ""
    room = line - lhs_room
    rows: list[tuple[str, str]] = []
    left = "" if continued else to_latex(step.before)
    if visual_width(left) > lhs_room:
        rows.extend(("", line if k == 0 else rf"\quad {line}")
                    for k, line in enumerate(break_expr(step.before, room - 4.0, room)))
        left = ""
    right = _rhs_rows(step.after, rel, tail, room)
    rows.append((left, right[0]))
    rows.extend(("", r) for r in right[1:])
    return rows


def step_header(index: int, step: Step, check: StepCheck | None = None,
                claim_verdict: str | None = None) -> str:
    """The prose above a step: number, rule, justification, assumptions, check."""
    parts = [rf"\textbf{{({index})}}~\textsf{{{text_to_latex(step.rule)}}}"]
    if step.justification:
        parts.append(": " + text_to_latex(step.justification.rstrip(".")) + ".")
    else:
        parts.append(".")
    if step.assumptions:
        parts.append(r" \emph{Assuming} " + "; ".join(text_to_latex(a)
                                                       for a in step.assumptions) + ".")
    if step.claim:
        verdict = (rf" \verdict{{{claim_verdict}}}" if claim_verdict else "")
        parts.append(r" \textbf{Claim of the paper:} ``" + text_to_latex(step.claim)
                     + "''" + verdict + ".")
    if check is not None:
        colour = STATUS_COLOUR.get(check.status, "vwarn")
        reason = check.reason if len(check.reason) <= 180 else check.reason[:177] + "..."
        shown = check.evidence if check.status == "verified" else check.status
        parts.append(rf" \textcolor{{{colour}}}{{{shown}}} ({text_to_latex(check.witness)}"
                     rf": {text_to_latex(reason)})")
    return r"{\small " + "".join(parts) + "}"


def steps_align(steps: Sequence[Step], checks: Sequence[StepCheck] | None = None,
                claim_verdicts: Iterable[str | None] | None = None) -> str:
    """All steps of a derivation as one ``align*`` with ``\\intertext`` headers."""
    if not steps:
        return ""
    verdicts = list(claim_verdicts) if claim_verdicts is not None else [None] * len(steps)
    all_rows = []
    previous: sp.Expr | None = None
    for step in steps:
        continued = (previous is not None and step.relation is not Relation.DEFINITION
                     and step.before == previous)
        all_rows.append(step_rows(step, continued))
        previous = step.after
    widest_left = max((visual_width(left) for rows in all_rows for left, _ in rows), default=0)
    room = LINE - widest_left
    out = []
    for k, (step, rows) in enumerate(zip(steps, all_rows, strict=True)):
        check = checks[k] if checks is not None and k < len(checks) else None
        header = step_header(k + 1, step, check, verdicts[k] if k < len(verdicts) else None)
        out.append(header + "\n\\begin{align*}" if k == 0 else rf"\intertext{{{header}}}")
        mark = ""
        if check is not None:
            mark = rf"\tag*{{$\textcolor{{{STATUS_COLOUR.get(check.status, 'vwarn')}}}" \
                   rf"{{{MARK.get(check.status, '?')}}}$}}"
        for j, (left, right) in enumerate(rows):
            last = j == len(rows) - 1
            right = fit(right, room + 4.0)
            out.append(f"{left} &{right}{' ' + mark if last and mark else ''} \\\\")
    out[-1] = out[-1].removesuffix(" \\\\")
    out.append(r"\end{align*}")
    return "\n".join(out)


def step_inline(step: Step) -> str:
    """One step on one line (no alignment, no breaking), e.g. for a notebook."""
    rel = RELATION[step.relation]
    after = to_latex(step.after)
    tail = ""
    if step.relation is Relation.ASYMPTOTIC:
        if isinstance(step.after, sp.Add):
            after = rf"\left({after}\right)"
        tail = " " + asymptotic_tail(step.order, step.limit)
    return f"{to_latex(step.before)} {rel} {after}{tail}"


__all__ = ["LINE", "MARK", "RELATION", "asymptotic_tail", "limit_latex", "order_factor",
           "step_header", "step_inline", "step_rows", "steps_align"]
