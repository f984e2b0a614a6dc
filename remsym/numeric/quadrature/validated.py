"""Validated values: a one-dimensional integral accepted only when two routes agree.

A single quadrature over the real line can miss a narrow peak or lose most digits
while *appearing* to succeed.  A value is therefore computed by two independent
routes, different splittings at different working precisions, and accepted only when
they agree to the requested digits; otherwise
:class:`~remsym.errors.NumericReferenceError` reports the size of the disagreement.

* A log-integrand (:func:`validated_log_integral`, and :func:`validated_quad` with
  ``log=True``) goes through both Gauss-Legendre routes of
  :data:`~.gauss_legendre.ROUTES`, its peak located numerically (:mod:`.peaks`);
  the routes are compared in log space, so values far below double range compare
  correctly.
* A plain integrand (:func:`validated_quad`) goes through ``mpmath.quad`` twice: its
  tanh-sinh rule on the first route's break points and its Gauss-Legendre rule on the
  second's, each at the route's working precision.

=============================  =================================================
name                           role
=============================  =================================================
:class:`ValidatedValue`        the accepted value with its evidence
:func:`check_agreement`        the largest disagreement, or the error
:func:`validated_log_integral` both routes of a (route-dependent) log-integrand
:func:`combine_routes`         the routes' raw results as one validated value
:func:`validated_quad`         a 1-D integral by two routes
=============================  =================================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import mpmath

from remsym.errors import NumericReferenceError
from remsym.numeric.quadrature.gauss_legendre import (
    ROUTES,
    LogIntegrand,
    QuadRoute,
    integrate_route,
)
from remsym.numeric.quadrature.peaks import Peak, locate_peak

__all__ = ["ValidatedValue", "check_agreement", "validated_log_integral", "combine_routes",
           "validated_quad"]


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
    ``(peak, width)``.  Returns the validated value and the raw
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


def _quad_by_mpmath(f: Callable[[Any], Any], peak: Any, width: Any, digits: int, a: Any,
                    b: Any, what: str) -> ValidatedValue:
    """The two ``mpmath.quad`` routes of a plain integrand (module docstring)."""
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


def validated_quad(f: Callable[[Any], Any], peak: Any, width: Any, digits: int,
                   a: Any = -mpmath.inf, b: Any = mpmath.inf, *, log: bool = False,
                   what: str = "integral") -> ValidatedValue:
    """Integrate a 1-D function over ``[a, b]`` (either end may be infinite), two routes.

    ``f(x)`` is the integrand (or its natural log with ``log=True``, for integrands
    outside double range or sharply peaked; then it must be positive).  ``peak``
    and ``width`` are a guess of where the mass is and its scale; with
    ``log=True`` the peak is refined numerically.  ``f`` is called at the working
    precision of each route (``digits`` plus the route's guard digits).  Raises
    :class:`NumericReferenceError` when the routes disagree beyond ``10**-digits``.
    """
    if not log:
        return _quad_by_mpmath(f, peak, width, digits, a, b, what)

    def finder(route: QuadRoute, logf: LogIntegrand) -> Peak:
        return locate_peak(logf, a, b, guess=peak, scale=width)

    value, _ = validated_log_integral(lambda route: f, a, b, digits=digits,
                                      peak_finder=finder, what=what)
    return value
