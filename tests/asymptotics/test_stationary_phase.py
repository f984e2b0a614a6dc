"""Stationary phase (Olver ch. 3 §11-§13; Wong ch. II §3; Bender & Orszag §6.5; DLMF 2.3(iv)).

References are closed forms evaluated by mpmath at 30 digits: Airy (DLMF 9.5.4),
Bessel J_0 and Struve H_0 (DLMF 10.9.1, 11.5.2), Fresnel integrals (DLMF 7.2),
the upper incomplete Gamma function on the imaginary axis (DLMF 8.2), and
``integral exp(-a x^2)/(1 + x^2) dx = pi e^a erfc(sqrt a)`` continued to ``a = -I lam``.
Oscillating references can pass through zero, so errors are measured against the
size of the leading term (its modulus), not the reference.
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from engine_symbols import lam, x

from remsym.asymptotics import laplace, stationary_phase
from remsym.errors import AsymptoticError

b = sp.Symbol("b", positive=True)
a = 1 / (1 + b)  # 0 < a < 1: the endpoint 0 dominates the endpoint 1


def _value(expr, lv):
    with mpmath.workdps(30):
        return sp.lambdify(lam, expr, modules="mpmath")(mpmath.mpf(lv))


def _scaled_error(res, lv, ref):
    """``|expansion - ref|`` over the envelope ``sum_p |leading_p|`` (no zeros)."""
    with mpmath.workdps(30):
        envelope = sum(abs(_value(p.leading, lv)) for p in (res.parts or (res,)))
        return abs(_value(res.expr, lv) - ref) / envelope


def _next_term(f, h, bounds, order, lv):
    """``|I_(K+1) - I_K|``: the size of the first neglected terms, over the envelope."""
    low, high = (stationary_phase(f, h, x, lam, bounds, order=k) for k in (order, order + 1))
    return _scaled_error(low, lv, _value(high.expr, lv))


def test_airy_two_stationary_points_on_the_line():
    # lam^(1/3) integral exp(I lam (s^3/3 - s)) ds = 2 pi Ai(-lam^(2/3))
    res = laplace(1, sp.I * (x**3 / 3 - x), x, lam, order=3)
    assert res.kind == "combined" and set(res.point) == {-1, 1}
    assert res.order == lam**-4
    plus = next(p for p in res.parts if p.point == 1)
    assert plus.coefficients[:3] == [1, 5 * sp.I / 48, sp.Rational(-385, 4608)]  # DLMF 9.7.9
    with mpmath.workdps(30):
        for lv in (30, 60):
            ref = 2 * mpmath.pi * mpmath.airyai(-mpmath.mpf(lv) ** (mpmath.mpf(2) / 3))
            ref /= mpmath.mpf(lv) ** (mpmath.mpf(1) / 3)
            # the two parts' next terms (|c_4| = 0.29, DLMF 9.7.9's u_4) beat against each
            # other, so the envelope bounds the error, not the next term's modulus
            assert _scaled_error(res, lv, ref) < 0.3 / lv**4


def test_bessel_and_struve_stationary_point_and_two_endpoints():
    # integral_0^pi exp(I lam sin t) dt = pi (J_0(lam) + I H_0(lam))
    res = laplace(1, sp.I * sp.sin(x), x, lam, (0, sp.pi), order=3)
    kinds = sorted(p.kind for p in res.parts)
    assert kinds == ["phase-endpoint", "phase-endpoint", "stationary-point"]
    with mpmath.workdps(30):
        for lv in (40, 80):
            ref = mpmath.pi * (mpmath.besselj(0, lv) + 1j * mpmath.struveh(0, lv))
            assert _scaled_error(res, lv, ref) < 2 / mpmath.mpf(lv) ** 4


def test_fresnel_stationary_endpoint_and_plain_endpoint():
    # integral_0^1 exp(I lam x^2) dx = sqrt(pi/(2 lam)) (C(z) + I S(z)), z = sqrt(2 lam/pi)
    res = stationary_phase(1, x**2, x, lam, (0, 1), order=3)
    assert {p.kind for p in res.parts} == {"stationary-endpoint", "phase-endpoint"}
    with mpmath.workdps(30):
        lv = mpmath.mpf(50)
        z = mpmath.sqrt(2 * lv / mpmath.pi)
        ref = mpmath.sqrt(mpmath.pi / (2 * lv)) * (mpmath.fresnelc(z) + 1j * mpmath.fresnels(z))
        err = _scaled_error(res, lv, ref)
        assert err < 10 / lv**4
        assert 0.5 < err / _next_term(1, x**2, (0, 1), 3, lv) < 1.5


def test_quartic_phase_on_a_finite_range():
    # integral_0^1 exp(I lam x^4) dx = Gamma(5/4) e^(I pi/8) lam^(-1/4)
    #                                  - (1/4)(-I lam)^(-1/4) Gamma(1/4, -I lam)
    res = stationary_phase(1, x**4, x, lam, (0, 1), order=3)
    quart = next(p for p in res.parts if p.kind == "stationary-endpoint")
    assert quart.scale == lam ** sp.Rational(-1, 4)
    assert sp.simplify(quart.leading - sp.gamma(sp.Rational(5, 4))
                       * sp.exp(sp.I * sp.pi / 8) * lam ** sp.Rational(-1, 4)) == 0
    with mpmath.workdps(30):
        lv = mpmath.mpf(100)
        q = mpmath.mpf(1) / 4
        ref = (mpmath.gamma(5 * q) * mpmath.expjpi(q / 2) * lv**-q
               - q * (-1j * lv) ** -q * mpmath.gammainc(q, -1j * lv))
        assert _scaled_error(res, lv, ref) < 1e-7


def test_cubic_phase_degenerate_point_is_airy_at_zero():
    # integral exp(I lam x^3) dx = 2 Gamma(4/3) cos(pi/6) lam^(-1/3) = 2 pi Ai(0) 3^(1/3) ...
    res = stationary_phase(1, x**3, x, lam, order=2)
    assert res.kind == "stationary-point" and res.steps[-1].rule == "stationary-phase"
    exact = 2 * sp.gamma(sp.Rational(4, 3)) * sp.cos(sp.pi / 6) * lam ** sp.Rational(-1, 3)
    assert abs(complex(sp.N((res.expr - exact).subs(lam, 7), 30))) < 1e-28


def test_symbolic_power_at_a_phase_endpoint():
    # integral_0^1 x^(a-1) exp(I lam x) dx: the endpoint 0 gives Gamma(a) (-I lam)^(-a)
    res = stationary_phase(x ** (a - 1), x, x, lam, (0, 1), order=2)
    zero = next(p for p in res.parts if p.point == 0)
    assert sp.simplify(zero.leading - sp.gamma(a) * sp.exp(sp.I * sp.pi * a / 2) * lam**-a) == 0
    third = {b: 2}
    with mpmath.workdps(30):
        lv = mpmath.mpf(60)
        s = mpmath.mpf(1) / 3
        ref = (-1j * lv) ** -s * (mpmath.gamma(s) - mpmath.gammainc(s, -1j * lv))
        val = _value(res.expr.subs(third), lv)
        assert abs(val - ref) / abs(_value(zero.leading.subs(third), lv)) < 1e-5


def test_single_stationary_point_with_decaying_amplitude():
    # integral exp(I lam x^2)/(1 + x^2) dx = pi e^(-I lam) erfc(sqrt(-I lam))
    res = stationary_phase(1 / (1 + x**2), x**2, x, lam, order=3)
    assert res.coefficients[:2] == [1, -sp.I / 2]
    with mpmath.workdps(30):
        lv = mpmath.mpf(80)
        ref = mpmath.pi * mpmath.exp(-1j * lv) * mpmath.erfc(mpmath.sqrt(-1j * lv))
        assert _scaled_error(res, lv, ref) < 2 * 6.6 / lv**4  # |c4| = 105*... /16 = 6.56


@pytest.mark.parametrize(
    ("f", "h", "bounds", "reason"),
    [(1, x**3 * sp.exp(-1 / x**2), (-1, 2), "infinite order"),
     (1, sp.Integer(3), (0, 1), "infinite order"),
     (1, x, (-sp.oo, sp.oo), "not negligible"),
     (sp.exp(-x**2), x, (-sp.oo, sp.oo), "smaller than every power"),
     (1, 1 / x, (-1, 1), "singular"),
     (1 / x, x, (0, 1), "non-integrable")],
)
def test_refusals(f, h, bounds, reason):
    with pytest.raises(AsymptoticError, match=reason):
        stationary_phase(f, h, x, lam, bounds, order=1)


def test_complex_saddle_of_a_quadratic_exponent():
    # integral cos(x) e^(lam(-x^2 + I x)) dx = sqrt(pi/lam) e^(-lam/4) cosh(1/2) e^(-1/(4 lam))
    res = laplace(sp.cos(x), -x**2 + sp.I * x, x, lam, order=4)
    assert res.kind == "complex-saddle" and res.point == sp.I / 2
    assert res.steps[-1].rule == "steepest-descent-gaussian"
    assert res.coefficients == [(-sp.Rational(1, 4)) ** k / sp.factorial(k) for k in range(5)]
    exact = sp.sqrt(sp.pi / lam) * sp.exp(-lam / 4) * sp.cosh(sp.Rational(1, 2))
    assert sp.simplify(res.leading / exact) == 1


@pytest.mark.parametrize(
    ("f", "g", "bounds", "reason"),
    [(1, -x**4 + sp.I * x, (-sp.oo, sp.oo), "steepest descent is not implemented"),
     (1, -x**2 + sp.I * x, (0, sp.oo), "steepest descent is not implemented"),
     (1 / (1 + x**2), -x**2 + sp.I * x, (-sp.oo, sp.oo), "not an entire function"),
     (1, (sp.I - 1) * x**2 * sp.Symbol("r", real=True) + sp.I * x, (-sp.oo, sp.oo),
      "may diverge")],
)
def test_complex_saddle_refusals(f, g, bounds, reason):
    with pytest.raises(AsymptoticError, match=reason):
        laplace(f, g, x, lam, bounds, order=1)


def test_phase_step_carries_a_validated_oscillatory_quadrature():
    # the one step of the result: the whole integral ~ the sum, with evaluate_before
    res = stationary_phase(1, x**2, x, lam, (0, 1), order=2)
    assert len(res.steps) == 1 and res.steps[0].evaluate_before is not None
    assert len(res.parts) == 2 and all(p.steps for p in res.parts)
    with mpmath.workdps(30):
        lv = mpmath.mpf(300)
        z = mpmath.sqrt(2 * lv / mpmath.pi)
        ref = mpmath.sqrt(mpmath.pi / (2 * lv)) * (mpmath.fresnelc(z) + 1j * mpmath.fresnels(z))
        value = res.steps[0].evaluate_before({lam: lv}, 25)
        assert abs(value / ref - 1) < mpmath.mpf(10) ** -24
    assert stationary_phase(1, x**2, x, lam, order=1).steps[0].evaluate_before is None
