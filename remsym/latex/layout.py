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


__all__ = ["add_terms", "break_sum", "fit", "visual_width"]
