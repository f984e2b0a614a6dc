"""`remsym eval` for the rates and P_LM: exact (derived closed form) vs quadrature at 30 digits.

Run: python benchmarks/bench_rates.py [RUNS]
Prints, per quantity and grid point, the median time of one exact evaluation (RUNS,
default 20; 3 for P_LM), the time of one validated quadrature reference, their ratio, and
the digits on which the two agree at the same point.

Every evaluation, timed or not, is at a point not used before in the process
(``Delta`` of the grid plus a multiple of 1e-9, ``timing.fresh``): the references keep
per-point memos (the halves of Eq 12 are shared by ``rate_A1``, ``rate_A2`` and
``rate_A``), and a repeated point would time a lookup.  The one-time derivation and
lambdify of the exact forms is timed separately, first.
"""

import sys
import time

import mpmath
from timing import fresh, median_time

from remsym_paper.numeric.reference import reference
from remsym_paper.numeric.service import evaluate_quantity

GRID = [("1", "3"), ("1", "5"), ("1", "9"), ("0.5", "7"), ("1", "20")]  # Delta/T = 3..20
QUANTITIES = ("rate_A1", "rate_A2", "rate_A", "rate_B", "P_LM")
DIGITS = 30


def extra_params(quantity: str) -> dict[str, str]:
    return {"N": "20", "nu": "1"} if quantity == "P_LM" else {}


def exact_value(quantity: str, params: dict[str, str]) -> dict:
    return evaluate_quantity(quantity, [f"{k}={v}" for k, v in params.items()], "exact", DIGITS)


def row(quantity: str, t: str, d: str, runs: int) -> str:
    """One table row: exact and quadrature timed at fresh points near (T, Delta) = (t, d)."""
    def point() -> tuple[dict[str, str]]:
        return ({"T": t, "Delta": fresh(d), **extra_params(quantity)},)

    te, _ = median_time(lambda p: exact_value(quantity, p), runs, point)
    (params,) = point()
    tq, ref = median_time(lambda: reference(quantity, params, DIGITS).value, 1)
    ex = exact_value(quantity, params)  # untimed, at the reference's point
    with mpmath.workdps(40):
        err = abs(mpmath.mpf(ex["value"]) - ref) / abs(ref)
        agree = 40 if err == 0 else int(-mpmath.log10(err))
    s = float(mpmath.mpf(d) / mpmath.mpf(t))
    return (f"| {quantity} | {s:g} | {te * 1e3:.2f} ms | {tq:.2f} s | {tq / te:.3g}x "
            f"| {agree} |")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    start = time.perf_counter()
    exact_value("rate_A1", {"T": "1", "Delta": fresh("3")})
    print(f"one-time derivation + lambdify: {time.perf_counter() - start:.1f} s\n")
    print(f"| quantity | Delta/T | exact (median of {runs}, 3 for P_LM; fresh points) "
          "| quadrature (fresh point) | ratio | agreeing digits |")
    print("|---|---|---|---|---|---|")
    for quantity in QUANTITIES:
        for t, d in GRID:
            print(row(quantity, t, d, min(runs, 3) if quantity == "P_LM" else runs))


if __name__ == "__main__":
    main()
