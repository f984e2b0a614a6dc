"""Laplace's method at order 4: remsym against its peers, per case.

Peers (installed into the dev environment for this benchmark only, never
project dependencies): the PyPI package ``asymptotic``
(``asymptotic.probability.laplace_asymptotic_integral``) and SymPy itself
(``integrate`` of the integral, and ``series`` at ``oo`` of its closed form
divided by the leading term).  Each result is checked against an independent
30-digit reference (mpmath special functions or quadrature) at ``lam = 40``;
"digits" is ``-log10`` of the relative error there.  Times are medians; a peer
that exceeds the time limit is reported as such.  remsym's memos (its
``lru_cache`` tables) and SymPy's cache are cleared before each timed repetition of
remsym and of every peer (``timing.clear_memos``): the times are the work of an
expansion, not a lookup.

Run: python benchmarks/bench_asymptotics.py [RUNS] [LIMIT_SECONDS]
"""

from __future__ import annotations

import signal
import statistics
import sys
import time
from contextlib import contextmanager

import mpmath
import sympy as sp
from timing import clear_memos

from remsym.asymptotics import laplace

ORDER = 4
LAM_TEST = 40
lam = sp.Symbol("lambda", positive=True)
x = sp.Symbol("x", real=True)
t = sp.Symbol("t", positive=True)
a, b = sp.symbols("a b", positive=True)
POINT = {a: sp.Integer(4), b: sp.Rational(1, 2)}


class Timeout(Exception):
    pass


@contextmanager
def time_limit(seconds):
    def handler(signum, frame):
        raise Timeout

    old = signal.signal(signal.SIGALRM, handler)
    signal.alarm(int(seconds))
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _quad(f, g, bounds, peak):
    ff, gg = (sp.lambdify(x, e.subs(POINT), modules="mpmath") for e in (f, g))
    with mpmath.workdps(30):
        lv = mpmath.mpf(LAM_TEST)
        g0 = gg(mpmath.mpf(peak))
        lo, hi = (mpmath.mpf(v) if v.is_finite else mpmath.inf * sp.sign(v) for v in bounds)
        nodes = sorted({lo, hi, mpmath.mpf(peak)})
        return +mpmath.quad(lambda s: ff(s) * mpmath.exp(lv * (gg(s) - g0)), nodes) * \
            mpmath.exp(lv * g0)


def _reference_closed(closed):
    def ref():
        with mpmath.workdps(30):
            return sp.lambdify(lam, closed, modules="mpmath")(mpmath.mpf(LAM_TEST))
    return ref


# name, f, g, variable, bounds, closed form of the integral (or None), reference
CASES = [
    ("Stirling: int_0^oo exp(lam(log t - t)) dt", sp.Integer(1), sp.log(t) - t, t,
     (sp.Integer(0), sp.oo), sp.gamma(lam + 1) / lam ** (lam + 1),
     _reference_closed(sp.gamma(lam + 1) / lam ** (lam + 1))),
    ("Bessel: int exp(-lam cosh x) dx = 2 K0", sp.Integer(1), -sp.cosh(x), x,
     (-sp.oo, sp.oo), 2 * sp.besselk(0, lam), _reference_closed(2 * sp.besselk(0, lam))),
    ("Watson: int_0^1 exp(-lam x)/(1+x) dx", 1 / (1 + x), -x, x, (sp.Integer(0), sp.Integer(1)),
     sp.exp(lam) * (sp.expint(1, lam) - sp.expint(1, 2 * lam)),
     _reference_closed(sp.exp(lam) * (sp.expint(1, lam) - sp.expint(1, 2 * lam)))),
    ("Symbolic: int cos(b x) exp(-lam(a x^2/2 + x^4)) dx", sp.cos(b * x),
     -a * x**2 / 2 - x**4, x, (-sp.oo, sp.oo), None,
     lambda: _quad(sp.cos(b * x), -a * x**2 / 2 - x**4, (-sp.oo, sp.oo), 0)),
]


def _digits(expr, ref):
    value = ref()
    with mpmath.workdps(30):
        f = sp.lambdify(lam, expr.subs(POINT), modules="mpmath")
        rel = abs(f(mpmath.mpf(LAM_TEST)) / value - 1)
        return float(-mpmath.log10(rel)) if rel else float("inf")


def _median(fn, runs, limit, prepare=None):
    times, out = [], None
    for k in range(runs):
        if prepare is not None:
            prepare()
        start = time.perf_counter()
        with time_limit(limit):
            out = fn()
        times.append(time.perf_counter() - start)
        if k == 0 and times[0] > limit / 4:   # slow: one run is enough
            break
    return statistics.median(times), out


def bench_remsym(case, runs, limit):
    """(median seconds with every memo cleared first, the expansion)."""
    name, f, g, var, bounds, *_ = case
    return _median(lambda: laplace(f, g, var, lam, bounds, ORDER), runs, limit, clear_memos)


def bench_asymptotic(case, runs, limit):
    from asymptotic.probability import laplace_asymptotic_integral

    name, f, g, var, bounds, *_ = case
    # ``terms`` counts differently at an endpoint: ORDER + 2 gives the same ORDER + 1 terms
    terms = ORDER + 2 if bounds[0].is_finite and g == -x else ORDER + 1
    integrand = f * sp.exp(lam * g)
    return _median(lambda: laplace_asymptotic_integral(integrand, var, bounds, parameter=lam,
                                                       terms=terms).expression, runs, limit,
                   clear_memos)


def bench_sympy_series(case, leading, runs, limit):
    closed = case[5]
    if closed is None:
        raise NotImplementedError("no closed form")
    # series in 1/lam of closed/leading, to the order-4 relative term
    u = sp.Symbol("u", positive=True)

    def run():
        ratio = (closed / leading).subs(lam, 1 / u)
        return sp.series(ratio, u, 0, ORDER + 1).removeO().subs(u, 1 / lam) * leading

    return _median(run, runs, limit, clear_memos)


def bench_sympy_integrate(case, limit):
    name, f, g, var, bounds, *_ = case
    return _median(lambda: sp.integrate(f * sp.exp(lam * g), (var, *bounds)), 1, limit,
                   clear_memos)


def _fmt(seconds):
    return "timeout" if seconds is None else f"{seconds * 1e3:.0f} ms" if seconds < 10 else \
        f"{seconds:.1f} s"


def main(runs=5, limit=120):
    try:
        import asymptotic  # noqa: F401
        have_peer = True
    except ImportError:
        have_peer = False
        print("(the PyPI package `asymptotic` is not installed: pip install asymptotic)")
    rows = []
    for case in CASES:
        name, f, g, var, bounds, closed, ref = case
        t_cold, res = bench_remsym(case, runs, limit)
        row = {"case": name, "remsym": (t_cold, _digits(res.expr, ref))}
        peers = {}
        if have_peer:
            peers["asymptotic"] = lambda c=case: bench_asymptotic(c, runs, limit)
        peers["sympy series"] = lambda c=case, r=res: bench_sympy_series(c, r.leading, runs, limit)
        peers["sympy integrate"] = lambda c=case: bench_sympy_integrate(c, min(limit, 60))
        for label, fn in peers.items():
            try:
                seconds, expr = fn()
                unevaluated = expr.has(sp.Integral)
                row[label] = (seconds, None if unevaluated else _digits(expr, ref),
                              "unevaluated" if unevaluated else "")
            except Timeout:
                row[label] = (None, None, "timeout")
            except Exception as exc:  # a peer's failure is a result, not a crash
                row[label] = (None, None, type(exc).__name__)
        rows.append(row)
        print(f"\n{name}")
        rc, rd = row["remsym"]
        print(f"  remsym          {_fmt(rc):>14}  (memos cleared)  digits {rd:5.1f}")
        for label in peers:
            sec, dig, note = row[label]
            ratio = f"x{sec / rc:8.1f}" if sec else "        -"
            dig_s = f"{dig:5.1f}" if dig is not None else "    -"
            print(f"  {label:<15} {_fmt(sec) if sec else note:>14}  {ratio} of remsym"
                  f"  digits {dig_s} {note if sec else ''}")
    print(f"\nmedian of {runs} runs (one run if a run exceeds {limit / 4:.0f} s); digits: "
          f"-log10 relative error at lam = {LAM_TEST} against a 30-digit reference; "
          f"order {ORDER} (relative error O(lam^-5)).")
    return rows


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5,
         float(sys.argv[2]) if len(sys.argv) > 2 else 120)
