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
:func:`flint_q` gives a third, ball-arithmetic route for ``q`` (python-flint, a core
dependency), reported by the benchmark; the checker's own certified quadrature is
:mod:`remsym.numeric.certified`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import mpmath
import sympy as sp

from remsym.errors import NumericReferenceError, ParameterError
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
from remsym_paper.numeric.integrands import CompiledIntegrands, LogIntegrand, compiled_integrands
from remsym_paper.numeric.quantities import QUANTITIES

__all__ = ["QUANTITIES", "reference", "reference_value", "flint_q"]

_INF = mpmath.inf


class _Model:
    """The compiled integrands bound to one parameter point, at the caller's precision."""

    def __init__(self, params: Mapping[str, Any]) -> None:
        self.c: CompiledIntegrands = compiled_integrands()
        self.raw = dict(params)
        self._memo: dict[tuple[str, str, int], Any] = {}

    def memoised(self, what: str, route: QuadRoute, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per quantity, route and working precision: the two halves of
        Eq 12 need the same E*, <E> and q on each route (never another route's)."""
        key = (what, route.name, mpmath.mp.prec)
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def p(self) -> tuple[Any, Any, Any]:
        # Re-read at the working precision: params may arrive as exact strings.
        return tuple(mpmath.mpf(self.raw.get(k, 0)) for k in ("T", "Delta", "epsilon"))

    def bind(self, f: LogIntegrand, *extra: Any) -> tuple[Callable, Callable, Callable]:
        args = self.p()
        return (f.bind(*extra, *args), lambda v: f.first(v, *extra, *args),
                lambda v: f.second(v, *extra, *args))

    def weight_peak(self) -> tuple[Any, Any]:
        """(x*, width) of the Boltzmann weight: Newton on the symbolic derivative."""
        lw, d1, d2 = self.bind(self.c.weight)
        T, Delta, _ = self.p()
        return locate_peak(lw, -_INF, _INF, guess=0, scale=1, dlogf=d1, d2logf=d2)

    def log_weight(self) -> Callable[[Any], Any]:
        return self.bind(self.c.weight)[0]

    def inner(self, f: LogIntegrand, a: Any, b: Any, route: QuadRoute, *extra: Any) -> Any:
        """log of the inner integral of ``f`` over [a, b] on ``route`` (nested quadrature)."""
        lf, d1, d2 = self.bind(f, *extra)
        guess = min(max(mpmath.mpf(0), a), b)
        peak, width = locate_peak(lf, a, b, guess=guess, scale=1, dlogf=d1, d2logf=d2)
        lp, scaled = integrate_route(lf, a, b, peak, width, route)
        return lp + mpmath.log(scaled)

    def log_q(self, route: QuadRoute) -> Any:
        def compute() -> Any:
            peak, width = self.weight_peak()
            lp, scaled = integrate_route(self.log_weight(), -_INF, _INF, peak, width, route)
            return lp + mpmath.log(scaled)
        return self.memoised("log q", route, compute)


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


#: How nested integrals get their inner integral: one cumulative sweep over the
#: outer nodes (fast, :mod:`remsym.numeric.nested`) or a fresh quadrature per node.
NESTED_MODES: tuple[str, ...] = ("sweep", "direct")


def _rough(f: Callable[[Any], Any], dps: int = 15) -> Callable[[Any], Any]:
    """``f`` at ``dps`` digits: enough to place quadrature pieces, never to sum them."""
    def rough(v: Any) -> Any:
        with mpmath.workdps(dps):
            return f(+v)
    return rough


@lru_cache(maxsize=8)
def _arb_log_function(log_expr: sp.Expr) -> Callable[..., Callable[[Any], Any]]:
    """A compiled log-integrand in ball arithmetic, ``bind(T, Delta, epsilon)(x)``
    (``LogErfc(z)`` is Arb's ``log(erfc(z))``, which does not underflow: ``erfc(1e4)``
    is a ball around ``1e-43429449``)."""
    from remsym.numeric.certified import compile_arb_integrand
    from remsym_paper.symbols import Delta, T, epsilon, x

    return compile_arb_integrand(log_expr, x, (T, Delta, epsilon))


def _cdf_batch(model: _Model, cdf: LogIntegrand, factor: Any
               ) -> Callable[[list[Any]], list[Any]]:
    """``log(weight) + factor * log CDF`` at every node, in ``arb`` (the erfc route).

    Same integrand as ``lw(v) + factor * cdf.value(v)`` in mpmath, five to ten times
    faster: mpmath's ``erfc`` at 50 digits dominated this route.
    """
    from flint import acb, arb, ctx

    log_weight = _arb_log_function(model.c.weight.expr)
    log_cdf = _arb_log_function(cdf.expr)
    digits = mpmath.mp.dps

    def batch(points: list[Any]) -> list[Any]:
        with ctx.workprec(mpmath.mp.prec + 40):
            params = [acb(arb(p)) for p in model.p()]
            weight_at, cdf_at = log_weight(*params), log_cdf(*params)
            m = arb(factor)
            out = []
            for v in points:
                b = acb(arb(v))
                total = (acb(weight_at(b)) + m * acb(cdf_at(b))).real
                if not total.rad() < arb(10) ** -(digits + 2):
                    raise NumericReferenceError(f"the erfc route lost its digits at x = "
                                                f"{mpmath.nstr(v, 8)}")
                out.append(mpmath.mpf(total.mid().str(digits + 10, radius=False)))
            return out
    return batch


def _taylor_tail(model: _Model, f: LogIntegrand, v: Any, *extra: Any) -> Any:
    """``log int_v^oo exp(h)``, ``h = log f``, from the Taylor polynomial of ``h`` to second
    order at ``v``, integrated exactly: ``int_0^oo e^{b t - a t^2/2} dt =
    sqrt(pi/(2a)) e^{z^2} erfc(z)``, ``z = -b/sqrt(2a)``.

    Exact when ``h`` is quadratic in the integration variable (the uphill integrand
    of Eq 12 with Gc = G), an estimate otherwise; used only to place quadrature
    pieces, never summed.  A non-concave ``h`` falls back to the nested quadrature.
    """
    lf, d1, d2 = model.bind(f, *extra)
    h, b, a = lf(v), d1(v), -d2(v)
    if not a > 0:
        return model.inner(f, v, _INF, ROUTES[0], *extra)
    z = -b / mpmath.sqrt(2 * a)
    return h + z**2 + mpmath.log(mpmath.erfc(z)) + mpmath.log(mpmath.pi / (2 * a)) / 2


def _nested_route(model: _Model, quantity: str, route: QuadRoute, power: Any, nested: str
                  ) -> tuple[Callable[[Any], Any], Callable[[list[Any]], list[Any]] | None]:
    """``(logf, batch)`` of the outer integrand on ``route`` (``batch`` None: use ``logf``)."""
    c = model.c
    lw = model.log_weight()
    args = model.p()
    placement = None
    if quantity in ("fu_avg", "rate_B"):
        by_cdf = lambda v: lw(v) + c.p_less.value(v, *args)  # noqa: E731
        if route is not ROUTES[0]:
            return _rough(by_cdf), _cdf_batch(model, c.p_less, 1)
        inner, split, side, factor, placement = c.density, None, "lower", 1, by_cdf
    elif quantity == "P_LM":
        by_cdf = lambda v: lw(v) + power * c.p_greater.value(v, *args)  # noqa: E731
        if route is not ROUTES[0]:
            return _rough(by_cdf), _cdf_batch(model, c.p_greater, power)
        inner, split, side, factor, placement = c.density, None, "upper", power, by_cdf
    else:
        # rate_A, rate_A1, rate_A2: genuine nested quadrature on both routes.
        inner, split, side, factor = c.uphill, c.uphill_split, "upper", 1
        placement = lambda v: lw(v) + _taylor_tail(model, c.uphill, v, v)  # noqa: E731

    def direct(v: Any) -> Any:
        a, b = (-_INF, v) if side == "lower" else (v, _INF)
        extra = (v,) if inner is c.uphill else ()
        return lw(v) + factor * model.inner(inner, a, b, route, *extra)

    if nested == "direct" or (inner is c.uphill and split is None):
        return direct, None
    from remsym.numeric.nested import cumulative_log_integrals

    if split is None:
        outer, integrand = (lambda v: 0), inner
    else:
        outer, integrand = (lambda v: split.outer(v, *args)), split.inner

    def anchor(v: Any) -> Any:
        a, b = (-_INF, v) if side == "lower" else (v, _INF)
        return model.inner(integrand, a, b, route)

    logg, dlogg, _ = model.bind(integrand)
    quadratic = integrand.coefficients(*args) if integrand.rest is None else None

    def batch(points: list[Any]) -> list[Any]:
        logs = cumulative_log_integrals(logg, dlogg, points, side, anchor, quadratic)
        return [lw(v) + factor * (outer(v) + log_i) for v, log_i in zip(points, logs,
                                                                          strict=True)]
    # The placing function only finds the peak and the ends of the pieces (the values
    # summed come from ``batch``): where the inner integral is the Gaussian CDF, its
    # erfc form at 15 digits places them as well as a nested quadrature, at no cost.
    return _rough(placement if placement is not None else direct), batch


def _raw_averaged(model: _Model, quantity: str, digits: int,
                  ends: Callable[[QuadRoute], tuple[Any, Any]] | None = None,
                  nested: str = "sweep") -> list[tuple[str, Any, Any]]:
    """Per route ``(name, log scale, scaled)`` of (1/q) int_lo^hi G e^{-E/T} X(E) dE for
    X = p<, p>^{N nu}, or the Eq 12 inner integral; not yet compared.

    ``ends(route)`` gives ``(lo, hi)`` on that route, at its precision (default: the
    whole line); see :func:`_split_point`.
    """
    power = mpmath.mpf(model.raw.get("N", 1)) * mpmath.mpf(model.raw.get("nu", 1))
    raw_routes = []
    for route in ROUTES:
        with mpmath.workdps(digits + route.guard):
            lo, hi = ends(route) if ends is not None else (-_INF, _INF)
            logf, batch = _nested_route(model, quantity, route, power, nested)
            peak, width = _outer_peak(lo, hi)(route, logf)
            lp, scaled = integrate_route(logf, lo, hi, peak, width, route, batch=batch)
            # Divide by q computed on the same route.
            raw_routes.append((route.name, lp - model.log_q(route), scaled))
    return raw_routes


def _averaged(model: _Model, quantity: str, digits: int,
              ends: Callable[[QuadRoute], tuple[Any, Any]] | None = None,
              nested: str = "sweep") -> ValidatedValue:
    """:func:`_raw_averaged`, accepted when its routes agree to ``digits``."""
    return combine_routes(_raw_averaged(model, quantity, digits, ends, nested), digits,
                          quantity)


@lru_cache(maxsize=64)
def _model_at(key: tuple[tuple[str, Any], ...]) -> _Model:
    """One :class:`_Model` per parameter point, shared by the halves of Eq 12 and by the
    other quantities at that point (Eqs 12, 13 and 16 are checked at the same points)."""
    return _Model(dict(key))


@lru_cache(maxsize=256)
def _half_of_rate_a(quantity: str, key: tuple[tuple[str, Any], ...], digits: int,
                    nested: str) -> tuple[tuple[str, Any, Any], ...]:
    """The raw routes of ``rate_A1`` or ``rate_A2`` at ``dict(key)``, once per process."""
    model = _model_at(key)
    return tuple(_raw_averaged(model, quantity, digits, _split_point(model, quantity), nested))


def _rate_a_halves(quantity: str, key: tuple[tuple[str, Any], ...], digits: int,
                   nested: str) -> ValidatedValue:
    """``rate_A1``, ``rate_A2``, and ``rate_A`` as their sum, from one computation of each half.

    Splitting the outer E-integral of Eq 12 at E* is exact, so ``rate_A`` on each route
    is the sum of that route's two halves (route 1 splits at Newton's maximiser,
    route 2 at the Boltzmann mean: the sum does not depend on the split, so the
    routes of ``rate_A`` agree even where those of a half would not).  Eq 16 needs all
    three at the same points; computed apart they cost 1.6 times as much.  ``key``: the
    parameters as sorted ``(name, value)`` pairs.
    """
    if quantity != "rate_A":
        return combine_routes(list(_half_of_rate_a(quantity, key, digits, nested)), digits,
                              quantity)
    below = _half_of_rate_a("rate_A1", key, digits, nested)
    above = _half_of_rate_a("rate_A2", key, digits, nested)
    summed = []
    for route, (name, lp1, s1), (_, lp2, s2) in zip(ROUTES, below, above, strict=True):
        with mpmath.workdps(digits + route.guard):
            top = max(lp1, lp2)
            summed.append((name, top, s1 * mpmath.exp(lp1 - top) + s2 * mpmath.exp(lp2 - top)))
    return combine_routes(summed, digits, quantity)


def _x_star(model: _Model, route: QuadRoute) -> Any:
    """E* in the natural variable, found independently on each route.

    The first route takes the weight's maximiser (Newton on the symbolic
    derivative), the others its mean ``<x>`` by quadrature -- the identity
    ``E* = <E>`` that :func:`_e_star` validates.  A split point shared by both
    routes would shift both values alike and the comparison could not see it;
    computed this way, an error in either one makes the routes disagree.
    """
    if route is ROUTES[0]:
        return model.memoised("peak", route, lambda: model.weight_peak()[0])
    return model.memoised("mean", route, lambda: _weight_mean(model, route))


def _split_point(model: _Model, quantity: str
                 ) -> Callable[[QuadRoute], tuple[Any, Any]] | None:
    """The outer range of the rate integrals per route: whole line (None) or split at E* (Eq 14)."""
    if quantity == "rate_A1":
        return lambda route: (-_INF, _x_star(model, route))
    if quantity == "rate_A2":
        return lambda route: (_x_star(model, route), _INF)
    return None


def _q(model: _Model, digits: int) -> ValidatedValue:
    def finder(route: QuadRoute, logf: Callable) -> tuple[Any, Any]:
        return model.weight_peak()
    value, _ = validated_log_integral(lambda route: model.log_weight(), -_INF, _INF,
                                      digits=digits, peak_finder=finder, what="q")
    return value


def _weight_mean(model: _Model, route: QuadRoute) -> Any:
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


def _mean_energy(model: _Model, route: QuadRoute) -> Any:
    """<E> = epsilon + Delta <x>, the Boltzmann mean energy, on one route."""
    T, Delta, epsilon = model.p()
    return epsilon + Delta * _weight_mean(model, route)


def _e_star(model: _Model, digits: int) -> ValidatedValue:
    named = []
    with mpmath.workdps(digits + ROUTES[-1].guard):
        T, Delta, epsilon = model.p()
        named.append(("Newton maximiser", epsilon + Delta * model.weight_peak()[0]))
    for route in ROUTES:
        with mpmath.workdps(digits + route.guard):
            named.append((f"Boltzmann mean, {route.name}", _mean_energy(model, route)))
    with mpmath.workdps(digits + ROUTES[-1].guard):
        T, Delta, epsilon = model.p()
        scale = abs(epsilon) + Delta * (1 + Delta / T)
        worst = check_agreement(named, digits, scale, "E_star")
        value = named[0][1]
        log_value = mpmath.log(value) if value > 0 else None
    return ValidatedValue(value, log_value, tuple(named), worst, digits)


def _s_c(model: _Model, digits: int) -> ValidatedValue:
    named = []
    for route in ROUTES:
        with mpmath.workdps(digits + route.guard):
            T, _, _ = model.p()
            n_total, nu, rho = (mpmath.mpf(model.raw[k]) for k in ("N", "nu", "rho"))
            log_omega = model.c.omega(n_total, rho, nu)
            named.append((route.name,
                          log_omega + model.log_q(route) + _mean_energy(model, route) / T))
    with mpmath.workdps(digits + ROUTES[-1].guard):
        value = named[-1][1]
        worst = check_agreement(named, digits, max(abs(value), 1), "S_c")
        log_value = mpmath.log(value) if value > 0 else None
    return ValidatedValue(value, log_value, tuple(named), worst, digits)


def _p_less_e_star(model: _Model, digits: int) -> ValidatedValue:
    raw = []
    for route in ROUTES:
        with mpmath.workdps(digits + route.guard):
            x_star = _x_star(model, route)
            if route is ROUTES[0]:
                log_value = model.inner(model.c.density, -_INF, x_star, route)
            else:
                log_value = model.c.p_less.value(x_star, *model.p())
            raw.append((route.name if route is ROUTES[0] else "erfc CDF", log_value,
                        mpmath.mpf(1)))
    return combine_routes(raw, digits, "p_less_E_star")


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
    integrals are done (:data:`NESTED_MODES`; ``"direct"`` is the slow
    node-by-node quadrature, kept to show that the sweep gives the same digits).
    """
    if nested not in NESTED_MODES:
        raise ValueError(f"nested must be one of {NESTED_MODES}, not {nested!r}")
    _validate_params(quantity, params)
    key = tuple(sorted(params.items()))
    try:
        model = _model_at(key)  # E*, <E> and q per route, shared by the rates at a point
    except TypeError:  # unhashable values (mpf are hashable; lists are not): no memo
        key, model = None, _Model(params)
    if quantity == "q":
        return _q(model, digits)
    if quantity == "E_star":
        return _e_star(model, digits)
    if quantity == "S_c":
        return _s_c(model, digits)
    if quantity == "p_less_E_star":
        return _p_less_e_star(model, digits)
    if quantity in ("rate_A", "rate_A1", "rate_A2"):
        if key is None:  # no memo: the whole-line nested integral
            return _averaged(model, quantity, digits, _split_point(model, quantity), nested)
        return _rate_a_halves(quantity, key, digits, nested)
    return _averaged(model, quantity, digits, _split_point(model, quantity), nested)


def reference_value(quantity: str, params: Mapping[str, Any], digits: int = 30,
                    order: int = 0) -> Any:
    """:func:`reference` as a registry method: ``(params, digits, order) -> mpf``."""
    return reference(quantity, params, digits).value


def flint_q(params: Mapping[str, Any], digits: int = 30) -> Any:
    """q by python-flint's certified ``acb.integral`` (a ball), or ``None`` without flint."""
    try:
        from flint import acb, arb, ctx
    except ImportError:
        return None
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
