"""Gauss-Legendre quadrature of sharply peaked log-integrands, split at the peak.

An integrand given by its logarithm (values far outside double range, a peak tens of
widths away from the origin) is divided by its value at the peak, so that every piece
sees numbers of order one; the range is split at the peak and at break points that
start a few widths away and grow geometrically, each piece integrated by the same
``n``-point Gauss-Legendre rule (Davis & Rabinowitz, *Methods of Numerical
Integration*, §2.7).  A piece is halved while the integrand falls by more than the
rule integrates to the target digits across it, and the range is cut where the
integrand has fallen below ``10**-(digits+4)`` of its peak value: for a log-concave
integrand the neglected tail is then below that fraction times a few widths.

=============================  =================================================
name                           role
=============================  =================================================
:func:`gauss_legendre_rule`    nodes and weights on [-1, 1] as ``mpf`` (from Arb)
:func:`arb_gauss_legendre`     the same rule as ``arb`` numbers
:func:`gl_log10_error`         the rule's error constant for ``exp(lam t)``
:class:`QuadRoute`             one splitting: offsets, growth, order, guard digits
:data:`ROUTES`                 the two splittings a validated value compares
:func:`integrate_route`        ``log`` of the integral on one route
=============================  =================================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import mpmath
from flint import arb, ctx

from remsym.errors import NumericReferenceError

__all__ = ["QuadRoute", "ROUTES", "LogIntegrand", "gauss_legendre_rule", "arb_gauss_legendre",
           "gl_log10_error", "integrate_route"]

LogIntegrand = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class QuadRoute:
    """One quadrature route.

    ``offsets`` are the first break points, in widths from the peak (the gaps then
    grow geometrically by ``growth`` up to the cut); ``nodes_per_digit`` sets the
    Gauss-Legendre order per piece from the target digits; ``guard`` is the number
    of extra working digits; ``max_fall`` caps the fall of ``log f`` across a piece.
    """

    name: str
    offsets: tuple[float, ...]
    nodes_per_digit: float
    guard: int
    growth: float = 1.35
    max_fall: float = 20.0


#: The two independent routes (different splitting, order and precision).
ROUTES: tuple[QuadRoute, QuadRoute] = (
    QuadRoute("Gauss-Legendre, split A", (1.0, 2.0, 3.5, 5.5, 8.0), 0.6, 10, 1.35, 12.0),
    QuadRoute("Gauss-Legendre, split B", (1.5, 3.5, 6.0, 9.0), 0.8, 20, 1.5, 10.0),
)


@lru_cache(maxsize=512)
def gauss_legendre_rule(n: int, prec: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The ``n``-point Gauss-Legendre rule on [-1, 1] to ``prec`` bits, nodes ascending.

    Arb's roots and weights of ``P_n`` (``arb.legendre_p_root``: certified balls,
    computed 20 bits above ``prec``, midpoints rounded to ``mpf``).  Arb finds each root
    directly; ``mpmath.gauss_quadrature`` would solve the Jacobi eigenproblem.
    """
    with ctx.workprec(prec + 20):
        pairs = [arb.legendre_p_root(n, k, weight=True) for k in range(n - 1, -1, -1)]
    with mpmath.workprec(prec):
        def rounded(ball: Any) -> Any:
            man, exp = ball.mid().man_exp()
            return +mpmath.mpf((int(man), int(exp)))

        return tuple(rounded(x) for x, _ in pairs), tuple(rounded(w) for _, w in pairs)


@lru_cache(maxsize=512)
def arb_gauss_legendre(n: int, prec: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """:func:`gauss_legendre_rule` as ``arb`` numbers (exact copies of the ``mpf`` ones)."""
    nodes, weights = gauss_legendre_rule(n, prec)
    return tuple(arb(t) for t in nodes), tuple(arb(w) for w in weights)


@lru_cache(maxsize=256)
def gl_log10_error(m: int) -> float:
    """log10 of Gauss-Legendre's error constant for ``exp(lam t)`` on [-1, 1], without ``lam``.

    The ``m``-point rule errs by ``2**(2m+1) (m!)**4 / ((2m+1) ((2m)!)**3) * lam**(2m)``
    relative to the integral (Davis & Rabinowitz §2.7, with ``f^(2m) = lam**(2m) f``).
    """
    with mpmath.workdps(20):
        return float(mpmath.log10(mpmath.mpf(2) ** (2 * m + 1) * mpmath.factorial(m) ** 4
                                  / ((2 * m + 1) * mpmath.factorial(2 * m) ** 3)))


def _target_digits(route: QuadRoute) -> int:
    return max(mpmath.mp.dps - route.guard, 3)


def _fall_limit(route: QuadRoute, n: int, digits: int) -> float:
    """The largest log-drop across one piece that the ``n``-point rule integrates to ``digits``.

    A piece over which ``log f`` falls by ``2 lam`` is, to first order, ``exp(lam t)`` on
    [-1, 1]; :func:`gl_log10_error` bounds the rule's relative error on it.  Capped by
    ``route.max_fall``: a route with few nodes per digit would otherwise let a steep
    integrand (a high power of a tail probability) fall faster than its rule resolves.
    """
    lam = 10 ** ((-digits - gl_log10_error(n)) / (2 * n))
    return min(route.max_fall, 2 * lam)


def _piece_edges(route: QuadRoute, peak: Any, width: Any, end: Any, sign: int,
                 logf: LogIntegrand, lp: Any, drop: Any, max_fall: float
                 ) -> list[tuple[Any, Any]]:
    """Break points from the peak towards ``end`` with the log-drop at each one.

    Gaps start at ``route.offsets`` (in widths) and grow geometrically, but a gap is
    halved while the integrand falls by more than ``max_fall`` nats across it
    (faster-than-Gaussian decay).  Stops at the first point where ``logf`` has fallen
    by ``drop`` below its peak value or at ``end``.
    """
    edges = [(peak, mpmath.mpf(0))]
    position = mpmath.mpf(0)
    offsets = list(route.offsets)
    gap = mpmath.mpf(route.offsets[0])
    while len(edges) < 1000:
        gap = (offsets.pop(0) - position) if offsets else gap * route.growth
        while True:
            c = peak + sign * (position + gap) * width
            if (sign > 0 and c >= end) or (sign < 0 and c <= end):
                fall = None if mpmath.isinf(end) else lp - logf(end)
                if fall is None or fall - edges[-1][1] <= max_fall or gap < 1e-6:
                    edges.append((end, fall))
                    return edges
            else:
                fall = lp - logf(c)
                if fall - edges[-1][1] <= max_fall or gap < 1e-6:
                    break
            gap /= 2
            offsets = []
        position += gap
        edges.append((c, fall))
        if fall > drop:
            return edges
    raise NumericReferenceError("integrand too steep to split into quadrature pieces")


def _pieces(logf: LogIntegrand, a: Any, b: Any, peak: Any, width: Any, route: QuadRoute,
            lp: Any, nodes: tuple[Any, ...]) -> list[tuple[Any, list[Any]]]:
    """``(half-length, nodes)`` of every piece on both sides of the peak."""
    target = _target_digits(route) + 4
    drop = target * mpmath.log(10) + 5
    max_fall = _fall_limit(route, len(nodes), target)
    pieces: list[tuple[Any, list[Any]]] = []
    for sign, end in ((-1, a), (+1, b)):
        if (sign < 0 and a >= peak) or (sign > 0 and b <= peak):
            continue
        edges = _piece_edges(route, peak, width, end, sign, logf, lp, drop, max_fall)
        for (x0, _), (x1, _) in zip(edges, edges[1:], strict=False):
            if mpmath.isinf(x1):
                raise NumericReferenceError("integrand does not decay towards infinity")
            half, mid = (x1 - x0) / 2, (x0 + x1) / 2
            pieces.append((abs(half), [mid + half * t for t in nodes]))
    return pieces


def integrate_route(logf: LogIntegrand, a: Any, b: Any, peak: Any, width: Any,
                    route: QuadRoute, multiplier: LogIntegrand | None = None,
                    batch: Callable[[list[Any]], list[Any]] | None = None
                    ) -> tuple[Any, Any]:
    """``int_a^b exp(logf)`` on one route at the caller's precision: ``(log_peak, scaled)``.

    The integral is ``exp(log_peak) * scaled``; ``scaled`` is of order ``width``.
    ``peak`` only places the pieces and may be rough, but the pieces never leave
    ``[a, b]``: a peak outside is moved onto the nearer end.  Every piece gets the same
    Gauss-Legendre rule, far pieces included (they are steep).  An optional
    ``multiplier(x)`` (of any sign) multiplies ``exp(logf)``.

    With ``batch``, ``logf`` only places the pieces (its value at the peak is the
    common scale, so it may be a cheap, lower-precision version) and ``batch(nodes)``
    returns the log-integrand at every quadrature node at once -- the hook through
    which nested integrals are swept in one pass (:mod:`.nested`).
    """
    a, b = mpmath.mpf(a), mpmath.mpf(b)
    # The pieces start at the peak, so a peak outside [a, b] (one placed at low
    # precision and rounded past a finite end) would add the sliver between it and
    # the end: an error of that size, the same on every route.
    peak = min(max(mpmath.mpf(peak), a), b)
    lp = logf(peak)
    n = max(int(route.nodes_per_digit * (_target_digits(route) + 4) + 0.5), 6)
    nodes, weights = gauss_legendre_rule(n, mpmath.mp.prec)
    pieces = _pieces(logf, a, b, peak, width, route, lp, nodes)
    points = [v for _, piece in pieces for v in piece]
    values = batch(points) if batch is not None else [logf(v) for v in points]
    total = mpmath.mpf(0)
    for k, (half, piece) in enumerate(pieces):
        acc = []
        for j, (v, w) in enumerate(zip(piece, weights, strict=True)):
            term = w * mpmath.exp(values[k * n + j] - lp)
            acc.append(term * multiplier(v) if multiplier is not None else term)
        total += half * mpmath.fsum(acc)
    return lp, total
