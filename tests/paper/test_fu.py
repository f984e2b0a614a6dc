"""Section '<fu> and S_c': verdicts, readings, exact forms vs quadrature, asymptotic rates."""

import mpmath
import pytest


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
    # exact value against an independent evaluation: erfc(s/2)/2 at s = 18 is 2.0685...e-37
    with mpmath.workdps(30):
        assert mpmath.almosteq(mpmath.erfc(9) / 2, mpmath.mpf("2.0685158732569051190269517336813e-37"),
                               rel_eps=mpmath.mpf(10) ** -28)


def test_eq11_sqrt_pi_reading_and_t_dependent_a(checked):
    c = checked["eq11"]
    assert (c.verdict.value, c.reading) == ("approximation", "pi^(1/2)")
    assert {r.label: r.outcome for r in c.readings}["pi"] == "disagrees"
    extras = dict(c.derivation.extras)
    assert "T" in extras["a(T)"]
