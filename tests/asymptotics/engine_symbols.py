"""The symbols of the asymptotic-engine tests, so that they need no derivation collection.

Same names and assumptions as a collection would declare them (SymPy symbols with
equal names and assumptions are the same symbol): ``lam`` the large parameter of
Laplace's method, ``x`` the real integration variable, ``s`` a positive argument.
"""

from __future__ import annotations

import sympy as sp

lam = sp.Symbol("lambda", positive=True)
x = sp.Symbol("x", real=True)
s = sp.Symbol("s", positive=True)

__all__ = ["lam", "x", "s"]
