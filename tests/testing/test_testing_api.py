"""remsym.testing: strategies respect domains and assumptions; assertions carry the checker's verdict."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given

from remsym.derivation import Limit
from remsym.testing import (
    assert_asymptotic,
    assert_identity,
    assert_matches_quadrature,
    large_parameter,
    points,
)

x = sp.Symbol("x", positive=True)
y = sp.Symbol("y", real=True)
n = sp.Symbol("n", integer=True, positive=True)
z = sp.Symbol("z", positive=True)


@given(points(((x, 1, 2),), assumptions=(y, n)))
def test_points_stay_in_their_box_and_within_the_assumptions(pt):
    assert set(pt) == {x, y, n}
    assert 1 <= pt[x] <= 2 and pt[x].is_Rational
    assert -2 <= pt[y] <= 2
    assert pt[n].is_Integer and 1 <= pt[n] <= 3


def test_a_box_against_the_assumptions_is_refused_at_once():
    with pytest.raises(ValueError, match="x"):
        points(((x, -3, -1),))


@given(large_parameter(Limit(z, sp.oo, start=4)))
def test_large_parameter_walks_towards_infinity_from_start(value):
    assert 4 <= value <= 4 * 2**6


@given(large_parameter(Limit(z, 0, start=1)))
def test_large_parameter_walks_towards_zero_from_start(value):
    assert 0 < value <= 1 and value >= sp.Rational(1, 2**6) - sp.Rational(1, 10**6)


def test_assert_identity_passes_a_true_identity_with_its_witness():
    check = assert_identity(sp.exp(x) * sp.exp(y), sp.exp(x + y), ((x, 0.5, 3),))
    assert check.status == "verified" and check.witness.startswith("symbolic")


def test_assert_identity_says_which_witness_refuted_and_by_how_much():
    with pytest.raises(AssertionError) as err:
        assert_identity(sp.log(x * y**2), sp.log(x) + sp.log(y), ((x, 0.5, 3), (y, 0.5, 3)))
    text = str(err.value)
    assert "identity refuted by the numeric witness" in text
    assert "max relative error" in text and "left:" in text and "right:" in text


def test_assert_asymptotic_checks_the_limit_and_the_rate():
    series = sp.exp(-z**2) / (z * sp.sqrt(sp.pi))
    check = assert_asymptotic(sp.erfc(z), series, Limit(z, sp.oo, start=4), 1 / z**2)
    assert check.status == "verified" and check.observed_rate == pytest.approx(1, abs=0.25)


def test_assert_asymptotic_refuses_a_misstated_order():
    series = sp.exp(-z**2) / (z * sp.sqrt(sp.pi))
    with pytest.raises(AssertionError, match="rate") as err:
        assert_asymptotic(sp.erfc(z), series, Limit(z, sp.oo, start=4), 1 / z**3)
    assert "observed rate" in str(err.value)


def test_assert_asymptotic_reports_a_wrong_constant_by_the_limit():
    with pytest.raises(AssertionError, match="limit witness") as err:
        assert_asymptotic(sp.erfc(z), sp.exp(-z**2) / z, z, 1 / z**2)
    assert "tends to" in str(err.value)


def test_assert_matches_quadrature_returns_the_validated_reference():
    t = sp.Symbol("t", real=True)
    tail = sp.Integral(sp.exp(-t**2), (t, z, sp.oo))
    ref = assert_matches_quadrature(sp.sqrt(sp.pi) * sp.erfc(z) / 2, tail, {z: 1}, digits=30)
    assert abs(float(ref) - 0.13940279264033098) < 1e-15
    with pytest.raises(AssertionError, match="differ by relative"):
        assert_matches_quadrature(sp.erfc(z) / 2, tail, {z: 1}, digits=30)
