"""``remsym eval`` keeps every digit it prints, far beyond double range (issue 23).

The reference is mpmath itself at a precision chosen here from the exponent's size
(``D + 2 log10(Delta/T) + 30`` digits, parameters read at that precision), not the
engine's route; the engine's value must agree with it to the digits it claims.
"""

from __future__ import annotations

import mpmath
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from remsym.errors import RemsymError
from remsym.render_table import eval_text, padded
from remsym_paper.numeric import registry
from remsym_paper.numeric.service import evaluate_quantity_detail

ratios = st.integers(min_value=-3, max_value=300).flatmap(
    lambda e: st.integers(min_value=100, max_value=999).map(lambda m: f"{m / 100}e{e}"))
temperatures = st.sampled_from(["1", "0.5", "3", "1e-50", "7e20"])


def _delta_text(t: str, ratio: str) -> str:
    with mpmath.workdps(400):  # Delta given to many more digits than the check needs
        return mpmath.nstr(mpmath.mpf(ratio) * mpmath.mpf(t), 360)


def _agreeing_digits(printed: str, reference: mpmath.mpf, work: int) -> float:
    with mpmath.workdps(work):
        value = mpmath.mpf(printed)
        if value == reference:
            return float("inf")
        return float(-mpmath.log10(abs(value / reference - 1)))


@settings(max_examples=12)
@given(ratio=ratios, t=temperatures, quantity=st.sampled_from(["fu_avg", "q"]),
       digits=st.sampled_from([15, 30]))
@example(ratio="1e300", t="1", quantity="fu_avg", digits=30)
@example(ratio="1e100", t="1", quantity="fu_avg", digits=30)
@example(ratio="2.5e150", t="1e-50", quantity="q", digits=30)
def test_value_and_log_carry_the_digits_they_claim(ratio, t, quantity, digits):
    delta = _delta_text(t, ratio)
    settings_ = [f"T={t}", f"Delta={delta}"] + (["epsilon=0"] if quantity == "q" else [])
    result, exact_to = evaluate_quantity_detail(quantity, settings_, "exact", digits)
    assert exact_to is None
    # read the parameters back exactly as the engine did: the text given
    with mpmath.workdps(30):
        work = digits + 2 * max(0, int(float(mpmath.log10(mpmath.mpf(ratio))))) + 200
    with mpmath.workdps(work):
        temp, d = mpmath.mpf(t), mpmath.mpf(delta)
        ref = (mpmath.erfc(d / (2 * temp)) / 2 if quantity == "fu_avg"
               else mpmath.exp(d**2 / (2 * temp**2)))
        assert _agreeing_digits(result["value"], ref, work) >= digits - 1
        ln_ref = mpmath.log(ref)
        ln = mpmath.mpf(result["log_value"])
        # the log is given to `digits` digits after the point, however large it is
        assert abs(ln - ln_ref) <= mpmath.mpf(10) ** (1 - digits)


def test_the_1e100_case_of_the_issue():
    result, _ = evaluate_quantity_detail("fu_avg", ["T=1", "Delta=1e100"], "exact", 30)
    with mpmath.workdps(300):
        ref = mpmath.erfc(mpmath.mpf("1e100") / 2) / 2
        assert abs(mpmath.mpf(result["value"]) / ref - 1) < mpmath.mpf(10) ** -29
        # the log has 30 digits after the point: -2.5e199 and 200 more digits
        assert len(result["log_value"].lstrip("-").replace(".", "")) >= 229
        assert abs(mpmath.mpf(result["log_value"]) - mpmath.log(ref)) < mpmath.mpf(10) ** -29


def test_negative_and_exact_values_say_what_is_known():
    result, exact_to = evaluate_quantity_detail("E_star", ["T=1", "Delta=5", "epsilon=0"])
    assert exact_to >= 45 and result["value"] in ("-25.0", "-25")
    assert result["log_value"] is None

    assert eval_text(result, exact_to) == (f"E_star = -25   (exact method; equal to -25 to "
                                           f"{exact_to} significant digits)")
    sc, exact_to = evaluate_quantity_detail("S_c", ["T=1", "Delta=5", "N=10", "nu=2", "rho=0.5"])
    text = eval_text(sc, exact_to)
    assert exact_to is None and "None" not in text and "ln" not in text
    assert text.startswith("S_c = -3.50483500968885014618353193")


def test_a_value_whose_precisions_disagree_is_refused(monkeypatch):
    calls = iter(range(1, 100))
    registry.provider("rate_B", "exact")  # the derivations registered first
    unstable = registry.Provider("rate_B", "exact", lambda p, d, o: mpmath.mpf(next(calls)),
                                 "test: a value that changes with every call")
    monkeypatch.setitem(registry._REGISTRY, ("rate_B", "exact"), unstable)
    with pytest.raises(RemsymError, match="cannot keep 30 digits"):
        evaluate_quantity_detail("rate_B", ["T=1", "Delta=2"], "exact", 30)


def test_the_human_view_shows_every_digit_it_claims():
    assert padded("-3.5048350096888501461835319325", 30) == "-3.50483500968885014618353193250"
    assert padded("2.0685e-37", 6) == "2.06850e-37"
    assert padded("0.000203476", 6) == "0.000203476"  # leading zeros are not digits
    assert padded("5", 3) == "5.00" and padded("1.23456", 3) == "1.23456"
