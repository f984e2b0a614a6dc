"""Rendering checked derivations: the rich table and the JSON of DESIGN.md.

The only module besides ``remsym.latex`` that turns results into text; the CLI
calls it, the algorithms never do.
"""

from __future__ import annotations

import math
from typing import Any, Iterable

import sympy as sp

from remsym.derivation.verdict import CheckedDerivation
from remsym.latex import to_latex


def _order_text(expr: sp.Expr | None) -> str | None:
    return None if expr is None else f"O({sp.sstr(expr)})"


def _num(x: float | None) -> float | None:
    if x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x))):
        return None
    return float(f"{x:.3g}")


def result_dict(c: CheckedDerivation) -> dict[str, Any]:
    d = c.derivation
    printed = None
    if d.printed is not None:
        chosen = next((r for r in d.printed.readings if r.label == c.reading),
                      d.printed.readings[0])
        printed = to_latex(sp.Eq(d.printed.lhs, chosen.expr, evaluate=False))
    derived = d.result
    return {
        "id": d.id,
        "title": d.title,
        "status": c.verdict.value,
        "printed_latex": printed,
        "derived_latex": None if derived is None else to_latex(
            sp.Eq(d.lhs, d.leading if d.leading is not None else derived, evaluate=False)),
        "exact_latex": None if d.exact is None else to_latex(sp.Eq(d.lhs, d.exact,
                                                                   evaluate=False)),
        "order": None if d.exact is not None and d.leading is None else _order_text(d.order),
        "reading": c.reading,
        "steps": len(d.steps),
        "numeric": None if c.numeric is None else {
            "points": c.numeric.points,
            "digits": c.numeric.digits,
            "max_rel_error": _num(c.numeric.max_rel_error),
            "reference": c.numeric.reference,
            **({"observed_rate": _num(c.numeric.observed_rate)}
               if c.numeric.observed_rate is not None else {}),
        },
        "reason": c.reason,
        "claims": [{"claim": cl.claim, "status": cl.verdict.value, "reason": cl.check.reason}
                   for cl in c.claims],
        "step_checks": [{"rule": s.rule, "relation": s.relation.value, "status": k.status,
                         "witness": k.witness, "reason": k.reason}
                        for s, k in zip(d.steps, c.step_checks)],
        "readings": [{"label": r.label, "outcome": r.outcome, "detail": r.detail}
                     for r in c.readings],
        "notes": list(d.notes),
        **({"extras": {k: (v if isinstance(v, (int, float, str, bool, type(None))) else str(v))
                       for k, v in d.extras}} if d.extras else {}),
    }


def summary(checked: Iterable[CheckedDerivation], seconds: float) -> dict[str, Any]:
    counts = {"confirmed": 0, "approximation": 0, "erratum": 0, "failed": 0}
    for c in checked:
        counts[c.verdict.value] += 1
    return {**counts, "seconds": round(seconds, 3)}


def check_json(checked: list[CheckedDerivation], seconds: float) -> dict[str, Any]:
    return {"results": [result_dict(c) for c in checked], "summary": summary(checked, seconds)}


STYLE = {"confirmed": "green", "approximation": "yellow", "erratum": "magenta", "failed": "red"}


def check_table(checked: list[CheckedDerivation], seconds: float, console) -> None:
    """Print the human table with rich (one row per equation, then claims)."""
    from rich.table import Table

    table = Table(title="remsym check", show_lines=False)
    for col in ("id", "title", "status", "reading", "order", "steps", "numeric", "why"):
        table.add_column(col, overflow="fold")
    for c in checked:
        d = c.derivation
        num = "-" if c.numeric is None else (
            f"{c.numeric.points} pts, {c.numeric.reference}, "
            f"max rel {c.numeric.max_rel_error:.1e}"
            + (f", rate {c.numeric.observed_rate:.2f}" if c.numeric.observed_rate else ""))
        style = STYLE[c.verdict.value]
        table.add_row(d.id, d.title, f"[{style}]{c.verdict.value}[/{style}]", c.reading or "-",
                      "exact" if d.exact is not None and d.leading is None
                      else (_order_text(d.order) or "-"),
                      str(len(d.steps)), num, c.reason[:160])
    console.print(table)
    claims = [(c.derivation.id, cl) for c in checked for cl in c.claims]
    if claims:
        ct = Table(title="claims in the paper's text")
        for col in ("id", "claim", "status", "why"):
            ct.add_column(col, overflow="fold")
        for ident, cl in claims:
            style = STYLE[cl.verdict.value]
            ct.add_row(ident, cl.claim, f"[{style}]{cl.verdict.value}[/{style}]",
                       cl.check.reason[:160])
        console.print(ct)
    s = summary(checked, seconds)
    console.print(" ".join(f"{k}: {v}" for k, v in s.items() if k != "seconds")
                  + f"  ({s['seconds']:.1f} s)")
    for c in checked:
        for sc, step in zip(c.step_checks, c.derivation.steps):
            if sc.status != "verified" and not step.claim:
                console.print(f"[red]{c.derivation.id}: step '{step.rule}' {sc.status} "
                              f"({sc.witness}): {sc.reason}[/red]")


__all__ = ["check_json", "check_table", "result_dict", "summary"]
