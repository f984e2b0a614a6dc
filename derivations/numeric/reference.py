"""Validated reference values of the REM's quantities from their defining integrals.

Every quantity is computed from the integrals of :mod:`remsym_paper.model` (never from a
closed form derived from them) by the two routes of
:mod:`remsym.numeric.quadrature`, and returned only when the routes agree to the
requested digits (else :class:`~remsym.errors.NumericReferenceError`).  All
values are at fixed ``rho``; rates are in units of ``R0 N nu``.

==================  ===============================================  =========================
quantity            definition                                       routes compared
==================  ===============================================  =========================
``q``               int G e^{-E/T} dE (Eq 8)                         split A / split B
``E_star``          argmax of G e^{-E/T} (Eqs 5c, 8)                 Newton maximiser / <E>
``S_c``             ln Omega(N rho) + ln q + <E>/T                   split A / split B
``fu_avg``          int G e^{-E/T} p<(E) dE / q (Eqs 3, 7)           nested quad / erfc CDF
``rate_B``          the same integral, Eq 13 with Gc = G             nested quad / erfc CDF
``p_less_E_star``   int_{-oo}^{E*} G dE                              quadrature / erfc CDF
``rate_A``          Eq 12 with Gc = G: rate_A1 + rate_A2             nested A / nested B
``rate_A1``         Eq 12 with E in (-oo, E*) (Eq 14)                nested A / nested B
``rate_A2``         Eq 12 with E in (E*, oo)                         nested A / nested B
``P_LM``            int G e^{-E/T} p>(E)^{N nu} dE / q               nested quad / erfc CDF
==================  ===============================================  =========================

Where a range ends at ``E*`` (``rate_A1``, ``rate_A2``, ``p_less_E_star``) the first
route takes ``E*`` from Newton's maximiser and the second from the Boltzmann mean
``<E>``, so that the split point, too, is checked by the route comparison.

``p>(E) = 1 - p<(E)`` is integrated directly as ``int_E^oo G`` (no cancellation).
:func:`flint_q` gives a third, ball-arithmetic route for ``q``, reported by the
benchmark; the checker's own certified quadrature is
:mod:`remsym.numeric.certified`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any, NamedTuple

import mpmath
from flint import acb, arb, ctx

from remsym.errors import ParameterError
from remsym.numeric.quadrature import (
    ROUTES,
    QuadRoute,
    ValidatedValue,
    check_agreement,
    combine_routes,
    integrate_route,
    locate_peak,
    validated_log_integral,
)
from remsym_paper.numeric.outer import NESTED_MODES, outer_integrand
from remsym_paper.numeric.point import ModelAtPoint, model_at
from remsym_paper.numeric.quantities import QUANTITIES

__all__ = ["QUANTITIES", "NESTED_MODES", "reference", "reference_value", "flint_q"]

_INF = mpmath.inf


class RawRoute(NamedTuple):
    """One route's value ``exp(log_scale) * scaled``, not yet compared with the others."""

    name: str
    log_scale: Any
    scaled: Any


def _outer_peak(lo: Any, hi: Any) -> Callable[[QuadRoute, Callable], tuple[Any, Any]]:
    """Peak finder for an outer integrand with no symbolic derivative (golden section)."""
    def finder(route: QuadRoute, logf: Callable) -> tuple[Any, Any]:
        with mpmath.workdps(15):
            guess = min(max(mpmath.mpf(0), lo), hi)
            peak, width = locate_peak(logf, lo, hi, guess=guess, scale=1)
        # The peak was placed at 15 digits: snap it to a finite end it rounded onto (an
        # endpoint maximum, e.g. Eq 14's E*), else the pieces overshoot the range.
        for end in (lo, hi):
            if mpmath.isfinite(end) and abs(peak - end) <= abs(width) * mpmath.mpf(10) ** -10:
                peak = end
        return min(max(+peak, lo), hi), +width
    return finder


def _raw_averaged(model: ModelAtPoint, quantity: str, digits: int,
                  ends: Callable[[QuadRoute], tuple[Any, Any]] | None = None,
                  nested: str = "sweep") -> list[RawRoute]:
    """Per route, (1/q) int_lo^hi G e^{-E/T} X(E) dE for X = p<, p>^{N nu}, or the Eq 12
    inner integral; not yet compared.

    ``ends(route)`` gives ``(lo, hi)`` on that route, at its precision (default: the
    whole line); see :func:`_split_point`.
    """
    power = mpmath.mpf(model.params.get("N", 1)) * mpmath.mpf(model.params.get("nu", 1))
    raw_routes = []
    for route in ROUTES:
        with mpmath.workdps(digits + route.guard):
            lo, hi = ends(route) if ends is not None else (-_INF, _INF)
            logf, batch = outer_integrand(model, quantity, route, power, nested)
            peak, width = _outer_peak(lo, hi)(route, logf)
            log_peak, scaled = integrate_route(logf, lo, hi, peak, width, route, batch=batch)
            # Divide by q computed on the same route.
            raw_routes.append(RawRoute(route.name, log_peak - model.log_q(route), scaled))
    return raw_routes


def _averaged(model: ModelAtPoint, quantity: str, digits: int,
              ends: Callable[[QuadRoute], tuple[Any, Any]] | None = None,
              nested: str = "sweep") -> ValidatedValue:
    """:func:`_raw_averaged`, accepted when its routes agree to ``digits``."""
    return combine_routes(list(_raw_averaged(model, quantity, digits, ends, nested)), digits,
                          quantity)


@lru_cache(maxsize=256)
def _half_of_rate_a(quantity: str, key: tuple[tuple[str, Any], ...], digits: int,
                    nested: str) -> tuple[RawRoute, ...]:
    """The raw routes of ``rate_A1`` or ``rate_A2`` at ``dict(key)``, once per process."""
    model = model_at(key)
    return tuple(_raw_averaged(model, quantity, digits, _split_point(model, quantity), nested))


def _rate_a_halves(quantity: str, key: tuple[tuple[str, Any], ...], digits: int,
                   nested: str) -> ValidatedValue:
    """``rate_A1``, ``rate_A2``, and ``rate_A`` as their sum, from one computation of each half.

    Splitting the outer E-integral of Eq 12 at E* is exact, so ``rate_A`` on each route
    is the sum of that route's two halves (route 1 splits at Newton's maximiser,
    route 2 at the Boltzmann mean: the sum does not depend on the split, so the
    routes of ``rate_A`` agree even where those of a half would not).  Eq 16 needs all
    three at the same points.  ``key``: the parameters as sorted ``(name, value)`` pairs.
    """
    if quantity != "rate_A":
        return combine_routes(list(_half_of_rate_a(quantity, key, digits, nested)), digits,
                              quantity)
    below = _half_of_rate_a("rate_A1", key, digits, nested)
    above = _half_of_rate_a("rate_A2", key, digits, nested)
    summed: list[tuple[str, Any, Any]] = []
    for route, low, high in zip(ROUTES, below, above, strict=True):
        with mpmath.workdps(digits + route.guard):
            top = max(low.log_scale, high.log_scale)
            summed.append(RawRoute(low.name, top,
                                   low.scaled * mpmath.exp(low.log_scale - top)
                                   + high.scaled * mpmath.exp(high.log_scale - top)))
    return combine_routes(summed, digits, quantity)


def _x_star(model: ModelAtPoint, route: QuadRoute) -> Any:
    """E* in the natural variable, found independently on each route.

    The first route takes the weight's maximiser (Newton on the symbolic
    derivative), the others its mean ``<x>`` by quadrature -- the identity
    ``E* = <E>`` that :func:`_e_star` validates.  A split point shared by both
    routes would shift both values alike and the comparison could not see it;
    computed this way, an error in either one makes the routes disagree.
    """
    if route is ROUTES[0]:
        return model.memoised("peak", route, lambda: _peak_position(model))
    return model.memoised("mean", route, lambda: _weight_mean(model, route))


def _peak_position(model: ModelAtPoint) -> Any:
    """x* of the Boltzmann weight (Newton's maximiser), without its width."""
    position, _ = model.weight_peak()
    return position


def _split_point(model: ModelAtPoint, quantity: str
                 ) -> Callable[[QuadRoute], tuple[Any, Any]] | None:
    """The outer range of the rate integrals per route: whole line (None) or split at E* (Eq 14)."""
    if quantity == "rate_A1":
        return lambda route: (-_INF, _x_star(model, route))
    if quantity == "rate_A2":
        return lambda route: (_x_star(model, route), _INF)
    return None


def _q(model: ModelAtPoint, digits: int) -> ValidatedValue:
    """q of Eq 8 on every route, the peak placed by Newton's method."""
    def finder(route: QuadRoute, logf: Callable) -> tuple[Any, Any]:
        return model.weight_peak()
    value, _ = validated_log_integral(lambda route: model.log_weight(), -_INF, _INF,
                                      digits=digits, peak_finder=finder, what="q")
    return value


def _weight_mean(model: ModelAtPoint, route: QuadRoute) -> Any:
    """<x>, the mean of the Boltzmann weight in the natural variable, on one route.

    Computed as ``p + <x - p>`` about the located peak ``p``: the quadrature then
    errs relative to the width, not to ``|x*|`` (which grows like ``Delta/T``),
    and ``p`` only centres the moment, so an error in ``p`` does not reach ``<x>``.
    """
    peak, width = model.weight_peak()
    lw = model.log_weight()
    _, norm = integrate_route(lw, -_INF, _INF, peak, width, route)
    _, centred = integrate_route(lw, -_INF, _INF, peak, width, route,
                                 multiplier=lambda v: v - peak)
    return peak + centred / norm


def _mean_energy(model: ModelAtPoint, route: QuadRoute) -> Any:
    """<E> = epsilon + Delta <x>, the Boltzmann mean energy, on one route."""
    params = model.parameters()
    return params.epsilon + params.Delta * _weight_mean(model, route)


def _e_star(model: ModelAtPoint, digits: int) -> ValidatedValue:
    """E* (Eqs 5c, 8) as Newton's maximiser, checked against the Boltzmann mean on each route."""
    with mpmath.workdps(digits + ROUTES[-1].guard):
        params = model.parameters()
        newton = params.epsilon + params.Delta * _peak_position(model)
    named = [("Newton maximiser", newton)]
    for route in ROUTES:
        with mpmath.workdps(digits + route.guard):
            named.append((f"Boltzmann mean, {route.name}", _mean_energy(model, route)))
    with mpmath.workdps(digits + ROUTES[-1].guard):
        params = model.parameters()
        scale = abs(params.epsilon) + params.Delta * (1 + params.Delta / params.T)
        worst = check_agreement(named, digits, scale, "E_star")
        log_value = mpmath.log(newton) if newton > 0 else None
    return ValidatedValue(newton, log_value, tuple(named), worst, digits)


def _s_c(model: ModelAtPoint, digits: int) -> ValidatedValue:
    """S_c = ln Omega(N rho) + ln q + <E>/T (Eqs 2, 5b), one value per route."""
    named = []
    for route in ROUTES:
        with mpmath.workdps(digits + route.guard):
            temperature = model.parameters().T
            n_total, nu, rho = (mpmath.mpf(model.params[k]) for k in ("N", "nu", "rho"))
            log_omega = model.integrands.omega(n_total, rho, nu)
            value = (log_omega + model.log_q(route)
                     + _mean_energy(model, route) / temperature)
            named.append((route.name, value))
    with mpmath.workdps(digits + ROUTES[-1].guard):
        worst = check_agreement(named, digits, max(abs(value), 1), "S_c")
        log_value = mpmath.log(value) if value > 0 else None
    return ValidatedValue(value, log_value, tuple(named), worst, digits)


def _p_less_e_star(model: ModelAtPoint, digits: int) -> ValidatedValue:
    """p<(E*): quadrature of G up to E* on the first route, the erfc CDF on the other."""
    raw: list[tuple[str, Any, Any]] = []
    for route in ROUTES:
        with mpmath.workdps(digits + route.guard):
            x_star = _x_star(model, route)
            if route is ROUTES[0]:
                log_value = model.inner(model.integrands.density, -_INF, x_star, route)
                raw.append(RawRoute(route.name, log_value, mpmath.mpf(1)))
            else:
                log_value = model.integrands.p_less.value(x_star, *model.parameters())
                raw.append(RawRoute("erfc CDF", log_value, mpmath.mpf(1)))
    return combine_routes(raw, digits, "p_less_E_star")


class _Request(NamedTuple):
    """One call of :func:`reference`: ``key`` is the sorted parameters (``None`` when they
    cannot be hashed, and nothing is memoised)."""

    quantity: str
    model: ModelAtPoint
    key: tuple[tuple[str, Any], ...] | None
    digits: int
    nested: str


def _averaged_request(r: _Request) -> ValidatedValue:
    return _averaged(r.model, r.quantity, r.digits, _split_point(r.model, r.quantity), r.nested)


def _rate_a_request(r: _Request) -> ValidatedValue:
    if r.key is None:  # no memo: the whole-line nested integral
        return _averaged_request(r)
    return _rate_a_halves(r.quantity, r.key, r.digits, r.nested)


#: How each quantity is computed (see the module table).
_BY_QUANTITY: dict[str, Callable[[_Request], ValidatedValue]] = {
    "q": lambda r: _q(r.model, r.digits),
    "E_star": lambda r: _e_star(r.model, r.digits),
    "S_c": lambda r: _s_c(r.model, r.digits),
    "p_less_E_star": lambda r: _p_less_e_star(r.model, r.digits),
    "fu_avg": _averaged_request,
    "rate_B": _averaged_request,
    "P_LM": _averaged_request,
    "rate_A": _rate_a_request,
    "rate_A1": _rate_a_request,
    "rate_A2": _rate_a_request,
}


def _validate_params(quantity: str, params: Mapping[str, Any]) -> None:
    if quantity not in QUANTITIES:
        raise ParameterError(f"unknown quantity {quantity!r}; known: {', '.join(QUANTITIES)}")
    missing = [k for k in QUANTITIES[quantity] if k not in params]
    if missing:
        raise ParameterError(f"{quantity} needs parameter(s) {', '.join(missing)}")


def reference(quantity: str, params: Mapping[str, Any], digits: int = 30,
              nested: str = "sweep") -> ValidatedValue:
    """Validated value of ``quantity`` at ``params`` (names as in ``remsym eval``).

    ``params`` values may be mpf, int or decimal strings (strings are read at the
    working precision, so ``"0.1"`` is exact to every route).  Returns a
    :class:`ValidatedValue` whose ``value``/``log_value`` hold the quantity and its
    natural log (rates in units of ``R0 N nu``).  Raises ``NumericReferenceError``
    when the routes disagree beyond ``10**-digits``.  ``nested`` picks how nested
    integrals are done (:data:`NESTED_MODES`; ``"direct"`` is the node-by-node
    quadrature, kept to show that the sweep gives the same digits).
    """
    if nested not in NESTED_MODES:
        raise ValueError(f"nested must be one of {NESTED_MODES}, not {nested!r}")
    _validate_params(quantity, params)
    key: tuple[tuple[str, Any], ...] | None = tuple(sorted(params.items()))
    try:
        model = model_at(key)  # E*, <E> and q per route, shared by the rates at a point
    except TypeError:  # unhashable values (mpf are hashable; lists are not): no memo
        key, model = None, ModelAtPoint(params)
    return _BY_QUANTITY[quantity](_Request(quantity, model, key, digits, nested))


def reference_value(quantity: str, params: Mapping[str, Any], digits: int = 30,
                    order: int = 0) -> Any:
    """:func:`reference` as a registry method: ``(params, digits, order) -> mpf``."""
    return reference(quantity, params, digits).value


def flint_q(params: Mapping[str, Any], digits: int = 30) -> Any:
    """q by python-flint's certified ``acb.integral``, a ball: a third route for ``q``
    (the integrand is entire, so the analytic flag needs no check)."""
    with ctx.workprec(int((digits + 10) * 3.33) + 10):
        T, Delta, eps = (arb(str(params.get(k, 0))) for k in ("T", "Delta", "epsilon"))
        s = Delta / T
        x_star = -s
        half = arb(2 * (digits + 10)).sqrt() * 2

        def f(z: Any, analytic: bool) -> Any:
            w = -z * z / 2 - s * z - eps / T
            return acb(w).exp() / (2 * arb.pi()).sqrt()

        lo, hi = acb(x_star - half * 4), acb(x_star + half * 4)
        return acb.integral(f, lo, hi)
