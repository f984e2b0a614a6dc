"""Presentational SymPy objects: marks that exist only to be printed.

:class:`Average` is the paper's bracket ``<X>`` (the Boltzmann average of Eq 7)
as a *label*: it never evaluates, has no numerical value and no rewrite to the
integral.  A derivation that needs the average as mathematics writes the
integral (``remsym_paper.model.average_integral``); one that wants the printed form
``<f_u>`` of a result uses ``Average(f_u)`` (or a symbol named ``<f_u>``, which
the printer's name table renders the same way).
"""

from __future__ import annotations

import sympy as sp


class Average(sp.Function):
    """``<X>``: an unevaluated, purely printed Boltzmann average (Eq 7)."""

    nargs = 1

    @classmethod
    def eval(cls, arg: sp.Expr) -> None:
        return None


__all__ = ["Average"]
