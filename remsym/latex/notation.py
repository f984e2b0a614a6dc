"""Presentational SymPy objects: marks that exist only to be printed.

:class:`Average` is the bracket ``<X>`` of an average (over a distribution the
derivation defines) as a *label*: it never evaluates, has no numerical value and no
rewrite to the integral.  A derivation that needs the average as mathematics writes
the integral; one that wants the printed form ``<x>`` of a result uses
``Average(x)`` (or a symbol named ``<x>``, which a collection's name table may
render the same way).
"""

from __future__ import annotations

import sympy as sp


class Average(sp.Function):
    """``<X>``: an unevaluated, purely printed average."""

    nargs = 1

    @classmethod
    def eval(cls, arg: sp.Expr) -> None:
        return None


__all__ = ["Average"]
