"""Rendering checked derivations: the JSON of DESIGN.md (``remsym check --json``).

With :mod:`remsym.render_table` (the human views, read from these dicts) the only
modules besides ``remsym.latex`` that turn results into text; the CLI calls them,
the algorithms never do.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import sympy as sp

from remsym.derivation.records import CheckedDerivation
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
        "order": None if c.verdict.value == "confirmed" or d.leading is None
        else _order_text(d.order),
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
                         "witness": k.witness, "evidence": k.evidence, "reason": k.reason,
                          "claim": s.claim}
                        for s, k in zip(d.steps, c.step_checks, strict=True)],
        "readings": [{"label": r.label, "outcome": r.outcome, "detail": r.detail}
                     for r in c.readings],
        "notes": list(d.notes),
        **({"extras": {k: (v if isinstance(v, (int, float, str, bool, type(None))) else str(v))
                       for k, v in d.extras}} if d.extras else {}),
    }


def summary(results: Iterable[dict[str, Any]], seconds: float) -> dict[str, Any]:
    counts = {"confirmed": 0, "approximation": 0, "erratum": 0, "failed": 0}
    for r in results:
        counts[r["status"]] += 1
    return {**counts, "seconds": round(seconds, 3)}


def failed_dict(ident: str, title: str, reason: str) -> dict[str, Any]:
    """The record of a derivation whose building raised: status ``failed`` with the reason."""
    return {"id": ident, "title": title, "status": "failed", "printed_latex": None,
            "derived_latex": None, "exact_latex": None, "order": None, "reading": None,
            "steps": 0, "numeric": None, "reason": reason, "claims": [], "step_checks": [],
            "readings": [], "notes": []}


def check_json(results: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    return {"results": results, "summary": summary(results, seconds)}
