"""The end of a derivation in LaTeX: derived form, printed form, verdict, evidence.

After its steps a derivation shows

* the derived result: the exact form and/or the leading form with the order of
  the neglected terms and the limit (and the correction factor if recorded);
* the paper's printed form, one display per reading, each with the outcome of
  its comparison;
* the verdict with its reason; for an erratum both forms side by side and their
  ratio printed/derived (their difference for a logarithm compared absolutely);
* the numeric cross-check line, the claims of the paper with their verdicts,
  and the notes.
"""

from __future__ import annotations

import sympy as sp

from remsym.derivation.records import CheckedDerivation
from remsym.derivation.steps import Derivation, Verdict
from remsym.latex.layout import break_expr, fit
from remsym.latex.printer import to_latex
from remsym.latex.steps import LINE, asymptotic_tail
from remsym.latex.text import text_to_latex
from remsym.latex.width import visual_width

OUTCOME = {"identical": "vgood", "approximation": "vwarn", "disagrees": "vbad"}


def display(lhs: sp.Expr | str, rel: str, rhs: sp.Expr, tail: str = "") -> str:
    """A displayed equation, broken with ``multline*``-like rows when too wide."""
    left = lhs if isinstance(lhs, str) else to_latex(lhs)
    right = to_latex(rhs)
    if tail and isinstance(rhs, sp.Add):
        right = rf"\left({right}\right)"
    one = f"{left} {rel} {right} {tail}".strip()
    if visual_width(one) <= LINE:
        return rf"\[ {one} \]"
    room = LINE - min(visual_width(left), 22.0) - 4.0
    lines = break_expr(rhs, room)
    if tail and isinstance(rhs, sp.Add):
        lines[0] = r"\Bigl(" + lines[0]
        lines[-1] = lines[-1] + r"\Bigr)"
    if tail:
        lines.append(rf"\times {tail}" if visual_width(lines[-1] + tail) > room else "")
        if not lines[-1]:
            lines.pop()
            lines[-1] += f" {tail}"
    rows = [rf"{fit(left, 22.0)} &{rel} {lines[0]}"] + [rf"&\quad {line}" for line in lines[1:]]
    return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"


#: The largest expression (SymPy operation count) that :func:`shortest_form` tries to
#: shorten: chosen by size, not by the clock, so the report is the same on a loaded machine.
SHORTEST_FORM_OPS = 80


def shortest_form(expr: sp.Expr) -> sp.Expr:
    """The shortest (fewest operations) of ``expr``, its power-simplified cancelled form
    and SymPy's ``simplify`` of that: the erratum's ratio printed/derived is shown in
    its shortest form.  Only expressions up to :data:`SHORTEST_FORM_OPS` operations are
    attempted."""
    if sp.count_ops(expr) > SHORTEST_FORM_OPS:
        return expr
    try:
        candidates = [expr, sp.powsimp(sp.cancel(sp.expand_power_base(expr, force=True)),
                                       force=True)]
        candidates.append(sp.simplify(candidates[-1]))
    except (TypeError, ValueError, NotImplementedError, RecursionError):
        return expr
    return min(candidates, key=sp.count_ops)


def derived_block(d: Derivation) -> str:
    """The derived result: exact form, leading form with its order and limit."""
    out = []
    if d.exact is not None:
        out.append(r"\noindent\textbf{Derived (exact).}" + display(d.lhs, "=", d.exact))
    if d.leading is not None:
        tail = asymptotic_tail(d.order, d.limit)
        out.append(r"\noindent\textbf{Derived (leading order).}"
                   + display(d.lhs, r"\simeq", d.leading, tail))
        if d.corrections is not None:
            out.append(r"\noindent{\small with the corrections}"
                       + display(d.lhs, r"\simeq", sp.Mul(d.leading, sp.UnevaluatedExpr(
                           d.corrections), evaluate=False)))
    return "\n".join(out)


def printed_block(d: Derivation, checked: CheckedDerivation | None = None) -> str:
    """The paper's printed form, one display per reading, with each comparison."""
    pf = d.printed
    if pf is None:
        return r"\noindent\textbf{Printed form:} none recorded."
    outcomes = {r.label: r for r in (checked.readings if checked is not None else ())}
    out = [r"\noindent\textbf{Printed in the paper} (" + text_to_latex(pf.text) + ")."]
    for reading in pf.readings:
        res = outcomes.get(reading.label)
        label = r"\emph{" + text_to_latex(reading.label) + "}"
        if res is not None:
            detail = res.detail if len(res.detail) <= 200 else res.detail[:197] + "..."
            label += (rf": \textcolor{{{OUTCOME.get(res.outcome, 'vwarn')}}}{{{res.outcome}}}"
                      rf" {{\small ({text_to_latex(detail)})}}")
        out.append(r"\par\noindent{\small Reading " + label + "}" + display(pf.lhs, "=",
                                                                          reading.expr))
    for note in pf.notes:
        out.append(r"\par\noindent{\small " + text_to_latex(note) + "}")
    return "\n".join(out)


def erratum_block(d: Derivation) -> str:
    """Both forms and their ratio (difference for an absolute comparison)."""
    pf, derived = d.printed, d.result
    if pf is None or derived is None:
        return ""
    out = [r"\noindent\textbf{Erratum.} The printed form disagrees with the derived one at "
           r"the order the paper claims:"]
    for reading in pf.readings:
        if pf.compare == "absolute":
            gap = shortest_form(reading.expr - derived)
            out.append(display(r"\text{printed} - \text{derived}", "=", gap))
        else:
            ratio = shortest_form(reading.expr / derived)
            out.append(display(r"\frac{\text{printed}}{\text{derived}}", "=", ratio))
        out[-1] = r"{\small \emph{" + text_to_latex(reading.label) + "}}" + out[-1]
    return "\n".join(out)


def numeric_line(checked: CheckedDerivation) -> str:
    """One line: points, reference route, digits, worst relative error, rate."""
    n = checked.numeric
    if n is None:
        return r"\noindent\textbf{Numeric cross-check:} none recorded."
    rate = "" if n.observed_rate is None else f", observed rate {n.observed_rate:.2f}"
    verdict = r"\textcolor{vgood}{passed}" if n.passed else r"\textcolor{vbad}{failed}"
    detail = f"; {text_to_latex(n.detail)}" if n.detail else ""
    return (rf"\noindent\textbf{{Numeric cross-check:}} {n.points} points against the "
            rf"{text_to_latex(n.reference)} reference at {n.digits} digits, max relative error "
            rf"${_sci(n.max_rel_error)}${rate}{detail} --- {verdict}.")


def _sci(x: float) -> str:
    if x != x:  # NaN
        return r"\text{n/a}"
    if x == 0:
        return "0"
    mantissa, exponent = f"{x:.1e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def verdict_block(checked: CheckedDerivation) -> str:
    """Verdict, matched reading and reason."""
    c = checked
    reading = f" (reading: {text_to_latex(c.reading)})" if c.reading else ""
    reason = c.reason if len(c.reason) <= 400 else c.reason[:397] + "..."
    return (rf"\noindent\textbf{{Verdict:}} \verdict{{{c.verdict.value}}}{reading}."
            rf" {{\small {text_to_latex(reason)}}}")


def claims_block(checked: CheckedDerivation) -> str:
    if not checked.claims:
        return ""
    items = [r"\item ``" + text_to_latex(cl.claim) + r"'' --- \verdict{" + cl.verdict.value
             + r"} {\small (" + text_to_latex(cl.check.reason[:200]) + ")}"
             for cl in checked.claims]
    return ("\\noindent\\textbf{Claims of the paper:}\n\\begin{itemize}\n" + "\n".join(items)
            + "\n\\end{itemize}")


def notes_block(d: Derivation) -> str:
    if not d.notes:
        return ""
    items = [r"\item " + text_to_latex(note) for note in d.notes]
    return ("\\noindent\\textbf{Notes:}\n\\begin{itemize}\\small\n" + "\n".join(items)
            + "\n\\end{itemize}")


def result_section(d: Derivation, checked: CheckedDerivation | None = None) -> str:
    """Everything after the steps, in reading order."""
    parts = [derived_block(d), printed_block(d, checked)]
    if checked is not None:
        parts.append(verdict_block(checked))
        if checked.verdict is Verdict.ERRATUM:
            parts.append(erratum_block(d))
        parts += [numeric_line(checked), claims_block(checked)]
    else:
        parts.append(r"\noindent\textbf{Verdict:} not checked.")
    parts.append(notes_block(d))
    return "\n\n".join(p for p in parts if p)


__all__ = ["claims_block", "derived_block", "display", "erratum_block", "numeric_line",
           "printed_block", "result_section", "shortest_form", "verdict_block"]
