"""Numerics of remsym: compiled functions, point values and quadrature.

==========================  ===================================================
module                      role
==========================  ===================================================
:mod:`.codegen`             ``lambdify`` with positional argument names
:mod:`.lambdas`             SymPy -> NumPy (log space) and mpmath functions
:mod:`.arb_code`            SymPy -> python-flint ball functions
:mod:`.point_values`        an expression at a point: generated code at two
                            precisions, finite sums term by term
:mod:`.integrals`           an expression with (nested) integrals at a point,
                            by tanh-sinh quadrature
:mod:`.quadrature`          one-dimensional quadrature, one entry per strategy:
                            certified Arb, Gauss-Legendre (validated by two
                            routes), tanh-sinh, the nested sweep, peak finding
:mod:`.rates`               the observed order of an error along a limit
==========================  ===================================================

Nothing is imported here, so ``import remsym.numeric`` stays cheap.  The quantities
of ``remsym eval`` belong to a derivation collection.
"""
