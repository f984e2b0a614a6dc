"""Numeric routes a witness can trust: feature splitting and infinite sums (issue 19)."""

import mpmath
import pytest
import sympy as sp

from remsym.derivation.evaluate import value
from remsym.derivation.routes import features, independent_value, infinite_sum_value
from remsym.errors import NumericReferenceError

x = sp.Symbol("x", real=True)
k = sp.Symbol("k", integer=True, positive=True)
FAR = sp.exp(-x**2) + sp.exp(-10**4 * (x - 1000) ** 2)


def _exact_far() -> mpmath.mpf:
    with mpmath.workdps(60):
        return mpmath.sqrt(mpmath.pi) * (1 + mpmath.mpf(1) / 100)


def test_features_find_a_narrow_bump_far_from_the_first_peak():
    centres = sorted(float(c) for c, _ in features(FAR, x))
    assert centres == pytest.approx([0.0, 1000.0])


@pytest.mark.parametrize("route", [value, independent_value])
def test_both_routes_integrate_the_far_bump_to_30_digits(route):
    got = route(sp.Integral(FAR, (x, -sp.oo, sp.oo)), {}, 30)
    with mpmath.workdps(60):
        assert abs(got - _exact_far()) / _exact_far() < mpmath.mpf(10) ** -30


def test_an_infinite_sum_by_two_methods():
    with mpmath.workdps(50):
        got = infinite_sum_value(sp.Sum(1 / k**2, (k, 1, sp.oo)), 30)
        assert abs(got - mpmath.pi**2 / 6) < mpmath.mpf(10) ** -30


def test_a_divergent_sum_has_no_value():
    with pytest.raises(NumericReferenceError):
        infinite_sum_value(sp.Sum(1 / k, (k, 1, sp.oo)), 30)
