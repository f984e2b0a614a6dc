"""Validated mpmath quadrature of sharply peaked one-dimensional integrands.

The REM's integrands are Gaussians of width ``Delta`` centred tens of widths away
from the origin, times Boltzmann factors and error functions; their values leave
double range.  A single ``mpmath.quad`` call over the real line can miss the peak
or lose most digits while *appearing* to succeed (seen on the nested rate integral
at ``Delta/T ~ 18``).  This module therefore

1. works with the **logarithm** of the integrand and divides by its value at the
   peak, so that every quadrature sees numbers of order one;
2. **locates the peak numerically** (Newton on a supplied derivative, else a
   golden-section search) and measures its width from the curvature (Laplace's
   scale, Wong ch. II) or, at an endpoint maximum, from the slope;
3. **splits** the range at the peak and at a few widths on either side, and cuts
   it where the integrand has fallen below ``10**-(dps+4)`` of its peak value --
   for a log-concave integrand (every integrand of the REM is one) the neglected
   tail is then provably below that fraction times a few widths;
4. integrates by **two independent routes** (tanh-sinh on one splitting at
   ``digits + 12`` digits, Gauss-Legendre on another at ``digits + 24``) and accepts
   the value only when they agree to the requested digits; otherwise it raises
   :class:`~remsym.errors.NumericReferenceError` with the size of the disagreement.

=============================  =================================================
name                           role
=============================  =================================================
:class:`QuadRoute`             one route: splitting, quadrature rule, guard digits
:data:`ROUTES`                 the two routes every validated value uses
:func:`locate_peak`            peak position and width of a log-integrand
:func:`integrate_route`        one route: returns ``log`` of the integral
:func:`validated_log_integral` two routes of a (route-dependent) log-integrand
:func:`validated_quad`         the simple public entry: a 1-D integral, two routes
:class:`ValidatedValue`        the accepted value with its evidence
=============================  =================================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import mpmath

from remsym.errors import NumericReferenceError

__all__ = [
    "QuadRoute", "ROUTES", "ValidatedValue", "locate_peak", "integrate_route",
    "validated_log_integral", "validated_quad", "check_agreement",
]

LogIntegrand = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class QuadRoute:
    """One quadrature route.

    ``offsets`` are the first break points, in widths from the peak (the gaps then
    grow geometrically by ``growth`` up to the cut); ``nodes_per_digit`` sets the
    Gauss-Legendre order per piece from the target digits; ``guard`` is the number
    of extra working digits.
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


@dataclass(frozen=True, slots=True)
class ValidatedValue:
    """A value accepted because independent routes agree.

    ``value`` is held at the precision of the most precise route; ``log_value``
    is its natural log (``None`` when the value is not positive); ``routes``
    lists ``(name, value)`` for every route; ``rel_diff`` is the largest relative
    disagreement between routes (relative to ``scale`` when one was given).
    """

    value: Any
    log_value: Any
    routes: tuple[tuple[str, Any], ...]
    rel_diff: Any
    digits: int
    notes: tuple[str, ...] = field(default=())


def _golden_max(logf: LogIntegrand, lo: Any, hi: Any, tol: Any) -> Any:
    """Maximiser of a unimodal ``logf`` on ``[lo, hi]`` by golden-section search."""
    inv_phi = (mpmath.sqrt(5) - 1) / 2
    c = hi - inv_phi * (hi - lo)
    d = lo + inv_phi * (hi - lo)
    fc, fd = logf(c), logf(d)
    while hi - lo > tol:
        if fc >= fd:
            hi, d, fd = d, c, fc
            c = hi - inv_phi * (hi - lo)
            fc = logf(c)
        else:
            lo, c, fc = c, d, fd
            d = lo + inv_phi * (hi - lo)
            fd = logf(d)
    return (lo + hi) / 2


def _bracket_max(logf: LogIntegrand, a: Any, b: Any, guess: Any, scale: Any
                 ) -> tuple[Any, Any]:
    """Walk uphill from ``guess`` in doubling steps until the maximum is bracketed."""
    step = scale
    f0 = logf(guess)
    right = min(guess + step, b)
    direction = 1 if logf(right) > f0 else -1
    x, fx = guess, f0
    for _ in range(200):
        nxt = x + direction * step
        nxt = min(max(nxt, a), b)
        fn = logf(nxt)
        if fn <= fx or nxt in (a, b):
            lo, hi = sorted((x - direction * step, nxt))
            return max(lo, a), min(hi, b)
        x, fx = nxt, fn
        step *= 2
    raise NumericReferenceError("could not bracket the peak of an integrand")


def locate_peak(logf: LogIntegrand, a: Any, b: Any, *, guess: Any, scale: Any,
                dlogf: LogIntegrand | None = None, d2logf: LogIntegrand | None = None
                ) -> tuple[Any, Any]:
    """Return ``(peak, width)`` of ``exp(logf)`` on ``[a, b]`` (``a``, ``b`` may be infinite).

    With ``dlogf``/``d2logf`` the peak is found by Newton's method on the
    derivative, clamped to the interval; without them by bracketing and a
    golden-section search at the caller's precision.  The width is
    ``1/sqrt(-logf'')`` at an interior peak and ``min(1/|logf'|, 1/sqrt(-logf''))``
    at an endpoint maximum.
    """
    a, b = mpmath.mpf(a), mpmath.mpf(b)
    scale = mpmath.mpf(scale)
    x = min(max(mpmath.mpf(guess), a), b)
    if dlogf is not None and d2logf is not None:
        for _ in range(100):
            d1, d2 = dlogf(x), d2logf(x)
            if d2 >= 0:
                # Not concave here: step by the scale towards increasing logf.
                new = x + (scale if d1 > 0 else -scale)
            else:
                new = x - d1 / d2
            new = min(max(new, a), b)
            done = abs(new - x) <= scale * mpmath.mpf(10) ** (-mpmath.mp.dps // 2)
            x = new
            if done:
                break
        d1, d2 = dlogf(x), d2logf(x)
    else:
        lo, hi = _bracket_max(logf, a, b, x, scale)
        tol = scale * mpmath.mpf("1e-3")
        x = _golden_max(logf, lo, hi, tol)
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
    curvature_width = 1 / mpmath.sqrt(-d2) if d2 < 0 else scale
    width = min(curvature_width, 1 / abs(d1)) if d1 != 0 else curvature_width
    return x, width


def _target_digits(route: QuadRoute) -> int:
    return max(mpmath.mp.dps - route.guard, 3)


@lru_cache(maxsize=512)
def _gauss_legendre(n: int, prec: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The ``n``-point Gauss-Legendre rule on [-1, 1] to ``prec`` bits, nodes ascending.

    Arb's roots and weights of ``P_n`` (``arb_hypgeom_legendre_p_ui_root``: certified
    balls, computed 20 bits above ``prec`` and rounded to ``mpf``); they agree with
    ``mpmath.gauss_quadrature`` to the working precision and take 1 ms instead of
    50-100 ms for n = 30 at 200 bits (mpmath solves the Jacobi eigenproblem).
    """
    from flint import arb, ctx

    with ctx.workprec(prec + 20):
        pairs = [arb.legendre_p_root(n, k, weight=True) for k in range(n - 1, -1, -1)]
    with mpmath.workprec(prec):
        def rounded(ball: Any) -> Any:
            man, exp = ball.mid().man_exp()
            return +mpmath.mpf((int(man), int(exp)))

        return tuple(rounded(x) for x, _ in pairs), tuple(rounded(w) for _, w in pairs)


@lru_cache(maxsize=256)
def _gl_log10_error(m: int) -> float:
    """log10 of Gauss-Legendre's error constant for ``exp(lam t)`` on [-1, 1], without ``lam``.

    The ``m``-point rule errs by ``2**(2m+1) (m!)**4 / ((2m+1) ((2m)!)**3) * lam**(2m)``
    relative to the integral (Davis & Rabinowitz §2.7, with ``f^(2m) = lam**(2m) f``).
    """
    with mpmath.workdps(20):
        return float(mpmath.log10(mpmath.mpf(2) ** (2 * m + 1) * mpmath.factorial(m) ** 4
                                  / ((2 * m + 1) * mpmath.factorial(2 * m) ** 3)))


def _fall_limit(route: QuadRoute, n: int, digits: int) -> float:
    """The largest log-drop across one piece that the ``n``-point rule integrates to ``digits``.

    A piece over which ``log f`` falls by ``2 lam`` is, to first order, ``exp(lam t)`` on
    [-1, 1]; :func:`_gl_log10_error` bounds the rule's relative error on it.  Capped by
    ``route.max_fall``.  Without the bound the first route (about 0.6 nodes per digit)
    let pieces fall by 12 nats at 30 digits, where 20 nodes reach only ``5e-29`` --
    ``P_LM`` with ``N nu = 10`` (``p>**10`` is steep) then lost two digits on that route.
    """
    lam = 10 ** ((-digits - _gl_log10_error(n)) / (2 * n))
    return min(route.max_fall, 2 * lam)


def _piece_edges(route: QuadRoute, peak: Any, width: Any, end: Any, sign: int,
                 logf: LogIntegrand, lp: Any, drop: Any, max_fall: float | None = None
                 ) -> list[tuple[Any, Any]]:
    """Break points from the peak towards ``end`` with the log-drop at each one.

    Gaps start at ``route.offsets`` (in widths) and grow geometrically, but a gap
    is halved while the integrand falls by more than ``max_fall`` nats across it
    (default ``route.max_fall``; faster-than-Gaussian decay, e.g.
    ``p>(E)**(N nu)``).  Stops at the first
    point where ``logf`` has fallen by ``drop`` below its peak value (for a
    log-concave integrand the rest is below ``exp(-drop)`` times a few widths of
    the peak value) or at ``end``.
    """
    max_fall = route.max_fall if max_fall is None else max_fall
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


def integrate_route(logf: LogIntegrand, a: Any, b: Any, peak: Any, width: Any,
                    route: QuadRoute, multiplier: LogIntegrand | None = None,
                    batch: Callable[[list[Any]], list[Any]] | None = None
                    ) -> tuple[Any, Any]:
    """One route at the caller's precision: return ``(log_peak, scaled)``.

    The integral is ``exp(log_peak) * scaled``; ``scaled`` is of order ``width``.
    ``peak`` only places the pieces and may be rough, but the pieces never leave
    ``[a, b]``: a peak outside is moved onto the nearer end.
    Every piece gets the same Gauss-Legendre rule (far pieces are steep, so a
    lower order there loses digits: tried and rejected).  An optional
    ``multiplier(x)`` (of any sign) multiplies ``exp(logf)``.

    With ``batch``, ``logf`` only places the pieces (its value at the peak is the
    common scale, so it may be a cheap, lower-precision version) and
    ``batch(nodes)`` returns the log-integrand at every quadrature node at once
    -- the hook through which nested integrals are swept in one pass
    (:mod:`remsym.numeric.nested`).
    """
    a, b = mpmath.mpf(a), mpmath.mpf(b)
    # The pieces start at the peak, so a peak outside [a, b] (one placed at low
    # precision and rounded past a finite end) would add the sliver between it and
    # the end: an error of that size, the same on every route.
    peak = min(max(mpmath.mpf(peak), a), b)
    lp = logf(peak)
    target = _target_digits(route) + 4
    drop = target * mpmath.log(10) + 5
    n_max = max(int(route.nodes_per_digit * target + 0.5), 6)
    max_fall = _fall_limit(route, n_max, target)
    nodes, weights = _gauss_legendre(n_max, mpmath.mp.prec)
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
    points = [v for _, piece in pieces for v in piece]
    values = batch(points) if batch is not None else [logf(v) for v in points]
    total = mpmath.mpf(0)
    for k, (half, piece) in enumerate(pieces):
        acc = []
        for j, (v, w) in enumerate(zip(piece, weights, strict=True)):
            term = w * mpmath.exp(values[k * n_max + j] - lp)
            acc.append(term * multiplier(v) if multiplier is not None else term)
        total += half * mpmath.fsum(acc)
    return lp, total


def check_agreement(named: list[tuple[str, Any]], digits: int, scale: Any = None,
                    what: str = "integral") -> Any:
    """Largest relative disagreement; raise ``NumericReferenceError`` above ``10**-digits``."""
    values = [v for _, v in named]
    ref = scale if scale is not None else max(abs(v) for v in values)
    if ref == 0:
        return mpmath.mpf(0)
    worst = max(abs(v - values[0]) for v in values) / ref
    if worst > mpmath.mpf(10) ** (-digits):
        detail = "; ".join(f"{name}: {mpmath.nstr(v, 12)}" for name, v in named)
        raise NumericReferenceError(
            f"{what}: independent routes disagree by {mpmath.nstr(worst, 3)} "
            f"(relative), more than 1e-{digits} ({detail})")
    return worst


def validated_log_integral(make_logf: Callable[[QuadRoute], LogIntegrand], a: Any, b: Any,
                           *, digits: int, peak_finder: Callable[[QuadRoute, LogIntegrand],
                                                                 tuple[Any, Any]],
                           what: str = "integral",
                           multiplier: Callable[[QuadRoute], LogIntegrand] | None = None
                           ) -> tuple[ValidatedValue, list[tuple[str, Any, Any]]]:
    """Integrate ``exp(logf)`` over ``[a, b]`` by every route of :data:`ROUTES`.

    ``make_logf(route)`` returns the log-integrand to use on that route (nested
    integrals use the same route inside); ``peak_finder(route, logf)`` returns
    ``(peak, width)``.  Returns the validated value (log-space comparison, so
    values far below double range compare correctly) and the raw
    ``(name, log_peak, scaled)`` triples, evaluated at each route's precision.
    """
    raw: list[tuple[str, Any, Any]] = []
    for route in ROUTES:
        with mpmath.workdps(digits + route.guard):
            logf = make_logf(route)
            peak, width = peak_finder(route, logf)
            mult = multiplier(route) if multiplier is not None else None
            lp, scaled = integrate_route(logf, a, b, peak, width, route, mult)
            raw.append((route.name, lp, scaled))
    return combine_routes(raw, digits, what), raw


def combine_routes(raw: list[tuple[str, Any, Any]], digits: int, what: str
                   ) -> ValidatedValue:
    """Compare ``exp(lp)*scaled`` across routes relative to the first route's peak scale."""
    with mpmath.workdps(digits + max(r.guard for r in ROUTES)):
        lp0 = raw[0][1]
        rescaled = [(name, scaled * mpmath.exp(lp - lp0)) for name, lp, scaled in raw]
        worst = check_agreement(rescaled, digits, what=what)
        name, lp, scaled = raw[-1]
        value = scaled * mpmath.exp(lp)
        log_value = lp + mpmath.log(scaled) if scaled > 0 else None
        routes = tuple((n, s * mpmath.exp(lp)) for n, lp, s in raw)
    return ValidatedValue(value, log_value, routes, worst, digits)


def validated_quad(f: Callable[[Any], Any], peak: Any, width: Any, digits: int,
                   a: Any = -mpmath.inf, b: Any = mpmath.inf, *, log: bool = False,
                   what: str = "integral") -> ValidatedValue:
    """Integrate a 1-D function over ``[a, b]`` (either end may be infinite), two routes.

    ``f(x)`` is the integrand (or its natural log with ``log=True``, for integrands
    outside double range or sharply peaked; then it must be positive).  ``peak``
    and ``width`` are a guess of where the mass is and its scale; with
    ``log=True`` the peak is refined numerically.  ``f`` is called at the working
    precision of each route (``digits + 12`` and ``digits + 24``).  Raises
    :class:`NumericReferenceError` when the routes disagree beyond ``10**-digits``.
    """
    if log:
        def finder(route: QuadRoute, logf: LogIntegrand) -> tuple[Any, Any]:
            return locate_peak(logf, a, b, guess=peak, scale=width)
        value, _ = validated_log_integral(lambda route: f, a, b, digits=digits,
                                          peak_finder=finder, what=what)
        return value
    named = []
    for route, method in zip(ROUTES, ("tanh-sinh", "gauss-legendre"), strict=True):
        with mpmath.workdps(digits + route.guard):
            pk, w = mpmath.mpf(peak), mpmath.mpf(width)
            lo, hi = mpmath.mpf(a), mpmath.mpf(b)
            pts = {min(max(pk, lo), hi)}
            for off in route.offsets:
                pts.update(p for p in (pk - off * w, pk + off * w) if lo < p < hi)
            named.append((route.name, mpmath.quad(f, sorted(pts | {lo, hi}),
                                                  method=method)))
    with mpmath.workdps(digits + ROUTES[-1].guard):
        worst = check_agreement(named, digits, what=what)
        value = named[-1][1]
        log_value = mpmath.log(value) if value > 0 else None
    return ValidatedValue(value, log_value, tuple(named), worst, digits)
