"""The textbook families of the asymptotic engine at order 4: remsym against its peers.

One row per family (issue 20): several maxima, Watson's lemma with a power and with
a logarithm, degenerate maxima (interior and endpoint), stationary phase (simple
points with endpoints, and a cubic point).  For each:

* ``symbolic``: remsym's order-4 expansion of a version with symbolic parameters,
  median of RUNS, SymPy's cache and every remsym memo cleared before each repetition
  (``timing.clear_memos``): the work of an expansion, not a lookup;
* ``digits``: ``-log10`` of the relative error of the order-4 expansion of a
  concrete case at a large parameter against a 30-digit reference (a closed form
  where one exists, else mpmath quadrature split at the peak or on the rotated
  path), for remsym and for the peers on the same concrete case: the PyPI package
  ``asymptotic`` (``asymptotic.probability.laplace_asymptotic_integral``, installed
  for this benchmark only, never a dependency), SymPy ``series`` of the closed form
  about ``oo`` and SymPy ``integrate`` (SymPy's cache cleared before each, too).  A
  peer's exception is reported by name.

Run: python benchmarks/bench_laplace_families.py [RUNS] [LIMIT_SECONDS]
"""

from __future__ import annotations

import statistics
import sys
import time

import mpmath
import sympy as sp
from bench_asymptotics import Timeout, time_limit
from timing import clear_memos

from remsym.asymptotics import laplace

ORDER = 4
lam = sp.Symbol("lambda", positive=True)
x = sp.Symbol("x", real=True)
a, b = sp.symbols("a b", positive=True)
I = sp.I


def _closed(expr):
    def ref(lv):
        return sp.lambdify(lam, expr, modules="mpmath")(lv)
    return ref


def _quad(f, g, nodes):
    ff, gg = (sp.lambdify(x, e, modules="mpmath") for e in (f, g))

    def ref(lv):
        return mpmath.quad(lambda s: ff(s) * mpmath.exp(lv * gg(s)), [eval_node(n, lv)
                                                                       for n in nodes])
    return ref


def eval_node(node, lv):
    return node(lv) if callable(node) else mpmath.mpf(node) if node not in (
        sp.oo, -sp.oo) else (mpmath.inf if node == sp.oo else -mpmath.inf)


def _rotated_cubic(lv):
    rot = mpmath.expjpi(mpmath.mpf(1) / 6)
    w = lv ** -(mpmath.mpf(1) / 3)
    return rot * mpmath.quad(lambda r: mpmath.exp(-lv * r**3) / (1 + rot * r),
                             [0, w, 5 * w, mpmath.inf])


WELL = -x**4 / 4 + x**2 / 2
# family, concrete (f, g, bounds), lam, reference, closed form or None, symbolic (f, g, bounds)
FAMILIES = [
    ("several maxima: ∫ e^{λ(x²/2 − x⁴/4)} dx (two equal tops)",
     (1, WELL, (-sp.oo, sp.oo)), 100,
     _closed(sp.pi / 2 * sp.exp(lam / 8) * (sp.besseli(-sp.Rational(1, 4), lam / 8)
                                          + sp.besseli(sp.Rational(1, 4), lam / 8))),
     sp.pi / 2 * sp.exp(lam / 8) * (sp.besseli(-sp.Rational(1, 4), lam / 8)
                                    + sp.besseli(sp.Rational(1, 4), lam / 8)),
     (sp.cos(b * x), -(x**2 - a) ** 2, (-sp.oo, sp.oo))),
    ("Watson, power: ∫₀^∞ x^{−1/2} e^{−λx}/(1+x) dx = π e^λ erfc √λ",
     (1 / (sp.sqrt(x) * (1 + x)), -x, (0, sp.oo)), 40,
     _closed(sp.pi * sp.exp(lam) * sp.erfc(sp.sqrt(lam))),
     sp.pi * sp.exp(lam) * sp.erfc(sp.sqrt(lam)),
     (x ** (a - 1) / (1 + b * x), -x, (0, sp.oo))),
    ("Watson, log: ∫₀¹ log(x) e^{−λx}/(1+x) dx",
     (sp.log(x) / (1 + x), -x, (0, 1)), 40,
     _quad(sp.log(x) / (1 + x), -x, [0, lambda lv: 1 / lv, lambda lv: 10 / lv, 1]), None,
     (x ** (a - 1) * sp.log(x) / (1 + b * x), -x, (0, sp.oo))),
    ("degenerate top: ∫ cos(x) e^{−λx⁴} dx",
     (sp.cos(x), -x**4, (-sp.oo, sp.oo)), 400,
     _quad(sp.cos(x), -x**4, [-sp.oo, -1, -0.2, 0, 0.2, 1, sp.oo]), None,
     (1 + b * x**2, -a * x**4 - x**6, (-sp.oo, sp.oo))),
    ("degenerate endpoint: ∫₀¹ e^{−λx³}/(1+x) dx",
     (1 / (1 + x), -x**3, (0, 1)), 10**4,
     _quad(1 / (1 + x), -x**3, [0, 0.02, 0.1, 1]), None,
     (1 / (1 + b * x), -a * x**3 - x**4, (0, 1))),
    ("stationary phase: λ^{1/3}∫ e^{iλ(x³/3 − x)} dx = 2π Ai(−λ^{2/3})",
     (1, I * (x**3 / 3 - x), (-sp.oo, sp.oo)), 40,
     _closed(2 * sp.pi * sp.airyai(-lam ** sp.Rational(2, 3)) / lam ** sp.Rational(1, 3)),
     2 * sp.pi * sp.airyai(-lam ** sp.Rational(2, 3)) / lam ** sp.Rational(1, 3),
     (1 / (1 + b * x**2), I * (x**3 / 3 - a * x), (-sp.oo, sp.oo))),
    ("stationary phase, cubic point: ∫₀^∞ e^{iλx³}/(1+x) dx",
     (1 / (1 + x), I * x**3, (0, sp.oo)), 10**4, _rotated_cubic, None,
     (1 / (1 + b * x), I * (a * x**3 + x**4), (0, sp.oo))),
]


def _median(fn, runs, limit, clear=False):
    """Median wall and CPU seconds (CPU time is what a shared machine distorts least)."""
    walls, cpus, out = [], [], None
    for _ in range(runs):
        if clear:
            clear_memos()
        start, cpu = time.perf_counter(), time.process_time()
        with time_limit(limit):
            out = fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), out, statistics.median(cpus)


def _digits(expr, ref, lv):
    with mpmath.workdps(30):
        lv = mpmath.mpf(lv)
        value = sp.lambdify(lam, expr, modules="mpmath")(lv)
        rel = abs(value / ref(lv) - 1)
        return float(-mpmath.log10(rel)) if rel else float("inf")


def _peer_asymptotic(f, g, bounds):
    from asymptotic.probability import laplace_asymptotic_integral

    res = laplace_asymptotic_integral(f * sp.exp(lam * g), x, bounds, parameter=lam,
                                      terms=ORDER + 1)
    return res.expression


def _peer_series(closed, leading):
    u = sp.Symbol("u", positive=True)
    ratio = sp.powsimp(closed / leading).subs(lam, 1 / u)
    return sp.series(ratio, u, 0, ORDER + 1).removeO().subs(u, 1 / lam) * leading


def _try(fn, limit):
    try:
        seconds, expr, _ = _median(fn, 1, limit, clear=True)
        return seconds, expr, ""
    except Timeout:
        return None, None, "timeout"
    except Exception as exc:  # a peer's failure is a result, not a crash
        return None, None, type(exc).__name__


def _fmt(seconds):
    if seconds is None:
        return "-"
    return f"{seconds * 1e3:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def main(runs=5, limit=60):
    for name, (f, g, bounds), lv, ref, closed, (fs, gs, bs) in FAMILIES:
        cold, sym, cold_cpu = _median(lambda f=fs, g=gs, b=bs: laplace(f, g, x, lam, b, ORDER),
                                      runs, limit, clear=True)
        t_num, res, _ = _median(lambda f=f, g=g, b=bounds: laplace(f, g, x, lam, b, ORDER), 1,
                                limit, clear=True)
        print(f"\n{name}   (lambda = {lv})")
        print(f"  remsym symbolic order 4: {_fmt(cold)} (CPU {_fmt(cold_cpu)}), memos cleared; "
              f"order {sp.sstr(sym.order)}")
        print(f"  remsym concrete: {_fmt(t_num)}, digits {_digits(res.expr, ref, lv):.1f}")
        peers = {"asymptotic": lambda f=f, g=g, b=bounds: _peer_asymptotic(f, g, b),
                 "sympy integrate": lambda f=f, g=g, b=bounds: sp.integrate(
                     f * sp.exp(lam * g), (x, *b))}
        if closed is not None:
            peers["sympy series"] = lambda c=closed, r=res: _peer_series(c, r.leading)
        for label, fn in peers.items():
            seconds, expr, note = _try(fn, limit)
            if expr is not None and expr.has(sp.Integral):
                note = "unevaluated"
            elif expr is not None:
                try:
                    note = f"digits {_digits(expr, ref, lv):.1f}"
                except Exception as exc:  # an answer mpmath cannot evaluate
                    note = f"answer not evaluable ({type(exc).__name__})"
            print(f"  {label:<16} {_fmt(seconds):>9}  {note}")
    print(f"\nsymbolic: median of {runs} runs (wall and CPU), memos cleared before each; "
          f"digits: -log10 relative error of the order-{ORDER} expansion against a 30-digit "
          "reference.")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5,
         float(sys.argv[2]) if len(sys.argv) > 2 else 60)
