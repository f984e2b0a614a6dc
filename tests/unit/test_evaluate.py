"""The checker's numeric evaluator: integrals it must get right to the digits asked for."""

import mpmath
import pytest
import sympy as sp

from remsym.derivation import Limit, Relation, Step, evaluate
from remsym.derivation.check import check_step
from remsym.derivation.evaluate import value
from remsym.errors import NumericReferenceError
from remsym.numeric.integrals import quadrature_value as _quadrature_value
from remsym.numeric.point_values import summed_value as _summed_value
from remsym.numeric.quadrature import integrate_tanh_sinh as _tanh_sinh

r = sp.Symbol("r", positive=True)
n = sp.Symbol("n", positive=True)


def test_both_endpoint_singularities_to_the_digits_asked_for():
    # int_0^1 dr / sqrt(r (1 - r)) = pi; plain tanh-sinh truncates its nodes next to a
    # 1/sqrt singularity and stops near half the working digits
    for digits in (30, 50):
        got = _quadrature_value(sp.Integral(1 / sp.sqrt(r * (1 - r)), (r, 0, 1)), digits)
        with mpmath.workdps(digits + 20):
            assert abs(got - mpmath.pi) < mpmath.mpf(10) ** (-digits - 2)


def test_rho_integral_of_eq5a_against_its_closed_form():
    # int_0^1 r^(a-1) (1-r)^(b-1) exp(c r) dr = B(a, b) 1F1(a; a+b; c) (DLMF 13.4.1)
    a, b, c = sp.Rational(1, 2), sp.Rational(3, 2), sp.Integer(12)
    integral = sp.Integral(r ** (a - 1) * (1 - r) ** (b - 1) * sp.exp(c * r), (r, 0, 1))
    got = _quadrature_value(integral, 40)
    with mpmath.workdps(60):
        exact = mpmath.beta(0.5, 1.5) * mpmath.hyp1f1(0.5, 2, 12)
        assert abs(got / exact - 1) < mpmath.mpf(10) ** -40


def test_finite_integral_with_symbolic_limits_and_a_peak():
    # a narrow Gaussian inside a long finite range: the whole range is not one piece
    w = sp.Rational(1, 50)
    integral = sp.Integral(sp.exp(-(r - 3) ** 2 / (2 * w**2)), (r, 0, 10))
    got = _quadrature_value(integral, 30)
    with mpmath.workdps(50):
        s = mpmath.mpf(1) / 50
        exact = s * mpmath.sqrt(mpmath.pi / 2) * (mpmath.erf(7 / (s * mpmath.sqrt(2)))
                                                  + mpmath.erf(3 / (s * mpmath.sqrt(2))))
        assert abs(got / exact - 1) < mpmath.mpf(10) ** -30


def test_tanh_sinh_tolerance_is_relative_for_large_and_small_values():
    for scale in (mpmath.mpf(10) ** 40, mpmath.mpf(10) ** -40):
        with mpmath.workdps(45):
            got, converged = _tanh_sinh(lambda y, s=scale: s * mpmath.exp(-y), (0, 1), 30)
            assert converged
            exact = scale * (1 - mpmath.exp(-1))
            assert abs(got / exact - 1) < mpmath.mpf(10) ** -30


def test_value_of_a_bare_integral_goes_through_the_same_quadrature():
    integral = sp.Integral(sp.exp(n * r) / sp.sqrt(r), (r, 0, 1))
    got = value(integral, {n: sp.Integer(3)}, 35)
    with mpmath.workdps(60):
        exact = mpmath.sqrt(mpmath.pi / 3) * mpmath.erfi(mpmath.sqrt(3))
        assert abs(got / exact - 1) < mpmath.mpf(10) ** -35


def test_the_rate_witness_raises_its_precision_with_the_order():
    # an error of exp(-2 z^2) against a declared exp(-2 z^2) is resolved at every point
    # (the working precision follows the order's magnitude), so the bound is measured
    # rather than assumed; an error hiding below it (1e-60/z claimed O(1/z^2)) is found
    # by looking again with more digits
    z = sp.Symbol("z", positive=True)
    lim = Limit(z, sp.oo, start=4)
    right = check_step(Step(1 + sp.exp(-2 * z**2), sp.Integer(1), Relation.ASYMPTOTIC, "tiny",
                            limit=lim, order=sp.exp(-2 * z**2)))
    hidden = check_step(Step(1 + sp.Rational(1, 10**60) / z, sp.Integer(1),
                             Relation.ASYMPTOTIC, "hidden", limit=lim, order=1 / z**2))
    assert right.status == "verified" and abs(right.observed_rate - 1) < 0.01
    assert hidden.status == "refuted"


def test_reversed_and_empty_finite_ranges():
    with mpmath.workdps(40):
        assert abs(_quadrature_value(sp.Integral(1 / sp.sqrt(r), (r, 1, 0)), 30) + 2) < 1e-30
        assert _quadrature_value(sp.Integral(1 / sp.sqrt(r), (r, 1, 1)), 30) == 0


def test_finite_inner_integral_with_limits_from_the_outer_variable():
    # int_0^1 int_0^s 1/sqrt(t) dt ds = int_0^1 2 sqrt(s) ds = 4/3
    s, t = sp.symbols("s t", positive=True)
    got = _quadrature_value(sp.Integral(sp.Integral(1 / sp.sqrt(t), (t, 0, s)), (s, 0, 1)), 30)
    with mpmath.workdps(40):
        assert abs(got - mpmath.mpf(4) / 3) < mpmath.mpf(10) ** -30


def test_an_endpoint_factor_that_is_not_written_apart():
    # 1 - x^2 at x = -1 + t^2 is 2 t^2 - t^4 only once expanded; unexpanded it rounds to 0
    x = sp.Symbol("x", real=True)
    got = _quadrature_value(sp.Integral(1 / sp.sqrt(1 - x**2), (x, -1, 1)), 30)
    with mpmath.workdps(50):
        assert abs(got / mpmath.pi - 1) < mpmath.mpf(10) ** -30


def test_pieces_that_cancel_are_asked_for_the_digits_of_the_sum():
    # an odd integrand of size 1 plus an even one of size 1e-12: the sum is 1e-12 sqrt(pi)
    x, c = sp.Symbol("x", real=True), sp.Rational(1, 7)
    integrand = (x - c) * sp.exp(-(x - c) ** 2) + sp.exp(-(x - c) ** 2) / 10**12
    got = _quadrature_value(sp.Integral(integrand, (x, -sp.oo, sp.oo)), 20)
    with mpmath.workdps(120):
        exact = mpmath.sqrt(mpmath.pi) / 10**12
        assert abs(got / exact - 1) < mpmath.mpf(10) ** -20


def test_an_unresolved_integral_is_an_error_not_a_number():
    x = sp.Symbol("x", real=True)
    narrow = sp.Integral(sp.exp(-((x - sp.Rational(33, 10)) * 1000) ** 2), (x, 0, 10))
    with pytest.raises(NumericReferenceError, match="did not reach"):
        _quadrature_value(narrow, 30)
    # value() asks Arb's certified quadrature first, which locates the peak: right value
    with mpmath.workdps(40):
        assert abs(value(narrow, {}, 30) * 1000 / mpmath.sqrt(mpmath.pi) - 1) < 1e-30


def test_a_parameter_at_a_singular_end_cancels_exactly():
    # int_0^b dx / sqrt(1/3 - x) at b = 1/3: with b rounded, 1/3 - (b - t^2) was not t^2
    # and the value lost its last digits (review finding)

    x, b = sp.Symbol("x", real=True), sp.Symbol("b", positive=True)
    third = sp.Rational(1, 3)
    step = Step(sp.Integral(1 / sp.sqrt(third - x), (x, 0, b)),
                2 * sp.sqrt(third) - 2 * sp.sqrt(third - b), Relation.EQUAL, "t",
                points=[{b: third}])
    res = check_step(step)
    assert res.status == "verified"
    assert res.max_rel_error < 1e-38


def test_a_parameter_in_an_exponent_keeps_the_value_real():
    x, k, rr = sp.Symbol("x", real=True), sp.Symbol("k", positive=True), sp.Symbol("r")
    got = value(sp.Integral((x - 2) ** (k * rr), (x, 0, 1)),
                {k: 3, rr: sp.Rational(1, 3)}, 30)
    assert isinstance(got, mpmath.mpf)
    assert abs(got + mpmath.mpf(3) / 2) < mpmath.mpf(10) ** -30


def test_finite_sums_compiled_once_agree_with_term_by_term_sympy():
    # the compiled route (summand code per sum, parameters as arguments) against SymPy's
    # exact sum of the same terms; the upper limit comes from the point

    k, m = sp.Symbol("k", integer=True, nonnegative=True), sp.Symbol("m", integer=True,
                                                                     positive=True)
    p = sp.Symbol("p", positive=True)
    binomial_sum = sp.Sum(sp.binomial(m, k) * p**k * (1 - p) ** (m - k) * k**2, (k, 0, m))
    expr = binomial_sum / sp.Sum(sp.binomial(m, k) * p**k * (1 - p) ** (m - k), (k, 0, m - 1))
    for point in ({m: sp.Integer(7), p: sp.Rational(2, 7)}, {m: sp.Integer(30), p: sp.Rational(1, 3)}):
        exact = expr.xreplace(point).doit()
        got = value(expr, point, 30)
        assert _summed_value(expr, point, 30) == got
        with mpmath.workdps(50):
            assert abs(got / mpmath.mpf(sp.N(exact, 60)) - 1) < mpmath.mpf(10) ** -32
    # a limit that is not an integer at the point: the substituting route decides
    assert _summed_value(sp.Sum(k, (k, 0, p)), {p: sp.Rational(5, 2)}, 30) is None



def test_an_exact_zero_is_evaluated_absolutely_without_evalf(monkeypatch):
    # g'(rho_f) = 0 at the maximum of an entropy exponent (Eq 6's maximum-shift step):
    # no significant digits exist, so X = 0 is checked to digits after the point; the
    # generated code answers, none of the fallbacks (the next is certified quadrature,
    # then evalf) is asked

    a, r = sp.symbols("a r", positive=True)
    k = sp.exp(a)
    slope = sp.diff(-r * sp.log(r) - (1 - r) * sp.log(1 - r) + a * r, r).subs(r, k / (1 + k))

    def refuse(*args, **kwargs):
        raise AssertionError("the generated code's value was not accepted")

    monkeypatch.setattr(evaluate, "_certified_value", refuse)
    got = value(slope, {a: sp.Rational(7, 3)}, 30, absolute=True)
    assert abs(got) < mpmath.mpf(10) ** -50


def test_absolute_evaluation_still_resolves_a_cancellation_of_large_terms():
    # terms of size 1e30 leave a rounding residue of 1e-10 at 40 digits: the two
    # precisions disagree absolutely, and evalf gives the true 5e-31 to 30 digits
    x = sp.Symbol("x", positive=True)
    expr = sp.sqrt(x**2 + sp.Integer(10)**60) - sp.Integer(10)**30
    got = value(expr, {x: sp.Integer(1)}, 30, absolute=True)
    with mpmath.workdps(120):
        exact = mpmath.sqrt(1 + mpmath.mpf(10)**60) - mpmath.mpf(10)**30
        assert abs(got - exact) <= abs(exact) * mpmath.mpf(10)**-29
