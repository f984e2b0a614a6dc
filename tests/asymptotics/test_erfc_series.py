"""DLMF 7.12.1 for erfc and the Gaussian tail, with the remainder bound of DLMF 7.12(ii)."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from engine_symbols import s
from hypothesis import example, given
from hypothesis import strategies as st

from remsym.asymptotics import (
    erfc_asymptotic,
    erfc_asymptotic_step,
    erfc_remainder_bound,
    gaussian_tail_remainder_bound,
    gaussian_tail_series,
)
from remsym.derivation.steps import Limit, Relation
from remsym.errors import AsymptoticError

z = sp.Symbol("z", positive=True)


def _numbers(expr, at, digits=30):
    with mpmath.workdps(digits):
        return sp.lambdify(z, expr, modules="mpmath")(mpmath.mpf(at))


def test_series_terms_are_dlmf_7_12_1():
    series = erfc_asymptotic(z, 3)
    expected = sp.exp(-z**2) / (z * sp.sqrt(sp.pi)) * (
        1 - 1 / (2 * z**2) + 3 / (4 * z**4) - 15 / (8 * z**6))
    assert sp.expand(series - expected) == 0
    assert sp.expand(erfc_remainder_bound(z, 3)
                     - sp.exp(-z**2) / (z * sp.sqrt(sp.pi)) * 105 / (16 * z**8)) == 0


@pytest.mark.parametrize("order", [0, 1, 2, 4, 6])
@pytest.mark.parametrize("zv", ["1.5", "3", "7.25"])
def test_erfc_against_mpmath_and_bounded(order, zv):
    with mpmath.workdps(30):
        zz = mpmath.mpf(zv)
        err = mpmath.erfc(zz) - _numbers(erfc_asymptotic(z, order), zz)
        bound = _numbers(erfc_remainder_bound(z, order), zz)
        assert err * bound > 0            # the sign of the first neglected term
        assert abs(err) < abs(bound)      # and smaller in magnitude


@given(zv=st.floats(0.3, 40.0), order=st.integers(0, 12))
@example(zv=0.3, order=12)     # far outside the useful range: the bound still holds
def test_erfc_remainder_bound_property(zv, order):
    with mpmath.workdps(30):
        zz = mpmath.mpf(zv)
        err = mpmath.erfc(zz) - _numbers(erfc_asymptotic(z, order), zz)
        bound = _numbers(erfc_remainder_bound(z, order), zz)
        assert mpmath.sign(err) == mpmath.sign(bound)
        assert abs(err) <= abs(bound)


@given(xv=st.floats(0.5, 30.0), order=st.integers(0, 10))
def test_gaussian_tail_remainder_bound_property(xv, order):
    with mpmath.workdps(30):
        xx = mpmath.mpf(xv)
        tail = mpmath.sqrt(mpmath.pi / 2) * mpmath.erfc(xx / mpmath.sqrt(2))
        err = tail - _numbers(gaussian_tail_series(z, order), xx)
        bound = _numbers(gaussian_tail_remainder_bound(z, order), xx)
        assert mpmath.sign(err) == mpmath.sign(bound)
        assert abs(err) <= abs(bound)


def test_erfc_error_rate():
    # relative error of the order-K series falls like z^-(2K+2)
    order = 3
    zs = [8, 16, 32]
    with mpmath.workdps(30):
        errs = [abs(_numbers(erfc_asymptotic(z, order), v) / mpmath.erfc(v) - 1) for v in zs]
        slope = -mpmath.log(errs[2] / errs[0]) / mpmath.log(4)
    assert abs(slope - (2 * order + 2)) < 0.25


def test_asymptotic_step_records_the_bound():
    expr = sp.exp(s**2) * sp.erfc(s)
    new, step = erfc_asymptotic_step(expr, 2, Limit(s, sp.oo))
    assert step.relation is Relation.ASYMPTOTIC and step.rule == "erfc-asymptotic"
    assert "DLMF 7.12(ii)" in step.justification and "|R|" in step.justification
    assert sp.expand(step.order - (2 * s**2) ** -3) == 0
    assert sp.expand(new - sp.exp(s**2) * erfc_asymptotic(s, 2)) == 0


def test_asymptotic_step_refuses_bad_arguments():
    with pytest.raises(AsymptoticError, match="no erfc"):
        erfc_asymptotic_step(sp.exp(-s), 1, Limit(s, sp.oo))
    with pytest.raises(AsymptoticError, match="not \\+oo"):
        erfc_asymptotic_step(sp.erfc(1 / s), 1, Limit(s, sp.oo))
    with pytest.raises(AsymptoticError, match="order"):
        erfc_asymptotic(z, -1)
