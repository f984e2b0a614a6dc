"""The numerics of Eqs 13 and P_LM that no generic route covers: nested and certified quadrature.

* :func:`logistic_gc`, :func:`logistic_cdf`: a non-Gaussian, E-dependent Gc (a
  logistic) and its CDF, and :func:`nested_rate_b_logistic`: Eq 13's double integral
  with it, both integrals by quadrature -- the numeric witness of "Eq 13 does not
  require Gc = G";
* :func:`one_minus_plm`: ``1 - P_LM`` from the derived one-dimensional integral by
  certified quadrature, without cancellation; :func:`minus_log_plm`,
  :func:`log_plm_reference` and :func:`plm_table` are the plm derivation's witness,
  reference and finite-N table.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

import mpmath
import sympy as sp
from flint import acb, arb, ctx

from remsym.derivation.evaluate import as_mpf
from remsym.numeric.quadrature import arb_bits, arb_gauss_legendre, line_integral
from remsym_paper._common import quadrature_reference
from remsym_paper.symbols import Delta, E, E_prime, N, T, epsilon, nu

__all__ = ["LOGISTIC_SCALE", "logistic_gc", "logistic_cdf", "nested_rate_b_logistic",
           "one_minus_plm", "minus_log_plm", "log_plm_reference", "PlmRow", "plm_table", "plm_rows"]


#: The logistic's scale for variance Delta^2.
LOGISTIC_SCALE = sp.sqrt(3) / sp.pi


def logistic_gc(energy_prime=E_prime, energy=E):
    """A non-Gaussian, E-dependent Gc: logistic, mean (E + eps)/2, variance Delta^2."""
    m, w = (energy + epsilon) / 2, LOGISTIC_SCALE * Delta
    z = (energy_prime - m) / w
    return sp.exp(-z) / (w * (1 + sp.exp(-z)) ** 2)


def logistic_cdf(energy=E):
    """The CDF of :func:`logistic_gc` at ``energy``: its p<c(E)."""
    m, w = (energy + epsilon) / 2, LOGISTIC_SCALE * Delta
    return 1 / (1 + sp.exp(-(energy - m) / w))


def nested_rate_b_logistic(point, digits):
    """Eq 13's double integral with the logistic Gc, both integrals by quadrature.

    Outer variable u = (E - E*)/Delta (the Boltzmann weight G e^{-E/T}/q is the
    standard normal), Gauss-Legendre on unit pieces of [-14, 14] (the normal mass
    outside is below 1e-43).  The inner integral, in the logistic's variable
    z = (E' - m(E))/w, is a running sum over the sorted outer nodes: one tail
    quadrature below the first node, then Gauss-Legendre over each gap.
    """
    prec = arb_bits(digits + 15)
    with mpmath.workprec(prec), ctx.workprec(prec):
        t, d, e = (arb(sp.Rational(point[z]).p) / sp.Rational(point[z]).q
                   for z in (T, Delta, epsilon))
        w = arb(3).sqrt() / arb.pi() * d
        star = e - d**2 / t
        nodes, weights = arb_gauss_legendre(24, prec)  # summed in arb: 672 outer nodes x 24

        def density(z):
            return (-z).exp() / (1 + (-z).exp()) ** 2

        def top(u):  # upper limit of the inner integral in z at outer node u
            energy = star + d * u
            return (energy - (energy + e) / 2) / w

        outer = [(k + (1 + x) / 2, wt / 2) for k in range(-14, 14)
                 for x, wt in zip(nodes, weights, strict=True)]
        first_node, _ = outer[0]
        previous = top(first_node)
        # the tail below the first node by mpmath's tanh-sinh, the rest by the running sum
        first = mpmath.mpf(previous.mid().str(digits + 25, radius=False))
        cdf = arb(mpmath.quad(lambda z: mpmath.exp(-z) / (1 + mpmath.exp(-z)) ** 2,
                              [-mpmath.inf, first]))
        norm = 1 / (2 * arb.pi()).sqrt()
        total = arb(0)
        for u, wt in outer:
            z = top(u)
            if z != previous:
                half, mid = (z - previous) / 2, (z + previous) / 2
                cdf += half * sum((gw * density(mid + half * gx)
                                   for gx, gw in zip(nodes, weights, strict=True)), arb(0))
                previous = z
            total += wt * (-u * u / 2).exp() * norm * cdf
        return mpmath.mpf(total.mid().str(digits + 10, radius=False))


def _log_normal_cdf_ball(z):
    """``log Phi(z)`` as a ball, analytic off the real axis's neighbourhood of the cut.

    ``log(erfc(-z/sqrt 2)/2)`` below the mean, ``log1p(-erfc(z/sqrt 2)/2)`` above it:
    the same function, each form free of cancellation on its side.  A box that may
    touch the branch cut gives an indeterminate ball, so Arb bisects it.
    """
    root2 = arb(2).sqrt()
    if z.real.mid() < 0:
        phi = (-z / root2).erfc() / 2
        if not (phi.real > 0):
            return acb(arb.nan())
        return phi.log(analytic=True)
    tail = -(z / root2).erfc() / 2
    if not (tail.real > -1):
        return acb(arb.nan())
    return tail.log1p()


def one_minus_plm(s_val, m, digits):
    """1 - P_LM = integral phi(y - s) [1 - Phi(y)^m] dy, without cancellation.

    Certified quadrature (python-flint's ``acb.integral`` through
    :func:`remsym.numeric.certified.line_integral`): ``1 - Phi^m = -expm1(m log Phi)``,
    so the integrand keeps its relative accuracy where ``Phi^m`` is within 1e-50 of 1.
    """
    with mpmath.workdps(digits + 15):
        with ctx.workprec(arb_bits(digits + 30)):
            s_ball = arb(mpmath.nstr(s_val, digits + 25))
            norm = 1 / (2 * arb.pi()).sqrt()

            def f(z):
                density = (-(z - s_ball) ** 2 / 2).exp() * norm
                return -density * (_log_normal_cdf_ball(z) * m).expm1()

            return line_integral(f, -mpmath.inf, mpmath.inf, digits + 10).value


def minus_log_plm(point, digits):
    with mpmath.workdps(digits + 15):
        s_val = as_mpf(point[Delta]) / as_mpf(point[T])
        return -mpmath.log1p(-one_minus_plm(s_val, int(point[N]) * int(point[nu]), digits))


def log_plm_reference(point, digits):
    with mpmath.workdps(digits + 15):
        return mpmath.log(quadrature_reference("P_LM")(point, digits))


class PlmRow(NamedTuple):
    """One row of :func:`plm_table`."""

    N: int
    fu: Any
    exact: Any
    printed: Any
    relative_difference: Any


def plm_table(big_values=(20, 40, 80, 160), temperature=1, d0=1, states=1, digits=20
              ) -> list[PlmRow]:
    """P_LM exact against the printed exp(-N nu <fu>) at finite N, with Delta^2 = N d0."""
    rows = []
    with mpmath.workdps(digits + 10):
        for big in big_values:
            s_val = mpmath.sqrt(big * d0) / temperature
            exact = 1 - one_minus_plm(s_val, big * states, digits)
            fu = mpmath.erfc(s_val / 2) / 2
            printed_v = mpmath.exp(-big * states * fu)
            rows.append(PlmRow(big, fu, exact, printed_v, abs(printed_v - exact) / exact))
    return rows


@lru_cache(maxsize=1)
def plm_rows():
    """:func:`plm_table` at T = 1 and at T = 2 (N = 20), once per process."""
    return tuple(plm_table()) + tuple(plm_table((20,), temperature=2))
