"""Section 2 of the paper, the model: Eq 1 (G), Eq 2 (Omega), Eq 3 (fu = p<c).

* ``eq1``: the normalisation, mean and variance of G are derived by integration;
  the printed prefactor ``[2 pi Delta]^(1/2)`` is compared with the derived one.
* ``eq2``: Omega as a count (binomial times nu**(N(1-rho))), its total over rho,
  and ln Omega by Stirling with its first correction.
* ``eq3``: the binomial mean sum_n (n/M) C(M, n) p^n (1-p)^(M-n) = p for a symbolic
  M = N nu, step by step (absorption identity, index shift, binomial theorem).
"""

from __future__ import annotations

import mpmath
import sympy as sp

from remsym.derivation import DerivationBuilder, Limit, NumericSpec
from remsym_paper import model
from remsym_paper._common import simplified
from remsym_paper.printed import PRINTED
from remsym_paper.symbols import (
    C_norm,
    Delta,
    E,
    G_fn,
    G_trial,
    K,
    M,
    N,
    Omega_count,
    Omega_fn,
    epsilon,
    f_u,
    k,
    n,
    nu,
    p,
    rho,
)

SECTION = "The model"


def _gaussian_moment(power: int) -> sp.Expr:
    """The exact Gaussian integral of (E - eps)**power * exp(-(E-eps)^2/(2 Delta^2))."""
    return sp.integrate((E - epsilon) ** power * model.G_unnormalised(E), (E, -sp.oo, sp.oo))


def _reference_G(point, digits):
    """G(E) with its normaliser computed by quadrature (independent of the closed form)."""
    with mpmath.workdps(digits + 15):
        e, mu, w = (mpmath.mpf(sp.Rational(point[z])) for z in (E, epsilon, Delta))
        bump = lambda y: mpmath.exp(-(y - mu) ** 2 / (2 * w**2))  # noqa: E731
        norm = mpmath.quad(bump, [-mpmath.inf, mu - 4 * w, mu, mu + 4 * w, mpmath.inf])
        return bump(e) / norm


def build_eq1():
    b = DerivationBuilder("eq1", "G(E, rho): normalisation, mean and width", SECTION,
                          domain=((epsilon, -3, 3), (Delta, 0.5, 3), (E, -4, 4)))
    lhs = G_fn(E, rho)
    raw = C_norm * model.G_unnormalised(E)
    b.define(G_trial, raw, "ansatz",
             "Eq 1's exponent with an unknown prefactor C (the printed prefactor is garbled)")
    z0 = _gaussian_moment(0)
    b.equal(sp.Integral(model.G_unnormalised(E), (E, -sp.oo, sp.oo)), z0, "gaussian-integral",
            "integral of exp(-(E-eps)^2/(2 Delta^2)) over the line")
    c_value = sp.solve(sp.Eq(C_norm * z0, 1), C_norm)[0]
    b.define(C_norm, c_value, "normalisation",
             "C solves C * integral = 1, so that the integral of G over the line is 1")
    b.define(lhs, raw, "Eq 1", "G(E, rho) is the ansatz with the prefactor C that "
             "normalises it (the step above)")
    G = raw.subs(C_norm, c_value)
    b.equal(sp.Integral(E * G, (E, -sp.oo, sp.oo)),
            simplified((_gaussian_moment(1) + epsilon * z0) * c_value), "first-moment",
            "mean energy: integral of E G(E)")
    b.equal(sp.Integral((E - epsilon) ** 2 * G, (E, -sp.oo, sp.oo)),
            simplified(_gaussian_moment(2) * c_value), "second-moment",
            "variance: integral of (E - eps)^2 G(E)")
    b.equal(G, model.G(E), "normalised-density", "G with the derived prefactor "
            "(2 pi Delta^2)^(-1/2): the density used everywhere else in remsym")
    b.note("Derived prefactor (2 pi Delta^2)^(-1/2); the extraction prints [2 pi Delta]^(1/2), "
           "which does not normalise G (its integral is 2 pi Delta^(3/2)) -- consistent with a "
           "lost minus sign and square in the exponent, but as printed it is wrong.")
    print_form = PRINTED["eq1"].form()
    points = tuple({E: sp.Rational(e), epsilon: sp.Rational(m), Delta: sp.Rational(w)}
                   for e, m, w in [(0, 0, 1), (1, 0, 1), ("-2.5", "0.3", "0.7"), (3, 1, 2),
                                   ("-1", "-4", "2.5"), ("0.2", "0.1", "0.05"),
                                   (10, 0, 5), ("-7", "2", "3")])
    return b.build(lhs, exact=model.G(E), printed=print_form,
                   numeric=NumericSpec(_reference_G, "quadrature", points))


def _log_omega(point, digits):
    with mpmath.workdps(digits + 15):
        big, frac, states = (mpmath.mpf(sp.Rational(point[z])) for z in (N, rho, nu))
        return (mpmath.loggamma(big + 1) - mpmath.loggamma(big * (1 - frac) + 1)
                - mpmath.loggamma(big * frac + 1) + big * (1 - frac) * mpmath.log(states))


def build_eq2():
    b = DerivationBuilder("eq2", "Omega(N rho): number of states with N rho favoured regions",
                          SECTION, domain=((N, 2, 14), (nu, 1, 4), (K, 0, 2)))
    count = sp.binomial(N, K) * nu ** (N - K)
    b.define(Omega_count, count, "counting",
             "choose which K = N rho of the N regions are favoured; each of the other N - K "
             "regions sits in one of nu excited states")
    lhs = Omega_fn(N * rho)
    b.define(lhs, Omega_count, "Eq 2",
             "Omega(N rho) is the number of states with K = N rho favoured regions: the count")
    printed_omega = model.Omega().subs(rho, K / N)
    b.equal(count, sp.factorial(N) * nu ** (N - K) / (sp.factorial(N - K) * sp.factorial(K)),
            "binomial-as-factorials", "C(N, K) = N!/((N-K)! K!)")
    total = sp.Sum(count, (K, 0, N))
    b.equal(total, (1 + nu) ** N, "binomial-theorem",
            "summing over K counts every state once: each region has 1 + nu states")
    entropy = N * (-rho * sp.log(rho) - (1 - rho) * sp.log(1 - rho) + (1 - rho) * sp.log(nu))
    stirling = entropy - sp.log(2 * sp.pi * N * rho * (1 - rho)) / 2
    log_omega = (sp.loggamma(N + 1) - sp.loggamma(N * (1 - rho) + 1) - sp.loggamma(N * rho + 1)
                 + N * (1 - rho) * sp.log(nu))
    b.equal(sp.log(printed_omega.subs(K, N * rho)), log_omega, "log-gamma form",
            "ln n! = ln Gamma(n + 1)", domain=((N, 2, 12), (nu, 1, 4), (rho, 0.25, 0.5)),
            evaluate_before=lambda pt, d: _log_omega(pt, d))
    lim = Limit(N, sp.oo, start=16)
    b.asymptotic(log_omega, stirling, "stirling",
                 lim, 1 / N**2,
                 "ln Gamma(x+1) = x ln x - x + ln(2 pi x)/2 + 1/(12 x) + O(x^-3) for each "
                 "factorial;"
                 " the absolute error is O(1/N), relative to ln Omega = O(N) it is O(1/N^2)",
                 assumptions=("0 < rho < 1 fixed",), domain=((nu, 1, 4), (rho, 0.2, 0.8)))
    b.note("Leading order: ln Omega = N[-rho ln rho - (1-rho) ln(1-rho) + (1-rho) ln nu]; first "
           "correction -ln(2 pi N rho (1-rho))/2; next 1/(12N)[1 - 1/rho - 1/(1-rho)].")
    print_form = PRINTED["eq2"].form({rho: K / N})
    points = tuple({N: sp.Integer(a), K: sp.Integer(c), nu: sp.Integer(v)}
                   for a, c, v in [(1, 0, 1), (5, 2, 2), (10, 3, 3), (20, 10, 1), (30, 7, 5),
                                   (12, 12, 2), (40, 13, 2), (60, 30, 4)])

    def reference(point, digits):  # an independent count: product formula for C(N, K)
        with mpmath.workdps(digits + 10):
            a, c, v = (int(point[z]) for z in (N, K, nu))
            return mpmath.mpf(mpmath.binomial(a, c)) * mpmath.mpf(v) ** (a - c)

    return b.build(lhs, exact=count, printed=print_form,
                   numeric=NumericSpec(reference, "closed-form", points),
                   extras={"stirling_leading": str(entropy), "stirling_first_correction":
                           str(-sp.log(2 * sp.pi * N * rho * (1 - rho)) / 2)})


def build_eq3():
    b = DerivationBuilder("eq3", "fu(E, rho) = p<c: the mean fraction of lower neighbours",
                          SECTION, domain=((M, 1, 25), (p, 0.01, 0.99), (N, 1, 6), (nu, 1, 4)))
    terms = (n / M) * model.critical_point_probability(n, M, p)
    total = b.define(f_u, sp.Sum(terms, (n, 0, M)), "critical-point rule",
                     "an n-th order critical point has n of its M = N nu neighbours lower; "
                     "the fraction of imaginary modes is n/M (text before Eq 3)")
    shifted_terms = sp.binomial(M - 1, n - 1) * p**n * (1 - p) ** (M - n)
    b.equal(terms.subs(n, K + 1), shifted_terms.subs(n, K + 1), "absorption identity",
            "(n/M) C(M, n) = C(M-1, n-1) for n >= 1; the n = 0 term vanishes",
            domain=((M, 1, 25), (K, 0, 0), (p, 0.01, 0.99)))
    after_shift = p * sp.Sum(sp.binomial(M - 1, k) * p**k * (1 - p) ** (M - 1 - k), (k, 0, M - 1))
    b.equal(total, after_shift, "index shift", "n = k + 1 and p^(k+1) = p p^k")
    b.equal(after_shift, p * (p + (1 - p)) ** (M - 1), "binomial-theorem",
            "sum_k C(m, k) a^k b^(m-k) = (a + b)^m with a = p, b = 1 - p")
    b.equal(p * (p + (1 - p)) ** (M - 1), p, "simplify", "p + (1 - p) = 1")
    b.note("The sum needs (N nu)! in the binomial coefficient; the extraction shows N!, which "
           "gives N!/(N nu)! times p -- right only for nu = 1.")
    print_form = PRINTED["eq3"].form()
    points = tuple({M: sp.Integer(m), p: sp.Rational(q)} for m, q in
                   [(1, "0.5"), (2, "0.3"), (7, "0.91"), (20, "0.013"), (50, "0.5"),
                    (100, "0.77"), (13, "0.999"), (333, "0.25")])

    def reference(point, digits):  # direct summation in mpmath, term by term
        with mpmath.workdps(digits + 20):
            m, q = int(point[M]), mpmath.mpf(sp.Rational(point[p]))
            return mpmath.fsum(mpmath.mpf(j) / m * mpmath.binomial(m, j) * q**j * (1 - q) ** (m - j)
                               for j in range(m + 1))

    return b.build(f_u, exact=p, printed=print_form,
                   numeric=NumericSpec(reference, "closed-form", points))


DERIVATIONS = {"eq1": build_eq1, "eq2": build_eq2, "eq3": build_eq3}

#: The last tasks of a check: Eq 1 apart from Eqs 2 and 3, which share nothing with it,
#: so that the pool can balance its two workers at the end.
CHECK_GROUPS = (("eq1",), ("eq2", "eq3"))
