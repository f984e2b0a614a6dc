"""The symbolic witness's Gaussian integrals and the certified integrand's cost per node.

1. SymPy's evaluation of the paper's Gaussian integrals: ``doit`` (Meijer G) against
   :func:`remsym.derivation.antiderivative.definite_by_antiderivative`
   (``manualintegrate`` plus the fundamental theorem), each in a fresh SymPy cache.
2. One evaluation of a ball integrand at 180 bits: compiled whole (:func:`compile_arb`)
   against compiled with its parameter-only subexpressions hoisted and a product's
   exponentials merged into one (:func:`compile_arb_integrand`).

Run: python benchmarks/bench_witness.py [N]   (medians of N runs; default 5)
"""

import statistics
import sys
import time

import sympy as sp
from flint import acb, arb, ctx

from remsym.derivation.antiderivative import definite_by_antiderivative
from remsym.numeric.arb_code import compile_arb, compile_arb_integrand
from remsym_paper import model
from remsym_paper.symbols import Delta, E, E_prime, T, epsilon

INTEGRALS = {
    "Eq 4: G e^{-E/T} over the line": sp.Integral(model.G(E) * model.boltzmann(E),
                                                   (E, -sp.oo, sp.oo)),
    "Eq 9: G over (-oo, E)": sp.Integral(model.G(E_prime), (E_prime, -sp.oo, E)),
    "Eq 12: uphill G e^{-(E'-E)/T} over (E, oo)": sp.Integral(
        model.G(E_prime) * sp.exp(-(E_prime - E) / T), (E_prime, E, sp.oo)),
}


def _median_seconds(func, runs):
    times = []
    for _ in range(runs):
        sp.core.cache.clear_cache()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _per_call_us(func, calls=2000):
    start = time.perf_counter()
    for _ in range(calls):
        func()
    return (time.perf_counter() - start) / calls * 1e6


if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    for integral in INTEGRALS.values():  # SymPy's one-off tables, outside the timing
        integral.doit()
        definite_by_antiderivative(integral)
    print(f"| integral (median of {runs}) | doit | antiderivative | ratio |\n|---|---|---|---|")
    for name, integral in INTEGRALS.items():
        slow = _median_seconds(integral.doit, runs)
        fast = _median_seconds(lambda i=integral: definite_by_antiderivative(i), runs)
        print(f"| {name} | {slow:.3f} s | {fast:.3f} s | {slow / fast:.0f}x |")

    integrands = {
        "Boltzmann weight": model.G(E) * model.boltzmann(E),
        "Boltzmann weight x p<(E)": model.G(E) * model.boltzmann(E) * model.p_less_erfc(E),
    }
    print("\n| integrand at 180 bits | whole | hoisted, exps merged | ratio |\n|---|---|---|---|")
    params = (epsilon, Delta, T)
    with ctx.workprec(180):
        balls = [acb(arb(1) / 3), acb(arb(5) / 2), acb(arb(1) / 2)]
        node = acb(arb(3) / 10)
        for name, expr in integrands.items():
            whole = compile_arb(expr, (E,) + params)
            hoisted = compile_arb_integrand(expr, E, params)(*balls)
            a = statistics.median(_per_call_us(lambda f=whole: f(node, *balls))
                                  for _ in range(runs))
            b = statistics.median(_per_call_us(lambda f=hoisted: f(node)) for _ in range(runs))
            print(f"| {name} | {a:.1f} us | {b:.1f} us | {a / b:.1f}x |")
