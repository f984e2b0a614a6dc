"""Hypothesis: the derived closed forms (``remsym eval --method exact``) against the validated
quadrature of the defining integrals, over drawn (T, Delta/T, epsilon), to 25 digits."""

import mpmath
import pytest
from hypothesis import given, settings
from strategies import epsilons, ratios, temperatures

from remsym_paper.numeric.reference import reference
from remsym_paper.numeric.service import evaluate_quantity


@pytest.mark.parametrize("quantity", ["fu_avg", "q", "rate_A1", "rate_A2"])
@settings(max_examples=6)
@given(t=temperatures(0.2, 5), s=ratios(0.5, 40), eps=epsilons(50))
def test_exact_equals_quadrature(quantity, t, s, eps):
    params = {"T": mpmath.nstr(mpmath.mpf(t), 12), "Delta": mpmath.nstr(mpmath.mpf(t * s), 12),
              "epsilon": mpmath.nstr(mpmath.mpf(eps), 12)}
    exact = evaluate_quantity(quantity, [f"{k}={v}" for k, v in params.items()], "exact", 30)
    ref = reference(quantity, params, 30).value
    with mpmath.workdps(40):
        assert abs(mpmath.mpf(exact["value"]) - ref) <= abs(ref) * mpmath.mpf(10) ** -25, params
