"""Eq 3 over generated M and p, against direct summation in mpmath at 40 digits."""

import mpmath
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st

from remsym.derivation.evaluate import value
from remsym_paper import model
from remsym_paper.symbols import M, p


@given(st.integers(min_value=1, max_value=60), st.fractions(min_value=0, max_value=1))
@example(1, 0)
@example(60, 1)
def test_binomial_mean_fraction_is_p(m, q):
    total = value(model.fu_sum(), {M: sp.Integer(m), p: sp.Rational(q.numerator, q.denominator)},
                  40)
    with mpmath.workdps(40):
        expected = mpmath.mpf(q.numerator) / q.denominator
        direct = mpmath.fsum(mpmath.mpf(j) / m * mpmath.binomial(m, j) * expected**j
                             * (1 - expected) ** (m - j) for j in range(m + 1))
        assert abs(direct - expected) <= mpmath.mpf(10) ** -38
        assert abs(total - expected) <= mpmath.mpf(10) ** -38
