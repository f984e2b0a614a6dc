"""The paper's equations as printed: one entry per equation id, with every reading.

This is the one table of what the derivations are compared against.  Each entry
transcribes a row of ``paper/EQUATIONS.md`` in the shared material (the equations
of the seed paper as its plain-text extraction prints them, with every reading the
extraction admits); the comment above each entry names the paper's equation.

Derive, never transcribe: nothing here is a derived result.  Where a printed form
contains a quantity the paper defines elsewhere (``<fu>``, ``E*``, ``q``, ``E(T)``,
``S_c(T)``, ``Omega(N rho)``), it is written with that quantity's symbol
(:mod:`remsym_paper.symbols`), and the derivation substitutes its own derived value
when it asks for the form (:meth:`PrintedEquation.form`).  The model's definitions
(:mod:`remsym_paper.model`: ``G`` of Eq 1, ``p<`` as an erfc, the averages of Eq 7,
the rate integrals of Eqs 12-13) are the paper's own and are used as printed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from remsym.derivation import PrintedForm, printed
from remsym_paper import model
from remsym_paper.symbols import (
    P_LM,
    R0,
    RA,
    RA1,
    RB,
    Delta,
    E,
    E_of_T,
    E_prime,
    E_star,
    G_fn,
    N,
    Omega,
    Omega_fn,
    Q,
    S_c,
    S_c_of_T,
    T,
    epsilon,
    f_u,
    fu_avg,
    fu_T,
    k,
    n,
    nu,
    p,
    p_less_fn,
    q_sym,
    rho,
    w,
)

__all__ = ["PrintedEquation", "PRINTED"]

#: A validated evaluator of a reading: ``(point, digits) -> value``.
Evaluator = Callable[[Mapping[sp.Symbol, Any], int], Any]


@dataclass(frozen=True, slots=True)
class PrintedEquation:
    """One printed equation: its text, left side, readings, and the accuracy it claims.

    ``claimed_order`` is the relative accuracy the paper implies (``None``: leading
    order); ``compare`` is ``"relative"`` or ``"absolute"`` (for logarithms).
    """

    equation: str
    text: str
    lhs: sp.Expr
    readings: Mapping[str, sp.Expr]
    claimed_order: sp.Expr | None = None
    compare: str = "relative"

    def form(self, *stages: Mapping[sp.Basic, sp.Expr],
             evaluators: Mapping[str, Evaluator] | None = None) -> PrintedForm:
        """The engine's printed form, with the derived values of the quantities defined
        elsewhere put in for their symbols (each of ``stages`` a mapping applied in turn
        by ``xreplace``: a key may be any subexpression) and, per reading label, a
        validated evaluator."""
        evaluators = evaluators or {}

        def put(expr: sp.Expr) -> sp.Expr:
            for values in stages:
                expr = expr.xreplace(dict(values))
            return expr

        readings = {label: ((put(expr), evaluators[label]) if label in evaluators
                            else put(expr)) for label, expr in self.readings.items()}
        order = None if self.claimed_order is None else put(self.claimed_order)
        return printed(self.text, self.lhs, readings, claimed_order=order, compare=self.compare)


def _p_less_at(energy: sp.Expr) -> sp.Expr:
    """p<(E) as the erfc of the Gaussian tail, the definition before Eq 3."""
    return model.p_less_erfc(energy)


def _sum_over_k(expr: sp.Expr) -> sp.Expr:
    """sum over N rho = k = 0..N (Eqs 4-6)."""
    return sp.Sum(expr, (k, 0, N))


def _eq3_reading(factorial_top: sp.Expr) -> sp.Expr:
    """Eq 3's sum with ``factorial_top`` in the binomial coefficient's numerator."""
    m = N * nu
    return sp.Sum((n / m) * sp.factorial(factorial_top) / (sp.factorial(m - n) * sp.factorial(n))
                  * p**n * (1 - p) ** (m - n), (n, 0, m))


def _eq5a_reading(factor: sp.Expr) -> sp.Expr:
    """Eq 5a with Eq 5b's S_c = ln[Omega G(E*) factor Delta] in each term."""
    return _sum_over_k(sp.exp(-E_star / T + sp.log(Omega_fn(k) * model.G(E_star) * factor
                                                   * Delta)))


def _eq11_reading(factor: sp.Expr) -> sp.Expr:
    """Eq 11: ln{Omega [<fu> factor Delta/T]^2}."""
    return sp.log(Omega * (fu_avg * factor * Delta / T) ** 2)


_RATE_UNIT = R0 * N * nu
_ROOT_PI_HALF, _ROOT_HALF_PI = sp.sqrt(sp.pi) / 2, sp.sqrt(sp.pi / 2)

#: The printed equations by derivation id (``paper/EQUATIONS.md`` of the shared material).
PRINTED: dict[str, PrintedEquation] = {
    # Eq 1 (EQUATIONS.md row 1): the prefactor as extracted.
    "eq1": PrintedEquation(
        "Eq 1", "G(E,rho) = [2 pi Delta(rho)]^(1/2) exp{-[E - eps]^2/(2 Delta^2)}",
        G_fn(E, rho),
        {"[2 pi Delta]^(1/2) as extracted":
         sp.sqrt(2 * sp.pi * Delta) * sp.exp(-(E - epsilon) ** 2 / (2 * Delta**2))}),
    # Eq 2 (row 2).
    "eq2": PrintedEquation(
        "Eq 2", "Omega(N rho) = N! nu^(N(1-rho)) / ([N(1-rho)]! (N rho)!)", Omega_fn(N * rho),
        {"as printed": sp.factorial(N) * nu ** (N * (1 - rho))
         / (sp.factorial(N * (1 - rho)) * sp.factorial(N * rho))}),
    # Eq 3 (row 4): p stands for p<c; the extraction shows N! in the sum.
    "eq3": PrintedEquation(
        "Eq 3", "fu = sum_n (n/N nu) (N nu)!/[(N nu - n)! n!] (p<c)^n (p>c)^(N nu - n) = p<c",
        f_u, {"(N nu)! in the sum": _eq3_reading(N * nu),
              "N! in the sum (as extracted)": _eq3_reading(N)}),
    # Eq 4 (row 5): E(T)/T extracted as E(T); the E integral from 0 to oo as extracted
    # (eps, Delta at rho = k/N).
    "eq4": PrintedEquation(
        "Eq 4", "Q(T) = sum_{N rho} integral dE Omega G exp(-E/T) == exp(-E(T)/T + S_c(T))", Q,
        {"whole line, E(T)/T": sp.exp(-E_of_T / T + S_c_of_T),
         "whole line, E(T)": sp.exp(-E_of_T + S_c_of_T),
         "lower limit 0": _sum_over_k(Omega_fn(k) * sp.Integral(
             model.G(E) * model.boltzmann(E), (E, 0, sp.oo)))}),
    # Eq 5a (row 6), with the two readings of Eq 5b's S_c.
    "eq5a": PrintedEquation(
        "Eq 5a", "Q(T) = sum_{N rho} exp[-E*(T,rho)/T + S_c(T,rho)]", Q,
        {"S_c with (2 pi)^(1/2) Delta": _eq5a_reading(sp.sqrt(2 * sp.pi)),
         "S_c with 2 pi Delta": _eq5a_reading(2 * sp.pi)}),
    # Eq 5b (row 7): factor 2 pi Delta or (2 pi)^(1/2) Delta.
    "eq5b": PrintedEquation(
        "Eq 5b", "S_c(T,rho) = ln[Omega(N rho) G(E*(T,rho), rho) 2 pi Delta(rho)]", S_c,
        {"2 pi Delta": sp.log(Omega * model.G(E_star) * 2 * sp.pi * Delta),
         "(2 pi)^(1/2) Delta": sp.log(Omega * model.G(E_star) * sp.sqrt(2 * sp.pi) * Delta)},
        compare="absolute"),
    # Eq 5c (row 8).
    "eq5c": PrintedEquation(
        "Eq 5c", "E*(T,rho) = eps(rho) - Delta(rho)^2/T", E_star,
        {"as printed": epsilon - Delta**2 / T}),
    # Eq 6 (row 9): q and <fu> at rho = k/N.
    "eq6": PrintedEquation(
        "Eq 6", "<fu(T)> = sum Omega q <fu(T,rho)> / sum Omega q", fu_T,
        {"as printed": _sum_over_k(Omega_fn(k) * q_sym * fu_avg)
         / _sum_over_k(Omega_fn(k) * q_sym)}),
    # Eq 7 (row 10) with fu = p< (Eq 3, Gc = G).
    "eq7": PrintedEquation(
        "Eq 7", "<fu(T,rho)> = integral dE G exp(-E/T) fu(E,rho) / q(T,rho)", fu_avg,
        {"as printed (fu = p<, Eq 3)": model.average_integral(_p_less_at(E))}),
    # Eq 8 (row 11).
    "eq8": PrintedEquation(
        "Eq 8", "q(T,rho) = exp[-E*(T,rho)/T - Delta(rho)^2/(2 T^2)]", q_sym,
        {"as printed": sp.exp(-E_star / T - Delta**2 / (2 * T**2))}),
    # Eq 9 (row 12), in the gap w = eps - E; claimed: the erfc series' first neglected term.
    "eq9": PrintedEquation(
        "Eq 9", "p<(E) = Delta/[2 pi (eps - E)] exp{-[E - eps]^2/(2 Delta^2)}", p_less_fn(E),
        {"2 pi (eps - E)": Delta / (2 * sp.pi * w) * sp.exp(-w**2 / (2 * Delta**2)),
         "(2 pi)^(1/2) (eps - E)":
         Delta / (sp.sqrt(2 * sp.pi) * w) * sp.exp(-w**2 / (2 * Delta**2))},
        claimed_order=Delta**2 / w**2),
    # Eq 10 (row 13): pi Delta or pi^(1/2) Delta.
    "eq10": PrintedEquation(
        "Eq 10", "<fu(T,rho)> = T exp[-Delta^2/(4 T^2)] / (pi Delta)", fu_avg,
        {"pi Delta": T * sp.exp(-Delta**2 / (4 * T**2)) / (sp.pi * Delta),
         "pi^(1/2) Delta": T * sp.exp(-Delta**2 / (4 * T**2)) / (sp.sqrt(sp.pi) * Delta)}),
    # Eq 11 (row 14): pi or pi^(1/2) inside the bracket.
    "eq11": PrintedEquation(
        "Eq 11", "S_c(T,rho) = ln{Omega(N rho) [<fu(T,rho)> pi Delta(rho)/T]^2}", S_c,
        {"pi": _eq11_reading(sp.pi), "pi^(1/2)": _eq11_reading(sp.sqrt(sp.pi))},
        claimed_order=T**2 / Delta**2, compare="absolute"),
    # The text after Eq 11 (row 11'): fu read as fu(E*) or as <fu>.
    "eq11-widened": PrintedEquation(
        "text after Eq 11", "S_c/N = c' + ln fu", S_c / N,
        {"fu = fu(E*), c' = ln Omega/N": sp.log(Omega) / N + sp.log(f_u),
         "fu = <fu>, c' = ln Omega/N": sp.log(Omega) / N + sp.log(fu_avg)}),
    # Eq 12 (row 15) with Gc = G, per R0 N nu.
    "eq12": PrintedEquation(
        "Eq 12", "<RA> = R0 N nu integral dE G e^{-E/T} integral_E^oo dE' e^{-(E'-E)/T} Gc / q",
        RA / _RATE_UNIT, {"as printed, Gc = G": model.rate_A_integral(model.G(E_prime))}),
    # Eq 13 (row 16) with Gc = G, per R0 N nu.
    "eq13": PrintedEquation(
        "Eq 13", "<RB> = R0 N nu integral dE G e^{-E/T} p<c / q = R0 N nu <fu>", RB / _RATE_UNIT,
        {"as printed (Gc = G)": model.average_integral(_p_less_at(E))}),
    # Eq 14 (row 17), per R0 N nu.
    "eq14": PrintedEquation(
        "Eq 14", "<RA1> = R0 N nu p<(E*)", RA1 / _RATE_UNIT,
        {"as printed": _p_less_at(E_star)}),
    # Eq 15 (row 18): sqrt(pi)/2 or sqrt(pi/2).
    "eq15": PrintedEquation(
        "Eq 15", "<RA1> = R0 N nu (sqrt(pi)/2) (Delta/T) <fu>^2", RA1 / _RATE_UNIT,
        {"sqrt(pi)/2": _ROOT_PI_HALF * (Delta / T) * fu_avg**2,
         "sqrt(pi/2)": _ROOT_HALF_PI * (Delta / T) * fu_avg**2}),
    # Eq 16 (row 20), the same two readings; the correction claims relative order <fu>.
    "eq16": PrintedEquation(
        "Eq 16", "<RA> = R0 N nu <fu> [1 + (sqrt(pi)/2)(Delta/T) <fu>]", RA / _RATE_UNIT,
        {"sqrt(pi)/2": fu_avg * (1 + _ROOT_PI_HALF * (Delta / T) * fu_avg),
         "sqrt(pi/2)": fu_avg * (1 + _ROOT_HALF_PI * (Delta / T) * fu_avg)},
        claimed_order=fu_avg),
    # P_LM (row PLM), as ln P_LM: fu read as <fu> or as fu(E*) = p<(E*).
    "plm": PrintedEquation(
        "P_LM", "P_LM = exp[-N nu fu]", sp.log(P_LM),
        {"fu = <fu(T, rho)>": -N * nu * fu_avg,
         "fu = fu(E*) = p<(E*)": -N * nu * _p_less_at(E_star)}),
}
