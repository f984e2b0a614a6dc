"""The one LaTeX printer of remsym, in the paper's notation.

Subclasses SymPy's ``LatexPrinter`` only where the defaults differ from the
paper: symbol names (one table, :data:`NOTATION`).
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.latex import LatexPrinter

NOTATION: dict[str, str] = {
    "Delta": r"\Delta",
    "epsilon": r"\varepsilon",
    "rho": r"\rho",
    "nu": r"\nu",
    "E'": r"E'",
    "R_0": r"R_0",
    "lambda": r"\lambda",
}


class RemsymLatexPrinter(LatexPrinter):
    """SymPy's LaTeX printer with the paper's symbol names."""

    def _print_Symbol(self, expr: sp.Symbol, style: str = "plain") -> str:
        if expr.name in NOTATION:
            return NOTATION[expr.name]
        return super()._print_Symbol(expr)


def to_latex(expr: object) -> str:
    """LaTeX of a SymPy expression in the paper's notation."""
    return RemsymLatexPrinter().doprint(sp.sympify(expr))


__all__ = ["NOTATION", "RemsymLatexPrinter", "to_latex"]
