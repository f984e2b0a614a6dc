"""Property tests of the numeric layer over generated physical parameters (issue 5, part 5).

* The engine's erfc series (DLMF 7.12.1), truncated after K terms, approximates
  <fu> = erfc(Delta/2T)/2 with relative error O((T/Delta)**(2K+2)): checked with
  :func:`harness.assert_asymptotic_rate` against the validated quadrature reference.
* The NumPy log-space lambdas stay within 1e-12 (relative, of the log) of mpmath.
* The quadrature S_c equals ln Omega(N rho) - Delta**2/(2 T**2) for generated N, nu, rho.
"""

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from harness import assert_asymptotic_rate
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import epsilons, points, positive_integers, ratios, rhos, temperatures

from remsym.asymptotics import erfc_asymptotic
from remsym.numeric.lambdas import mpmath_function, numpy_log_function
from remsym_paper.numeric.reference import reference
from remsym_paper.symbols import Delta, T, epsilon

FU = sp.erfc(Delta / (2 * T)) / 2


def fu_series(order):
    return mpmath_function(erfc_asymptotic(Delta / (2 * T), order) / 2, (T, Delta))


@settings(max_examples=5)
@given(s0=ratios(8, 60), t=temperatures(0.1, 10), order=st.integers(0, 1))
@example(s0=18.0, t=1.0, order=0)
def test_erfc_series_of_fu_falls_at_its_stated_rate(s0, t, order):
    series = fu_series(order)
    t_text = repr(t)

    def approx(s):
        return series(t_text, repr(s * t), digits=25)

    def quadrature(s):
        return reference("fu_avg", {"T": t_text, "Delta": repr(s * t)}, 20).value

    check = assert_asymptotic_rate(approx, quadrature, [s0, 2 * s0],
                                   order_exponent=2 * order + 2, tol=0.35, digits=20)
    assert check.rel_errors[-1] < check.rel_errors[0]


@given(s0=ratios(10, 1e3), order=st.integers(0, 3))
def test_harness_with_closed_form_reference(s0, order):
    series = fu_series(order)
    exact = mpmath_function(FU, (T, Delta))
    check = assert_asymptotic_rate(lambda s: series(1, s, digits=60),
                                   lambda s: exact(1, s, digits=60),
                                   [s0, 2 * s0, 4 * s0], 2 * order + 2, tol=0.3, digits=60)
    assert len(check.exponents) == 2


def test_harness_rejects_a_wrong_order_and_a_non_asymptotic_formula():
    series = fu_series(0)
    exact = mpmath_function(FU, (T, Delta))
    values = [20, 40]
    with pytest.raises(AssertionError, match="falls like"):
        assert_asymptotic_rate(lambda s: series(1, s), lambda s: exact(1, s), values, 4)
    with pytest.raises(AssertionError, match="falls like"):
        assert_asymptotic_rate(lambda s: 1.01 * exact(1, s), lambda s: exact(1, s), values, 2)
    with pytest.raises(ValueError, match="at least two values"):
        assert_asymptotic_rate(lambda s: 1, lambda s: 1, [5], 2)
    with pytest.raises(ValueError, match="must increase"):
        assert_asymptotic_rate(lambda s: 1, lambda s: 1, [5, 3], 2)


@given(point=points(epsilon=epsilons(1e6)))
@example(point={"T": "0.01", "Delta": "100.0", "epsilon": "-1e6", "N": "1", "nu": "1",
                "rho": "0.0"})
def test_numpy_log_q_and_log_fu_match_mpmath(point):
    t, d, e = (float(point[k]) for k in ("T", "Delta", "epsilon"))
    log_q = numpy_log_function(sp.exp(-epsilon / T + Delta**2 / (2 * T**2)), (T, Delta, epsilon))
    log_fu = numpy_log_function(FU, (T, Delta))
    with mpmath.workdps(50):
        tm, dm, em = mpmath.mpf(t), mpmath.mpf(d), mpmath.mpf(e)
        exact_q = -em / tm + (dm / tm) ** 2 / 2
        exact_fu = mpmath.log(mpmath.erfc(dm / (2 * tm)) / 2)
        scale_q = abs(em / tm) + (dm / tm) ** 2 / 2
        assert abs(mpmath.mpf(float(log_q(t, d, e))) - exact_q) <= 1e-12 * scale_q + 1e-300
        assert abs(mpmath.mpf(float(log_fu(t, d))) / exact_fu - 1) <= 1e-12
    assert np.isfinite(log_fu(np.array([t, t]), np.array([d, 2 * d]))).all()


@given(t=temperatures(0.1, 10), s=ratios(0.1, 60), n=positive_integers(10**4),
       nu=positive_integers(100), rho=rhos())
@example(t=1.0, s=18.0, n=1, nu=1, rho=0.0)
@example(t=1.0, s=40.0, n=10**4, nu=100, rho=1.0)
def test_configurational_entropy_reference(t, s, n, nu, rho):
    params = {"T": repr(t), "Delta": repr(s * t), "N": str(n), "nu": str(nu), "rho": repr(rho)}
    value = reference("S_c", params, 30).value
    with mpmath.workdps(50):
        tm, dm, nm, num, rm = (mpmath.mpf(params[k]) for k in ("T", "Delta", "N", "nu", "rho"))
        log_omega = (mpmath.loggamma(nm + 1) + nm * (1 - rm) * mpmath.log(num)
                     - mpmath.loggamma(nm * (1 - rm) + 1) - mpmath.loggamma(nm * rm + 1))
        exact = log_omega - (dm / tm) ** 2 / 2
        assert abs(value - exact) <= mpmath.mpf("1e-25") * max(abs(exact), 1)
    assert math.isfinite(float(value))
