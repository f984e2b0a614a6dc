"""Where a one-dimensional integrand's mass lies: the position and width of its peak.

Every quadrature of this package splits its range at the integrand's peak and at
multiples of the peak's width, so that each piece sees a smooth, order-one function.
The peak is the maximiser of ``log f`` (``log |f|`` for a ball integrand); its width is
Laplace's scale ``1/sqrt(-(log f)'')`` at an interior maximum (Wong, *Asymptotic
Approximations of Integrals*, ch. II) or, where ``log f`` is not concave there, the
distance over which it falls.

============================  ==================================================
function                      role
============================  ==================================================
:func:`golden_section_max`    maximiser of a unimodal function on a bracket
:func:`bracket_max`           a bracket of the maximum, by doubling steps uphill
:func:`locate_peak`           peak (Newton, or bracket + golden section) and width
:func:`scan_peak`             peak from a coarse scan + golden section, width where
                              ``log f`` has fallen by one
============================  ==================================================

The golden-section search (Kiefer 1953; Press et al., *Numerical Recipes* §10.2) is
written once, here, and works in the arithmetic of its bracket: ``float`` ends give
``float`` trial points, ``mpf`` ends ``mpf`` points at the caller's precision.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import mpmath

from remsym.errors import NumericReferenceError

__all__ = ["Peak", "ScannedPeak", "golden_section_max", "bracket_max", "locate_peak", "scan_peak"]

LogFunction = Callable[[Any], Any]

#: ``1/phi`` in double precision, for brackets with ``float`` ends.
_INV_PHI = (5**0.5 - 1) / 2


class Peak(NamedTuple):
    """A peak: its position and its width."""

    position: Any
    width: Any


class ScannedPeak(NamedTuple):
    """A peak found by :func:`scan_peak`: position, width and ``log f`` there."""

    position: float
    width: float
    log_value: float


def golden_section_max(f: LogFunction, lo: Any, hi: Any, tol: Any) -> Any:
    """The maximiser of a unimodal ``f`` on ``[lo, hi]`` to within ``tol``: the middle of
    the last bracket of a golden-section search."""
    if isinstance(lo, float) and isinstance(hi, float):
        inv_phi: Any = _INV_PHI
    else:
        inv_phi = (mpmath.sqrt(5) - 1) / 2
    c = hi - inv_phi * (hi - lo)
    d = lo + inv_phi * (hi - lo)
    fc, fd = f(c), f(d)
    while hi - lo > tol:
        if fc >= fd:
            hi, d, fd = d, c, fc
            c = hi - inv_phi * (hi - lo)
            fc = f(c)
        else:
            lo, c, fc = c, d, fd
            d = lo + inv_phi * (hi - lo)
            fd = f(d)
    return (lo + hi) / 2


def bracket_max(f: LogFunction, a: Any, b: Any, guess: Any, scale: Any) -> tuple[Any, Any]:
    """A bracket of the maximum of ``f`` on ``[a, b]``: walk uphill from ``guess`` in
    steps that double from ``scale`` until ``f`` falls (or an end is reached)."""
    step = scale
    f0 = f(guess)
    right = min(guess + step, b)
    direction = 1 if f(right) > f0 else -1
    x, fx = guess, f0
    for _ in range(200):
        nxt = min(max(x + direction * step, a), b)
        fn = f(nxt)
        if fn <= fx or nxt in (a, b):
            lo, hi = sorted((x - direction * step, nxt))
            return max(lo, a), min(hi, b)
        x, fx = nxt, fn
        step *= 2
    raise NumericReferenceError("could not bracket the peak of an integrand")


def _newton_peak(dlogf: LogFunction, d2logf: LogFunction, a: Any, b: Any, x: Any,
                 scale: Any) -> tuple[Any, Any, Any]:
    """Newton's method on ``(log f)' = 0`` clamped to ``[a, b]``: ``(x, d1, d2)``."""
    for _ in range(100):
        d1, d2 = dlogf(x), d2logf(x)
        if d2 >= 0:
            # Not concave here: step by the scale towards increasing log f.
            new = x + (scale if d1 > 0 else -scale)
        else:
            new = x - d1 / d2
        new = min(max(new, a), b)
        done = abs(new - x) <= scale * mpmath.mpf(10) ** (-mpmath.mp.dps // 2)
        x = new
        if done:
            break
    return x, dlogf(x), d2logf(x)


def _golden_peak(logf: LogFunction, a: Any, b: Any, x: Any, scale: Any
                 ) -> tuple[Any, Any, Any]:
    """Bracket and golden-section search, then one-sided or central differences for the
    slope and curvature at the peak: ``(x, d1, d2)``."""
    lo, hi = bracket_max(logf, a, b, x, scale)
    tol = scale * mpmath.mpf("1e-3")
    x = golden_section_max(logf, lo, hi, tol)
    # An endpoint maximum: snap to it (the slope then sets the width).
    if x - a < 2 * tol and logf(a) >= logf(x):
        x = a
    elif b - x < 2 * tol and logf(b) >= logf(x):
        x = b
    h = scale / 20
    fm, f0, fp = logf(x - h), logf(x), logf(x + h)
    d1 = (fp - fm) / (2 * h)
    d2 = (fp - 2 * f0 + fm) / h**2
    if x + h > b:
        d1 = (f0 - fm) / h
    elif x - h < a:
        d1 = (fp - f0) / h
    return x, d1, d2


def locate_peak(logf: LogFunction, a: Any, b: Any, *, guess: Any, scale: Any,
                dlogf: LogFunction | None = None, d2logf: LogFunction | None = None
                ) -> Peak:
    """The peak of ``exp(logf)`` on ``[a, b]`` (either end may be infinite), in mpmath.

    With ``dlogf``/``d2logf`` the peak is found by Newton's method on the derivative,
    clamped to the interval; without them by :func:`bracket_max` and
    :func:`golden_section_max` at the caller's precision.  The width is
    ``1/sqrt(-logf'')`` at an interior peak and ``min(1/|logf'|, 1/sqrt(-logf''))`` at
    an endpoint maximum.
    """
    a, b = mpmath.mpf(a), mpmath.mpf(b)
    scale = mpmath.mpf(scale)
    x = min(max(mpmath.mpf(guess), a), b)
    if dlogf is not None and d2logf is not None:
        x, d1, d2 = _newton_peak(dlogf, d2logf, a, b, x, scale)
    else:
        x, d1, d2 = _golden_peak(logf, a, b, x, scale)
    curvature_width = 1 / mpmath.sqrt(-d2) if d2 < 0 else scale
    width = min(curvature_width, 1 / abs(d1)) if d1 != 0 else curvature_width
    return Peak(x, width)


def scan_peak(logf: Callable[[float], float], points: Sequence[float],
              resolution: float = 1e-3) -> ScannedPeak:
    """The largest value of ``logf`` (a ``float`` function) over a range, in doubles.

    ``logf`` is tried at ``points`` (sorted; ``-inf`` where the integrand vanishes or
    does not evaluate), the best one's neighbours bracket a golden-section search to
    ``resolution`` of the bracket (the peak only places quadrature pieces, so a rough one
    serves), and the width is the distance over which ``logf`` falls by one, found by
    doubling from the resolution.  Raises :class:`NumericReferenceError` when ``logf``
    is ``-inf`` at every point.
    """
    values = [logf(p) for p in points]
    j = max(range(len(points)), key=values.__getitem__)
    if values[j] == float("-inf"):
        raise NumericReferenceError("the integrand vanishes or overflows at every trial point")
    a, b = points[max(j - 1, 0)], points[min(j + 1, len(points) - 1)]
    goal = resolution * (b - a)
    peak = golden_section_max(logf, a, b, goal)
    top = logf(peak)
    if top < values[j]:
        peak, top = points[j], values[j]
    width = max(goal, 1e-3)
    for _ in range(80):
        if min(logf(peak + width), logf(peak - width)) < top - 1:
            break
        width *= 2
    return ScannedPeak(peak, width, top)
