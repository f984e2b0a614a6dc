"""`remsym eval` for the rates and P_LM: exact (derived closed form) vs quadrature at 30 digits.

Run: python benchmarks/bench_rates.py
Prints, per quantity, the median time of one exact evaluation (after the one-time
derivation and lambdify, reported separately), the time of the validated quadrature
reference, their ratio, and the digits on which the two agree.
"""

import time

import mpmath
from bench_numeric import median_time  # the same timing helper (benchmarks/ is on sys.path)

from remsym_paper.numeric.reference import reference
from remsym_paper.numeric.service import evaluate_quantity

GRID = [("1", "3"), ("1", "5"), ("1", "9"), ("0.5", "7"), ("1", "20")]  # Delta/T = 3..20


def main():
    start = time.perf_counter()
    evaluate_quantity("rate_A1", ["T=1", "Delta=3"], "exact", 30)
    print(f"one-time derivation + lambdify: {time.perf_counter() - start:.1f} s\n")
    print("| quantity | Delta/T | exact (median of 20) | quadrature | ratio | agreeing digits |")
    print("|---|---|---|---|---|---|")
    for quantity in ("rate_A1", "rate_A2", "rate_A", "rate_B", "P_LM"):
        extra = ["N=20", "nu=1"] if quantity == "P_LM" else []
        for t, d in GRID:
            args = [f"T={t}", f"Delta={d}", *extra]
            te, ex = median_time(lambda q=quantity, a=args: evaluate_quantity(q, a, "exact", 30),
                           3 if quantity == "P_LM" else 20)
            params = {"T": t, "Delta": d, **({"N": "20", "nu": "1"} if extra else {})}
            tq, ref = median_time(lambda q=quantity, p=params: reference(q, p, 30).value, 1)
            with mpmath.workdps(40):
                err = abs(mpmath.mpf(ex["value"]) - ref) / abs(ref)
                agree = 40 if err == 0 else int(-mpmath.log10(err))
            s = float(mpmath.mpf(d) / mpmath.mpf(t))
            print(f"| {quantity} | {s:g} | {te * 1e3:.2f} ms | {tq:.2f} s | {tq / te:.0f}x "
                  f"| {agree} |")


if __name__ == "__main__":
    main()
