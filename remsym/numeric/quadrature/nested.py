"""Inner integrals of a nested quadrature at every outer node, by one cumulative sweep.

A nested integral ``int a(x) (int_x^oo exp(b(u)) du) dx`` (or with ``int_-oo^x``) has an
inner integral whose *limit* is the outer variable; where its log-integrand separates,
``log f(u, x) = a(x) + b(u)``, the inner integral at every outer node is one running
sum.  With the outer nodes ``v_1 < ... < v_n`` sorted,

* the integral beyond the last node (``int_{v_n}^oo``, or ``int_{-oo}^{v_1}``) is
  computed once, directly, by the caller's ``anchor`` (a peak-split quadrature);
* the gaps between consecutive nodes are integrated by Gauss-Legendre, each gap cut
  so that ``b`` changes by at most about two nats per sub-interval, with the
  fewest nodes whose error bound for ``exp(lam t)`` (Davis & Rabinowitz §2.7) is
  below the working precision -- short gaps near the peak need only a few;
* the inner integral at each node is the running sum from the far end: a sum of
  positive terms, so nothing cancels, even where the inner integral is a tail
  ``1e-300`` of its total.

The work falls from ``n`` inner quadratures to about ``n * m`` evaluations of ``b``.
When ``b`` is a quadratic polynomial (a Gaussian, or a Gaussian times an exponential),
its coefficients may be passed and the gaps are summed in python-flint's ``arb``
arithmetic at the same precision, the running sum kept in ``arb`` too (the same nodes,
weights and cuts).

Each route of :data:`~.gauss_legendre.ROUTES` sweeps over its own outer nodes, with
its own rule order and precision, so the two-route check still compares independent
splittings.

=================================  =============================================
function                           role
=================================  =============================================
:func:`cumulative_log_integrals`   ``log int`` from every node to one end
=================================  =============================================
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import mpmath
from flint import arb, ctx

from remsym.numeric.quadrature.gauss_legendre import (
    arb_gauss_legendre,
    gauss_legendre_rule,
    gl_log10_error,
)

__all__ = ["cumulative_log_integrals"]

_ORDERS = tuple(range(4, 121, 2))
_LOG10_ERROR = {m: gl_log10_error(m) for m in _ORDERS}


def _order(lam: float, digits: int) -> int:
    """Smallest tabulated order whose error bound at ``lam <= 1`` is below ``10**-digits``."""
    log_lam = math.log10(max(float(lam), 1e-30))
    for m in _ORDERS:
        if _LOG10_ERROR[m] + 2 * m * log_lam < -digits:
            return m
    return _ORDERS[-1]


def _gap_integral(logg: Callable[[Any], Any], dlogg: Callable[[Any], Any], lo: Any, hi: Any,
                  digits: int, cache: dict) -> Any:
    """``int_lo^hi exp(logg)``; the gap cut so that ``logg`` moves <= ~2 nats per piece."""
    # For a concave logg the slope is largest at an end of the gap; the +1 stands
    # for the curvature of a unit-width Gaussian.
    rate = max(abs(_cached(dlogg, lo, cache)), abs(_cached(dlogg, hi, cache))) + 1
    length = hi - lo
    pieces = max(1, int(mpmath.ceil(length * rate / 2)))
    step = length / pieces
    m = _order(float(step * rate / 2), digits)
    nodes, weights = gauss_legendre_rule(m, mpmath.mp.prec)
    total = []
    for k in range(pieces):
        a = lo + k * step
        half, mid = step / 2, a + step / 2
        values = [logg(mid + half * t) for t in nodes]
        ref = max(values)
        total.append(half * mpmath.exp(ref) * mpmath.fsum(
            w * mpmath.exp(g - ref) for g, w in zip(values, weights, strict=True)))
    return mpmath.fsum(total)


def _gap_integral_quadratic(coefficients: tuple[Any, Any, Any], lo: Any, hi: Any,
                            digits: int) -> Any:
    """:func:`_gap_integral` for ``logg = c0 + c1 v + c2 v^2``, summed in ``arb``.

    The cuts and the order are sized in floating point from the slope ``c1 + 2 c2 v``
    at the ends (the same rule as :func:`_gap_integral`); the sum is in ``arb``.
    """
    c0, c1, c2 = coefficients
    lo_f, hi_f = float(lo), float(hi)
    s1, s2 = float(c1), float(c2)
    rate = max(abs(s1 + 2 * s2 * lo_f), abs(s1 + 2 * s2 * hi_f)) + 1
    length = hi_f - lo_f
    pieces = max(1, math.ceil(length * rate / 2))
    m = _order(length / pieces * rate / 2, digits)
    nodes, weights = arb_gauss_legendre(m, mpmath.mp.prec)
    a_lo = arb(lo)
    step = (arb(hi) - a_lo) / pieces
    half = step / 2
    total = arb(0)
    for k in range(pieces):
        mid = a_lo + k * step + half
        values = [c0 + v * (c1 + v * c2) for v in (mid + half * t for t in nodes)]
        ref = max(values, key=lambda g: g.mid())
        total += ref.exp() * sum((w * (g - ref).exp() for g, w in zip(
            values, weights, strict=True)), arb(0))
    return half * total


def _cached(f: Callable[[Any], Any], v: Any, cache: dict) -> Any:
    if v not in cache:
        cache[v] = f(v)
    return cache[v]


def cumulative_log_integrals(logg: Callable[[Any], Any], dlogg: Callable[[Any], Any],
                             points: Sequence[Any], side: str,
                             anchor: Callable[[Any], Any],
                             quadratic: tuple[Any, Any, Any] | None = None) -> list[Any]:
    """``log int_v^oo exp(logg)`` (``side="upper"``) or ``log int_-oo^v`` (``"lower"``).

    Returned for every ``v`` in ``points`` (any order, at the caller's precision).
    ``dlogg`` is the derivative of ``logg`` (it sizes the sub-intervals);
    ``anchor(v)`` returns the log of the integral from the outermost point to
    infinity, computed independently.  ``logg`` should be concave (every inner
    integrand of a Gaussian model is a Gaussian times an exponential).  ``quadratic``:
    ``(c0, c1, c2)`` with ``logg(v) = c0 + c1 v + c2 v^2``, to sum in ``arb``.
    """
    if side not in ("upper", "lower"):
        raise ValueError(f"side must be 'upper' or 'lower', not {side!r}")
    if not points:
        return []
    if quadratic is not None:
        return _cumulative_arb(quadratic, points, side, anchor)
    digits = max(mpmath.mp.dps, 10)
    cache: dict = {}
    logs: list[Any] = [None] * len(points)
    total = None
    for k, gap in _sweep(points, side):
        if total is None:
            logs[k] = anchor(points[k])
            total = mpmath.exp(logs[k])
            continue
        if gap is not None:
            total += _gap_integral(logg, dlogg, *gap, digits, cache)
        logs[k] = mpmath.log(total)
    return logs


def _sweep(points: Sequence[Any], side: str) -> Iterator[tuple[int, tuple[Any, Any] | None]]:
    """The sweep order from the far end: ``(index, gap)``, ``gap = (lo, hi)`` to the previous
    distinct point, ``None`` for the first point and for a repeated one."""
    order = sorted(range(len(points)), key=lambda k: points[k])
    if side == "upper":
        order.reverse()
    previous = None
    for k in order:
        v = points[k]
        if previous is None or v == previous:
            yield k, None
        else:
            yield k, ((v, previous) if side == "upper" else (previous, v))
        previous = v


def _cumulative_arb(quadratic: tuple[Any, Any, Any], points: Sequence[Any], side: str,
                    anchor: Callable[[Any], Any]) -> list[Any]:
    """The sweep of :func:`cumulative_log_integrals` with ``arb`` gap sums."""
    digits = max(mpmath.mp.dps, 10)
    prec = mpmath.mp.prec
    totals: list[Any] = [None] * len(points)
    with ctx.workprec(prec + 10):
        c0, c1, c2 = quadratic
        coefficients = (arb(c0), arb(c1), arb(c2))
        total = None
        for k, gap in _sweep(points, side):
            if total is None:
                total = arb(anchor(points[k])).exp()
            elif gap is not None:
                total = total + _gap_integral_quadratic(coefficients, *gap, digits)
            totals[k] = total
        # back to mpmath at the caller's precision: the midpoint's decimal expansion
        return [mpmath.mpf(t.log().mid().str(digits + 10, radius=False)) for t in totals]
