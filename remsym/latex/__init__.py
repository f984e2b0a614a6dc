"""LaTeX for remsym: the only package that formats LaTeX (printer, steps, documents)."""

from remsym.latex.printer import to_latex

__all__ = ["to_latex"]
