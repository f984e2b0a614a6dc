"""Several maxima of equal height, and degenerate maxima (Wong ch. II §1-§3; B&O §6.4).

References: the double well by its Bessel closed form (``integral exp(-A x^4 + B x^2)
dx = (pi/2) sqrt(B/2A) e^(B^2/8A) [I_(-1/4) + I_(1/4)](B^2/8A)``, checked against
quadrature here too), degenerate tops by the Gamma integrals of their Taylor
series (DLMF 5.9.1) and by 30-digit quadrature split at the peaks.
"""

from __future__ import annotations

import mpmath
import sympy as sp
from engine_symbols import lam, x

from remsym.asymptotics import laplace

a, b = sp.symbols("a b", positive=True)
Q = sp.Rational(1, 4)


def _value(expr, lv, digits=30):
    with mpmath.workdps(digits):
        return sp.lambdify(lam, expr, modules="mpmath")(mpmath.mpf(lv))


def _quad(f, g, lv, nodes):
    ff, gg = (sp.lambdify(x, e, modules="mpmath") for e in (f, g))
    with mpmath.workdps(30):
        lv = mpmath.mpf(lv)
        return mpmath.quad(lambda s: ff(s) * mpmath.exp(lv * gg(s)), nodes)


def test_double_well_two_equal_interior_maxima():
    g = -x**4 / 4 + x**2 / 2
    res = laplace(1, g, x, lam, order=4)
    assert res.kind == "combined" and set(res.point) == {-1, 1}
    assert [s.rule for s in res.steps] == ["laplace-interior", "laplace-interior",
                                           "laplace-combined"]
    assert res.coefficients == [1, sp.Rational(3, 4), sp.Rational(105, 32),
                                sp.Rational(3465, 128), sp.Rational(675675, 2048)]
    assert res.order == lam**-5
    with mpmath.workdps(30):
        lv = mpmath.mpf(60)
        bessel = mpmath.pi / 2 * mpmath.exp(lv / 8) * (mpmath.besseli(-0.25, lv / 8)
                                                        + mpmath.besseli(0.25, lv / 8))
        quad = _quad(1, g, lv, [-mpmath.inf, -2, -1, 0, 1, 2, mpmath.inf])
        assert abs(bessel / quad - 1) < mpmath.mpf(10) ** -25  # two routes agree
        rel = abs(_value(res.expr, lv) / bessel - 1)
        assert rel < 2 * 4.5e3 / lv**5  # c5 = 3.9e3 (next Bessel coefficient)


def _next_term_sets_the_error(f, g, bounds, order, lv, nodes):
    """|I_K - ref| is the size of the next term |I_(K+1) - I_K| (within a factor 2)."""
    low, high = (laplace(f, g, x, lam, bounds, order=k) for k in (order, order + 1))
    ref = _quad(f, g, lv, nodes)
    err = abs(_value(low.expr, lv) - ref)
    step = abs(_value(high.expr, lv) - _value(low.expr, lv))
    assert step / 2 < err < 2 * step
    return low


def test_tied_maxima_with_different_scales_add_with_the_worse_order():
    # g = -x (x - 1)^2 on [0, 2]: an endpoint (g' = -1, power 1/lam) ties the interior
    # maximum at x = 1 (power lam^(-1/2)): the endpoint is a relative lam^(-1/2) correction
    g = -x * (x - 1) ** 2
    res = _next_term_sets_the_error(1, g, (0, 2), 2, 400, [0, 0.01, 0.1, 0.9, 1, 1.1, 2])
    assert res.kind == "combined" and set(res.point) == {0, 1}
    assert res.power == sp.Rational(-1, 2)
    assert res.order == lam**-3  # interior: lam^-3; endpoint: lam^(-1/2) * lam^-3


def test_half_gaussian_endpoint_ties_an_interior_maximum():
    g = -x**2 * (x - 1) ** 2
    res = _next_term_sets_the_error(sp.exp(x), g, (0, 2), 3, 1600,
                                    [0, 0.02, 0.2, 0.95, 1, 1.05, 2])
    assert {p.kind for p in res.parts} == {"half-gaussian", "interior"}
    assert res.order == lam**-2  # the half Gaussian's (lam^(-1/2))^4


def test_symbolic_gap_decides_domination():
    # endpoint maxima g(-1) = 1 and g(1 + a) = (1 + a)^2: the gap a^2 + 2a > 0 decides
    res = laplace(1, x**2, x, lam, (-1, 1 + a), order=1)
    assert res.point == 1 + a and res.kind == "endpoint"
    drop = [s for s in res.steps if s.rule == "drop-subdominant"]
    assert len(drop) == 1 and sp.expand(drop[0].order - sp.exp(-lam * (a**2 + 2 * a))) == 0


def test_quartic_top_coefficients_are_gamma_ratios():
    # integral cos(x) e^(-lam x^4) dx = sum (-1)^k/(2k)! Gamma((2k+1)/4)/2 lam^-((2k+1)/4)
    res = laplace(sp.cos(x), -x**4, x, lam, order=4)
    assert res.kind == "degenerate" and res.scale == lam ** sp.Rational(-1, 2)
    assert res.leading == sp.gamma(Q) / (2 * lam**Q)
    expected = [(-1) ** k / sp.factorial(2 * k) * sp.gamma(sp.Rational(2 * k + 1, 4))
                / sp.gamma(Q) for k in range(5)]
    assert all(sp.simplify(c - e) == 0 for c, e in zip(res.coefficients, expected, strict=True))
    assert res.order == lam ** sp.Rational(-5, 2)
    ref = _quad(sp.cos(x), -x**4, 100, [-mpmath.inf, -1, -0.3, 0, 0.3, 1, mpmath.inf])
    assert abs(_value(res.expr, 100) / ref - 1) < 1e-7


def test_quartic_top_with_symbolic_parameters():
    res = laplace(1 + b * x**2, -a * x**4 - x**6, x, lam, order=4)
    assert res.kind == "degenerate"
    # second correction from -x^6 (times y^6/lam^(1/2)) and b x^2, both Gamma ratios
    c1 = sp.gammasimp(res.coefficients[1])
    assert sp.simplify(c1 - b * sp.gamma(sp.Rational(3, 4)) / (sp.sqrt(a) * sp.gamma(Q))
                       + sp.gamma(sp.Rational(7, 4)) / (a ** sp.Rational(3, 2)
                                                        * sp.gamma(Q))) == 0
    point = {a: sp.Rational(3, 2), b: sp.Rational(1, 3)}
    ref = _quad((1 + b * x**2).subs(point), (-a * x**4 - x**6).subs(point), 3000,
                [-mpmath.inf, -0.5, -0.1, 0, 0.1, 0.5, mpmath.inf])
    assert abs(_value(res.expr.subs(point), 3000) / ref - 1) < 1e-6


def test_sextic_top_and_degenerate_endpoint():
    res = laplace(1, -x**6 - x**8, x, lam, order=2)
    assert res.kind == "degenerate" and res.scale == lam ** sp.Rational(-1, 3)
    end = laplace(1 / (1 + x), -x**3, x, lam, (0, 1), order=3)
    assert end.kind == "degenerate-endpoint" and end.scale == lam ** sp.Rational(-1, 3)
    third = sp.Rational(1, 3)
    expected = [(-1) ** n * sp.gamma((n + 1) * third) / sp.gamma(third) for n in range(4)]
    assert all(sp.simplify(c - e) == 0 for c, e in zip(end.coefficients, expected, strict=True))
    assert end.order == lam ** sp.Rational(-4, 3)


def test_inflection_is_not_a_maximum():
    # g = -x^2 + x^3 ... has a maximum at 0 and none at the inflection of -(x-1)^3 type
    res = laplace(1, -(x - 1) ** 3 - x, x, lam, (0, 2), order=1)
    assert res.kind == "endpoint" and res.point == 0


def test_order_names_the_expansion_variable_and_the_first_neglected_term():
    res = laplace(1 / (1 + x), -x**4, x, lam, (0, 1), order=4)
    assert res.scale == lam ** sp.Rational(-1, 4) and res.order == lam ** sp.Rational(-5, 4)
    step = res.steps[-1]
    assert step.order == res.order and step.limit.symbol == lam and step.limit.point == sp.oo
    # a log that the leading term lacks shows in the order: 1 + x log x at a Watson end
    assert laplace(1 + x * sp.log(x), -x, x, lam, (0, 1), order=0).order == sp.log(lam) / lam
