"""Section '<fu> and S_c': verdicts, readings, exact forms vs quadrature, asymptotic rates."""

import mpmath
import pytest
from independent import (
    DIGITS,
    GUARD,
    fu_average_quad,
    mean_energy_quad,
    q_quad,
    relative_error,
    value_at,
)

TOL = mpmath.mpf(10) ** -25
#: (T, Delta, eps, N, Omega) for the widened Gc: Delta/(sqrt(N) T) = 1.0 and 1.3.
WIDENED_POINTS = [{"T": "0.6", "Delta": "1.4", "epsilon": "0.3", "N": 5, "Omega": 10},
                  {"T": "2", "Delta": "9", "epsilon": "-2", "N": 12, "Omega": 495}]


class _Lazy(dict):
    def __init__(self, get):
        super().__init__()
        self.get_checked = get

    def __missing__(self, key):
        return self.get_checked(key)


@pytest.fixture(scope="module")
def checked(checked_paper):
    return _Lazy(checked_paper)


def test_eq5c_saddle_is_exact(checked):
    c = checked["eq5c"]
    assert c.verdict.value == "confirmed"
    assert c.numeric.max_rel_error < 1e-25


def test_eq5b_sqrt_two_pi_reading_is_exact(checked):
    c = checked["eq5b"]
    assert (c.verdict.value, c.reading) == ("confirmed", "(2 pi)^(1/2) Delta")
    assert {r.label: r.outcome for r in c.readings}["2 pi Delta"] == "disagrees"
    assert c.numeric.max_rel_error < 1e-25


def test_eq9_erfc_expansion_sqrt_two_pi(checked):
    c = checked["eq9"]
    assert (c.verdict.value, c.reading) == ("approximation", "(2 pi)^(1/2) (eps - E)")
    assert c.numeric.max_rel_error < 1e-25
    rates = [k.observed_rate for s, k in zip(c.derivation.steps, c.step_checks, strict=True)
             if s.rule.startswith("erfc-asymptotic")]
    assert rates and all(abs(r - 1) < 0.25 for r in rates)


def test_eq10_exact_erfc_and_sqrt_pi_reading(checked):
    c = checked["eq10"]
    assert (c.verdict.value, c.reading) == ("approximation", "pi^(1/2) Delta")
    assert c.numeric.max_rel_error < 1e-25
    shift = [s for s in c.derivation.steps if s.rule == "maximum-shift"]
    assert shift, "the maximum-shift check must be recorded"
    # the exact <fu(T, rho)> against the quadrature of Eq 7's definition, up to Delta/T = 18
    with mpmath.workdps(DIGITS + GUARD):
        for t, delta, eps in (("1", "18", "0"), ("0.4", "1.3", "-2")):
            point = {"T": t, "Delta": delta, "epsilon": eps}
            want = fu_average_quad(*(mpmath.mpf(v) for v in (t, eps, delta)))
            assert relative_error(value_at(c.derivation.exact, point), want) < TOL


def test_eq11_sqrt_pi_reading_and_t_dependent_a(checked):
    c = checked["eq11"]
    assert (c.verdict.value, c.reading) == ("approximation", "pi^(1/2)")
    assert {r.label: r.outcome for r in c.readings}["pi"] == "disagrees"
    extras = dict(c.derivation.extras)
    assert "T" in extras["a(T)"]


def _widened_expected(point):
    """(order, exact S_c/N, leading S_c/N) written out independently at ``point``.

    order log(x)/x^2 with x = Delta/(sqrt(N) T); S_c = ln(Omega q) + <E>/T, the canonical
    entropy of the fixed-rho ensemble (q and <E> by quadrature); the leading form
    ln Omega/N + ln p<c(E*), with p<c the CDF of Gc (mean eps, width sqrt(N) Delta) at
    E* = eps - Delta^2/T.
    """
    t, delta, eps = (mpmath.mpf(point[n]) for n in ("T", "Delta", "epsilon"))
    big, omega = point["N"], mpmath.mpf(point["Omega"])
    x = delta / (mpmath.sqrt(big) * t)
    entropy = mpmath.log(omega * q_quad(t, eps, delta)) + mean_energy_quad(t, eps, delta) / t
    e_star = eps - delta**2 / t
    leading = mpmath.log(omega) / big + mpmath.log(mpmath.ncdf(e_star, eps,
                                                               mpmath.sqrt(big) * delta))
    return mpmath.log(x) / x**2, entropy / big, leading


def test_eq11_widened_is_an_approximation_at_log_order(checked):
    c = checked["eq11-widened"]
    assert (c.verdict.value, c.reading) == ("approximation", "fu = fu(E*), c' = ln Omega/N")
    assert {r.label: r.outcome for r in c.readings} == {
        "fu = fu(E*), c' = ln Omega/N": "approximation", "fu = <fu>, c' = ln Omega/N": "disagrees"}
    assert [k.verdict.value for k in c.claims] == ["approximation", "approximation"]
    n = c.numeric
    assert (n.points, n.digits, n.reference, n.passed) == (5, 30, "quadrature", True)
    assert n.max_rel_error < 1e-28
    d = c.derivation
    assert (d.limit.symbol.name, d.limit.point) == ("T", 0)
    with mpmath.workdps(DIGITS + GUARD):
        for point in WIDENED_POINTS:
            forms = (d.order, d.exact, d.leading)
            for got, want in zip(forms, _widened_expected(point), strict=True):
                assert relative_error(value_at(got, point), want) < TOL, (point, got)


def test_eq11_widened_error_over_order_stays_bounded_as_t_falls(checked):
    """|leading - exact|/|exact| over log(x)/x^2 tends to 2 from above as x = Delta/(sqrt(N) T)
    grows: the neglected ln(x sqrt(2 pi)) against the x^2/2 of S_c/N."""
    d = checked["eq11-widened"].derivation
    ratios = []
    with mpmath.workdps(DIGITS + GUARD):
        for x in (10, 100, 1000):
            point = {"T": mpmath.nstr(mpmath.mpf(3) / (2 * x), 40), "Delta": 3, "epsilon": 0,
                     "N": 4, "Omega": 6}
            exact = value_at(d.exact, point)
            error = relative_error(value_at(d.leading, point), exact)
            ratios.append(error / value_at(d.order, point))
    assert 2 < ratios[2] < ratios[1] < ratios[0] < 3, ratios
