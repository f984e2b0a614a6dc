"""Partition function and configurational entropy: Eqs 4, 5a-5c, 6, 7, 8.

At fixed rho the summand-integrand of Eq 4 is Omega G(E) exp(-E/T); its exponent
is O(N) under the paper's scaling eps ~ Delta^2 ~ N (E = N y, eps = N e,
Delta^2 = N d^2).  The engine's Laplace method (``remsym.asymptotics.laplace``)
finds the maximiser E* (Eq 5c) and the Gaussian prefactor (Eq 5b), and reports
every correction coefficient; the exact Gaussian integral (Eq 8) is the second
route.  The rho-sum is then a second Laplace integral over rho (Eq 5a, "a
thermodynamic rho should dominate").
"""

from __future__ import annotations

from typing import Any, NamedTuple

import sympy as sp

from remsym.asymptotics import gaussian_integral, laplace
from remsym.derivation import DerivationBuilder, NumericSpec
from remsym_paper import model
from remsym_paper._common import (
    EXACT_POINTS,
    entropy_reference,
    mean_energy_reference,
    q_reference,
    simplified,
)
from remsym_paper.printed import PRINTED
from remsym_paper.symbols import (
    Delta,
    E,
    E_star,
    N,
    Omega,
    S_c,
    T,
    d_scaled,
    e_scaled,
    epsilon,
    g_fn,
    nu,
    q_sym,
    rho,
    y,
)

SECTION = "Partition function and configurational entropy"
DOMAIN = ((T, 0.3, 3), (Delta, 0.5, 4), (epsilon, -5, 5))


class FixedRhoSaddle(NamedTuple):
    """The E integral of Eq 4 at fixed rho: Laplace's method in the scaled variable y
    (``laplace``), E* in the paper's variables, the exact q, and the steps of each."""

    laplace: Any
    e_star: sp.Expr
    q_exact: sp.Expr
    steps: tuple
    q_steps: tuple


def fixed_rho_saddle() -> FixedRhoSaddle:
    """Laplace's method on the E integral of Eq 4 at fixed rho, with the scaling made
    explicit, and the exact Gaussian integral (Eq 8) as the second route."""
    b = DerivationBuilder("_", "")
    scaling = {E: N * y, epsilon: N * e_scaled, Delta: sp.sqrt(N) * d_scaled}
    integrand = model.G(E) * model.boltzmann(E)
    exponent = sp.expand(sp.expand_log(sp.log(integrand * sp.sqrt(2 * sp.pi) * Delta),
                                       force=True))
    b.equal(integrand, sp.exp(exponent) / (sp.sqrt(2 * sp.pi) * Delta), "exponential form",
            "write the summand-integrand of Eq 4 (at fixed rho) as one exponential",
            domain=DOMAIN + ((E, -5, 5),))
    scaled = sp.expand(exponent.xreplace(scaling) / N)
    b.define(g_fn(y), scaled, "large-N scaling",
             "E = N y, eps = N e, Delta^2 = N d^2 (the paper's eps ~ Delta^2 ~ N): the exponent "
             "is N g(y) with g free of N")
    res = laplace(sp.Integer(1), scaled, y, N, bounds=(-sp.oo, sp.oo), order=4)
    b.extend(res.steps)
    unscaled = {e_scaled: epsilon / N, d_scaled: Delta / sp.sqrt(N)}
    e_star = sp.expand(sp.expand(N * res.point).xreplace(unscaled))
    q_exact, q_steps = gaussian_integral(integrand, E, (-sp.oo, sp.oo))
    return FixedRhoSaddle(res, e_star, simplified(q_exact), b.steps, tuple(q_steps))


def build_eq5c():
    saddle = fixed_rho_saddle()
    e_star, steps = saddle.e_star, saddle.steps
    b = DerivationBuilder("eq5c", "E*(T, rho): the dominant energy", SECTION, domain=DOMAIN)
    b.extend(steps)
    mean = model.average_integral(E)
    b.define(E_star, mean, "Boltzmann mean",
             "E* is the energy that dominates the E integral of Eq 4 at fixed rho, taken as "
             "the mean of E under the weight G(E) exp(-E/T)/q (Eq 7); the stationarity and "
             "curvature steps below show that it is also where the weight peaks")
    b.equal(mean, e_star, "mean energy",
            "the first moment of the Boltzmann weight is the engine's Laplace maximiser: the "
            "weight is exactly Gaussian", domain=DOMAIN,
            evaluate_before=mean_energy_reference, points=EXACT_POINTS)
    phi = model.E_star_definition()
    b.equal(sp.diff(phi, E).subs(E, e_star), sp.Integer(0), "stationarity",
            "d/dE [ln G(E) - E/T] vanishes at E*")
    b.equal(sp.diff(phi, E, 2), -1 / Delta**2, "curvature",
            "the second derivative is -1/Delta^2 < 0 for every E: a unique maximum")
    b.note("E* is also the exact Boltzmann mean energy at fixed rho: T^2 d ln q/dT = eps - "
           "Delta^2/T (checked in eq8); the saddle and the mean coincide because the "
           "integrand is exactly Gaussian.")
    pf = PRINTED["eq5c"].form()
    return b.build(E_star, exact=e_star, printed=pf,
                   numeric=NumericSpec(mean_energy_reference, "quadrature",
                                       EXACT_POINTS))


def build_eq5b():
    res, e_star, q_exact, steps, q_steps = fixed_rho_saddle()
    b = DerivationBuilder("eq5b", "S_c(T, rho) at the saddle point", SECTION, domain=DOMAIN)
    b.extend(steps)
    coeffs = res.coefficients
    b.note("Laplace coefficients of the E integral: " + ", ".join(map(str, coeffs)) +
           " -- every correction vanishes: the Gaussian integration of Eq 5 is exact.")
    gauss = sp.expand(res.leading.xreplace({e_scaled: epsilon / N, d_scaled: Delta / sp.sqrt(N)}))
    # res.leading is the integral of exp(N g(y)) dy; the E integral carries the Jacobian N
    # and the prefactor 1/(sqrt(2 pi) Delta) that was taken out of the exponent.
    e_integral = simplified(N * gauss / (sp.sqrt(2 * sp.pi) * Delta))
    b.equal(sp.Integral(model.G(E) * model.boltzmann(E), (E, -sp.oo, sp.oo)), e_integral,
            "laplace-exact", "all Laplace corrections vanish (see note); the saddle-point "
            "value is the exact integral", domain=DOMAIN)
    G_star = model.G(e_star)
    b.equal(e_integral, G_star * sp.exp(-e_star / T) * sp.sqrt(2 * sp.pi) * Delta,
            "saddle value", "G(E*) exp(-E*/T) times sqrt(2 pi / |phi''|) = sqrt(2 pi) Delta")
    sc_def = sp.log(Omega) + sp.log(e_integral) + e_star / T
    b.define(S_c, sc_def, "definition via Eq 5a",
             "Q = sum over N rho of exp(-E*/T + S_c(T,rho)) defines S_c(T,rho)")
    sc = sp.log(Omega) - Delta**2 / (2 * T**2)
    b.equal(sc_def, sc, "simplify", "ln of the Gaussian value plus E*/T",
            domain=DOMAIN)
    u_mean = simplified(T**2 * sp.diff(sp.log(q_exact), T))
    b.equal(sp.log(Omega) + sp.log(q_exact) + u_mean / T, sc, "canonical entropy",
            "S = ln Q + U/T with U = T^2 d ln q/dT: the saddle S_c is the thermodynamic "
            "entropy at fixed rho, exactly")
    pf = PRINTED["eq5b"].form({E_star: e_star})
    b.note("Omega stands for Omega(N rho) of Eq 2, evaluated exactly at the numeric points.")
    points = []
    for pt, (n_, k_, v) in zip(EXACT_POINTS, [(10, 3, 2), (20, 10, 1), (50, 5, 3), (7, 7, 2),
                                                (100, 40, 2)], strict=True):
        full = {**pt, N: sp.Integer(n_), rho: sp.Rational(k_, n_), nu: sp.Integer(v)}
        full[Omega] = sp.binomial(n_, k_) * sp.Integer(v) ** (n_ - k_)
        points.append(full)
    return b.build(S_c, exact=sc, printed=pf,
                   numeric=NumericSpec(entropy_reference, "quadrature", tuple(points)))


def build_eq8():
    """q(T, rho): the exact Gaussian integral, the Laplace series, and the paper's words."""
    res, e_star, q_exact, steps, q_steps = fixed_rho_saddle()
    b = DerivationBuilder("eq8", "q(T, rho) and its 'Gaussian approximation'", SECTION,
                          domain=DOMAIN)
    b.extend(q_steps)
    b.define(q_sym, model.q_integral(), "Eq 8",
             "q(T, rho) is the integral of G(E) exp(-E/T) over the line")
    integrand = model.G(E) * model.boltzmann(E)
    b.equal(model.q_integral(), q_exact, "gaussian integral",
            "complete the square in E and integrate over the whole line", domain=DOMAIN)
    b.equal(integrand, q_exact * model.G(E, mean=e_star), "gaussian approximation",
            "G(E) exp(-E/T) = q times the normal density of mean E*, width Delta: the integrand "
            "IS Gaussian, so the 'Gaussian approximation' of the paper introduces no error",
            domain=DOMAIN + ((E, -5, 5),),
            claim="the second equality of Eq 8 is obtained with a Gaussian approximation "
                  "for the integrand")
    b.extend(steps)
    b.note("Laplace's method on the same integral (E = N y, exponent N g(y)): correction "
           "coefficients " + ", ".join(map(str, res.coefficients[1:])) + " -- all zero, "
           "so the saddle-point value is exact to every order in 1/N.")
    in_star = -E_star / T - Delta**2 / (2 * T**2)
    b.equal(q_exact, sp.exp(in_star.subs(E_star, e_star)), "in terms of E*",
            "-eps/T + Delta^2/(2T^2) = -E*/T - Delta^2/(2T^2) with E* = eps - Delta^2/T")
    pf = PRINTED["eq8"].form({E_star: e_star})
    return b.build(q_sym, exact=q_exact, printed=pf,
                   numeric=NumericSpec(q_reference, "quadrature", EXACT_POINTS),
                   extras={"laplace_coefficients": [str(c) for c in res.coefficients]})


DERIVATIONS = {"eq5b": build_eq5b, "eq5c": build_eq5c, "eq8": build_eq8}

#: Checked together in one worker process: the fixed-rho saddle (Eqs 5b, 5c) and q (Eq 8)
#: share their Gaussian integral and references.
CHECK_GROUPS = (("eq5b", "eq5c", "eq8"),)
