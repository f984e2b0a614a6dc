"""Step-witness integrals: certified ball quadrature vs tanh-sinh on fixed breaks.

The checker evaluates both sides of every exact step at 5 points to 30 digits.  For
one-dimensional integrals its first route is certified Arb quadrature
(:mod:`remsym.numeric.quadrature.arb`, python-flint's ``acb.integral``); its fallback
is tanh-sinh quadrature cut at 17 fixed break points (:mod:`remsym.numeric.integrals`).
This prints, for three integrals of the paper at Delta/T in {1, 9, 20}, the median time
of each route (of ``RUNS``; the certified route's memo of balls is cleared before every
call, so the quadrature is timed, not the memo; both routes keep their generated code),
their ratio, and each route's digits against the closed form written here
(q = exp(-eps/T + Delta^2/2T^2), <p<> = erfc(Delta/2T)/2, and the Eq 12 inner integral
q e^{E/T} Phi((E* - E)/Delta)); "not converged" where the peak lies beyond the breaks.

Run: python benchmarks/bench_certified.py
"""

from __future__ import annotations

import mpmath
import sympy as sp
from bench_numeric import median_time  # the same timing helper (benchmarks/ is on sys.path)

from remsym.errors import NumericReferenceError
from remsym.numeric.integrals import quadrature_value
from remsym.numeric.quadrature.arb import CertifiedValue, certified_integral, clear_memo
from remsym_paper import model
from remsym_paper.symbols import Delta, E, E_prime, T, epsilon

RUNS = 5
DIGITS = 30
WEIGHT = model.G(E) * model.boltzmann(E)
CASES = {
    "q = int G e^{-E/T}": sp.Integral(WEIGHT, (E, -sp.oo, sp.oo)),
    "int G e^{-E/T} p<(E)": sp.Integral(WEIGHT * model.p_less_erfc(E), (E, -sp.oo, sp.oo)),
    "Eq 12 inner, int_E^oo": sp.Integral(sp.exp(-(E_prime - E) / T) * model.G(E_prime),
                                         (E_prime, sp.Rational(-1, 2), sp.oo)),
}


def closed_form(name: str, t, d, e, en):
    """The value of case ``name`` written independently of the engine (inside workdps)."""
    q = mpmath.exp(-e / t + d**2 / (2 * t**2))
    if name.startswith("q"):
        return q
    if name.startswith("int G"):
        return q * mpmath.erfc(d / t / 2) / 2
    return q * mpmath.exp(en / t) * mpmath.ncdf((e - d**2 / t - en) / d)


def fresh_certified(integral: sp.Integral, point: dict) -> CertifiedValue:
    """A certified ball computed afresh (the memo cleared first)."""
    clear_memo()
    return certified_integral(integral, point, DIGITS + 10)


def digits_of(v: object, exact: object) -> str:
    """Correct digits of ``v`` against ``exact`` (inside workdps), or why there are none."""
    if v is None:
        return "not converged"
    return "inf" if v == exact else f"{float(-mpmath.log10(abs(v - exact) / abs(exact))):.1f}"


def main() -> None:
    print(f"| integral | Delta/T | certified (median of {RUNS}) | digits | tanh-sinh, breaks "
          "| digits | time ratio |\n|---|---|---|---|---|---|---|")
    for name, integral in CASES.items():
        for ratio in (1, 9, 20):
            values = {T: sp.Integer(1), Delta: sp.Integer(ratio), epsilon: sp.Rational(3, 10),
                      E: sp.Rational(-1, 2)}
            point = {k: v for k, v in values.items() if k in integral.free_symbols}
            fast, ball = median_time(lambda i=integral, p=point: fresh_certified(i, p), RUNS)
            sub = integral.xreplace(point).xreplace({E_prime: sp.Symbol("v")})
            try:
                slow, quad = median_time(lambda s=sub: quadrature_value(s, DIGITS), RUNS)
            except NumericReferenceError:  # a peak beyond the breaks' reach (Delta/T = 20)
                slow, quad = float("nan"), None
            with mpmath.workdps(DIGITS + 30):
                exact = closed_form(name, mpmath.mpf(1), mpmath.mpf(ratio), mpmath.mpf(3) / 10,
                                    mpmath.mpf(-1) / 2)
                digits = [digits_of(ball.value, exact), digits_of(quad, exact)]
            slow_text, ratio_text = ((f"{slow * 1e3:.1f} ms", f"{slow / fast:.0f}x")
                                     if quad is not None else ("-", "-"))
            print(f"| {name} | {ratio} | {fast * 1e3:.1f} ms | {digits[0]} | "
                  f"{slow_text} | {digits[1]} | {ratio_text} |")


if __name__ == "__main__":
    main()
