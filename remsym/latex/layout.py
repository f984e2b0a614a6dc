"""Estimating how wide a formula prints, and breaking long ones.

LaTeX cannot tell us the width of a formula before it is typeset, so the
document layout uses a rough *visual width* in units of one average math
character: fractions count their wider part, scripts 70 %, commands one glyph,
``\\left``/``\\right`` nothing.  It is good to ten percent on the formulas of the
paper, which is all the line breaking needs: a sum longer than the line is
broken at its top-level ``+``/``-`` (terms packed greedily), and a single term
that is still too wide is scaled down (``\\scalebox``) rather than overflowing
the margin.
"""

from __future__ import annotations

import re

import sympy as sp

#: Commands that print nothing (or only spacing we ignore).
_SILENT = {"left", "right", "limits", "nolimits", "displaystyle", "textstyle", "bigl", "bigr",
           "Bigl", "Bigr", "biggl", "biggr", "mathrm", "mathbf", "operatorname", "text",
           "textsf", "mathit", "!", "big", "Big"}
_SPACES = {",": 0.3, ";": 0.4, ":": 0.4, " ": 0.4, "quad": 2.0, "qquad": 4.0}
_TEXT_GROUPS = {"operatorname", "mathrm", "text", "textsf", "mathit", "mathbf"}
_STACKED = {"frac", "dfrac", "tfrac", "binom", "dbinom"}


def _group(tex: str, i: int) -> tuple[str, int]:
    """The brace group starting at ``tex[i] == '{'`` (content, index after it)."""
    depth = 0
    for j in range(i, len(tex)):
        if tex[j] == "{":
            depth += 1
        elif tex[j] == "}":
            depth -= 1
            if depth == 0:
                return tex[i + 1:j], j + 1
    return tex[i + 1:], len(tex)


def _argument(tex: str, i: int) -> tuple[str, int]:
    """A macro argument at ``i``: a brace group, a command, or one character."""
    while i < len(tex) and tex[i] == " ":
        i += 1
    if i >= len(tex):
        return "", i
    if tex[i] == "{":
        return _group(tex, i)
    if tex[i] == "\\":
        j = i + 1
        while j < len(tex) and tex[j].isalpha():
            j += 1
        return tex[i:max(j, i + 2)], max(j, i + 2)
    return tex[i], i + 1


def visual_width(tex: str) -> float:
    """Approximate printed width of the math-mode LaTeX ``tex`` (characters)."""
    width, i, n = 0.0, 0, len(tex)
    while i < n:
        c = tex[i]
        if c == "\\":
            j = i + 1
            while j < n and tex[j].isalpha():
                j += 1
            name = tex[i + 1:j] if j > i + 1 else tex[i + 1:i + 2]
            i = j if j > i + 1 else i + 2
            if name in _STACKED:
                a, i = _argument(tex, i)
                b, i = _argument(tex, i)
                width += max(visual_width(a), visual_width(b)) + 0.6
            elif name == "sqrt":
                if i < n and tex[i] == "[":
                    i = tex.index("]", i) + 1
                a, i = _argument(tex, i)
                width += visual_width(a) + 1.0
            elif name in _TEXT_GROUPS:
                a, i = _argument(tex, i)
                width += len(a) * (0.9 if name != "operatorname" else 0.8)
            elif name in _SPACES:
                width += _SPACES[name]
            elif name in ("scalebox",):
                factor, i = _argument(tex, i)
                a, i = _argument(tex, i)
                width += float(factor) * visual_width(a.strip("$").replace(r"\displaystyle", ""))
            elif name not in _SILENT:
                width += 1.0
        elif c in "^_":
            a, i = _argument(tex, i + 1)
            width += 0.7 * visual_width(a)
        elif c == "{":
            a, i = _group(tex, i)
            width += visual_width(a)
        elif c in " }&":
            i += 1
        elif c in "=+-<>":
            width += 1.8
            i += 1
        else:
            width += 1.0
            i += 1
    return width


def add_terms(expr: sp.Expr) -> list[tuple[str, str]]:
    """Top-level terms of a sum as ``(sign, latex)`` in printing order (first sign '')."""
    from remsym.latex.printer import RemsymLatexPrinter

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
    from remsym.latex.printer import RemsymLatexPrinter

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


__all__ = ["add_terms", "break_expr", "break_sum", "fit", "visual_width"]
