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
import sympy as sp

from remsym.errors import NumericReferenceError
from remsym.numeric.quadrature import (
    ROUTES,
    check_agreement,
    cumulative_log_integrals,
    integrate_route,
)
from remsym_paper.numeric import point as point_module
from remsym_paper.numeric import reference as reference_module
from remsym_paper.numeric.outer import taylor_tail
from remsym_paper.numeric.point import ModelAtPoint, model_at
from remsym_paper.numeric.reference import flint_q, reference
from remsym_paper.numeric.service import evaluate_quantity

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
    c = point_module.compiled_integrands()
    original = c.p_less.value
    # both forms of the erfc route: the mpmath one (piece placement) and the SymPy
    # expression its ball-arithmetic batch is compiled from (the values summed)
    shifted = dataclasses.replace(
        c.p_less, value=lambda *args: original(*args) + mpmath.mpf("1e-20"),
        expr=c.p_less.expr + sp.Float("1e-20", 50))
    monkeypatch.setattr(point_module, "compiled_integrands",
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
        pytest.skip("python-flint not importable (a core dependency: pip install python-flint)")
    with mpmath.workdps(40):
        exact = closed_form("q", mpmath.mpf(18))
        mid = mpmath.mpf(ball.real.mid().str(45, radius=False))
        rad = mpmath.mpf(ball.real.rad().str(5, radius=False))
        assert abs(mid / exact - 1) < mpmath.mpf("1e-25")
        assert rad / exact < mpmath.mpf("1e-25")


# Decimal parameter points that are not binary fractions (so E* is not one either):
# s = Delta/T = 2.47 puts rate_A1's outer maximum on its end E* and rate_A2's inside
# its range; s = 0.706 (< 0.80) puts rate_A2's outer maximum on its end E* too.
NON_BINARY_POINTS = (("0.793603", "1.95826"), ("1.00109", "2.69832"), ("1.7", "1.2"))


def split_rates_exact(s):
    """Exact <RA1>, <RA2> at s = Delta/T, to be called inside workdps.

    These are the Owen-T reduction of Eq 14: in the natural variable the outer times
    the inner integrand is phi(x) Phi(-s-x), so <RA1> = int_{-oo}^{-s} phi(x)
    Phi(-s-x) dx and <RA2> = fu - <RA1>.  The closed forms were verified
    independently by 1-D mpmath quadrature of that integral (to 1e-45), and
    test_split_rate_closed_forms_match_one_dimensional_quadrature repeats it.
    """
    a1 = mpmath.erfc(s / mpmath.sqrt(2)) / 4 + mpmath.erfc(s / 2) ** 2 / 8
    return {"rate_A1": a1, "rate_A2": mpmath.erfc(s / 2) / 2 - a1}


@pytest.mark.parametrize("point", NON_BINARY_POINTS)
def test_split_rate_closed_forms_match_one_dimensional_quadrature(point):
    with mpmath.workdps(45):
        s = mpmath.mpf(point[1]) / mpmath.mpf(point[0])
        exact = split_rates_exact(s)
        def f(x):
            return mpmath.npdf(x) * mpmath.ncdf(-s - x)
        # an independent reference on purpose: mpmath's own quad, not the engine's routes
        below = mpmath.quad(f, [-mpmath.inf, -s - 3, -s])
        above = mpmath.quad(f, [-s, -s + 3, mpmath.inf])
        assert abs(below / exact["rate_A1"] - 1) < mpmath.mpf("1e-40")
        assert abs(above / exact["rate_A2"] - 1) < mpmath.mpf("1e-40")


@pytest.mark.parametrize("point", NON_BINARY_POINTS)
@pytest.mark.parametrize("quantity", ["rate_A1", "rate_A2"])
def test_split_rates_exact_at_non_binary_points(quantity, point):
    """Regression: a quadrature piece overshooting E* cost ~1e-16 (A1) and ~5e-17 (A2).

    The outer peak is placed at 15 digits; at an endpoint maximum it rounded past
    E*, and the pieces (which start at the peak) covered the sliver between, on
    both routes alike -- so they agreed to 1e-38 while both were off by 1e-17.
    """
    T, Delta = point
    value = reference(quantity, {"T": T, "Delta": Delta, "epsilon": "-1.50003"}, 30)
    with mpmath.workdps(50):
        exact = split_rates_exact(mpmath.mpf(Delta) / mpmath.mpf(T))[quantity]
        assert abs(value.value / exact - 1) < mpmath.mpf("1e-29")


def test_pieces_never_leave_the_range():
    """A peak given just outside [a, b] is moved onto the end, not integrated past it."""
    with mpmath.workdps(40):
        a = mpmath.mpf("0.1")
        for shift in ("-1e-16", "0", "1e-16"):
            lp, scaled = integrate_route(lambda v: a - v, a, mpmath.inf,
                                         a + mpmath.mpf(shift), mpmath.mpf(1), ROUTES[0])
            assert abs(scaled * mpmath.exp(lp) - 1) < mpmath.mpf("1e-28")


@pytest.mark.parametrize("quantity", ["rate_A1", "rate_A2", "p_less_E_star"])
def test_split_point_is_checked_by_the_routes(quantity, monkeypatch):
    """The routes find E* independently (Newton maximiser / Boltzmann mean).

    Shift Newton's maximiser by 1e-20: the route that splits there must disagree
    with the route that splits at <E>.  (The peak also places the pieces of q and
    <E>, where a shift is harmless, so only the split can be what is caught.)
    """
    # the halves of rate_A (and E*, <E>, q per point) are memoised per process: computed
    # by an earlier test without the shift, they would be returned as they were
    reference_module._half_of_rate_a.cache_clear()
    model_at.cache_clear()
    original = ModelAtPoint.weight_peak

    def shifted(self):
        peak, width = original(self)
        return peak + mpmath.mpf("1e-20"), width
    monkeypatch.setattr(ModelAtPoint, "weight_peak", shifted)
    params = {"T": "0.793603", "Delta": "1.95826", "epsilon": "-1.50003"}
    with pytest.raises(NumericReferenceError) as info:
        reference(quantity, params, 30)
    assert 1e-22 < _disagreement(str(info.value)) < 1e-19
    # rate_A = rate_A1 + rate_A2 on each route: the split cancels, and it is accepted.
    assert reference("rate_A", params, 30).rel_diff < 1e-30
    reference_module._half_of_rate_a.cache_clear()  # no shifted halves for later tests
    model_at.cache_clear()


@pytest.mark.parametrize(("T", "Delta", "N", "nu"),
                         [("0.7", "2", "5", "2"), ("0.793603", "1.95826", "10", "1")])
def test_p_lm_with_a_steep_power_keeps_30_digits(T, Delta, N, nu):
    """Regression: p>**(N nu) is steep, and the first route let a piece fall by 12 nats
    with 20 Gauss-Legendre nodes (error ~5e-29): the routes disagreed by 1.8e-30 at
    the first point.  Exact: P_LM = int phi(y - s) Phi(y)**(N nu) dy, s = Delta/T."""
    value = reference("P_LM", {"T": T, "Delta": Delta, "N": N, "nu": nu}, 30)
    with mpmath.workdps(50):
        s, m = mpmath.mpf(Delta) / mpmath.mpf(T), int(N) * int(nu)
        # an independent reference on purpose: mpmath's own quad, not the engine's routes
        exact = mpmath.quad(lambda y: mpmath.npdf(y - s) * mpmath.ncdf(y) ** m,
                            [-mpmath.inf, s - 6, s - 3, s, s + 3, s + 6, mpmath.inf])
        assert abs(value.value / exact - 1) < mpmath.mpf("1e-29")
    assert value.rel_diff < mpmath.mpf("1e-32")


def test_arb_sweep_matches_the_mpmath_sweep_on_a_quadratic_log():
    """The ball-arithmetic gap sums (a quadratic log-integrand) against the generic sweep."""
    with mpmath.workdps(45):
        c0, c1, c2 = mpmath.mpf(-1) / 3, mpmath.mpf(-7) / 2, -mpmath.mpf(1) / 2

        def logg(v):
            return c0 + v * (c1 + v * c2)

        def dlogg(v):
            return c1 + 2 * c2 * v

        def anchor(v):  # log int_v^oo exp(logg): the Gaussian tail, closed form
            return (c0 + c1**2 / 2 + mpmath.log(mpmath.sqrt(mpmath.pi / 2))
                    + mpmath.log(mpmath.erfc((v - c1) / mpmath.sqrt(2))))

        points = [mpmath.mpf(k) / 7 for k in range(-60, 40, 3)]
        generic = cumulative_log_integrals(logg, dlogg, points, "upper", anchor)
        balls = cumulative_log_integrals(logg, dlogg, points, "upper", anchor, (c0, c1, c2))
        exact = [anchor(v) for v in points]
        for g, b, e in zip(generic, balls, exact, strict=True):
            assert abs(b - e) < mpmath.mpf(10) ** -40
            assert abs(g - b) < mpmath.mpf(10) ** -40


def test_taylor_tail_placement_is_exact_for_the_uphill_integrand():
    """Eq 12's inner integrand has a quadratic log: the placement estimate is exact."""
    model = ModelAtPoint({"T": "1", "Delta": "3", "epsilon": "0"})
    uphill = model.integrands.uphill
    with mpmath.workdps(30):
        for v in (-5, -1, 0, 2):
            v = mpmath.mpf(v)
            nested = model.inner(uphill, v, mpmath.inf, ROUTES[0], v)
            assert abs(taylor_tail(model, uphill, v, v) - nested) < 1e-25


@pytest.mark.parametrize(("T", "Delta", "epsilon"), [("1", "3", "0"), ("0.25", "3.5", "-40")])
def test_rate_a_from_its_halves_equals_the_whole_line_nested_integral(T, Delta, epsilon):
    params = {"T": T, "Delta": Delta, "epsilon": epsilon}
    whole = reference_module._averaged(ModelAtPoint(params), "rate_A", 30)
    summed = reference("rate_A", params, 30)
    below, above = reference("rate_A1", params, 30), reference("rate_A2", params, 30)
    with mpmath.workdps(40):
        halves = below.value + above.value
        assert abs(summed.value / whole.value - 1) < mpmath.mpf(10) ** -32
        assert abs(halves / summed.value - 1) < mpmath.mpf(10) ** -32
