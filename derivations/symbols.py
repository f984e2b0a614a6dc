"""Every symbol of the REM paper, defined once with its assumptions.

Nothing else in remsym calls ``Symbol(...)`` for a model quantity; derivations
import from here.  Names follow the paper's notation (see ``remsym.latex`` for the
printed forms).

=============  ==========================================================
symbol         meaning
=============  ==========================================================
``T``          temperature, k_B = 1 (positive)
``Delta``      width Delta(rho) of the energy distribution, Eq 1 (positive)
``epsilon``    mean energy eps(rho), Eq 1 (real)
``E``          energy of a state (real)
``E_prime``    energy E' of a connected (neighbour) state (real)
``rho``        fraction of regions in the favoured packing (0 <= rho <= 1)
``N``          number of cooperative regions (positive integer)
``nu``         excited states per region (positive integer)
``R0``         attempt rate (positive)
``M``          number of neighbours, M = N nu (positive integer), Eq 3
``n``          number of lower-energy neighbours, Eq 3 (non-negative integer)
``p``          a probability p<c (positive)
``s``          the large parameter Delta/T of the paper (positive)
``lam``        a generic large parameter lambda of Laplace's method (positive)
``x``, ``t``, ``u``  real integration variables
=============  ==========================================================
"""

from __future__ import annotations

import sympy as sp

T = sp.Symbol("T", positive=True)
Delta = sp.Symbol("Delta", positive=True)
epsilon = sp.Symbol("epsilon", real=True)
E = sp.Symbol("E", real=True)
E_prime = sp.Symbol("E'", real=True)
rho = sp.Symbol("rho", nonnegative=True)
N = sp.Symbol("N", positive=True, integer=True)
nu = sp.Symbol("nu", positive=True, integer=True)
R0 = sp.Symbol("R_0", positive=True)
M = sp.Symbol("M", positive=True, integer=True)
n = sp.Symbol("n", nonnegative=True, integer=True)
p = sp.Symbol("p", positive=True)
s = sp.Symbol("s", positive=True)
lam = sp.Symbol("lambda", positive=True)
x = sp.Symbol("x", real=True)
t = sp.Symbol("t", real=True)
u = sp.Symbol("u", real=True)

#: Parameters of the ``remsym eval`` command, by their command-line names.
PARAMETERS: dict[str, sp.Symbol] = {
    "T": T,
    "Delta": Delta,
    "epsilon": epsilon,
    "N": N,
    "nu": nu,
    "rho": rho,
    "R0": R0,
}

__all__ = [
    "T", "Delta", "epsilon", "E", "E_prime", "rho", "N", "nu", "R0", "M", "n", "p",
    "s", "lam", "x", "t", "u", "PARAMETERS",
]
