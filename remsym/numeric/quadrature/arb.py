"""Certified one-dimensional quadrature with python-flint's ball arithmetic.

Arb's ``acb.integral`` (Johansson, "Numerical integration in arbitrary-precision
ball arithmetic", ICMS 2018) returns a ball that provably contains the integral
over a *finite* path: Gauss-Legendre on adaptively bisected pieces, each error
bounded by the integrand's maximum on an enclosing ellipse.  This module

1. takes an integrand compiled to ball arithmetic (:mod:`remsym.numeric.arb_code`:
   a ball that touches a branch cut gives a non-finite value, and Arb subdivides
   rather than trusting it);
2. locates the integrand's peak on the real line (:func:`~.peaks.scan_peak` of
   ``log|f|`` over geometrically spaced points);
3. integrates a finite range in one call and an infinite side in **chunks** from
   the peak outward, each twice as long as the last, until a chunk adds less
   than ``10**-(digits + 8)`` of the running total *and* the integrand has
   fallen by the same factor below its peak.  The truncated tail is the one
   part of the value the ball does not cover; for integrands that decay at least
   like a Gaussian or an exponential beyond the last chunk (Gaussians times
   exponentials, error functions and powers of them) it is below the last chunk's
   contribution.

=============================  =================================================
name                           role
=============================  =================================================
:func:`arb_bits`               working bits for a number of decimal digits
:func:`line_integral`          ``int_lo^hi f`` of a compiled integrand, a ball
:func:`certified_integral`     the same for a SymPy integral at a parameter point
:class:`CertifiedValue`        midpoint (mpmath), radius and the chunk count
:func:`ball_expression`        an expression of such values, the result a ball too
=============================  =================================================

Precision lives in ``flint.ctx.workprec`` blocks only; nothing global is set.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import mpmath
import sympy as sp
from flint import acb, arb, ctx

from remsym.errors import NumericReferenceError
from remsym.numeric.arb_code import compile_arb, compile_arb_integrand
from remsym.numeric.quadrature.peaks import ScannedPeak, scan_peak

__all__ = ["CertifiedValue", "arb_bits", "line_integral", "certified_integral",
           "ball_expression", "clear_memo"]

#: Integrand evaluations allowed per piece: a pathological integrand fails fast (the
#: caller then takes another route) instead of bisecting without end.
EVAL_LIMIT = 200_000


def arb_bits(digits: int) -> int:
    """Working bits for ``digits`` decimal digits, with 16 guard bits."""
    return int(digits * 3.33) + 16


@dataclass(frozen=True, slots=True)
class CertifiedValue:
    """An integral as a ball: ``value`` (mpmath midpoint), ``radius`` and the chunks used."""

    value: Any
    radius: Any
    chunks: int

    @property
    def relative_radius(self) -> Any:
        return self.radius / abs(self.value) if self.value != 0 else mpmath.inf


def _to_mpf(ball: Any, digits: int) -> Any:
    with mpmath.workdps(digits + 10):
        return mpmath.mpf(ball.mid().str(digits + 10, radius=False))


def _log_abs(f: Callable[[Any], Any], x: float | Any) -> float:
    val = f(acb(arb(x)))
    mag = abs(val)
    if not mag.is_finite() or mag.is_zero() or not (mag > 0):
        return float("-inf")
    return float(mag.log().mid())


def _scan_points(lo: Any, hi: Any) -> list[float]:
    """Trial points for the peak: geometrically spaced out to ``2**14`` from the origin (or
    from a finite end), evenly spaced over a finite range."""
    steps = [0.0] + [s * 2.0**k for k in range(-4, 15) for s in (1, -1)]
    if lo == -mpmath.inf and hi == mpmath.inf:
        pts = steps
    elif lo == -mpmath.inf:
        pts = [float(hi) - abs(s) for s in steps]
    elif hi == mpmath.inf:
        pts = [float(lo) + abs(s) for s in steps]
    else:
        a, b = float(lo), float(hi)
        pts = [a + (b - a) * j / 64 for j in range(65)]
    return sorted(set(pts))


def _locate_peak(f: Callable[[Any], Any], lo: Any, hi: Any) -> ScannedPeak:
    """Position, width and ``log|f|`` of the largest value of ``|f|`` on the real range."""
    return scan_peak(lambda x: _log_abs(f, x), _scan_points(lo, hi))


def _chunked(f: Callable[[Any], Any], lo: Any, hi: Any, peak: float, width: float,
             log_tol: float, digits: int) -> tuple[Any, int]:
    """The ball sum of ``acb.integral`` pieces over ``[lo, hi]`` (``None`` = infinite)."""
    abs_tol = arb(mpmath.nstr(mpmath.exp(log_tol), 10))

    def integrand(z: Any, analytic: bool) -> Any:
        return f(z)

    def piece(a: Any, b: Any) -> Any:
        return acb.integral(integrand, a, b, abs_tol=abs_tol, eval_limit=EVAL_LIMIT)

    if lo is not None and hi is not None:
        return piece(lo, hi), 1
    total, chunks = acb(0), 0
    centre = arb(repr(peak))
    if lo is not None and centre < lo:
        centre = lo
    if hi is not None and centre > hi:
        centre = hi
    for side, end in ((-1, lo), (1, hi)):
        if end is not None:
            if (side < 0 and end < centre) or (side > 0 and end > centre):
                total += piece(centre, end) if side > 0 else piece(end, centre)
                chunks += 1
            continue
        start, step = centre, arb(repr(width))
        for _ in range(200):
            stop = start + side * step
            part = piece(start, stop) if side > 0 else piece(stop, start)
            total += part
            chunks += 1
            small = abs(part).upper() < abs_tol * 4 + abs(total).upper() * arb(10) ** (
                -(digits + 8))
            if small and _log_abs(f, float(stop.mid())) < log_tol:
                break
            start, step = stop, step * 2
        else:
            raise NumericReferenceError("the integrand does not decay on an infinite side")
    return total, chunks


def line_integral(f: Callable[[Any], Any], lo: Any, hi: Any, digits: int,
                  stretch: float = 1.0) -> CertifiedValue:
    """``int_lo^hi f(x) dx`` for a compiled ball integrand ``f``; ``lo``/``hi`` may be infinite.

    The ball covers the integral over the range actually integrated; infinite sides
    are covered in chunks (see the module docstring).  The absolute goal starts at
    ``10**-(digits + 8)`` of the peak value times the peak width and is tightened
    once by the observed cancellation; a value whose ball contains zero is returned
    as an absolute result (an identity ``X = 0``).  Raises
    :class:`~remsym.errors.NumericReferenceError` when the ball stays wider than
    ``10**-(digits + 2)`` relative to its midpoint otherwise.
    """
    with ctx.workprec(arb_bits(digits + 15)):
        lo_b = None if lo == -mpmath.inf else arb(mpmath.nstr(lo, digits + 20))
        hi_b = None if hi == mpmath.inf else arb(mpmath.nstr(hi, digits + 20))
        for end in (lo_b, hi_b):
            if end is not None and not f(acb(end)).is_finite():
                # an endpoint singularity (1/sqrt(x) at x = 0): Arb would bisect towards
                # it for ever; tanh-sinh quadrature is the right tool there
                raise NumericReferenceError("the integrand is singular at an endpoint")
        peak, width, top = _locate_peak(f, lo, hi)
        log_tol = top + float(mpmath.log(width)) - (digits + 8) * 2.302585092994046
        for _attempt in range(2):
            total, chunks = _chunked(f, lo_b, hi_b, peak, width * stretch, log_tol, digits)
            real = total.real
            if not real.is_finite():
                raise NumericReferenceError("certified quadrature gave a non-finite ball")
            with mpmath.workdps(digits + 10):
                value = _to_mpf(real, digits)
                radius = mpmath.mpf(real.rad().str(5, radius=False)) + mpmath.mpf(
                    abs(total.imag).upper().str(5, radius=False))
                result = CertifiedValue(value, radius, chunks)
                if result.relative_radius <= mpmath.mpf(10) ** (-(digits + 2)):
                    return result
                if abs(value) <= radius:
                    return CertifiedValue(mpmath.mpf(0), radius, chunks)
                # cancellation: ask for the same relative goal of the smaller value
                log_tol += float(mpmath.log(abs(value) / mpmath.exp(top) / width)) - 2.3
        raise NumericReferenceError(f"certified quadrature reached only relative radius "
                                    f"{mpmath.nstr(result.relative_radius, 3)}")


def certified_integral(integral: sp.Integral, point: Mapping[sp.Symbol, Any],
                       digits: int, stretch: float = 1.0) -> CertifiedValue:
    """A one-dimensional SymPy ``Integral`` at a parameter ``point``, as a ball.

    The integrand is compiled once per expression (its parameters are arguments),
    the limits are evaluated at ``point`` with mpmath; raises ``NotImplementedError``
    for a nested integral or a function without a ball form.  Results are memoised
    per process (a ball is a fact): a checker meets the same integral at the same
    point in a step, its numeric block and its readings.
    """
    free = integral.free_symbols
    relevant = tuple(sorted(((k, sp.sympify(v)) for k, v in point.items() if k in free),
                            key=lambda kv: kv[0].name))
    return _certified_integral(integral, relevant, digits, stretch)


@lru_cache(maxsize=4096)
def _certified_integral(integral: sp.Integral, relevant: tuple[tuple[sp.Symbol, Any], ...],
                        digits: int, stretch: float) -> CertifiedValue:
    point = dict(relevant)
    (var, lower, upper), = integral.limits
    params = tuple(sorted(integral.function.free_symbols - {var}, key=lambda z: z.name))
    if any(p not in point for p in params):
        raise NotImplementedError("the integrand has symbols without a value")
    bind = compile_arb_integrand(integral.function, var, params)

    def bound(expr: sp.Expr) -> Any:
        expr = sp.sympify(expr).xreplace(dict(point))
        if expr in (sp.oo, -sp.oo):
            return mpmath.inf if expr == sp.oo else -mpmath.inf
        if not expr.is_number:
            raise NotImplementedError("an integration limit has symbols without a value")
        with mpmath.workdps(digits + 20):
            return mpmath.mpf(sp.N(expr, digits + 25))

    with ctx.workprec(arb_bits(digits + 15)):
        integrand = bind(*(_exact_ball(point[p], digits) for p in params))
        return line_integral(integrand, bound(lower), bound(upper), digits, stretch)


def clear_memo() -> None:
    """Forget the memoised balls of :func:`certified_integral` (a benchmark times the
    quadrature, not the memo)."""
    _certified_integral.cache_clear()


def _exact_ball(v: Any, digits: int) -> Any:
    """A point coordinate as a ball: rationals exactly (up to rounding), others from text."""
    v = sp.sympify(v)
    if v.is_Rational:
        return acb(arb(v.p) / v.q)
    return acb(arb(str(sp.N(v, digits + 25))))


def ball_expression(expr: sp.Expr, point: Mapping[sp.Symbol, Any],
                    balls: Mapping[sp.Symbol, CertifiedValue], digits: int) -> Any:
    """``expr`` at ``point`` with some symbols standing for certified values, as mpmath.

    The whole expression is evaluated in ball arithmetic, so the radius of the
    result accounts for the radii of the integrals *and* for any loss in the outer
    expression (``log`` of an integral within 1e-30 of 1, a difference of nearly
    equal integrals).  Returns ``None`` when the result is not certified to
    ``10**-(digits + 2)`` relative (the caller asks for more digits), raises
    ``NotImplementedError`` when the expression has no ball form.
    """
    symbols = tuple(sorted(sp.sympify(expr).free_symbols, key=lambda z: z.name))
    func = compile_arb(expr, symbols)
    with ctx.workprec(arb_bits(digits + 20)):
        args = []
        for z in symbols:
            if z in balls:
                ball = balls[z]
                args.append(acb(arb(ball.value, ball.radius)))  # exact: mpf -> arb
            else:
                args.append(_exact_ball(point[z], digits))
        result = acb(func(*args))
        if not result.is_finite():
            return None
        real, imag = result.real, result.imag
        if not (abs(imag).upper() <= abs(real).lower() * arb(10) ** (-(digits + 2))):
            return None  # not certifiably real: leave it to another route
        if real.is_zero():
            return mpmath.mpf(0)
        if not (real.rad() <= abs(real).lower() * arb(10) ** (-(digits + 2))):
            return None
        with mpmath.workdps(digits + 10):
            return _to_mpf(real, digits)
