"""Every symbol of the REM paper, defined once with its assumptions.

Nothing else in the paper's package calls ``Symbol(...)`` or ``Function(...)``:
the model, the derivations and the numerics import from here.  Names follow the
paper's notation (the printed forms are in :mod:`remsym_paper.notation`).  Two
SymPy symbols with the same name but different assumptions are different symbols;
where a derivation needs such a twin (``N`` as a real large parameter, ``K`` as a
positive ratio), it is defined here, next to the other, under its own name.

Model parameters and variables:

=================  =================================================================
symbol             meaning
=================  =================================================================
``T``              temperature, k_B = 1 (positive)
``Delta``          width Delta(rho) of the energy distribution, Eq 1 (positive)
``epsilon``        mean energy eps(rho), Eq 1 (real)
``E``              energy of a state (real)
``E_prime``        energy E' of a connected (neighbour) state (real)
``rho``            fraction of regions in the favoured packing (0 <= rho <= 1)
``N``              number of cooperative regions (positive integer)
``nu``             excited states per region (positive integer)
``R0``             attempt rate (positive)
``M``              number of neighbours, M = N nu (positive integer), Eq 3
``n``              number of lower-energy neighbours, Eq 3 (non-negative integer)
``k``              N rho, the number of favoured regions; a summation index (non-negative
                   integer)
``K``              N rho as the count of Eq 2; the shifted index of Eq 3 (non-negative
                   integer)
``p``              a probability p<c (positive)
``s``              the large parameter Delta/T of the paper (positive)
``w``              a positive energy gap: eps - E (Eq 9) or E* - E (Eq 14)
=================  =================================================================

The paper's quantities, as symbols standing for their values:

=================  =================================================================
``Omega``          Omega(N rho) of Eq 2 (positive; :func:`remsym_paper.model.Omega`
                   is its definition)
``Q``              the partition function Q(T) of Eq 4 (positive)
``q_sym``          q(T, rho) of Eq 8 (positive)
``E_star``         E*(T, rho) of Eq 5c (real)
``S_c``            S_c(T, rho) of Eq 5b (real)
``E_of_T``         E(T), the mean energy of Eq 4 (real)
``S_c_of_T``       S_c(T), the entropy of Eq 4 (real)
``fu_avg``         <fu(T, rho)> of Eqs 7, 10 (positive)
``fu_T``           <fu(T)> of Eq 6, the average over rho (positive)
``f_u``            fu(E, rho) of Eq 3
``RA``, ``RB``     the rates <R_A>, <R_B> of Eqs 12, 13 (positive)
``RA1``, ``RA2``   the halves of <R_A> below and above E*, Eq 14 (positive)
``P_LM``           the probability of a local minimum (positive)
``G_trial``        the ansatz of Eq 1 with an unknown prefactor
``C_norm``         that unknown prefactor (positive)
``Omega_count``    the count of states with N rho favoured regions (Eq 2)
=================  =================================================================

Auxiliary variables of particular derivations:

=================  =================================================================
``y``              a rescaled energy: E = N y (Eq 5), y = (eps - E)/Delta (P_LM)
``e_scaled``       eps = N e (the large-N scaling of Eq 5, real)
``d_scaled``       Delta^2 = N d^2 (the large-N scaling of Eq 5, positive)
``e0``, ``e1``     eps(rho) = N (e0 - e1 rho) (Eqs 4-6, real)
``d0``, ``d1``     Delta(rho)^2 = N (d0 + d1 rho) (Eqs 4-6, positive)
``N_real``         N as a real large parameter (Stirling, Laplace's method in N)
``K_beta``         e^beta/nu of the rho saddle (Eq 5a), positive
``lam``            a generic large parameter lambda of Laplace's method (positive)
``x``, ``t``, ``u``  real integration variables
=================  =================================================================

Undefined functions (the left-hand sides of definitions): ``G_fn`` (G(E, rho), Eq 1),
``Omega_fn`` (Omega(N rho), Eq 2), ``g_fn`` (the scaled exponent g(y) of Eq 5),
``p_less_fn`` (p<(E)), ``p_less_c_fn`` (p<c(E)), ``Gc_fn`` (the connected-state
density G_c(E', rho; E) of Eqs 12, 13, with no assumption on its form).
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
k = sp.Symbol("k", integer=True, nonnegative=True)
K = sp.Symbol("K", integer=True, nonnegative=True)
p = sp.Symbol("p", positive=True)
s = sp.Symbol("s", positive=True)
w = sp.Symbol("w", positive=True)

Omega = sp.Symbol("Omega", positive=True)
Q = sp.Symbol("Q", positive=True)
q_sym = sp.Symbol("q", positive=True)
E_star = sp.Symbol("E^*", real=True)
S_c = sp.Symbol("S_c", real=True)
E_of_T = sp.Symbol("E(T)", real=True)
S_c_of_T = sp.Symbol("S_c(T)", real=True)
fu_avg = sp.Symbol("<f_u>", positive=True)
fu_T = sp.Symbol("<f_u(T)>", positive=True)
f_u = sp.Symbol("f_u")
RA, RB, RA1, RA2 = (sp.Symbol(f"<R_{name}>", positive=True) for name in ("A", "B", "A1", "A2"))
P_LM = sp.Symbol("P_LM", positive=True)
G_trial = sp.Symbol("G_trial")
C_norm = sp.Symbol("C", positive=True)
Omega_count = sp.Symbol("Omega_count")

y = sp.Symbol("y", real=True)
e_scaled = sp.Symbol("e", real=True)
d_scaled = sp.Symbol("d", positive=True)
e0, e1 = sp.symbols("e_0 e_1", real=True)
d0, d1 = sp.symbols("d_0 d_1", positive=True)
N_real = sp.Symbol("N", positive=True)
K_beta = sp.Symbol("K", positive=True)
lam = sp.Symbol("lambda", positive=True)
x = sp.Symbol("x", real=True)
t = sp.Symbol("t", real=True)
u = sp.Symbol("u", real=True)

G_fn = sp.Function("G")
Gc_fn = sp.Function("G_c")
Omega_fn = sp.Function("Omega")
g_fn = sp.Function("g")
p_less_fn = sp.Function("p_<")
p_less_c_fn = sp.Function("p<c")

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
    "T", "Delta", "epsilon", "E", "E_prime", "rho", "N", "nu", "R0", "M", "n", "k", "K", "p",
    "s", "w", "Omega", "Q", "q_sym", "E_star", "S_c", "E_of_T", "S_c_of_T", "fu_avg", "fu_T",
    "f_u", "RA", "RB", "RA1", "RA2", "P_LM", "G_trial", "C_norm", "Omega_count", "y",
    "e_scaled", "d_scaled", "e0", "e1", "d0", "d1", "N_real", "K_beta", "lam", "x", "t", "u",
    "G_fn", "Gc_fn", "Omega_fn", "g_fn", "p_less_fn", "p_less_c_fn", "PARAMETERS",
]
