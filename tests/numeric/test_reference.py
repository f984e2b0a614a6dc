"""Validated quadrature references against independent closed forms (issue 5, part 2).

``remsym eval --method quadrature`` integrates the model's defining integrals; here
its values are compared with closed forms written independently of the engine
(s = Delta/T, Phi the standard normal CDF), at Delta/T in {1, 5, 18, 40}, to at
least 25 significant digits.  Rates are in units of R0 N nu.
"""

import dataclasses
import re

import mpmath
import pytest

from remsym.errors import NumericReferenceError
from remsym.numeric import reference as reference_module
from remsym.numeric.quadrature import check_agreement
from remsym.numeric.reference import flint_q, reference
from remsym.numeric.service import evaluate_quantity

RATIOS = (1, 5, 18, 40)
T_TEXT, EPS_TEXT = "0.5", "0.3"  # read inside workdps: "0.3" is not a double


def closed_form(quantity, s):
    """The closed form at s = Delta/T (T = 0.5, eps = 0.3), to be called inside workdps."""
    T, eps = mpmath.mpf(T_TEXT), mpmath.mpf(EPS_TEXT)
    Delta = s * T
    phi = mpmath.ncdf
    fu = mpmath.erfc(s / 2) / 2
    a1 = phi(-s) / 2 + phi(-s / mpmath.sqrt(2)) ** 2 / 2
    return {
        "q": mpmath.exp(-eps / T + s**2 / 2),
        "E_star": eps - Delta**2 / T,
        "fu_avg": fu,
        "p_less_E_star": phi(-s),
        "rate_A": fu,
        "rate_B": fu,
        "rate_A1": a1,
        "rate_A2": fu - a1,
    }[quantity]


def settings(s):
    return [f"T={T_TEXT}", f"Delta={s * float(T_TEXT)}", f"epsilon={EPS_TEXT}"]


QUANTITIES = ("q", "E_star", "fu_avg", "p_less_E_star", "rate_A", "rate_B", "rate_A1",
              "rate_A2")


@pytest.mark.parametrize("s", RATIOS)
@pytest.mark.parametrize("quantity", QUANTITIES)
def test_quadrature_agrees_with_closed_form(quantity, s):
    result = evaluate_quantity(quantity, settings(s), "quadrature", 30)
    assert result["method"] == "quadrature" and result["digits"] == 30
    with mpmath.workdps(60):
        exact = closed_form(quantity, mpmath.mpf(s))
        got = mpmath.mpf(result["value"])
        assert abs(got / exact - 1) < mpmath.mpf("1e-25"), (got, exact)
        if exact > 0:
            log_exact = mpmath.log(exact)
            assert abs(mpmath.mpf(result["log_value"]) - log_exact) \
                <= mpmath.mpf("1e-25") * max(abs(log_exact), 1)


def test_value_below_double_range_stays_meaningful():
    result = evaluate_quantity("rate_A1", settings(40), "quadrature", 30)
    mantissa, exponent = result["value"].split("e")
    assert int(exponent) < -340 and float(mantissa) > 1
    assert float(result["log_value"]) < -700


def _disagreement(message):
    match = re.search(r"disagree by ([0-9.e+-]+)", message)
    assert match, message
    return float(match.group(1))


def test_routes_that_disagree_raise_with_the_size(monkeypatch):
    """Perturb the erfc route of <fu> by a relative 1e-20: the nested route must catch it."""
    c = reference_module.compiled_integrands()
    original = c.p_less.value
    shifted = dataclasses.replace(
        c.p_less, value=lambda *args: original(*args) + mpmath.mpf("1e-20"))
    monkeypatch.setattr(reference_module, "compiled_integrands",
                        lambda: dataclasses.replace(c, p_less=shifted))
    with pytest.raises(NumericReferenceError) as info:
        reference("fu_avg", {"T": "1", "Delta": "5"}, 30)
    assert 1e-21 < _disagreement(str(info.value)) < 1e-19
    # At 15 digits the same perturbation is below the tolerance and is accepted.
    assert reference("fu_avg", {"T": "1", "Delta": "5"}, 15).rel_diff < 1e-15


def test_check_agreement_reports_the_size():
    with mpmath.workdps(40):
        named = [("a", mpmath.mpf(1)), ("b", 1 + mpmath.mpf("3e-12"))]
        with pytest.raises(NumericReferenceError, match="disagree by 3.0e-12"):
            check_agreement(named, 20)
        assert check_agreement(named, 10) < mpmath.mpf("1e-11")


@pytest.mark.parametrize("quantity", ["rate_A1", "P_LM"])
def test_sweep_gives_the_digits_of_direct_nested_quadrature(quantity):
    params = {"T": "1", "Delta": "18", "N": "3", "nu": "2"}
    fast = reference(quantity, params, 16)
    slow = reference(quantity, params, 16, nested="direct")
    with mpmath.workdps(30):
        assert abs(fast.value / slow.value - 1) < mpmath.mpf("1e-16")


def test_every_reference_records_two_routes():
    for quantity in QUANTITIES:
        value = reference(quantity, {"T": "1", "Delta": "5", "epsilon": "0"}, 20)
        assert len(value.routes) >= 2
        assert value.rel_diff <= mpmath.mpf("1e-20")


def test_flint_route_for_q_when_available():
    ball = flint_q({"T": "0.5", "Delta": "9", "epsilon": "0.3"}, 30)
    if ball is None:
        pytest.skip("python-flint not installed (pip install remsym[certified])")
    with mpmath.workdps(40):
        exact = closed_form("q", mpmath.mpf(18))
        mid = mpmath.mpf(ball.real.mid().str(45, radius=False))
        rad = mpmath.mpf(ball.real.rad().str(5, radius=False))
        assert abs(mid / exact - 1) < mpmath.mpf("1e-25")
        assert rad / exact < mpmath.mpf("1e-25")
