"""Rates: the relative error of the order-K expansion falls like lam^-(K+1).

The reference is mpmath quadrature of the defining integral at 30 digits
(``rate_tools``); the observed rate is the log-log slope over three lam values.
A half Gaussian is a series in lam^(-1/2), so its rate is (K+1)/2.
"""

from __future__ import annotations

from functools import lru_cache

import mpmath
import pytest
import sympy as sp
from engine_symbols import lam, x
from hypothesis import assume, example, given
from hypothesis import strategies as st
from rate_tools import observed_rate, quad_integral, relative_errors

from remsym.asymptotics import laplace

t = sp.Symbol("t", positive=True)
TOL = 0.25
LAMS = (40, 80, 160)


def _rate(f, g, bounds, order, lams=LAMS):
    res = laplace(f, g, x, lam, bounds, order)
    g0 = g.subs(x, res.point)
    errs = relative_errors(res.expr, lam, g0,
                           lambda lv: quad_integral(f, g, x, lv, bounds, res.point, g0), lams)
    return res, observed_rate(lams, errs)


@pytest.mark.parametrize("order", [1, 2, 4])
def test_interior_polynomial_phase(order):
    # g' = -x (1 - x + x^2): the only real stationary point is x = 0
    # its coefficients grow fast (c3 = 716365/10368), so the regime starts near lam ~ 100
    res, rate = _rate(1 / (1 + x**2), -x**2 / 2 + x**3 / 3 - x**4 / 4, (-sp.oo, sp.oo), order,
                      lams=(160, 320, 640))
    assert res.kind == "interior"
    assert abs(rate - (order + 1)) < TOL


@pytest.mark.parametrize("order", [1, 3])
def test_watson_endpoint(order):
    res, rate = _rate(sp.exp(x) / (2 + x), -x - x**2, (0, 1), order)
    assert res.kind == "endpoint"
    assert abs(rate - (order + 1)) < TOL


@pytest.mark.parametrize("order", [1, 2, 3])
def test_half_gaussian(order):
    res, rate = _rate(sp.cos(x), -x**2 - x**3, (0, sp.oo), order, lams=(100, 400, 1600))
    assert res.kind == "half-gaussian"
    assert abs(rate - sp.Rational(order + 1, 2)) < TOL


def test_stirling_rate_against_gamma():
    res = laplace(1, sp.log(t) - t, t, lam, (0, sp.oo), order=4)
    value = sp.lambdify(lam, lam ** (lam + 1) * res.expr, modules="mpmath")
    lams = (10, 20, 40)
    with mpmath.workdps(30):
        errs = [abs(value(mpmath.mpf(v)) / mpmath.gamma(v + 1) - 1) for v in lams]
    assert abs(observed_rate(lams, errs) - 5) < TOL


# -- property: a Gaussian-type phase with symbolic parameters ------------------------

a, c, m, d = sp.symbols("a c m d", positive=True)
K = 2
F = 1 + d * x**2
G = -a * (x - m) ** 2 / 2 - c * (x - m) ** 4


@lru_cache(maxsize=1)
def _symbolic():
    """One symbolic expansion to K+2 (g0 = 0 at x = m), evaluated at many parameter points."""
    res = laplace(F, G, x, lam, order=K + 2)
    expr_k = res.leading * sp.Add(*[res.coefficients[k] / lam**k for k in range(K + 1)])
    args = (lam, a, c, m, d)
    return (res, sp.lambdify(args, expr_k, modules="mpmath"),
            sp.lambdify((a, c, m, d), res.coefficients[K + 1], modules="mpmath"),
            sp.lambdify((a, c, m, d), res.coefficients[K + 2], modules="mpmath"))


def test_symbolic_expansion_is_exact_rational():
    res = _symbolic()[0]
    assert res.point == m and res.kind == "interior"
    assert sp.cancel(res.coefficients[1] - (a * d - 3 * c * d * m**2 - 3 * c)
                     / (a**2 * (d * m**2 + 1))) == 0


positive = st.floats(0.5, 3.0)


@given(av=positive, cv=st.floats(0.1, 1.0), mv=st.floats(-1.0, 1.0), dv=st.floats(0.0, 2.0))
@example(av=0.5, cv=1.0, mv=1.0, dv=2.0)
def test_gaussian_type_phase_rate_property(av, cv, mv, dv):
    _, approx, next_coeff, after_next = _symbolic()
    lams = (60, 120, 240)
    with mpmath.workdps(30):
        pars = [mpmath.mpf(v) for v in (av, cv, mv, dv)]
        c_next, c_after = next_coeff(*pars), after_next(*pars)
        # the asymptotic regime: the first neglected term dominates the one after it
        assume(abs(c_next) * lams[0] > 4 * abs(c_after))
        f = F.subs(d, dv)
        g = G.subs({a: av, c: cv, m: mv})
        errs = []
        for lv in lams:
            ref = quad_integral(f, g, x, lv, (-sp.oo, sp.oo), sp.Float(mv, 30), 0)
            errs.append(abs(approx(mpmath.mpf(lv), *pars) / ref - 1))
        rate = observed_rate(lams, errs)
        predicted = abs(c_next) / mpmath.mpf(lams[-1]) ** (K + 1)
    assert abs(rate - (K + 1)) < TOL
    assert abs(errs[-1] / predicted - 1) < 0.25
