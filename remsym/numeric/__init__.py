"""Numerics of remsym: compiled functions and validated quadrature.

==========================  ===================================================
module                      role
==========================  ===================================================
:mod:`.lambdas`             SymPy -> NumPy (log space) and mpmath functions
:mod:`.codegen`             ``lambdify`` with positional argument names
:mod:`.quadrature`          peak-split, two-route validated mpmath quadrature
:mod:`.certified`           Arb (python-flint) ball integrals
:mod:`.nested`              nested integrals reduced to one dimension
==========================  ===================================================

Nothing is imported here, so ``import remsym.numeric`` stays cheap.  The quantities
of ``remsym eval`` belong to a derivation collection (the paper's:
``remsym_paper.numeric``).
"""
