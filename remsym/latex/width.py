"""Estimating how wide a formula prints.

LaTeX cannot tell us the width of a formula before it is typeset, so the
document layout uses a rough *visual width* in units of one average math
character: fractions count their wider part, scripts 70 %, commands one glyph,
``\\left``/``\\right`` nothing.  It is good to ten percent on the formulas of the
paper, which is all the line breaking (:mod:`remsym.latex.layout`) and the
printer's choice between ``e^{...}`` and ``\\exp[...]`` need.
"""

from __future__ import annotations

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


__all__ = ["visual_width"]
