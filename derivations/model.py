"""The random energy model (REM) of the paper, as SymPy definitions.

Each function returns a SymPy expression at fixed rho (``epsilon`` and ``Delta``
stand for eps(rho) and Delta(rho)); integrals are returned *unevaluated* so that
the derivations, not this module, decide how to reduce them.

==============================  =========================================  ======
definition                      meaning                                    paper
==============================  =========================================  ======
:func:`G`                       normalised Gaussian density of energies    Eq 1
:func:`Omega`                   number of states with N rho favoured       Eq 2
:func:`p_less`, :func:`p_greater`  P(E' < E), P(E' > E) as integrals of G  text before Eq 3
:func:`p_less_erfc`             the same in erfc form                      text before Eq 3
:func:`critical_point_probability`  n lower neighbours among M = N nu      text before Eq 3
:func:`fu_sum`                  fraction of lower neighbours, summed       Eq 3
:func:`p_min`                   probability of a local minimum             text before Eq 3
:func:`boltzmann`               exp(-E/T)                                  Eq 4
:func:`q_integral`              constant-rho partition function            Eq 8
:func:`average_integral`        Boltzmann average at fixed rho             Eq 7
:func:`rate_A_integral`         mechanism-A (uphill) hopping rate          Eq 12
:func:`rate_B_integral`         mechanism-B (downhill) hopping rate        Eq 13
==============================  =========================================  ======

The paper's simplifying assumption, the "uncorrelated REM", is ``Gc = G`` (so
that ``p<c = p<`` and ``fu = p<``); :func:`Gc_uncorrelated` returns it and
:data:`Gc_general` is an undefined function for derivations that must not assume it.
"""

from __future__ import annotations

import sympy as sp

from remsym_paper.symbols import Delta, E, E_prime, Gc_fn, M, N, T, epsilon, n, nu, p, rho

#: The connected-state density G_c(E', rho; E) with no assumption on its form.
Gc_general = Gc_fn


def G(energy: sp.Expr = E, mean: sp.Expr = epsilon, width: sp.Expr = Delta) -> sp.Expr:
    """Eq 1: the density of state energies, a normalised Gaussian of mean eps, width Delta.

    The printed prefactor is garbled in the extraction; the normalisation is derived
    (not assumed) by the ``eq1`` derivation, which reports the prefactor
    ``(2 pi Delta**2)**(-1/2)`` used here.
    """
    return sp.exp(-(energy - mean) ** 2 / (2 * width**2)) / (sp.sqrt(2 * sp.pi) * width)


def G_unnormalised(energy: sp.Expr = E) -> sp.Expr:
    """The exponential factor of Eq 1 alone; its normalisation is derived in ``eq1``."""
    return sp.exp(-(energy - epsilon) ** 2 / (2 * Delta**2))


def Omega(n_total: sp.Expr = N, fraction: sp.Expr = rho, states: sp.Expr = nu) -> sp.Expr:
    """Eq 2: arrangements of N rho favoured regions among N, the rest in one of nu states."""
    return (sp.factorial(n_total) * states ** (n_total * (1 - fraction))
            / (sp.factorial(n_total * (1 - fraction)) * sp.factorial(n_total * fraction)))


def p_less(energy: sp.Expr = E, density=None) -> sp.Expr:
    """P(E' < E) = integral of G(E') from -oo to E (text before Eq 3), unevaluated."""
    dens = G(E_prime) if density is None else density
    return sp.Integral(dens, (E_prime, -sp.oo, energy))


def p_greater(energy: sp.Expr = E, density=None) -> sp.Expr:
    """P(E' > E) = integral of G(E') from E to +oo (text before Eq 3), unevaluated."""
    dens = G(E_prime) if density is None else density
    return sp.Integral(dens, (E_prime, energy, sp.oo))


def p_less_erfc(energy: sp.Expr = E) -> sp.Expr:
    """p<(E) = erfc((eps - E)/(sqrt(2) Delta))/2, the closed form of :func:`p_less`."""
    return sp.erfc((epsilon - energy) / (sp.sqrt(2) * Delta)) / 2


def p_greater_erfc(energy: sp.Expr = E) -> sp.Expr:
    """p>(E) = erfc((E - eps)/(sqrt(2) Delta))/2, the closed form of :func:`p_greater`."""
    return sp.erfc((energy - epsilon) / (sp.sqrt(2) * Delta)) / 2


def critical_point_probability(k: sp.Expr = n, neighbours: sp.Expr = M,
                               prob_less: sp.Expr = p) -> sp.Expr:
    """Probability that k of the M = N nu neighbours lie lower (binomial rule before Eq 3)."""
    return (sp.binomial(neighbours, k) * prob_less**k
            * (1 - prob_less) ** (neighbours - k))


def fu_sum(neighbours: sp.Expr = M, prob_less: sp.Expr = p) -> sp.Expr:
    """Eq 3, left side: sum over n of (n/M) times the critical-point probability."""
    return sp.Sum(n / neighbours * critical_point_probability(n, neighbours, prob_less),
                  (n, 0, neighbours))


def p_min(neighbours: sp.Expr = N * nu, prob_greater: sp.Expr = 1 - p) -> sp.Expr:
    """The BW rule: a state is a local minimum with probability (p>c)**(N nu)."""
    return prob_greater**neighbours


def boltzmann(energy: sp.Expr = E) -> sp.Expr:
    """The Boltzmann factor exp(-E/T) of Eq 4 (k_B = 1)."""
    return sp.exp(-energy / T)


def q_integral() -> sp.Expr:
    """Eq 8, first form: q(T, rho) = integral over the line of G(E) exp(-E/T), unevaluated."""
    return sp.Integral(G(E) * boltzmann(E), (E, -sp.oo, sp.oo))


def average_integral(quantity: sp.Expr) -> sp.Expr:
    """Eq 7: <X(T, rho)> = integral of G exp(-E/T) X(E) over the line, divided by q."""
    return sp.Integral(G(E) * boltzmann(E) * quantity, (E, -sp.oo, sp.oo)) / q_integral()


def Gc_uncorrelated(energy_prime: sp.Expr = E_prime, energy: sp.Expr = E) -> sp.Expr:
    """The uncorrelated REM: G_c(E', rho; E) = G(E', rho), independent of E."""
    return G(energy_prime)


def rate_A_integral(Gc=None, lower: sp.Expr = -sp.oo, upper: sp.Expr = sp.oo) -> sp.Expr:
    """Eq 12 / (R0 N nu): the uphill rate, E from ``lower`` to ``upper`` (Eq 14 splits at E*).

    ``Gc`` is an expression in E' and E, or ``None`` for the general undefined
    ``G_c(E', E)``.
    """
    conn = Gc_general(E_prime, E) if Gc is None else Gc
    inner = sp.Integral(sp.exp(-(E_prime - E) / T) * conn, (E_prime, E, sp.oo))
    return sp.Integral(G(E) * boltzmann(E) * inner, (E, lower, upper)) / q_integral()


def rate_B_integral(Gc=None) -> sp.Expr:
    """Eq 13 / (R0 N nu): the downhill rate, p<c(E) averaged with G exp(-E/T)."""
    conn = Gc_general(E_prime, E) if Gc is None else Gc
    inner = sp.Integral(conn, (E_prime, -sp.oo, E))
    return sp.Integral(G(E) * boltzmann(E) * inner, (E, -sp.oo, sp.oo)) / q_integral()


def E_star_definition() -> sp.Expr:
    """The exponent ln G(E) - E/T whose maximiser is E* (Eqs 5, 8)."""
    return sp.expand_log(sp.log(G(E)), force=True) - E / T


__all__ = [
    "G", "G_unnormalised", "Omega", "p_less", "p_greater", "p_less_erfc", "p_greater_erfc",
    "critical_point_probability", "fu_sum", "p_min", "boltzmann", "q_integral",
    "average_integral", "Gc_general", "Gc_uncorrelated", "rate_A_integral",
    "rate_B_integral", "E_star_definition", "N", "rho",
]
