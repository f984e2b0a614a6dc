"""A derivation's result is confirmed only along a path of verified steps (issue 19)."""

import sympy as sp

from remsym.derivation import DerivationBuilder, Limit
from remsym.derivation.chain import find_path
from remsym.derivation.verdict import check_derivation

x = sp.Symbol("x", real=True)
z = sp.Symbol("z", positive=True)
u = sp.Symbol("u", real=True)
LEAD = sp.exp(-z**2) / (z * sp.sqrt(sp.pi))


def test_a_gap_is_reported_naming_the_two_ends():
    b = DerivationBuilder("gap", "two true steps that do not meet", domain=((x, -2, 2),))
    b.equal((x + 1) ** 2, x * (x + 2) + 1, "expand")
    b.equal((2 * x + 2) ** 2 / 4, x**2 + 2 * x + 1, "expand")
    checked = check_derivation(b.build((x + 1) ** 2, exact=x**2 + 2 * x + 1))
    assert checked.verdict.value == "failed"
    assert "missing link" in checked.reason
    assert "(x + 1)**2" in checked.reason and "x**2 + 2*x + 1" in checked.reason


def test_congruence_carries_an_exact_step_inside_an_integral():
    # completing the square inside the integrand is the step a physicist leaves implicit
    b = DerivationBuilder("square", "complete the square, then integrate")
    integrand = sp.exp(-u**2 - 2 * u)
    b.equal(-u**2 - 2 * u, 1 - (u + 1) ** 2, "complete-square", domain=((u, -3, 3),))
    shifted = sp.Integral(sp.exp(1 - (u + 1) ** 2), (u, -sp.oo, sp.oo))
    b.equal(shifted, sp.E * sp.sqrt(sp.pi), "gaussian-integral")
    d = b.build(sp.Integral(integrand, (u, -sp.oo, sp.oo)), exact=sp.E * sp.sqrt(sp.pi))
    path = find_path(d, [True, True], exact=True)
    assert path.found and len(path.steps) == 2
    assert check_derivation(d).verdict.value == "confirmed"


def test_an_asymptotic_step_does_not_join_an_exact_result():
    b = DerivationBuilder("mixed", "a ~ step stated as exact")
    b.asymptotic(sp.erfc(z), LEAD, "DLMF 7.12.1", Limit(z, sp.oo, start=4), 1 / z**2)
    assert not find_path(b.build(sp.erfc(z), exact=LEAD), [True], exact=True).found
    assert find_path(b.build(sp.erfc(z), leading=LEAD), [True], exact=False).found


def test_a_stated_order_better_than_the_path_is_a_gap():
    lim = Limit(z, sp.oo, start=4)
    b = DerivationBuilder("order", "erfc leading term")
    b.asymptotic(sp.erfc(z), LEAD, "DLMF 7.12.1", lim, 1 / z**2)
    too_good = check_derivation(b.build(sp.erfc(z), leading=LEAD, order=1 / z**4, limit=lim))
    right = check_derivation(b.build(sp.erfc(z), leading=LEAD, order=1 / z**2, limit=lim))
    assert too_good.verdict.value == "failed" and "better than the path" in too_good.reason
    assert right.verdict.value == "approximation"


def test_a_derivation_without_a_result_says_so():
    b = DerivationBuilder("steps-only", "no result stated", domain=((x, -2, 2),))
    b.equal((x + 1) ** 2, x**2 + 2 * x + 1, "expand")
    checked = check_derivation(b.build((x + 1) ** 2))
    assert checked.verdict.value == "confirmed"
    assert "no result stated" in checked.reason
