"""Independent references for the paper's verdict tests.

The model's definitions are written out here by hand in mpmath -- the Gaussian density
of Eq 1, p<(E) as its CDF (Eq 3 with Gc = G), the E integrals of Eqs 4, 7 and 8 and the
canonical entropy S = ln Z + <E>/T -- and integrated with ``mpmath.quad`` split at the
integrand's peak.  Nothing here calls remsym's numerics or the derivations' own
references, so a verdict test that compares a derived expression with these values
compares two routes that share no code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import mpmath
import sympy as sp

DIGITS = 30
GUARD = 12


def value_at(expr: sp.Expr, values: Mapping[str, Any]) -> Any:
    """``expr`` with every free symbol replaced by ``values[name]`` (exact rationals), summed
    out and evaluated at ``DIGITS + GUARD`` digits, as an mpf of the caller's precision."""
    point = {s: sp.Rational(str(values[s.name])) for s in expr.free_symbols}
    evaluated = sp.N(expr.xreplace(point).doit(), DIGITS + GUARD)
    return mpmath.mpf(str(evaluated))


def parse_extra(text: str) -> sp.Expr:
    """A derivation's extra (a ``str`` of an expression) back as SymPy, names kept: the
    single letters SymPy reserves (``N``, ``E``, ``S``, ``I``, ``O``, ``Q``) as symbols."""
    return sp.sympify(text, locals={name: sp.Symbol(name) for name in "NESIOQ"})


def relative_error(got: Any, want: Any) -> Any:
    return abs(got - want) / abs(want)


def gauss(energy: Any, mean: Any, width: Any) -> Any:
    """Eq 1: the normal density of mean ``mean`` and width ``width``."""
    return mpmath.exp(-(energy - mean) ** 2 / (2 * width**2)) / (mpmath.sqrt(2 * mpmath.pi) * width)


def p_less(energy: Any, mean: Any, width: Any) -> Any:
    """p<(E): the fraction of the distribution below ``energy`` (Eq 3 with Gc = G)."""
    return mpmath.ncdf(energy, mean, width)


def boltzmann_line_integral(factor: Callable[[Any], Any], t: Any, eps: Any, delta: Any) -> Any:
    """int G(E) exp(-E/T) factor(E) dE over the line, split at the weight's peak
    E* = eps - Delta^2/T and at +-8, +-16 widths around it."""
    peak = eps - delta**2 / t
    nodes = [-mpmath.inf] + [peak + j * delta for j in (-16, -8, 0, 8, 16)] + [mpmath.inf]
    return mpmath.quad(lambda e: gauss(e, eps, delta) * mpmath.exp(-e / t) * factor(e), nodes)


def q_quad(t: Any, eps: Any, delta: Any) -> Any:
    """q(T, rho) of Eq 8 by quadrature."""
    return boltzmann_line_integral(lambda e: 1, t, eps, delta)


def fu_average_quad(t: Any, eps: Any, delta: Any) -> Any:
    """<fu(T, rho)> of Eq 7 (fu = p<) by quadrature of numerator and denominator."""
    num = boltzmann_line_integral(lambda e: p_less(e, eps, delta), t, eps, delta)
    return num / q_quad(t, eps, delta)


def mean_energy_quad(t: Any, eps: Any, delta: Any) -> Any:
    """<E> under the Boltzmann weight G(E) exp(-E/T), by quadrature."""
    return boltzmann_line_integral(lambda e: e, t, eps, delta) / q_quad(t, eps, delta)


class RhoTerm(NamedTuple):
    """One N rho = k term of the sums of Eqs 4 and 6 (eps ~ Delta^2 ~ N scaling of s2_rho)."""

    omega: Any
    eps: Any
    delta: Any
    k: int


def rho_terms(values: Mapping[str, Any]) -> list[RhoTerm]:
    """Omega(k) = C(N, k) nu^(N-k), eps_k = N(e0 - e1 k/N), Delta_k^2 = N(d0 + d1 k/N)."""
    big, nu = int(values["N"]), mpmath.mpf(values["nu"])
    e0, e1, d0, d1 = (mpmath.mpf(str(values[n])) for n in ("e_0", "e_1", "d_0", "d_1"))
    return [RhoTerm(mpmath.binomial(big, k) * nu ** (big - k), big * (e0 - e1 * k / big),
                    mpmath.sqrt(big * (d0 + d1 * mpmath.mpf(k) / big)), k)
            for k in range(big + 1)]


def partition_sum_quad(values: Mapping[str, Any]) -> Any:
    """Q(T) of Eq 4: the sum over k of Omega(k) times the E integral, by quadrature."""
    t = mpmath.mpf(str(values["T"]))
    return mpmath.fsum(r.omega * q_quad(t, r.eps, r.delta) for r in rho_terms(values))


def rho_average_quad(observable: Callable[[RhoTerm, Any], Any],
                     values: Mapping[str, Any]) -> Any:
    """The joint (k, E) Boltzmann average of ``observable(term, t)`` (Eq 6's weights)."""
    t = mpmath.mpf(str(values["T"]))
    weights = [(r, r.omega * q_quad(t, r.eps, r.delta)) for r in rho_terms(values)]
    total = mpmath.fsum(w for _, w in weights)
    return mpmath.fsum(w * observable(r, t) for r, w in weights) / total
