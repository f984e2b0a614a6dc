"""A validated value of ``integral_a^b f exp(I lam h) dx`` on a finite range, for step checks.

Plain quadrature of an oscillatory integrand either stalls or returns a wrong value
without warning.  Here the range is cut at the critical points (between two of them
``h`` is monotone), each piece into as many panels as it has oscillations (counted
from ``lam * max|h'|`` on a fixed grid, a budget in work, not time), and every panel
is integrated by tanh-sinh, which also copes with integrable endpoint singularities
of ``f``.  Two partitions (``n`` and ``2n`` panels) must agree to the requested
digits, else :class:`remsym.errors.NumericReferenceError` is raised (DESIGN: a reference is
trusted only when two routes agree).  Precision is local (``mpmath.workdps``).

Map: :func:`phase_integral_evaluator`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import mpmath
import sympy as sp

from remsym.errors import NumericReferenceError

#: Sample points per piece used to bound ``|h'|`` when counting oscillations.
GRID = 64
#: Panels per oscillation in the first route (the second doubles it).
PANELS_PER_TURN = 1


def _panels(hp, a, b, lv) -> int:
    step = (b - a) / GRID
    slope = max(abs(hp(a + k * step)) for k in range(GRID + 1))
    return int(mpmath.ceil(lv * slope * (b - a) / (2 * mpmath.pi) * PANELS_PER_TURN)) + 2


def _piecewise(fn, cuts, counts) -> Any:
    total = mpmath.mpf(0)
    for (a, b), n in zip(zip(cuts, cuts[1:], strict=False), counts, strict=True):
        total += mpmath.quad(fn, mpmath.linspace(a, b, n + 1))
    return total


def phase_integral_evaluator(f: sp.Expr, h: sp.Expr, x: sp.Symbol, lam: sp.Symbol,
                             bounds, cuts: Sequence[sp.Expr]
                             ) -> Callable[[Mapping[sp.Symbol, Any], int], Any] | None:
    """``evaluate(point, digits)`` for a finite range, else None (infinite ends)."""
    lo, hi = (sp.sympify(b) for b in bounds)
    if not (lo.is_finite and hi.is_finite):
        return None
    params = sorted((f.free_symbols | h.free_symbols | lo.free_symbols | hi.free_symbols)
                    - {x}, key=sp.default_sort_key)
    args = [x, *params]
    f_num = sp.lambdify(args, f, modules="mpmath")
    h_num = sp.lambdify(args, h, modules="mpmath")
    hp_num = sp.lambdify(args, sp.diff(h, x), modules="mpmath")
    ends = sp.lambdify(params, [lo, hi, *cuts], modules="mpmath")

    def evaluate(point: Mapping[sp.Symbol, Any], digits: int) -> Any:
        with mpmath.workdps(digits + 15):
            lv = mpmath.mpf(point[lam])
            vals = [mpmath.mpf(point[p]) for p in params]
            a, b, *inner = (mpmath.mpf(v) for v in ends(*vals))
            edges = sorted({a, b, *(c for c in inner if a < c < b)})

            def fn(s):
                return f_num(s, *vals) * mpmath.expj(lv * h_num(s, *vals))

            def hp(s):
                return hp_num(s, *vals)
            counts = [_panels(hp, p, q, lv) for p, q in zip(edges, edges[1:], strict=False)]
            coarse = _piecewise(fn, edges, counts)
            fine = _piecewise(fn, edges, [2 * n for n in counts])
            if abs(fine - coarse) > abs(fine) * mpmath.mpf(10) ** (-digits):
                raise NumericReferenceError(
                    f"oscillatory quadrature did not settle at {lam} = {lv}: "
                    f"{mpmath.nstr(coarse, 12)} against {mpmath.nstr(fine, 12)}")
        return +fine

    return evaluate


__all__ = ["phase_integral_evaluator"]
