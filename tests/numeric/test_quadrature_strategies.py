"""The shared pieces of the quadrature package: peak search, tanh-sinh's goal and budget,
and the observed order of an error."""

import mpmath
import pytest

from remsym.numeric.quadrature import (
    golden_section_max,
    integrate_tanh_sinh,
    locate_peak,
    scan_peak,
)
from remsym.numeric.quadrature import tanh_sinh as tanh_sinh_module
from remsym.numeric.rates import log_log_slope


def test_golden_section_works_in_the_arithmetic_of_its_bracket():
    top = golden_section_max(lambda x: -(x - 0.3) ** 2, -1.0, 2.0, 1e-9)
    assert isinstance(top, float) and top == pytest.approx(0.3, abs=1e-8)
    with mpmath.workdps(40):
        top = golden_section_max(lambda x: -(x - mpmath.mpf(1) / 3) ** 2,
                                 mpmath.mpf(-1), mpmath.mpf(2), mpmath.mpf(10) ** -30)
        assert isinstance(top, mpmath.mpf)
        assert abs(top - mpmath.mpf(1) / 3) < mpmath.mpf(10) ** -29


def test_both_peak_finders_find_a_gaussian_and_its_width():
    # log f = -(x - 7)^2 / (2 * 0.5^2): peak 7, Laplace width 0.5
    with mpmath.workdps(30):
        peak, width = locate_peak(lambda x: -(x - 7) ** 2 * 2, -mpmath.inf, mpmath.inf,
                                  guess=0, scale=1)
        assert abs(peak - 7) < 1e-3 and abs(width - mpmath.mpf(1) / 2) < 1e-3
    scanned = scan_peak(lambda x: -(x - 7) ** 2 * 2, [float(k) for k in range(-20, 21)])
    assert scanned.position == pytest.approx(7, abs=1e-2)
    assert scanned.log_value == pytest.approx(0, abs=1e-3)
    assert 0.5 <= scanned.width <= 2  # where log f has fallen by one: 1/sqrt(2), doubled


def test_tanh_sinh_reports_an_oscillatory_integral_unconverged():
    # int_0^oo sin(x) dx has no value: the error estimate never reaches the goal
    with mpmath.workdps(30):
        _, converged = integrate_tanh_sinh(mpmath.sin, [0, mpmath.inf], 20)
    assert not converged


def test_tanh_sinh_budget_is_counted_in_nodes(monkeypatch):
    # the same smooth integral converges with the budget and not with a budget of 50 nodes
    with mpmath.workdps(30):
        assert integrate_tanh_sinh(mpmath.exp, [0, 1], 20).converged
        monkeypatch.setattr(tanh_sinh_module, "QUADRATURE_NODES", 50)
        assert not integrate_tanh_sinh(mpmath.exp, [0, 1], 20).converged


def test_tanh_sinh_reaches_a_relative_goal_on_a_tiny_value():
    with mpmath.workdps(45):
        got, converged = integrate_tanh_sinh(lambda y: mpmath.mpf(10) ** -300 * mpmath.exp(-y),
                                   [0, 1, mpmath.inf], 30)
        assert converged and abs(got / mpmath.mpf(10) ** -300 - 1) < mpmath.mpf(10) ** -30


def test_log_log_slope_is_the_observed_order():
    orders = [mpmath.mpf(2) ** -k for k in range(4)]
    assert log_log_slope(orders, [h**2 for h in orders]) == pytest.approx(2)
    # errors far below double range are measured too
    deep = [mpmath.mpf(10) ** -200, mpmath.mpf(10) ** -210]
    assert log_log_slope(deep, [h**3 for h in deep]) == pytest.approx(3)
    assert log_log_slope([0.1], [0.01]) is None
    assert log_log_slope([0.1, 0.1], [0.01, 0.02]) is None
