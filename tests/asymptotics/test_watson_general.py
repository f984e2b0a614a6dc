"""Watson's lemma with powers and logarithms (Wong ch. I; Olver ch. 3 §3, §9; DLMF 2.3).

Coefficients are compared with the published series (DLMF 2.3.1: ``integral_0^oo
t**(alpha-1) sum a_n t**n exp(-lam t) dt ~ sum Gamma(n + alpha) a_n lam**-(n+alpha)``)
evaluated here from the amplitude's own Taylor series, and values with closed forms
(incomplete Gamma, DLMF 8.2; Gamma and digamma) or 30-digit mpmath quadrature.
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from engine_symbols import lam, x

from remsym.asymptotics import laplace

a = sp.Symbol("a", positive=True)


def _value(expr, lv, digits=30):
    with mpmath.workdps(digits):
        return sp.lambdify(lam, expr, modules="mpmath")(mpmath.mpf(lv))


def test_sqrt_endpoint_is_the_incomplete_gamma_function():
    # integral_0^1 sqrt(x) e^(-lam x) dx = lam^(-3/2) gamma(3/2, lam): the series stops
    res = laplace(sp.sqrt(x), -x, x, lam, (0, 1), order=4)
    assert res.kind == "endpoint" and res.coefficients == [1, 0, 0, 0, 0]
    assert res.order == lam**-5 and res.steps[-1].rule == "watson-endpoint"
    with mpmath.workdps(30):
        for lv in (60, 90):
            ref = mpmath.gammainc(mpmath.mpf(3) / 2, 0, lv) / mpmath.mpf(lv) ** 1.5
            assert abs(_value(res.expr, lv) / ref - 1) < mpmath.mpf(10) ** -25


def test_log_over_sqrt_coefficients_follow_dlmf_2_3_1():
    # log(1 + x) = sum (-1)^(n+1) x^n/n: a_n Gamma(n + 1/2) lam^-(n+1/2), n >= 1
    res = laplace(sp.log(1 + x) / sp.sqrt(x), -x, x, lam, (0, sp.oo), order=5)
    lead = sp.gamma(sp.Rational(3, 2))
    expected = [(-1) ** n / sp.Integer(n + 1) * sp.gamma(n + sp.Rational(3, 2)) / lead
                for n in range(6)]
    assert [sp.nsimplify(c) for c in res.coefficients] == [sp.nsimplify(e) for e in expected]
    assert res.leading == sp.sqrt(sp.pi) / (2 * lam ** sp.Rational(3, 2))
    with mpmath.workdps(30):
        lv = mpmath.mpf(80)
        ref = mpmath.quad(lambda s: mpmath.log1p(s) / mpmath.sqrt(s) * mpmath.exp(-lv * s),
                          [0, 1 / lv, 10 / lv, 1, mpmath.inf])
        # first neglected term, relative: Gamma(15/2)/(7 Gamma(3/2)) lam^-6 = 301.6/lam^6
        nxt = mpmath.gamma(7.5) / (7 * mpmath.gamma(1.5)) / lv**6
        assert 0.8 * nxt < abs(_value(res.expr, lv) / ref - 1) < 1.2 * nxt


def test_symbolic_exponent_rising_factorials():
    # integral_0^oo x^(a-1) e^(-lam x)/(1 + x) dx = Gamma(a) e^lam Gamma(1 - a, lam)
    res = laplace(x ** (a - 1) / (1 + x), -x, x, lam, (0, sp.oo), order=4)
    assert res.leading == sp.gamma(a) * lam**-a
    for k, c in enumerate(res.coefficients):
        assert sp.expand(c - (-1) ** k * sp.expand_func(sp.rf(a, k))) == 0
    third = {a: sp.Rational(1, 3)}
    with mpmath.workdps(30):
        lv = mpmath.mpf(60)
        ref = mpmath.gamma(mpmath.mpf(1) / 3) * mpmath.exp(lv) * mpmath.gammainc(
            mpmath.mpf(2) / 3, lv)
        rel = abs(_value(res.expr.subs(third), lv) / ref - 1)
        bound = mpmath.rf(mpmath.mpf(1) / 3, 5) / lv**5
        assert bound / 3 < rel < 3 * bound  # the first neglected term sets the error


def test_log_amplitude_is_the_digamma_formula():
    # integral_0^oo x^(a-1) log(x) e^(-lam x) dx = Gamma(a) lam^-a (psi(a) - log(lam)), exactly
    res = laplace(x ** (a - 1) * sp.log(x), -x, x, lam, (0, sp.oo), order=3)
    exact = sp.gamma(a) * lam**-a * (sp.polygamma(0, a) - sp.log(lam))
    assert res.coefficients == [1, 0, 0, 0]
    assert sp.expand(res.leading - exact) == 0


def test_log_of_modulus_at_an_interior_maximum():
    # integral log|x| e^(-lam x^2) dx = -sqrt(pi/lam) (gamma_E + 2 log 2 + log lam)/2
    res = laplace(sp.log(sp.Abs(x)), -x**2, x, lam, order=2)
    exact = -sp.sqrt(sp.pi / lam) * (sp.EulerGamma + 2 * sp.log(2) + sp.log(lam)) / 2
    assert sp.expand(res.expr - exact) == 0
    assert res.order == lam**-3


def test_squared_log_at_a_watson_endpoint():
    # integral_0^1 log(x)^2 e^(-lam x) dx ~ ((log lam + gamma_E)^2 + pi^2/6)/lam
    res = laplace(sp.log(x) ** 2, -x, x, lam, (0, 1), order=2)
    lead = ((sp.log(lam) + sp.EulerGamma) ** 2 + sp.pi**2 / 6) / lam
    assert sp.expand(res.leading - lead) == 0
    with mpmath.workdps(30):
        lv = mpmath.mpf(50)
        ref = mpmath.quad(lambda s: mpmath.log(s) ** 2 * mpmath.exp(-lv * s),
                          [0, 1 / lv, 10 / lv, 1])
        assert abs(_value(res.expr, lv) / ref - 1) < mpmath.mpf(10) ** -18


def test_interior_point_with_an_integrable_singularity():
    # |x|^(-1/2) cos(x) e^(-lam x^2): both sides add; cos gives Gamma(1/4 + k) terms
    f = sp.cos(x) / sp.sqrt(sp.Abs(x))
    res = laplace(f, -x**2, x, lam, order=3)
    assert res.kind == "interior" and res.scale == 1 / lam
    expected = [(-1) ** k / sp.factorial(2 * k) * sp.gamma(sp.Rational(1, 4) + k)
                / sp.gamma(sp.Rational(1, 4)) for k in range(4)]
    assert all(sp.simplify(c - e) == 0 for c, e in zip(res.coefficients, expected, strict=True))
    with mpmath.workdps(30):
        lv = mpmath.mpf(40)
        half = mpmath.quad(lambda s: mpmath.cos(s) / mpmath.sqrt(s) * mpmath.exp(-lv * s**2),
                           [0, 1 / lv, 1 / mpmath.sqrt(lv), 1, mpmath.inf])
        assert abs(_value(res.expr, lv) / (2 * half) - 1) < 2 * 0.0035 / lv**4


def test_endpoint_quadratic_exponent_with_power():
    # g leaves the endpoint with a higher power: x^(-1/2) exp(-lam x^2) on [0, 1]
    res = laplace(1 / sp.sqrt(x), -x**2 - x**3, x, lam, (0, 1), order=3)
    assert res.kind == "half-gaussian" and res.scale == lam ** sp.Rational(-1, 2)
    assert res.leading == sp.gamma(sp.Rational(1, 4)) / (2 * lam ** sp.Rational(1, 4))
    with mpmath.workdps(30):
        lv = mpmath.mpf(400)
        ref = mpmath.quad(lambda s: mpmath.exp(-lv * (s**2 + s**3)) / mpmath.sqrt(s),
                          [0, 1 / lv, 1 / mpmath.sqrt(lv), 0.5, 1])
        assert abs(_value(res.expr, lv) / ref - 1) < 4 / lv**2


@pytest.mark.parametrize("order", [0, 3])
def test_steps_name_watson_and_the_powers(order):
    res = laplace(sp.log(1 + x) / sp.sqrt(x), -x, x, lam, (0, 1), order=order)
    step = res.steps[-1]
    assert "Gamma" in step.justification and "Wong" in step.justification
    assert step.order == lam ** -(order + 1)


def test_singular_amplitude_where_g_kills_it_is_accepted():
    # integral_0^oo t^-1 e^(lam (log t - t)) dt = Gamma(lam)/lam^lam = Gamma(lam+1)/lam^(lam+1):
    # 1/t is not integrable at 0, but t^lam makes it so; Stirling's series follows
    res = laplace(1 / x, sp.log(x) - x, x, lam, (0, sp.oo), order=2)
    assert res.kind == "interior" and res.point == 1
    assert res.coefficients == [1, sp.Rational(1, 12), sp.Rational(1, 288)]
