"""Exact coefficients of Laplace's method and Watson's lemma (Wong ch. I-II; DLMF 5.11, 10.40)."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from engine_symbols import lam, x

from remsym.asymptotics import laplace
from remsym.derivation.steps import Relation

t = sp.Symbol("t", positive=True)
a, b = sp.symbols("a b", positive=True)


def test_stirling_series_from_gamma_integral():
    # Gamma(lam+1) = lam^(lam+1) integral_0^oo exp(lam (log t - t)) dt   (t = s/lam)
    res = laplace(1, sp.log(t) - t, t, lam, (0, sp.oo), order=4)
    assert res.kind == "interior" and res.point == 1
    assert res.coefficients == [1, sp.Rational(1, 12), sp.Rational(1, 288),
                                sp.Rational(-139, 51840), sp.Rational(-571, 2488320)]
    assert sp.simplify(res.leading - sp.sqrt(2 * sp.pi / lam) * sp.exp(-lam)) == 0
    assert res.order == lam**-5
    stirling = lam ** (lam + 1) * res.expr
    with mpmath.workdps(30):
        for lv in (10, 40):
            approx = sp.lambdify(lam, stirling, modules="mpmath")(mpmath.mpf(lv))
            rel = abs(approx / mpmath.gamma(lv + 1) - 1)
            assert rel < 2 * 0.0006 / lv**5  # |c5| ~ 1.63e-4: the first neglected term


def test_bessel_k0_coefficients_and_value():
    # integral exp(-lam cosh x) dx over the line = 2 K_0(lam)  (DLMF 10.32.9, 10.40.2)
    res = laplace(1, -sp.cosh(x), x, lam, order=4)
    assert res.coefficients[:4] == [1, sp.Rational(-1, 8), sp.Rational(9, 128),
                                    sp.Rational(-75, 1024)]
    assert res.coefficients[4] == sp.Rational(3675, 32768)
    value = sp.lambdify(lam, res.expr, modules="mpmath")
    with mpmath.workdps(40):
        for lv in (20, 50):
            rel = abs(value(mpmath.mpf(lv)) / (2 * mpmath.besselk(0, lv)) - 1)
            assert rel < mpmath.mpf(59535) / 262144 / lv**5 * 2


@pytest.mark.parametrize(
    ("f", "expected"),
    [(1 / (1 + x), [(-1) ** k * sp.factorial(k) for k in range(5)]),   # sum (-1)^k k!/lam^k
     (sp.cos(x), [1, 0, -1, 0, 1]),                                       # Re 1/(lam - i)
     (sp.exp(2 * x), [1, 2, 4, 8, 16])],                                  # 1/(lam - 2)
)
def test_watson_endpoint_coefficients(f, expected):
    res = laplace(f, -x, x, lam, (0, 1), order=4)
    assert res.kind == "endpoint" and res.point == 0
    assert res.coefficients == expected
    assert res.leading == 1 / lam
    assert res.steps[-1].rule == "watson-endpoint"


def test_watson_endpoint_against_quadrature():
    res = laplace(1 / (1 + x), -x, x, lam, (0, 1), order=4)
    value = sp.lambdify(lam, res.expr, modules="mpmath")
    with mpmath.workdps(30):
        for lv in (30, 60):
            ref = mpmath.quad(lambda s, lv=lv: mpmath.exp(-lv * s) / (1 + s),
                              [0, 1 / mpmath.mpf(lv), 1])
            assert abs(value(lv) / ref - 1) < 2 * 120 / mpmath.mpf(lv) ** 5


def test_half_gaussian_endpoint_is_exact_for_a_linear_f():
    # integral_0^oo (1 + x) exp(-lam x^2) dx = sqrt(pi)/(2 sqrt(lam)) + 1/(2 lam), exactly
    res = laplace(1 + x, -x**2, x, lam, (0, sp.oo), order=4)
    assert res.kind == "half-gaussian"
    assert res.scale == 1 / sp.sqrt(lam)
    assert res.coefficients == [1, 1 / sp.sqrt(sp.pi), 0, 0, 0]
    exact = sp.sqrt(sp.pi) / (2 * sp.sqrt(lam)) + 1 / (2 * lam)
    assert sp.expand(res.expr - exact) == 0


def test_half_gaussian_at_upper_endpoint_of_a_moving_phase():
    # integral_0^{1/2} exp(lam x (1 - x)) dx: the maximum x = 1/2 sits on the upper end
    res = laplace(1, x * (1 - x), x, lam, (0, sp.Rational(1, 2)), order=2)
    assert res.kind == "half-gaussian" and res.point == sp.Rational(1, 2)
    assert res.coefficients == [1, 0, 0]  # the exact value is sqrt(pi/lam) e^(lam/4) erf(..)/2
    assert res.leading == sp.sqrt(sp.pi) * sp.exp(lam / 4) / (2 * sp.sqrt(lam))
    assert res.steps[-1].rule == "laplace-half-gaussian"


def test_exact_gaussian_with_free_symbols_has_zero_corrections():
    res = laplace(1, -a * x**2 + b * x, x, lam, order=4)
    assert res.coefficients == [1, 0, 0, 0, 0]
    exact = sp.sqrt(sp.pi / (a * lam)) * sp.exp(b**2 * lam / (4 * a))
    assert sp.simplify(res.expr / exact) == 1


def test_symbolic_parameters_order_four_is_exact():
    res = laplace(sp.cos(b * x), -a * x**2 / 2 - x**4, x, lam, order=4)
    assert sp.cancel(res.coefficients[1] + (a * b**2 + 6) / (2 * a**2)) == 0
    assert sp.expand(res.coefficients[2] - (a**2 * b**4 + 60 * a * b**2 + 420) / (8 * a**4)) == 0
    assert all(all(n.is_Rational for n in sp.Poly(sp.numer(sp.together(c)), a, b).coeffs())
               for c in res.coefficients)


def test_competing_endpoints_add():
    # integral_{-1}^{1} exp(lam x^2) dx = 2 integral_0^1: each end gives e^lam/(2 lam) (1 + 1/(2 lam) + ...)
    res = laplace(1, x**2, x, lam, (-1, 1), order=2)
    assert res.kind == "combined" and len(res.parts) == 2
    expected = sp.exp(lam) / lam * (1 + 1 / (2 * lam) + sp.Rational(3, 4) / lam**2)
    assert sp.expand(res.expr - expected) == 0
    assert res.steps[-1].rule == "laplace-combined"


def test_steps_are_asymptotic_records_with_limit_and_order():
    res = laplace(1, -sp.cosh(x), x, lam, order=3)
    step = res.steps[-1]
    assert step.relation is Relation.ASYMPTOTIC
    assert step.limit.symbol == lam and step.order == lam**-4
    assert isinstance(step.before, sp.Integral)
