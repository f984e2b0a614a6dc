"""Failure is explicit: AsymptoticError names the reason, never a wrong answer.

Equal and degenerate maxima are expanded (``test_maxima_families.py``); these are
the integrals the engine must refuse.
"""

from __future__ import annotations

import pytest
import sympy as sp
from engine_symbols import lam, x

from remsym.asymptotics import laplace
from remsym.errors import AsymptoticError, RemsymError

a = sp.Symbol("a", positive=True)
r = sp.Symbol("r", real=True)
pp, qq = sp.symbols("p q", positive=True)


@pytest.mark.parametrize(
    ("f", "g", "bounds", "reason"),
    [
        (1, x**2, (-sp.oo, sp.oo), "no maximum"),                    # unbounded above
        (1, x, (-sp.oo, sp.oo), "no maximum"),
        (1, x, (0, sp.oo), "no maximum"),                            # increasing to +oo
        # two endpoint maxima whose heights differ by 2 (p - q)/(1 + p + q), of unknown sign
        (1, x**2 + (pp - qq) * x / (1 + pp + qq), (-1, 1),
         r"cannot decide which maximum dominates: g\((-1|1)\) - g\((1|-1)\)"),
        (1 / x, -x, (0, 1), "non-integrable endpoint"),                       # alpha = -1
        (x ** (-sp.Rational(3, 2)) * sp.log(x), -x, (0, 1), "non-integrable endpoint"),
        (x**r, -x, (0, 1), "cannot decide from the assumptions whether f"),   # alpha = r
        (1 / sp.Abs(x), -x**2, (-sp.oo, sp.oo), "non-integrable"),            # interior
        (1, -sp.exp(-1 / x**2), (-1, 1), "infinite order"),  # hidden in a removable singularity
        (1 / x, -(x - 1) ** 2, (0, 2), "non-integrable"),     # singular away from the maximum
        (1 / sp.Abs(x - sp.Rational(1, 2)), -x, (0, 1), "non-integrable"),
        (1, -1 / (1 + x**2), (-sp.oo, sp.oo), "non-integrable tail"),
        (x**10, -x**2, (-sp.oo, sp.oo), "f vanishes"),
        (1, -r * x**2, (-1, 1), "cannot decide the sign"),   # sign of g'' unknown
    ],
)
def test_failure_reasons(f, g, bounds, reason):
    with pytest.raises(AsymptoticError, match=reason):
        laplace(f, g, x, lam, bounds, order=2)


def test_large_parameter_inside_f_or_g_is_refused():
    with pytest.raises(AsymptoticError, match="free of the large parameter"):
        laplace(lam, -x**2, x, lam)
    with pytest.raises(AsymptoticError, match="free of the large parameter"):
        laplace(1, -lam * x**2, x, lam)


def test_f_identically_zero_and_negative_order():
    with pytest.raises(AsymptoticError, match="vanishes identically"):
        laplace(0, -x**2, x, lam)
    with pytest.raises(AsymptoticError, match="order"):
        laplace(1, -x**2, x, lam, order=-1)


def test_error_hierarchy():
    assert issubclass(AsymptoticError, RemsymError) and issubclass(AsymptoticError, ValueError)
