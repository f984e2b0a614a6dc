"""Property: Watson's lemma for ``x**alpha/(1 + b x)`` gives DLMF 2.3.1's coefficients.

``integral_0^oo x**alpha e^(-lam x)/(1 + b x) dx ~ sum_k (-b)^k Gamma(alpha + 1 + k)
lam^-(alpha+1+k)``, so the relative coefficients are ``(-b)^k (alpha + 1)_k`` for every
rational ``alpha > -1`` and ``b > 0`` (exact comparison, no quadrature).
"""

from __future__ import annotations

import sympy as sp
from engine_symbols import lam, x
from hypothesis import given, settings
from hypothesis import strategies as st

from remsym.asymptotics import laplace

alphas = st.fractions(min_value="-11/12", max_value=3, max_denominator=12).map(sp.Rational)
slopes = st.fractions(min_value="1/9", max_value=5, max_denominator=9).map(sp.Rational)


@settings(max_examples=15, deadline=None)
@given(alpha=alphas, b=slopes)
def test_watson_power_coefficients(alpha, b):
    res = laplace(x**alpha / (1 + b * x), -x, x, lam, (0, sp.oo), order=3)
    assert res.coefficients == [(-b) ** k * sp.rf(alpha + 1, k) for k in range(4)]
    assert sp.simplify(res.leading - sp.gamma(alpha + 1) * lam ** (-alpha - 1)) == 0
    assert res.order == lam**-4
