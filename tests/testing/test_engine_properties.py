"""remsym's own engine checked with remsym.testing: the DLMF 7.12.1 erfc series at each
order, and the Gaussian identities of remsym.asymptotics against validated quadrature."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given

from remsym.asymptotics import erfc_asymptotic, laplace
from remsym.derivation import Limit
from remsym.testing import assert_asymptotic, assert_matches_quadrature, points

z = sp.Symbol("z", positive=True)
a = sp.Symbol("a", positive=True)
t = sp.Symbol("t", real=True)
lam = sp.Symbol("lambda", positive=True)


@pytest.mark.parametrize("order", [0, 1, 2])
def test_erfc_series_error_is_of_the_first_omitted_term(order):
    """DLMF 7.12.1: truncated after the z**(-2 order) term, the relative error is
    O(z**(-2 (order + 1)))."""
    check = assert_asymptotic(sp.erfc(z), erfc_asymptotic(z, order), Limit(z, sp.oo, start=4),
                              z ** (-2 * (order + 1)))
    assert check.observed_rate == pytest.approx(1, abs=0.25)


@given(points(((a, 0.5, 3),)))
def test_laplace_leading_term_matches_quadrature_at_any_width(pt):
    """Laplace's method (Wong ch. II) for a Gaussian is exact: its leading term equals
    the integral at every lambda, here at lambda = 5 for each drawn width."""
    width = pt[a]
    result = laplace(sp.Integer(1), -(t / width) ** 2, t, lam)
    integral = sp.Integral(sp.exp(-lam * (t / width) ** 2), (t, -sp.oo, sp.oo))
    assert_matches_quadrature(result.expr, integral, {lam: 5}, digits=25)
