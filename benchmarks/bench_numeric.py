"""The numeric layer: log-space NumPy lambdas, validated references, and peer integrators.

Run: python benchmarks/bench_numeric.py [RUNS]

Prints three markdown tables (every time is the median of ``RUNS`` runs, default 5).
The references keep per-point memos (``lru_cache``): each timed repetition of tables 2
and 3 is at a point not used before in the process (``Delta + n * 1e-9``, see
``timing.fresh``), so it times the integration, not a lookup; one untimed call per
quantity at its own point first compiles that quantity's integrands.

1. The vectorised log-space NumPy function of ``log <fu>`` with
   ``<fu> = erfc(Delta/(2T))/2``, built by
   :func:`remsym.numeric.lambdas.numpy_log_function`: evaluations per second on
   1e6 points (``T`` log-uniform in [0.1, 10], ``Delta/T`` log-uniform in
   [0.1, 1e4]) against the goal of 1e7/s, and the largest relative error of the
   log against mpmath at 40 digits on 1000 of those points.
2. The wall time of 30-digit validated references
   (:func:`remsym_paper.numeric.reference.reference`): the one-dimensional ``q`` and
   ``fu_avg`` (goal < 0.1 s) and the nested rate integrals ``rate_A`` and
   ``rate_A1``, at ``T = 1`` and ``Delta = 5, 18``.
3. ``<fu>`` at ``T = 1``, ``Delta = 5, 18`` by four integrators, each computing the
   numerator ``int G e^{-E/T} p<(E) dE`` and ``q = int G e^{-E/T} dE`` its own
   way: ``scipy.integrate.quad`` over the whole line in doubles, naive
   ``mpmath.quad`` over the whole line at 30 digits, remsym's validated reference
   at 30 digits, and python-flint's certified ``acb.integral`` (``p<`` by arb's
   ``erfc``).  "Digits" are ``-log10`` of the relative error against the exact
   ``erfc(Delta/(2T))/2`` evaluated by mpmath at 50 digits, at one more fresh point.
   mpmath keeps its tanh-sinh nodes between calls, as it does for any caller.

``epsilon = 0`` throughout (``<fu>`` does not depend on it).  mpmath's global
precision is never changed: every high-precision step runs under
``mpmath.workdps``.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import mpmath
import numpy as np
import sympy as sp
from flint import acb, arb, ctx
from scipy import integrate, special
from timing import fresh, median_time

from remsym.numeric.lambdas import numpy_log_function
from remsym_paper.numeric.reference import flint_q, reference
from remsym_paper.symbols import Delta, T

GOAL_RATE = 1e7  # evaluations per second of the log-space NumPy lambda
GOAL_REFERENCE = 0.1  # seconds for a 30-digit one-dimensional reference
N_POINTS = 1_000_000
N_CHECK = 1000
DIGITS = 30
EXACT_DIGITS = 50
SEED = 2024
DELTAS = ("5", "18")


def fmt_time(seconds: float) -> str:
    return f"{seconds * 1e3:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"


def sci(value: float) -> str:
    """``value`` as ``2.7e7`` (no ``+`` or leading zeros in the exponent)."""
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def fu_avg_expr() -> sp.Expr:
    """<fu> = erfc(Delta/(2T))/2 (the exact result of the eq10 derivation)."""
    return sp.erfc(Delta / (2 * T)) / 2


def exact_fu(t: Any, delta: Any, digits: int = EXACT_DIGITS) -> Any:
    """erfc(Delta/(2T))/2 by mpmath at ``digits`` digits (``t``, ``delta``: str or float)."""
    with mpmath.workdps(digits):
        return mpmath.erfc(mpmath.mpf(delta) / (2 * mpmath.mpf(t))) / 2


def digits_correct(value: Any, exact: Any) -> str:
    """-log10 of the relative error of ``value`` against ``exact``, as a table cell."""
    with mpmath.workdps(EXACT_DIGITS + 10):
        value = mpmath.mpf(value)
        if not mpmath.isfinite(value):
            return "non-finite"
        err = abs(value - exact) / abs(exact)
        if err == 0:
            return f"≥ {EXACT_DIGITS}"
        return f"{max(0.0, float(-mpmath.log10(err))):.1f}"


# --- 1. the log-space NumPy lambda ------------------------------------------------------------

def sample_points(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(T, Delta) with T log-uniform in [0.1, 10] and Delta/T log-uniform in [0.1, 1e4]."""
    t = 10.0 ** rng.uniform(-1, 1, n)
    ratio = 10.0 ** rng.uniform(-1, 4, n)
    return t, ratio * t


def max_log_error(values: np.ndarray, t: np.ndarray, delta: np.ndarray) -> tuple[float, float]:
    """(largest relative error of ``values`` = log<fu> vs mpmath at 40 digits, its Delta/T)."""
    worst, where = 0.0, float("nan")
    with mpmath.workdps(40):
        for value, ti, di in zip(values, t, delta, strict=True):
            # The float inputs are exact binary numbers: only the lambda's error is measured.
            ratio = mpmath.mpf(float(di)) / (2 * mpmath.mpf(float(ti)))
            exact = mpmath.log(mpmath.erfc(ratio) / 2)
            err = float(abs(mpmath.mpf(float(value)) - exact) / abs(exact))
            if err > worst:
                worst, where = err, float(di / ti)
    return worst, where


def bench_lambda(runs: int) -> list[str]:
    start = time.perf_counter()
    log_fu = numpy_log_function(fu_avg_expr(), (T, Delta))
    build = time.perf_counter() - start

    rng = np.random.default_rng(SEED)
    t, delta = sample_points(N_POINTS, rng)
    log_fu(t[:10], delta[:10])  # warm-up
    seconds, values = median_time(partial(log_fu, t, delta), runs)
    rate = N_POINTS / seconds
    finite = int(np.isfinite(values).sum())

    check = rng.choice(N_POINTS, N_CHECK, replace=False)
    worst, where = max_log_error(values[check], t[check], delta[check])
    verdict = "met" if rate >= GOAL_RATE else "**not met**"
    return [
        "| measurement | value | goal |",
        "|---|---|---|",
        "| build `numpy_log_function(erfc(Delta/(2T))/2, (T, Delta))` (once) "
        f"| {fmt_time(build)} | — |",
        f"| evaluations per second, {N_POINTS:,} points (median of {runs}) "
        f"| {sci(rate)}/s ({fmt_time(seconds)} per call) | ≥ {sci(GOAL_RATE)}/s: {verdict} |",
        f"| finite results | {finite:,} of {N_POINTS:,} | all |",
        f"| max relative error of log<fu> vs mpmath (40 digits), {N_CHECK} points "
        f"| {worst:.1e} (at Delta/T = {where:.3g}) | — |",
    ]


# --- 2. validated references --------------------------------------------------------------------

def reference_params(quantity: str, delta: str) -> tuple[dict[str, str]]:
    """The parameters of ``quantity`` at ``T = 1`` and a fresh ``Delta`` near ``delta``."""
    params = {"T": "1", "Delta": fresh(delta)}
    if quantity == "q":
        params["epsilon"] = "0"  # q depends on epsilon; the others do not
    return (params,)


def bench_references(runs: int) -> list[str]:
    cases = [("q", True), ("fu_avg", True), ("rate_A", False), ("rate_A1", False)]
    start = time.perf_counter()
    reference("q", *reference_params("q", "5"), DIGITS)
    first = time.perf_counter() - start
    lines = [
        f"| quantity | Delta/T | time, {DIGITS} digits (median of {runs}, fresh points) | goal |",
        "|---|---|---|---|",
    ]
    for quantity, one_dimensional in cases:
        reference(quantity, *reference_params(quantity, DELTAS[0]), DIGITS)  # compiles
        for delta in DELTAS:
            seconds, _ = median_time(partial(reference, quantity, digits=DIGITS), runs,
                                     partial(reference_params, quantity, delta))
            if one_dimensional:
                met = "met" if seconds < GOAL_REFERENCE else "**not met**"
                goal = f"< {GOAL_REFERENCE} s: {met}"
            else:
                goal = "— (nested)"
            lines.append(f"| `{quantity}` | {delta} | {fmt_time(seconds)} | {goal} |")
    lines.append(f"\nFirst call of the process (compiles the integrands): {first:.2f} s.")
    return lines


# --- 3. <fu> by four integrators ---------------------------------------------------------------

def scipy_fu(t: float, delta: float) -> float:
    """<fu> by scipy.integrate.quad over the whole line, integrands written directly."""
    norm = 1 / (math.sqrt(2 * math.pi) * delta)

    def weight(e: float) -> float:
        return norm * math.exp(-e * e / (2 * delta * delta) - e / t)

    def numerator(e: float) -> float:
        return weight(e) * special.erfc(-e / (math.sqrt(2) * delta)) / 2

    num, _ = integrate.quad(numerator, -np.inf, np.inf)
    q, _ = integrate.quad(weight, -np.inf, np.inf)
    return num / q


def mpmath_fu(t: str, delta: str, digits: int = DIGITS) -> Any:
    """<fu> by naive mpmath.quad over (-inf, inf) at ``digits`` digits."""
    with mpmath.workdps(digits):
        tt, dd = mpmath.mpf(t), mpmath.mpf(delta)
        norm = 1 / (mpmath.sqrt(2 * mpmath.pi) * dd)

        def weight(e: Any) -> Any:
            return norm * mpmath.exp(-e * e / (2 * dd * dd) - e / tt)

        def numerator(e: Any) -> Any:
            return weight(e) * mpmath.erfc(-e / (mpmath.sqrt(2) * dd)) / 2

        line = [-mpmath.inf, mpmath.inf]
        return mpmath.quad(numerator, line) / mpmath.quad(weight, line)


def remsym_fu(t: str, delta: str, digits: int = DIGITS) -> Any:
    return reference("fu_avg", {"T": t, "Delta": delta}, digits).value


def flint_fu(t: str, delta: str, digits: int = DIGITS) -> Any:
    """<fu> by python-flint's acb.integral (numerator) over q by :func:`flint_q`.

    The numerator is integrated like ``flint_q`` does ``q``: in ``x = (E - eps)/Delta``
    over ``x* +- 8 sqrt(2 (digits + 10))`` (the tails beyond are far below
    ``10**-digits``), with ``p<`` from arb's ``erfc``.  Returns an mpf of the ball's
    midpoint at 50 digits.
    """
    q = flint_q({"T": t, "Delta": delta}, digits)
    with ctx.workprec(int((digits + 10) * 3.33) + 10):
        s = arb(delta) / arb(t)
        half = arb(2 * (digits + 10)).sqrt() * 2
        root2 = arb(2).sqrt()
        norm = (2 * arb.pi()).sqrt()

        def f(z: Any, analytic: bool) -> Any:  # entire: the analytic flag needs no check
            return (-z * z / 2 - s * z).exp() * (-z / root2).erfc() / (2 * norm)

        num = acb.integral(f, acb(-s - half * 4), acb(-s + half * 4))
        ratio = (num / q).real
        text = ratio.mid().str(EXACT_DIGITS, radius=False)
    with mpmath.workdps(EXACT_DIGITS):
        return mpmath.mpf(text)


def bench_peers(runs: int) -> list[str]:
    methods: list[tuple[str, Callable[[str, str], Any]]] = [
        ("`scipy.integrate.quad` (doubles)", lambda t, d: scipy_fu(float(t), float(d))),
        (f"`mpmath.quad` over (-inf, inf), {DIGITS} digits", mpmath_fu),
        (f"remsym `reference(\"fu_avg\")`, {DIGITS} digits", remsym_fu),
        (f"python-flint `acb.integral`, {DIGITS} digits", flint_fu),
    ]
    lines = [
        f"| method | Delta/T | digits correct | time (median of {runs}, fresh points) |",
        "|---|---|---|---|",
    ]
    for delta in DELTAS:
        for name, method in methods:
            method("1", fresh(delta))  # compiles what a new point would reuse
            seconds, _ = median_time(method, runs, lambda d=delta: ("1", fresh(d)))
            check = fresh(delta)
            value, exact = method("1", check), exact_fu("1", check)
            lines.append(f"| {name} | {delta} | {digits_correct(value, exact)} "
                         f"| {fmt_time(seconds)} |")
    return lines


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    sections = [
        ("log<fu>: the log-space NumPy lambda", bench_lambda),
        ("Validated references (remsym_paper.numeric.reference)", bench_references),
        ("<fu> at T = 1 by four integrators (exact: erfc(Delta/2T)/2 at 50 digits)",
         bench_peers),
    ]
    for title, bench in sections:
        print(f"#### {title}\n")
        print("\n".join(bench(runs)))
        print()


if __name__ == "__main__":
    main()
