"""Section 'the model': Eqs 1-3 verdicts, Stirling's error rate, the symbolic-M sum."""

import itertools

import mpmath
import pytest
import sympy as sp
from independent import DIGITS, GUARD, relative_error, value_at

from remsym.collection import collection_modules
from remsym.derivation.registry import builders
from remsym.derivation.verdict import check_derivation
from remsym_paper.symbols import N, nu, rho


@pytest.fixture(scope="module")
def checked():
    found = builders(collection_modules())
    return {i: check_derivation(found[i]()) for i in ("eq1", "eq2", "eq3")}


def test_eq1_printed_prefactor_is_an_erratum(checked):
    c = checked["eq1"]
    assert c.verdict.value == "erratum"
    assert c.numeric.max_rel_error < 1e-28
    assert {r.label: r.outcome for r in c.readings} == {
        "[2 pi Delta]^(1/2) as extracted": "disagrees"}
    # the derived G is the normal density of mean eps and width Delta (mpmath's npdf)
    with mpmath.workdps(DIGITS + GUARD):
        for point in ({"E": "0.3", "epsilon": "-1", "Delta": "0.8"},
                      {"E": "-7", "epsilon": "2", "Delta": "3"}):
            e, mean, width = (mpmath.mpf(point[n]) for n in ("E", "epsilon", "Delta"))
            assert relative_error(value_at(c.derivation.exact, point),
                                  mpmath.npdf(e, mean, width)) < mpmath.mpf(10) ** -28
    rules = [s.rule for s in c.derivation.steps]
    assert "first-moment" in rules and "second-moment" in rules


def test_eq2_confirmed_exactly(checked):
    c = checked["eq2"]
    assert c.verdict.value == "confirmed"
    assert c.reading == "as printed"
    assert c.numeric.max_rel_error < 1e-28


def test_eq3_confirmed_with_nu_factorial_and_not_with_n_factorial(checked):
    c = checked["eq3"]
    assert c.verdict.value == "confirmed"
    assert c.reading == "(N nu)! in the sum"
    outcomes = {r.label: r.outcome for r in c.readings}
    assert outcomes["N! in the sum (as extracted)"] == "disagrees"


def test_stirling_error_falls_like_one_over_n():
    entropy = N * (-rho * sp.log(rho) - (1 - rho) * sp.log(1 - rho) + (1 - rho) * sp.log(nu))
    stirling = entropy - sp.log(2 * sp.pi * N * rho * (1 - rho)) / 2
    errors = []
    for big in (10, 100, 1000):
        with mpmath.workdps(40):
            f, v = mpmath.mpf("0.3"), 2
            exact = (mpmath.loggamma(big + 1) - mpmath.loggamma(big * (1 - f) + 1)
                     - mpmath.loggamma(big * f + 1) + big * (1 - f) * mpmath.log(v))
            approx = mpmath.mpf(sp.N(stirling.subs({N: big, rho: sp.Rational(3, 10), nu: v}), 40))
            errors.append(abs(exact - approx))
    # absolute error O(1/N): a factor 10 in N gives a factor 10 in the error
    for a, b in itertools.pairwise(errors):
        assert 8 < a / b < 12
    # and the coefficient is the next Stirling term 1/(12N) (1 - 1/rho - 1/(1-rho))
    assert abs(errors[-1] * 1000 - abs(1 - 1 / 0.3 - 1 / 0.7) / 12) < 1e-3
