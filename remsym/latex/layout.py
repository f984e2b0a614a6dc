"""Breaking long formulas over lines, and scaling down what still does not fit.

A sum longer than the line is broken at its top-level ``+``/``-`` (terms packed
greedily); another expression breaks inside its widest sum; a single term that is
still too wide is scaled down (``\\scalebox``) rather than overflowing the margin.
Widths are the rough *visual widths* of :mod:`remsym.latex.width`.
"""

from __future__ import annotations

import re

import sympy as sp

from remsym.latex.printer import RemsymLatexPrinter
from remsym.latex.width import visual_width


def add_terms(expr: sp.Expr) -> list[tuple[str, str]]:
    """Top-level terms of a sum as ``(sign, latex)`` in printing order (first sign '')."""
    printer = RemsymLatexPrinter()
    if not isinstance(expr, sp.Add):
        return [("", printer.doprint(expr))]
    terms = printer.ordered_terms(expr)
    out: list[tuple[str, str]] = []
    for k, term in enumerate(terms):
        sign = ""
        if k and term.could_extract_minus_sign():
            sign, term = "-", -term
        elif k:
            sign = "+"
        tex = printer._print(term)
        if printer._needs_add_brackets(term):
            tex = rf"\left({tex}\right)"
        out.append((sign, tex))
    return out


def fit(tex: str, budget: float) -> str:
    """``tex`` unchanged if it fits in ``budget``, else scaled down to fit (at least 55 %)."""
    w = visual_width(tex)
    if w <= budget:
        return tex
    factor = max(0.55, round(budget / w, 2))
    return rf"\scalebox{{{factor}}}{{$\displaystyle {tex}$}}"


def break_sum(expr: sp.Expr, budget: float, first_budget: float | None = None) -> list[str]:
    """LaTeX lines of ``expr``, broken at top-level ``+``/``-`` to fit ``budget`` each.

    Every line but the first starts with its sign; a term too wide on its own is
    scaled by :func:`fit`.  ``first_budget`` is the room on the first line.
    """
    terms = add_terms(expr)
    lines: list[str] = []
    current, room = "", first_budget if first_budget is not None else budget
    for sign, tex in terms:
        piece = f"{sign} {tex}".strip() if sign else tex
        if current and visual_width(current + " " + piece) > room:
            lines.append(fit(current, room))
            current, room = piece, budget
        else:
            current = f"{current} {piece}".strip()
    lines.append(fit(current, room))
    return lines


#: A placeholder wide enough that the printer keeps brackets around it (``\\exp[...]``).
_HOLE = "Xremsymholexxxxxxxxxxx"
_DELIM = re.compile(r"\\(left|right)(\\[{}]|\\[a-zA-Z]+|.)")


def _unmatched(tex: str) -> tuple[list[int], list[int]]:
    """Positions of ``\\left`` without their ``\\right`` and of ``\\right`` without ``\\left``."""
    stack: list[int] = []
    orphans: list[int] = []
    for m in _DELIM.finditer(tex):
        if m.group(1) == "left":
            stack.append(m.start())
        elif stack:
            stack.pop()
        else:
            orphans.append(m.start())
    return stack, orphans


def _resize(tex: str, positions: list[int], old: str, new: str) -> str:
    for pos in sorted(positions, reverse=True):
        tex = tex[:pos] + new + tex[pos + len(old):]
    return tex


def _brace_depth(tex: str) -> int:
    depth = 0
    for i, c in enumerate(tex):
        if c in "{}" and (i == 0 or tex[i - 1] != "\\"):
            depth += 1 if c == "{" else -1
    return depth


def break_expr(expr: sp.Expr, budget: float, first_budget: float | None = None) -> list[str]:
    """LaTeX lines of any expression, each fitting ``budget`` (the first ``first_budget``).

    A sum breaks at its top-level signs (:func:`break_sum`).  Another expression
    too wide for one line (``exp[a + b + ...]``, ``N (a + b + ...)``) breaks
    inside its widest sum that is not in a fraction, script or root: the
    brackets around that sum become ``\\Bigl[ ... \\Bigr]`` so that they can
    span lines.  Failing both, the expression is scaled down (:func:`fit`).
    """
    first = budget if first_budget is None else first_budget
    if isinstance(expr, sp.Add):
        return break_sum(expr, budget, first)
    printer = RemsymLatexPrinter()
    tex = printer.doprint(expr)
    if visual_width(tex) <= first:
        return [tex]
    sums = {a for a in sp.preorder_traversal(expr) if isinstance(a, sp.Add) and a != expr}
    hole = sp.Symbol(_HOLE)
    for inner in sorted(sums, key=lambda a: -visual_width(printer.doprint(a))):
        outer = printer.doprint(expr.xreplace({inner: hole}))
        if outer.count(_HOLE) != 1:
            continue
        head, tail = outer.split(_HOLE)
        if _brace_depth(head) != 0 or visual_width(head) > 0.5 * first:
            continue
        lefts, _ = _unmatched(head)
        _, rights = _unmatched(tail)
        if len(lefts) != len(rights):
            continue
        head = _resize(head, lefts, r"\left", r"\Bigl")
        tail = _resize(tail, rights, r"\right", r"\Bigr")
        lines = break_sum(inner, budget, first - visual_width(head))
        if len(lines) < 2:
            continue
        lines[0] = f"{head}{lines[0]}"
        if visual_width(lines[-1] + tail) > budget + 3.0:  # a lone "]" is not worth a line
            lines.append(fit(tail, budget))
        else:
            lines[-1] += tail
        return lines
    return [fit(tex, first)]


__all__ = ["add_terms", "break_expr", "break_sum", "fit"]
