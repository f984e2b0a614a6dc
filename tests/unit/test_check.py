"""The checker must reject false steps, with the reason in the result."""

import sympy as sp

from remsym.derivation import Limit, Relation, Step
from remsym.derivation.check import check_step, symbolic_identity
from remsym.derivation.rewrites import exp_erf_normal_form, log_ratio_normal_form

# the engine's tests name their own symbols (the assumptions of the paper's)
T = sp.Symbol("T", positive=True)
Delta = sp.Symbol("Delta", positive=True)
x = sp.Symbol("x", real=True)
z = sp.Symbol("z", positive=True)
L = Limit(z, sp.oo, start=4)


def test_true_identity_is_verified_symbolically():
    res = check_step(Step(sp.exp(x) * sp.exp(-x) * (x + 1) ** 2, x**2 + 2 * x + 1, Relation.EQUAL,
                          "expand"))
    assert res.status == "verified"
    assert res.witness.startswith("symbolic")


def test_false_identity_agreeing_at_an_obvious_point_is_refuted():
    # x**2 and x agree at x = 0 and x = 1: a witness at "obvious" points would be fooled.
    res = check_step(Step(x**2, x, Relation.EQUAL, "bogus", domain=((x, -3, 3),)))
    assert res.status == "refuted"
    assert res.witness == "numeric"
    assert "differ by relative" in res.reason
    assert res.max_rel_error > 0.1


def test_erf_plus_erfc_is_proved_by_a_named_rewrite():
    lhs = sp.erf(x) + sp.erfc(x)
    assert symbolic_identity(lhs, sp.Integer(1)) == "exp-erf normal form"
    res = check_step(Step(lhs, sp.Integer(1), Relation.EQUAL, "erf+erfc"))
    assert (res.status, res.witness, res.evidence) == (
        "verified", "symbolic (exp-erf normal form)", "proved")


def test_identity_hidden_from_rewrites_is_decided_by_the_numeric_witness():
    # Landen's dilogarithm identity (DLMF 25.12.3 with z = -x): no rewrite proves it
    lhs = sp.polylog(2, x / (x + 1))
    rhs = -sp.polylog(2, -x) - sp.log(1 + x) ** 2 / 2
    box = ((x, sp.Rational(1, 10), 3),)
    assert symbolic_identity(lhs, rhs) is None
    res = check_step(Step(lhs, rhs, Relation.EQUAL, "Landen", domain=box))
    assert (res.status, res.evidence) == ("verified", "numerically verified")
    wrong = check_step(Step(lhs, rhs + sp.Rational(1, 10**6), Relation.EQUAL, "Landen",
                            domain=box))
    assert wrong.status == "refuted"


def test_correct_erfc_asymptotic_passes_with_rate_one():
    res = check_step(Step(sp.erfc(z), sp.exp(-z**2) / (z * sp.sqrt(sp.pi)), Relation.ASYMPTOTIC,
                          "erfc", limit=L, order=1 / z**2))
    assert res.status == "verified"
    assert abs(res.observed_rate - 1) < 0.05


def test_wrong_constant_is_refuted_by_the_limit():
    res = check_step(Step(sp.erfc(z), sp.exp(-z**2) / z, Relation.ASYMPTOTIC, "erfc",
                          limit=L, order=1 / z**2))
    assert res.status == "refuted"
    assert "1/sqrt(pi)" in res.reason


def test_wrong_order_too_optimistic_is_refuted():
    res = check_step(Step(sp.erfc(z), sp.exp(-z**2) / (z * sp.sqrt(sp.pi)), Relation.ASYMPTOTIC,
                          "erfc", limit=L, order=1 / z**4))
    assert res.status == "refuted"
    assert "grows by a factor" in res.reason and "misstated" in res.reason
    assert abs(res.observed_rate - 0.5) < 0.05


def test_an_order_better_than_declared_is_verified_and_said_so():
    # an O(.) is an upper bound: an error that falls faster than declared is no fault
    res = check_step(Step(sp.erfc(z), sp.exp(-z**2) / (z * sp.sqrt(sp.pi)), Relation.ASYMPTOTIC,
                          "erfc", limit=L, order=1 / z))
    assert res.status == "verified"
    assert "better than declared" in res.reason
    assert abs(res.observed_rate - 2) < 0.05


def test_limit_towards_zero_temperature():
    before = sp.erfc(Delta / (2 * T)) / 2
    after = T * sp.exp(-Delta**2 / (4 * T**2)) / (sp.sqrt(sp.pi) * Delta)
    res = check_step(Step(before, after, Relation.ASYMPTOTIC, "erfc", limit=Limit(T, 0, 0.25),
                          order=T**2 / Delta**2, domain=((Delta, 1, 2),)))
    assert res.status == "verified"


def test_unevaluable_step_is_a_value_not_an_exception():
    res = check_step(Step(sp.Function("f")(x), x, Relation.EQUAL, "opaque"))
    assert res.status in ("unverified", "refuted")
    assert res.reason


def test_a_step_with_given_points_is_witnessed_exactly_there():
    seen = []

    def evaluate(point, digits):
        seen.append(dict(point))
        return sp.exp(point[x])  # a validated evaluator of exp(x)

    given = ({x: sp.Rational(1, 3)}, {x: sp.Integer(7)})
    res = check_step(Step(sp.Integral(sp.exp(z), (z, -sp.oo, x)), sp.exp(x), Relation.EQUAL,
                          "given points", evaluate_before=evaluate, points=given))
    assert res.status == "verified"
    assert seen == [dict(p) for p in given]
    assert "2 given points" in res.reason


def test_a_false_step_is_refuted_at_its_given_points():
    res = check_step(Step(x**2, x, Relation.EQUAL, "bogus", points=({x: sp.Integer(2)},)))
    assert res.status == "refuted"
    assert "x=2" in res.reason.replace(" ", "")


def test_gaussian_cdf_integral_is_proved_by_sympy_evaluation_and_normal_form():
    # SymPy's evaluation returns exp(u^2) erf(u) products that expand alone leaves apart
    eps = sp.Symbol("epsilon", real=True)
    u = sp.Symbol("u", real=True)
    density = sp.exp(-(u - eps) ** 2 / (2 * Delta**2)) / (sp.sqrt(2 * sp.pi) * Delta)
    before = sp.Integral(density, (u, -sp.oo, x))
    after = 1 - sp.erfc((x - eps) / (sp.sqrt(2) * Delta)) / 2
    res = check_step(Step(before, after, Relation.EQUAL, "gaussian-integral"))
    assert res.status == "verified"
    assert res.witness == "symbolic (integrate+exp-erf normal form)"


def test_exp_erf_normal_form_does_not_prove_a_wrong_gaussian_integral():

    right = sp.exp(x**2) * sp.erf(x) * sp.exp(-x**2 + T) - sp.exp(T) * (1 - sp.erfc(x))
    assert exp_erf_normal_form(right) == 0
    wrong = sp.exp(x**2) * sp.erf(x) * sp.exp(-x**2 + T) - sp.exp(T) * (1 + sp.erfc(x))
    assert exp_erf_normal_form(wrong) != 0
    before = sp.Integral(sp.exp(-(x - T) ** 2), (x, -sp.oo, sp.oo))
    res = check_step(Step(before, sp.sqrt(sp.pi) / 2, Relation.EQUAL, "half the truth"))
    assert res.status == "refuted"


# a 1 ms deadline may land in a garbage-collector callback, where the interpreter drops it
# with a warning (time_limit re-fires every 0.1 s for that case)
def test_trigsimp_is_tried_for_every_trigonometric_function():
    assert symbolic_identity(sp.csc(x)**2 * sp.sec(x)**2, sp.csc(x)**2 + sp.sec(x)**2) == "trigsimp"


def test_saddle_value_is_proved_by_the_log_ratio_normal_form():
    # Eq 5a's saddle: exp(N f(rho*)) with rho* = K/(nu + K) is (nu + K)^N exactly.

    N, nu, a = sp.symbols("N nu a", positive=True)
    K = sp.exp(a / T)
    r = K / (nu + K)
    saddle = sp.exp(N * (r * sp.log(K) - r * sp.log(r) - (1 - r) * sp.log(1 - r)
                         + (1 - r) * sp.log(nu)))
    assert log_ratio_normal_form(saddle / (nu + K) ** N) == 0
    assert log_ratio_normal_form(saddle / (2 * (nu + K) ** N)) != 0
    res = check_step(Step(saddle, (nu + K) ** N, Relation.EQUAL, "saddle value"))
    assert (res.status, res.witness) == ("verified", "symbolic (log-ratio normal form)")
    wrong = check_step(Step(saddle, (nu + K) ** (N + 1), Relation.EQUAL, "off by nu + K"))
    assert wrong.status == "refuted"


def test_log_ratio_normal_form_is_never_applied_to_the_difference():
    # before - after = 1 here: log(before - after) is zero, and a rewrite that took the
    # log of the difference would "prove" a false step.
    a = sp.Symbol("a", positive=True)
    assert symbolic_identity(sp.exp(a) + 1, sp.exp(a)) is None
    assert symbolic_identity(2 * sp.exp(a), sp.exp(a)) is None


def test_forced_rewrites_prove_nothing_about_an_undefined_function():
    # G may be negative: sqrt(G^2) = G and (G^2)^(N/2) = G^N are false for it, and an
    # undefined function has no numeric witness to refute them (review finding)
    G = sp.Function("G")
    N = sp.Symbol("N", positive=True)
    for before, after in ((sp.exp(-x / T) * sp.sqrt(G(x) ** 2), sp.exp(-x / T) * G(x)),
                          (sp.exp(-x / T) * (G(x) ** 2) ** (N / 2), sp.exp(-x / T) * G(x) ** N)):
        res = check_step(Step(before, after, Relation.EQUAL, "forced"))
        assert res.status == "unverified", res.witness
    # an identity that needs no positivity is still proved for every function
    res = check_step(Step(sp.exp(-x / T) * G(x) * sp.exp(x / T), G(x), Relation.EQUAL, "cancel"))
    assert res.status == "verified"


def test_the_slope_at_an_entropy_maximum_is_proved_by_the_log_normal_form():
    # Eq 6's maximum-shift step: g'(rho_f) = 0 for a mixing-entropy exponent; the ratio
    # rewrites cannot act on a zero right side
    a, r = sp.symbols("a r", positive=True)
    k = sp.exp(a)
    slope = sp.diff(-r * sp.log(r) - (1 - r) * sp.log(1 - r) + a * r, r).subs(r, k / (1 + k))
    assert symbolic_identity(slope, 0) == "log normal form"
    assert symbolic_identity(slope, 0, forced=False) is None



def test_evidence_levels_name_what_decided():
    proved = check_step(Step((x + 1) ** 2, x**2 + 2 * x + 1, Relation.EQUAL, "expand"))
    k = sp.Symbol("k", integer=True, positive=True)
    numeric = check_step(Step(sp.Sum(1 / k**2, (k, 1, sp.oo)), sp.pi**2 / 6, Relation.EQUAL,
                              "Basel"))
    refuted = check_step(Step(x**2, x, Relation.EQUAL, "bogus", domain=((x, -3, 3),)))
    assert (proved.evidence, numeric.evidence, refuted.evidence) == (
        "proved", "numerically verified", "refuted")


def test_a_box_against_the_assumptions_is_a_usage_error_not_a_proof():
    # z is positive: sqrt(z**2) = z is proved by assumption, but false on [-2, -1]
    res = check_step(Step(sp.sqrt(z**2), z, Relation.EQUAL, "abs", domain=((z, -2, -1),)))
    assert res.status == "unverified"
    assert "usage error" in res.reason and "positive" in res.reason


def test_a_negative_symbol_is_sampled_negative():
    n = sp.Symbol("n", negative=True)
    res = check_step(Step(sp.Abs(n), -n, Relation.EQUAL, "abs of a negative"))
    assert res.status == "verified"


def test_the_precision_has_a_floor():
    # a relative 1e-8 disagreement must be seen even when 2 digits are asked for
    res = check_step(Step(sp.exp(x), sp.exp(x) * (1 + sp.Rational(1, 10**8)), Relation.EQUAL,
                          "near", domain=((x, -1, 1),)), digits=2)
    assert res.status == "refuted"
    assert "20 digits" in res.reason


def test_a_corner_of_the_box_is_tried():
    # acos(cos x) = x holds on [0, pi] only: the box's far corner x = 3.2 refutes it
    res = check_step(Step(sp.acos(sp.cos(x)), x, Relation.EQUAL, "acos", domain=((x, 0, 3.2),)))
    assert res.status == "refuted"


def test_an_oscillating_error_off_the_grid_is_seen():
    res = check_step(Step(1 + sp.sin(sp.pi * z) / z, sp.Integer(1), Relation.ASYMPTOTIC, "osc",
                          limit=Limit(z, sp.oo, start=8), order=1 / z**2))
    assert res.status == "refuted"


def test_an_exponentially_small_error_is_compared_with_its_declared_order():
    wrong = check_step(Step(1 + sp.exp(-4 * z), sp.Integer(1), Relation.ASYMPTOTIC, "exp",
                            limit=L, order=sp.exp(-8 * z)))
    right = check_step(Step(1 + sp.exp(-4 * z), sp.Integer(1), Relation.ASYMPTOTIC, "exp",
                            limit=L, order=sp.exp(-4 * z)))
    assert (wrong.status, right.status) == ("refuted", "verified")


def test_a_missing_log_factor_is_never_verified():
    # its error/order grows like log z, whose growth slows down: told apart from a power
    # too many (refuted) but not from a slowly dying correction, so it stays unverified
    res = check_step(Step(1 + sp.log(z) / z**2, sp.Integer(1), Relation.ASYMPTOTIC, "log",
                          limit=L, order=1 / z**2))
    assert res.status == "unverified"
    assert "log factor" in res.reason
    power = check_step(Step(1 + 1 / z, sp.Integer(1), Relation.ASYMPTOTIC, "power",
                            limit=L, order=1 / z**2))
    assert power.status == "refuted"


def test_narrow_windows_and_bumps_are_found_from_the_form():
    piecewise = sp.Piecewise((2, (x > sp.Rational(3137, 10000)) & (x < sp.Rational(3138, 10000))),
                             (1, True))
    bump = 1 + sp.exp(-10**8 * (x - sp.Rational(12345, 10000)) ** 2)
    for lhs, box in ((piecewise, (x, 0, 1)), (bump, (x, 0, 3))):
        assert check_step(Step(lhs, sp.Integer(1), Relation.EQUAL, "window",
                               domain=(box,))).status == "refuted"


def test_an_oscillating_order_bounds_nothing():
    res = check_step(Step(1 + 1 / z**2, sp.Integer(1), Relation.ASYMPTOTIC, "osc", limit=L,
                          order=(1 + sp.cos(z)) / z**2))
    assert res.status == "unverified"


def test_a_step_wrong_on_half_its_parameter_box_is_refuted():
    a = sp.Symbol("a", real=True)
    res = check_step(Step(1 + sp.Max(a, 0) / z, sp.Integer(1), Relation.ASYMPTOTIC, "half",
                          limit=L, order=1 / z**2, domain=((a, -1, 1),)))
    assert res.status == "refuted"


def test_the_same_step_gets_the_same_record_in_any_order():
    steps = [Step(sp.erfc(z), sp.exp(-z**2) / (z * sp.sqrt(sp.pi)), Relation.ASYMPTOTIC,
                  "erfc", limit=L, order=1 / z**2),
             Step(sp.acos(sp.cos(x)), x, Relation.EQUAL, "acos", domain=((x, 0, 3.2),))]
    forward = [check_step(s) for s in steps]
    backward = [check_step(s) for s in reversed(steps)][::-1]
    assert forward == backward


def test_a_step_wrong_in_a_thin_slice_of_its_parameter_box_is_refuted():
    # random parameter points miss a slice of width 1e-3; the form puts one there
    a = sp.Symbol("a", real=True)
    bump = sp.exp(-10**6 * (a - sp.Rational(3137, 10000)) ** 2)
    res = check_step(Step(1 + 1 / z**2 + bump / z, sp.Integer(1), Relation.ASYMPTOTIC, "slice",
                          limit=L, order=1 / z**2, domain=((a, 0, 1),)))
    assert res.status == "refuted"
