"""NumPy log-space and mpmath lambdas against mpmath at 50 digits (issue 5, part 1).

The NumPy side must keep the relative error of the *log* below 1e-12 for
Delta/T from 0.1 to 1e4, where the values themselves leave double range
(exp(-Delta**2/(4 T**2)) is 0.0 in doubles beyond Delta/T ~ 55).
"""

import mpmath
import numpy as np
import pytest
import sympy as sp

from remsym.numeric.lambdas import (
    LogErfc,
    LogSumExp,
    log_rewrite,
    mpmath_function,
    mpmath_log_function,
    np_log_erfc,
    numpy_function,
    numpy_log_function,
)
from remsym_paper.symbols import Delta, T, epsilon

S_GRID = np.logspace(-1, 4, 301)  # Delta/T from 0.1 to 1e4
T_VALUES = (0.25, 1.0, 3.0)

# (name, SymPy expression in T, Delta, epsilon, mpmath log at 50 digits of (s, T, eps)).
CASES = [
    ("log<fu>", sp.erfc(Delta / (2 * T)) / 2,
     lambda s, t, e: mpmath.log(mpmath.erfc(s / 2) / 2)),
    ("log p<(E*)", sp.erfc(Delta / (sp.sqrt(2) * T)) / 2,
     lambda s, t, e: mpmath.log(mpmath.ncdf(-s))),
    ("log q", sp.exp(-epsilon / T + Delta**2 / (2 * T**2)),
     lambda s, t, e: -e / t + s**2 / 2),
    ("log rate_A1", sp.erfc(Delta / (sp.sqrt(2) * T)) / 4 + sp.erfc(Delta / (2 * T))**2 / 8,
     lambda s, t, e: mpmath.log(mpmath.ncdf(-s) / 2 + mpmath.ncdf(-s / mpmath.sqrt(2))**2 / 2)),
]


@pytest.mark.parametrize("name, expr, exact", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("t", T_VALUES)
def test_numpy_log_function_relative_error_of_log(name, expr, exact, t):
    f = numpy_log_function(expr, (T, Delta, epsilon))
    eps = -0.7
    got = f(t, S_GRID * t, eps)
    assert got.shape == S_GRID.shape and np.all(np.isfinite(got))
    worst = 0.0
    with mpmath.workdps(50):
        for s_value, g in zip(S_GRID, got, strict=True):
            # The grid point as the double the function actually received.
            s_exact = mpmath.mpf(float(s_value * t)) / mpmath.mpf(t)
            ref = exact(s_exact, mpmath.mpf(t), mpmath.mpf(eps))
            worst = max(worst, float(abs((mpmath.mpf(g) - ref) / ref)))
    assert worst < 1e-12, f"{name} at T={t}: relative error of the log {worst:.2e}"


def test_log_of_fu_does_not_underflow_where_the_value_does():
    expr = sp.erfc(Delta / (2 * T)) / 2
    assert numpy_function(expr, (T, Delta))(1.0, 100.0) == 0.0  # the trap
    log_f = numpy_log_function(expr, (T, Delta))(1.0, 1e4)
    with mpmath.workdps(50):
        ref = mpmath.log(mpmath.erfc(mpmath.mpf(5000)) / 2)
    assert abs(log_f - float(ref)) <= 1e-12 * abs(float(ref))


def test_log_rewrite_uses_stable_primitives():
    rewritten = log_rewrite(sp.erfc(Delta / (2 * T)) / 2)
    assert rewritten.has(LogErfc) and not rewritten.has(sp.erfc)
    summed = log_rewrite(CASES[3][1])
    assert isinstance(summed, LogSumExp)
    assert log_rewrite(sp.exp(-Delta**2 / T)) == -Delta**2 / T


def test_np_log_erfc_on_the_whole_line():
    z = np.concatenate([-np.logspace(-3, 1.5, 50), [0.0], np.logspace(-3, 4, 80)])
    got = np_log_erfc(z)
    with mpmath.workdps(50):
        for zi, g in zip(z, got, strict=True):
            ref = mpmath.log(mpmath.erfc(mpmath.mpf(float(zi))))
            # log(erfc(z)) crosses 0 near z = -inf only asymptotically; absolute at |ref|<1.
            assert abs(mpmath.mpf(g) - ref) <= 1e-13 * max(abs(ref), 1), zi
    assert np.ndim(np_log_erfc(2.0)) == 0


@pytest.mark.parametrize("digits", [15, 30, 50])
def test_mpmath_function_to_requested_digits(digits):
    expr = sp.erfc(Delta / (2 * T)) / 2
    f = mpmath_function(expr, (T, Delta))
    log_f = mpmath_log_function(expr, (T, Delta))
    for s in ("0.1", "1", "18", "40", "10000"):
        value, log_value = f("1", s, digits=digits), log_f("1", s, digits=digits)
        with mpmath.workdps(digits + 30):
            ref = mpmath.erfc(mpmath.mpf(s) / 2) / 2
            assert abs(value / ref - 1) <= mpmath.mpf(10) ** (1 - digits)
            assert abs(log_value / mpmath.log(ref) - 1) <= mpmath.mpf(10) ** (1 - digits)
    assert mpmath.mp.dps == 15  # only workdps inside


def test_mpmath_function_reads_strings_exactly():
    f = mpmath_function(Delta / T, (T, Delta))
    with mpmath.workdps(40):
        assert f("3", "0.1", digits=40) == mpmath.mpf("0.1") / 3
