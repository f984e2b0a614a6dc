"""LaTeX for Jupyter: what ``Step``, ``Derivation`` and ``CheckedDerivation`` show.

The records know nothing of printing: importing this module attaches
``_repr_latex_`` to :class:`~remsym.derivation.steps.Step`,
:class:`~remsym.derivation.steps.Derivation` and
:class:`~remsym.derivation.records.CheckedDerivation` (the LaTeX layer reaches down
to the records, never the other way).  The ``remsym`` package imports this module,
so in a notebook any import of remsym is enough for steps and derivations to
display as LaTeX.

The output is MathJax-compatible (``aligned`` inside ``$$``, rule names in
``\\text``): no ``\\intertext``, ``\\tag`` or packages of the PDF document.
"""

from __future__ import annotations

import re
from typing import Any

from remsym.derivation.records import CheckedDerivation, StepCheck
from remsym.derivation.steps import Derivation, Relation, Step
from remsym.latex.printer import to_latex
from remsym.latex.steps import MARK, RELATION, asymptotic_tail, step_inline


def _text(s: str) -> str:
    """Plain text safe inside MathJax's ``\\text{}``."""
    s = s.replace("<", "\u27e8").replace(">", "\u27e9")
    return re.sub(r"[{}\\$&#%^_~]", " ", s).strip()


def step_latex(step: Step) -> str:
    """One step on one line with its rule: ``$\\displaystyle before = after \\quad (rule)$``."""
    return rf"$\displaystyle {step_inline(step)} \qquad \text{{({_text(step.rule)})}}$"


def _rows(d: Derivation, checks: tuple[StepCheck, ...] | None = None) -> list[str]:
    rows = []
    for k, step in enumerate(d.steps):
        rel = RELATION[step.relation]
        after = to_latex(step.after)
        if step.relation is Relation.ASYMPTOTIC:
            after = (rf"\left({after}\right)" if step.after.is_Add else after) + " " \
                + asymptotic_tail(step.order, step.limit)
        mark = ""
        if checks is not None and k < len(checks):
            mark = MARK.get(checks[k].status, "?") + r"\ "
        claim = r"\ \text{[claim]}" if step.claim else ""
        rows.append(rf"{to_latex(step.before)} &{rel} {after} && {mark}\text{{({k + 1}) "
                    rf"{_text(step.rule)}}}{claim}")
    return rows


def derivation_latex(d: Derivation, checked: CheckedDerivation | None = None) -> str:
    """All steps as one ``aligned`` block, then the derived result (and the verdict)."""
    rows = _rows(d, checked.step_checks if checked is not None else None)
    if d.exact is not None:
        rows.append(rf"{to_latex(d.lhs)} &= {to_latex(d.exact)} && \text{{derived, exact}}")
    if d.leading is not None:
        rows.append(rf"{to_latex(d.lhs)} &\simeq {to_latex(d.leading)} "
                    rf"{asymptotic_tail(d.order, d.limit)} && \text{{derived, leading order}}")
    if checked is not None:
        reading = f" ({_text(checked.reading)})" if checked.reading else ""
        rows.append(rf"& && \text{{verdict: {checked.verdict.value}{reading}}}")
    title = _text(f"{d.id}: {d.title}")
    return (rf"$$\text{{{title}}}\\ \begin{{aligned}}" + r" \\ ".join(rows)
            + r"\end{aligned}$$")


def repr_latex(obj: Any) -> str:
    """``_repr_latex_`` of a step, a derivation or a checked derivation."""
    if isinstance(obj, Step):
        return step_latex(obj)
    if isinstance(obj, CheckedDerivation):
        return derivation_latex(obj.derivation, obj)
    if isinstance(obj, Derivation):
        return derivation_latex(obj)
    return f"${to_latex(obj)}$"


def _attach() -> None:
    """``_repr_latex_`` on the record classes (a class attribute: slotted instances
    take it too)."""
    for record in (Step, Derivation, CheckedDerivation):
        setattr(record, "_repr_latex_", repr_latex)  # noqa: B010 - a method, attached


_attach()

__all__ = ["derivation_latex", "repr_latex", "step_latex"]
