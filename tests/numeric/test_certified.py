"""Certified ball quadrature (python-flint) against closed forms written here independently.

Tolerances: a certified value must agree with the closed form to 10**-(digits - 1)
relative (the ball's own radius is required below 10**-(digits + 2)).
"""

import importlib

import mpmath
import pytest
import sympy as sp

import remsym.numeric.quadrature.arb as certified
from remsym.derivation.evaluate import value
from remsym.errors import NumericReferenceError
from remsym.numeric.arb_code import ArbPrinter, compile_arb
from remsym.numeric.quadrature.arb import (
    CertifiedValue,
    ball_expression,
    certified_integral,
    line_integral,
)
from remsym_paper import model
from remsym_paper.symbols import Delta, E, N, T, epsilon, nu

DIGITS = 30
WEIGHT = model.G(E) * model.boltzmann(E)


def _close(got, want, digits=DIGITS):
    with mpmath.workdps(digits + 10):
        return abs(got - want) <= abs(want) * mpmath.mpf(10) ** (-(digits - 1))


def _q(t, d, e):
    """q = exp(-eps/T + Delta^2/(2 T^2)), completed square (written here, not by the engine)."""
    return mpmath.exp(-e / t + d**2 / (2 * t**2))


@pytest.mark.parametrize("t, d, e", [("1", "1", "0"), ("0.5", "1.5", "-3"), ("2", "18", "7"),
                                     ("0.25", "5", "-40"), ("1", "50", "0")])
def test_q_over_the_line_matches_the_completed_square(t, d, e):
    point = {T: sp.Rational(t), Delta: sp.Rational(d), epsilon: sp.Rational(e)}
    got = certified_integral(sp.Integral(WEIGHT, (E, -sp.oo, sp.oo)), point, DIGITS)
    with mpmath.workdps(DIGITS + 10):
        assert _close(got.value, _q(*(mpmath.mpf(v) for v in (t, d, e))))
        assert got.relative_radius < mpmath.mpf(10) ** (-(DIGITS + 2))


def test_half_line_with_an_error_function_matches_the_bivariate_normal():
    # int G e^{-E/T} p<(E) dE / q = Phi(-s/sqrt 2) = erfc(s/2)/2 with s = Delta/T
    point = {T: sp.Rational(1, 2), Delta: sp.Rational(9, 2), epsilon: sp.Rational(3, 10)}
    num = certified_integral(sp.Integral(WEIGHT * model.p_less_erfc(E), (E, -sp.oo, sp.oo)),
                             point, DIGITS)
    with mpmath.workdps(DIGITS + 10):
        t, d, e = mpmath.mpf(1) / 2, mpmath.mpf(9) / 2, mpmath.mpf(3) / 10
        assert _close(num.value / _q(t, d, e), mpmath.erfc(d / t / 2) / 2)


def test_finite_upper_limit_matches_the_normal_cdf():
    # int_{-oo}^{E*} G e^{-E/T} dE = q / 2 (E* is the weight's centre)
    t, d, e = sp.Rational(3, 4), sp.Rational(2), sp.Rational(-1)
    point = {T: t, Delta: d, epsilon: e}
    e_star = e - d**2 / t
    got = certified_integral(sp.Integral(WEIGHT, (E, -sp.oo, e_star)), point, DIGITS)
    with mpmath.workdps(DIGITS + 10):
        assert _close(got.value, _q(mpmath.mpf(3) / 4, mpmath.mpf(2), mpmath.mpf(-1)) / 2)


def test_an_integral_that_vanishes_exactly_is_an_absolute_result():
    # <E - E*> = 0: the ball contains zero and the value is returned as 0 with its radius
    point = {T: sp.Integer(1), Delta: sp.Integer(1), epsilon: sp.Integer(1)}  # E* = 0
    got = certified_integral(sp.Integral(E * WEIGHT, (E, -sp.oo, sp.oo)), point, DIGITS)
    assert got.value == 0
    assert got.radius < mpmath.mpf(10) ** (-(DIGITS + 5))


def test_cancellation_is_recovered_by_tightening_the_goal():
    # <E> = E* = 1/2 - 1 ... here E* = eps - Delta^2/T = -1/2: mass ~ 1, value small
    point = {T: sp.Integer(1), Delta: sp.Integer(1), epsilon: sp.Rational(1, 2)}
    got = certified_integral(sp.Integral(E * WEIGHT, (E, -sp.oo, sp.oo)), point, DIGITS)
    with mpmath.workdps(DIGITS + 10):
        assert _close(got.value, -_q(1, 1, mpmath.mpf(1) / 2) / 2)


def test_integer_exponent_symbol_uses_integer_power():
    # p>(E)^(N nu) with N nu = 3 at the point: no branch cut, (Arb would bisect for ever)
    point = {T: sp.Integer(1), Delta: sp.Integer(1), epsilon: sp.Integer(0), N: sp.Integer(3),
             nu: sp.Integer(1)}
    integrand = WEIGHT * model.p_greater_erfc(E) ** (N * nu)
    got = certified_integral(sp.Integral(integrand, (E, -sp.oo, sp.oo)), point, DIGITS)
    with mpmath.workdps(DIGITS + 20):
        f = lambda en: (mpmath.npdf(en, 0, 1) * mpmath.exp(-en)  # noqa: E731
                        * (mpmath.erfc(en / mpmath.sqrt(2)) / 2) ** 3)
        # an independent reference on purpose: mpmath's own quad shares no code with Arb
        want = mpmath.quad(f, [-mpmath.inf, -8, -1, 0, 1, 8, mpmath.inf])
    assert _close(got.value, want, 28)


def test_endpoint_singularity_is_refused_for_another_route():
    rho = sp.Symbol("rho", positive=True)
    func = compile_arb(1 / sp.sqrt(rho), (rho,))
    with pytest.raises(NumericReferenceError, match="singular at an endpoint"):
        line_integral(lambda z: func(z), mpmath.mpf(0), mpmath.mpf(1), DIGITS)


def test_value_of_an_integral_expression_uses_the_certified_route():
    # value() of 1 - (integral)/q at a point; the same number by mpmath closed form
    point = {T: sp.Rational(2), Delta: sp.Rational(18), epsilon: sp.Rational(7)}
    expr = 1 - sp.Integral(WEIGHT * model.p_less_erfc(E), (E, -sp.oo, sp.oo)) / sp.exp(
        -epsilon / T + Delta**2 / (2 * T**2))
    got = value(expr, point, DIGITS)
    with mpmath.workdps(DIGITS + 10):
        assert _close(got, 1 - mpmath.erfc(mpmath.mpf(9) / 2) / 2)


def test_printer_keeps_rationals_exact_and_refuses_unknown_functions():
    code = ArbPrinter().doprint(sp.Rational(1, 3) * sp.exp(E) + sp.pi)
    assert "_arb(1)/3" in code and "_pi()" in code
    with pytest.raises(NotImplementedError, match="besselj"):
        compile_arb(sp.besselj(0, E), (E,))


def test_derivation_references_need_two_agreeing_certified_routes(monkeypatch):
    _common = importlib.import_module("remsym_paper._common")

    point = {T: sp.Integer(1), Delta: sp.Integer(3), epsilon: sp.Integer(0)}
    with mpmath.workdps(DIGITS + 10):
        assert _close(_common.q_reference(point, DIGITS), _q(1, 3, 0))
    honest = certified.certified_integral

    def skewed(integral, pt, digits, stretch=1.0):  # the second chunking errs by 1e-25
        got = honest(integral, pt, digits, stretch)
        if stretch != 1.0:
            with mpmath.workdps(digits + 10):
                return certified.CertifiedValue(got.value * (1 + mpmath.mpf(10) ** -25),
                                                got.radius, got.chunks)
        return got

    monkeypatch.setattr(certified, "certified_integral", skewed)
    if hasattr(_common, "certified_integral"):  # imported at the top of _common
        monkeypatch.setattr(_common, "certified_integral", skewed)
    with pytest.raises(NumericReferenceError, match="certified routes disagree"):
        _common.q_reference(point, DIGITS)


def test_a_function_without_a_ball_form_falls_back_to_mpmath_quadrature():
    # sin has no entry in ARB_FUNCTIONS: compile_arb refuses it (it used to reach SymPy's own
    # sin printer and raise KeyError), and value() takes the split tanh-sinh route instead
    with pytest.raises(NotImplementedError, match="sin"):
        compile_arb(sp.sin(E) * sp.exp(-E**2), (E,))
    a = sp.Symbol("a", positive=True)
    got = value(sp.Integral(sp.cos(a * E) * sp.exp(-E**2), (E, -sp.oo, sp.oo)),
                {a: sp.Rational(3, 2)}, DIGITS)
    with mpmath.workdps(DIGITS + 10):  # int cos(aE) e^{-E^2} dE = sqrt(pi) e^{-a^2/4}
        assert _close(got, mpmath.sqrt(mpmath.pi) * mpmath.exp(-mpmath.mpf(9) / 16))


def test_log_of_an_integral_within_1e_30_of_one_keeps_its_digits():
    # log int phi(y - s) Phi(y) dy = log Phi(s/sqrt 2) = log1p(-erfc(s/2)/2) ~ -5.6e-30 at
    # s = 16: the integral to 30 digits says nothing about its log.  The outer log is
    # evaluated in ball arithmetic and the integral redone with more digits until the
    # result's ball is narrow (the mpmath fallback used to give only 9 correct digits).
    y = sp.Symbol("y", real=True)
    s = sp.Integer(16)
    phi = sp.exp(-(y - s) ** 2 / 2) / sp.sqrt(2 * sp.pi)
    cdf = sp.erfc(-y / sp.sqrt(2)) / 2
    got = value(sp.log(sp.Integral(phi * cdf, (y, -sp.oo, sp.oo))), {}, DIGITS)
    with mpmath.workdps(DIGITS + 20):
        want = mpmath.log1p(-mpmath.erfc(8) / 2)
        assert want < -1e-30
        assert _close(got, want)


def test_ball_expression_refuses_an_uncertified_result():
    z = sp.Symbol("z")
    with mpmath.workdps(120):  # the midpoints themselves exact to 120 digits
        near_one = CertifiedValue(1 - mpmath.mpf(10) ** -40, mpmath.mpf(10) ** -45, 1)
        # log(1 - 1e-40) known to 5 digits only: not certified to 30
        assert ball_expression(sp.log(z), {}, {z: near_one}, DIGITS) is None
        sharp = CertifiedValue(1 - mpmath.mpf(10) ** -40, mpmath.mpf(10) ** -75, 1)
        got = ball_expression(sp.log(z), {}, {z: sharp}, DIGITS)
        assert _close(got, mpmath.log1p(-mpmath.mpf(10) ** -40))
