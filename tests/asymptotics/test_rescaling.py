"""Moving maxima and moving endpoints: rescale_to_canonical and expand_about (B&O 6.4)."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from engine_symbols import lam, x
from rate_tools import observed_rate

from remsym.asymptotics import Rescaling, expand_about, laplace_rescaled, rescale_to_canonical
from remsym.derivation.steps import Relation
from remsym.errors import AsymptoticError

L = sp.Symbol("L", positive=True)
t = sp.Symbol("t", positive=True)
y = sp.Symbol("y", real=True)
Delta, eps = sp.symbols("Delta epsilon", positive=True)


def _rel_errors(expr, reference, values):
    f = sp.lambdify(L, expr, modules="mpmath")
    with mpmath.workdps(30):
        return [abs(f(mpmath.mpf(v)) / reference(mpmath.mpf(v)) - 1) for v in values]


def test_gamma_moving_maximum_is_found_and_rescaled():
    r = rescale_to_canonical(t**L * sp.exp(-t), t, L, (0, sp.oo), variable=y)
    assert isinstance(r, Rescaling)
    assert (r.point, r.scale, r.lam, r.power) == (L, L, L, 1)
    assert sp.expand(r.g - (sp.log(1 + y) - y)) == 0 and r.f == 1
    assert r.bounds == (-1, sp.oo) and r.kind == "interior" and r.exact
    step = r.steps[0]
    assert step.rule == "rescale-to-canonical" and step.relation is Relation.EQUAL
    assert "matching powers" in step.justification
    res = laplace_rescaled(r, order=4)
    assert res.coefficients == [1, sp.Rational(1, 12), sp.Rational(1, 288),
                                sp.Rational(-139, 51840), sp.Rational(-571, 2488320)]
    values = (10, 20, 40)
    errs = _rel_errors(res.expr, lambda v: mpmath.gamma(v + 1), values)
    assert abs(observed_rate(values, errs) - 5) < 0.25


def test_power_in_f_with_the_large_exponent():
    # t^(L+2) = t^2 exp(L log t): the t^2 stays in f and becomes L^2 (1+y)^2
    r = rescale_to_canonical(t ** (L + 2) * sp.exp(-t), t, L, (0, sp.oo), variable=y)
    assert sp.expand(r.f - (1 + y) ** 2) == 0
    res = laplace_rescaled(r, order=3)
    errs = _rel_errors(res.expr, lambda v: mpmath.gamma(v + 3), (40, 80, 160))
    assert abs(observed_rate((40, 80, 160), errs) - 4) < 0.25


def test_gaussian_tail_moving_endpoint():
    # integral_L^oo exp(-x^2) dx = sqrt(pi) erfc(L)/2: x = L + (L/2) y, lam = L^2
    r = rescale_to_canonical(sp.exp(-x**2), x, L, (L, sp.oo), variable=y)
    assert (r.point, r.scale, r.lam, r.kind) == (L, L / 2, L**2, "endpoint")
    assert sp.expand(r.g + y + y**2 / 4) == 0 and r.bounds == (0, sp.oo)
    res = laplace_rescaled(r, order=3)
    # the DLMF 7.12.1 series of sqrt(pi) erfc(L)/2, term by term
    assert sp.expand(res.expr - sp.exp(-L**2) / (2 * L) * (
        1 - 1 / (2 * L**2) + sp.Rational(3, 4) / L**4 - sp.Rational(15, 8) / L**6)) == 0
    errs = _rel_errors(res.expr, lambda v: mpmath.sqrt(mpmath.pi) * mpmath.erfc(v) / 2,
                       (8, 16, 32))
    assert abs(observed_rate((8, 16, 32), errs) - 8) < 0.25   # relative O(L^-8) = O(lam^-4)


def test_several_large_parameters_gaussian_tail():
    # a Gaussian of mean eps and width Delta above eps + Delta^2/T, with Delta/T = L large
    r = rescale_to_canonical(sp.exp(-(x - eps) ** 2 / (2 * Delta**2)), x, L,
                             (eps + Delta**2 / (Delta / L), sp.oo), variable=y)
    assert r.lam == L**2 and sp.expand(r.scale - Delta * L) == 0
    res = laplace_rescaled(r, order=2)
    exact = Delta * sp.sqrt(sp.pi / 2) * sp.erfc(L / sp.sqrt(2))
    num = sp.lambdify((L, Delta), res.expr / exact, modules="mpmath")
    with mpmath.workdps(30):
        assert abs(num(mpmath.mpf(20), mpmath.mpf("0.7")) - 1) < 15 / mpmath.mpf(20) ** 6 * 2


def test_balance_of_powers_quartic():
    # integral exp(-x^4/4 + L x) dx: x0 = L^(1/3), scale ~ L^(1/3), lam = L^(4/3)
    r = rescale_to_canonical(sp.exp(-x**4 / 4 + L * x), x, L, variable=y)
    assert r.power == sp.Rational(4, 3) and r.point == L ** sp.Rational(1, 3)
    assert not r.g.has(L) and sp.diff(r.g, y, 2).subs(y, 0) == -1
    res = laplace_rescaled(r, order=2)
    num = sp.lambdify(L, res.expr * sp.exp(-sp.Rational(3, 4) * L ** sp.Rational(4, 3)),
                      modules="mpmath")
    values = (20, 80, 320)
    with mpmath.workdps(30):
        def ref(v):
            x0 = mpmath.cbrt(v)
            return mpmath.quad(lambda s: mpmath.exp(-s**4 / 4 + v * s - 3 * x0**4 / 4),
                               [-mpmath.inf, x0 - 1, x0, x0 + 1, mpmath.inf])
        errs = [abs(num(mpmath.mpf(v)) / ref(mpmath.mpf(v)) - 1) for v in values]
    # relative error O(lam^-3) = O(L^-4)
    assert abs(observed_rate(values, errs) - 4) < 0.25


def test_maximum_on_a_moving_upper_endpoint():
    # gamma(L+1, L)/Gamma(L+1) -> 1/2 - 2/(3 sqrt(2 pi L)) (Ramanujan)
    r = rescale_to_canonical(t**L * sp.exp(-t), t, L, (0, L), variable=y)
    assert r.kind == "half-gaussian" and r.bounds == (0, 1)
    assert sp.expand(r.g - (y + sp.log(1 - y))) == 0
    res = laplace_rescaled(r, order=1)
    ratio = res.expr / (sp.sqrt(2 * sp.pi * L) * L**L * sp.exp(-L))
    expected = sp.Rational(1, 2) - 2 / (3 * sp.sqrt(2 * sp.pi * L))
    # exp(L log L) against L**L: one targeted rewrite (logcombine), then expand
    assert sp.expand(sp.logcombine(sp.expand(ratio - expected), force=True)) == 0


def test_moving_endpoint_sent_to_infinity_is_recorded():
    r = rescale_to_canonical(t**L * sp.exp(-t), t, L, (0, L + L**2), variable=y)
    assert r.bounds == (-1, sp.oo) and not r.exact
    step = r.steps[0]
    assert step.relation is Relation.ASYMPTOTIC and "exponentially small" in step.justification


@pytest.mark.parametrize(
    ("integrand", "bounds", "reason"),
    [(sp.exp(-x**2 / 2 + L * x), (0, sp.oo), "no large parameter remains"),
     (t**L * sp.exp(-t) / (1 + t), (0, sp.oo), "prefactor"),
     (sp.exp(L * x), (-sp.oo, sp.oo), "no maximum"),
     (sp.exp(-L * (x**2 - 1) ** 2), (-sp.oo, sp.oo), "several equal maxima")],
)
def test_rescaling_failures_are_explicit(integrand, bounds, reason):
    var = t if integrand.has(t) else x
    with pytest.raises(AsymptoticError, match=reason):
        rescale_to_canonical(integrand, var, L, bounds)


def test_expand_about_catches_the_shift_by_an_erfc_factor():
    # exp(-x^2/2) times exp(-x^2/4 + L x) (the log of an erfc factor's tail): the true
    # maximum is at 2L/3, not at the weight's own peak 0, and the shift grows with L
    g = -x**2 / 2 - x**2 / 4 + L * x
    rep = expand_about(1, g, x, 0)
    assert rep.maximum == 2 * L / 3 and not rep.small
    with pytest.raises(AsymptoticError, match="the maximum moved"):
        expand_about(1, g, x, 0, strict=True)
    ok = expand_about(1, -x**2 / 2, x, 0, lam, order=2)
    assert ok.small and ok.shift == 0 and ok.expansion.coefficients == [1, 0, 0]
