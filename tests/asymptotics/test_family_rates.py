"""Rates of the new families: the error of the order-K expansion falls like ``scale**(K+1)``.

``scale`` is the family's expansion variable: ``1/lam`` (Watson, with powers and
logs of the amplitude), ``lam**(-1/3)`` (a cubic endpoint), ``lam**(-1/2)`` (a
quartic top), and for stationary phase ``1/lam`` (simple point) or ``lam**(-1/3)``
(cubic point).  References are 30-digit quadrature split at the peak, or, for an
oscillatory integral, quadrature along the path rotated onto steepest descent
(an independent route: the engine integrates term by term, the reference does not
expand at all), or the continued erfc closed form.  The rate is the log-log slope
over three values of ``lam`` (``rate_tools.observed_rate``).
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from engine_symbols import lam, x
from rate_tools import observed_rate

from remsym.asymptotics import laplace, stationary_phase

TOL = 0.3


def _rate(res, reference, lams):
    value = sp.lambdify(lam, res.expr, modules="mpmath")
    with mpmath.workdps(30):
        errs = [abs(value(mpmath.mpf(lv)) / reference(mpmath.mpf(lv)) - 1) for lv in lams]
    return observed_rate(lams, errs)


def _quad(f, g, nodes):
    ff, gg = (sp.lambdify(x, e, modules="mpmath") for e in (f, g))

    def reference(lv):
        return mpmath.quad(lambda s: ff(s) * mpmath.exp(lv * gg(s)),
                           [n / lv ** mpmath.mpf(w) for n, w in nodes] + [1])
    return reference


@pytest.mark.parametrize("order", [1, 3])
def test_watson_power(order):
    f, g = 1 / (sp.sqrt(x) * (1 + x)), -x
    res = laplace(f, g, x, lam, (0, 1), order)
    ref = _quad(f, g, [(0, 1), (1, 1), (10, 1)])
    assert abs(_rate(res, ref, (40, 80, 160)) - (order + 1)) < TOL


@pytest.mark.parametrize("order", [1, 2])
def test_watson_log(order):
    f, g = sp.log(x) / (1 + x), -x
    res = laplace(f, g, x, lam, (0, 1), order)
    assert res.order == lam ** -(order + 1)
    ref = _quad(f, g, [(0, 1), (1, 1), (10, 1)])
    assert abs(_rate(res, ref, (40, 80, 160)) - (order + 1)) < TOL


@pytest.mark.parametrize(("order", "rate"), [(2, 1), (4, sp.Rational(5, 3))])
def test_cubic_endpoint(order, rate):
    f, g = 1 / (1 + x), -x**3
    res = laplace(f, g, x, lam, (0, 1), order)
    assert res.scale == lam ** sp.Rational(-1, 3)
    ref = _quad(f, g, [(0, 1), (1, sp.Rational(1, 3)), (5, sp.Rational(1, 3))])
    assert abs(_rate(res, ref, (1000, 8000, 64000)) - rate) < TOL


@pytest.mark.parametrize("order", [1, 2])
def test_quartic_top(order):
    f, g = sp.exp(x), -x**4 - x**6
    res = laplace(f, g, x, lam, (-1, 1), order)
    assert res.kind == "degenerate" and res.scale == lam ** sp.Rational(-1, 2)
    ff, gg = (sp.lambdify(x, e, modules="mpmath") for e in (f, g))

    def ref(lv):
        w = lv ** -mpmath.mpf(0.25)
        return mpmath.quad(lambda s: ff(s) * mpmath.exp(lv * gg(s)),
                           [-1, -5 * w, -w, 0, w, 5 * w, 1])
    assert abs(_rate(res, ref, (400, 1600, 6400)) - sp.Rational(order + 1, 2)) < TOL


@pytest.mark.parametrize("order", [1, 2])
def test_stationary_phase_simple_point(order):
    res = stationary_phase(1 / (1 + x**2), x**2, x, lam, order=order)

    def ref(lv):
        return mpmath.pi * mpmath.exp(-1j * lv) * mpmath.erfc(mpmath.sqrt(-1j * lv))
    assert abs(_rate(res, ref, (40, 80, 160)) - (order + 1)) < TOL


@pytest.mark.parametrize(("order", "rate"), [(2, 1), (4, sp.Rational(5, 3))])
def test_stationary_phase_cubic_endpoint(order, rate):
    # integral_0^oo exp(I lam x^3)/(1 + x) dx; reference on the ray x = e^(I pi/6) r,
    # where the integrand is exp(-lam r^3) (no pole of 1/(1 + x) in the sector)
    res = stationary_phase(1 / (1 + x), x**3, x, lam, (0, sp.oo), order)
    assert res.scale == lam ** sp.Rational(-1, 3)
    rot = mpmath.expjpi(mpmath.mpf(1) / 6)

    def ref(lv):
        w = lv ** -(mpmath.mpf(1) / 3)
        return rot * mpmath.quad(lambda r: mpmath.exp(-lv * r**3) / (1 + rot * r),
                                 [0, w, 5 * w, mpmath.inf])
    assert abs(_rate(res, ref, (1000, 8000, 64000)) - rate) < TOL


@pytest.mark.parametrize("order", [2])
def test_stationary_phase_amplitude_break(order):
    # sqrt|x| e^(I lam (x + x^2/4)) on [-1, 1]: no stationary point, but the kink of the
    # amplitude at 0 contributes lam^(-3/2) beside the endpoints' 1/lam (Wong II.3)
    f, h = sp.sqrt(sp.Abs(x)), x + x**2 / 4
    res = stationary_phase(f, h, x, lam, (-1, 1), order)
    assert sorted(p.kind for p in res.parts) == ["amplitude-break", "phase-endpoint",
                                                 "phase-endpoint"]

    def ref(lv):
        def fn(s):
            return mpmath.sqrt(abs(s)) * mpmath.exp(1j * lv * (s + s**2 / 4))
        n = int(lv / 8) + 10  # a few oscillations per node interval
        return (mpmath.quad(fn, mpmath.linspace(-1, 0, n))
                + mpmath.quad(fn, mpmath.linspace(0, 1, n)))
    assert abs(_rate(res, ref, (100, 200, 400)) - (order + 1)) < TOL
