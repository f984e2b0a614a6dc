"""SymPy's evaluation of a definite integral through an entire antiderivative."""

import mpmath
import sympy as sp

import remsym.derivation.antiderivative as module
from remsym.derivation.antiderivative import (
    definite_by_antiderivative,
    is_entire_in,
    sympy_evaluation,
)

x = sp.Symbol("x", real=True)
u = sp.Symbol("u", real=True)
a = sp.Symbol("a", positive=True)
T = sp.Symbol("T", positive=True)
mu = sp.Symbol("mu", real=True)


def test_entire_means_polynomials_exp_and_erf_of_the_variable():
    assert is_entire_in(sp.exp(-x**2 + 3 * x) * sp.erf(2 * x - 1) * (x**3 + a), x)
    assert is_entire_in(sp.erfi(x) * sp.exp(a) / a, x)  # 1/a does not involve x
    assert not is_entire_in(1 / x, x)
    assert not is_entire_in(sp.log(x), x)
    assert not is_entire_in(sp.atan(x), x)
    assert not is_entire_in(sp.sqrt(x), x)
    assert not is_entire_in(sp.Abs(x), x)
    assert not is_entire_in(a**x, x)


def test_gaussian_times_boltzmann_over_the_line_matches_the_closed_form():
    # Eq 4's kernel: completing the square gives exp(-mu/T + a^2/(2 T^2)).
    f = sp.exp(-(x - mu) ** 2 / (2 * a**2) - x / T) / (sp.sqrt(2 * sp.pi) * a)
    value = definite_by_antiderivative(sp.Integral(f, (x, -sp.oo, sp.oo)))
    closed = sp.exp(-mu / T + a**2 / (2 * T**2))
    assert value is not None
    point = {mu: sp.Rational(3, 7), a: sp.Rational(5, 3), T: sp.Rational(2, 3)}
    assert abs(sp.N((value - closed).subs(point), 40)) < 1e-35


def test_half_line_gaussian_is_the_normal_cdf_and_agrees_with_quadrature():
    f = sp.exp(-(u - mu) ** 2 / (2 * a**2)) / (sp.sqrt(2 * sp.pi) * a)
    value = definite_by_antiderivative(sp.Integral(f, (u, -sp.oo, x)))
    point = {mu: sp.Rational(1, 3), a: sp.Rational(3, 2), x: sp.Rational(-2, 5)}
    with mpmath.workdps(40):
        quad = mpmath.quad(lambda t: mpmath.npdf(t, mpmath.mpf(1) / 3, mpmath.mpf(3) / 2),
                           [-mpmath.inf, mpmath.mpf(-2) / 5])
        assert abs(sp.N(value.subs(point), 40) - sp.Float(quad, 40)) < 1e-33


def test_uphill_integral_with_a_finite_lower_limit():
    # Eq 12's uphill integral: ∫_x^∞ G(u) exp((x - u)/T) du.
    f = sp.exp(-(u - mu) ** 2 / (2 * a**2)) * sp.exp((x - u) / T) / (sp.sqrt(2 * sp.pi) * a)
    value = definite_by_antiderivative(sp.Integral(f, (u, x, sp.oo)))
    point = {mu: sp.Rational(1, 2), a: sp.Rational(4, 5), T: sp.Rational(1, 3), x: sp.Rational(1, 4)}
    fp = f.subs(point)
    with mpmath.workdps(40):
        g = sp.lambdify(u, fp, "mpmath")
        quad = mpmath.quad(g, [mpmath.mpf(1) / 4, 2, mpmath.inf])
        assert abs(sp.N(value.subs(point), 40) - sp.Float(quad, 40)) < 1e-33


def test_antiderivative_with_a_pole_is_left_to_doit():
    # F = -1/x jumps across 0: F(1) - F(-1) = -2 would be wrong for a divergent integral.
    assert definite_by_antiderivative(sp.Integral(1 / x**2, (x, -1, 1))) is None
    assert sympy_evaluation(sp.Integral(1 / x**2, (x, -1, 1))) == sp.oo


def test_integrals_outside_the_rule_base_fall_back_to_doit():
    f = x**2 * sp.exp(-x**2 / 2)
    integral = sp.Integral(f, (x, -sp.oo, sp.oo))
    assert sympy_evaluation(integral) == sp.sqrt(2 * sp.pi)
    two_variables = sp.Integral(sp.exp(-x**2 - u**2), (x, -sp.oo, sp.oo), (u, -sp.oo, sp.oo))
    assert definite_by_antiderivative(two_variables) is None
    assert sympy_evaluation(two_variables) == sp.pi


def test_a_refusal_of_the_antiderivative_route_falls_back_to_doit(monkeypatch):
    def refuse(integral):
        raise NotImplementedError("Result depends on the sign of s")

    monkeypatch.setattr(module, "definite_by_antiderivative", refuse)
    module.sympy_evaluation.cache_clear()
    integral = sp.Integral(sp.exp(-(x - mu) ** 2 / (2 * a**2)), (x, -sp.oo, sp.oo))
    assert sp.simplify(module.sympy_evaluation(integral) - sp.sqrt(2 * sp.pi) * a) == 0
    module.sympy_evaluation.cache_clear()
