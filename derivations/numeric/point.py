"""The REM's compiled integrands bound to one parameter point (the references' working model).

A :class:`ModelAtPoint` holds the parameters of ``remsym eval`` at one point, reads
``T``, ``Delta``, ``epsilon`` at the caller's mpmath precision, locates the peak of
the Boltzmann weight ``G e^{-E/T}`` (Eq 8) by Newton's method on its symbolic
derivative, and integrates ``log q`` and inner integrals on one quadrature route.
:func:`model_at` shares one per point between the quantities asked there (the halves
of Eq 12 need the same ``E*``, ``<E>`` and ``q``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any, NamedTuple

import mpmath

from remsym.numeric.quadrature import Peak, QuadRoute, integrate_route, locate_peak
from remsym_paper.numeric.integrands import CompiledIntegrands, LogIntegrand, compiled_integrands

__all__ = ["ModelParameters", "BoundLog", "ModelAtPoint", "model_at"]

_INF = mpmath.inf


class ModelParameters(NamedTuple):
    """The parameters every log-integrand takes, at the working precision."""

    T: Any
    Delta: Any
    epsilon: Any


class BoundLog(NamedTuple):
    """``log f``, its first and its second derivative, as functions of the variable alone."""

    value: Callable[[Any], Any]
    first: Callable[[Any], Any]
    second: Callable[[Any], Any]


class ModelAtPoint:
    """The compiled integrands bound to one parameter point, at the caller's precision."""

    def __init__(self, params: Mapping[str, Any]) -> None:
        self.integrands: CompiledIntegrands = compiled_integrands()
        self.params = dict(params)
        self._memo: dict[tuple[str, str, int], Any] = {}

    def memoised(self, what: str, route: QuadRoute, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per quantity, route and working precision: the two halves of
        Eq 12 need the same E*, <E> and q on each route (never another route's)."""
        key = (what, route.name, mpmath.mp.prec)
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def parameters(self) -> ModelParameters:
        """``T``, ``Delta``, ``epsilon`` read at the working precision (the parameters
        may arrive as exact decimal strings)."""
        return ModelParameters(*(mpmath.mpf(self.params.get(name, 0))
                                 for name in ("T", "Delta", "epsilon")))

    def bind(self, f: LogIntegrand, *extra: Any) -> BoundLog:
        """``f`` and its derivatives at this point (and at the outer variables ``extra``)."""
        args = self.parameters()
        return BoundLog(f.bind(*extra, *args), lambda v: f.first(v, *extra, *args),
                        lambda v: f.second(v, *extra, *args))

    def weight_peak(self) -> Peak:
        """(x*, width) of the Boltzmann weight: Newton on the symbolic derivative."""
        weight = self.bind(self.integrands.weight)
        return locate_peak(weight.value, -_INF, _INF, guess=0, scale=1, dlogf=weight.first,
                           d2logf=weight.second)

    def log_weight(self) -> Callable[[Any], Any]:
        """The log of the Boltzmann weight ``Delta G e^{-E/T}`` in ``x = (E - eps)/Delta``."""
        return self.bind(self.integrands.weight).value

    def inner(self, f: LogIntegrand, a: Any, b: Any, route: QuadRoute, *extra: Any) -> Any:
        """log of the inner integral of ``f`` over [a, b] on ``route`` (nested quadrature)."""
        bound = self.bind(f, *extra)
        guess = min(max(mpmath.mpf(0), a), b)
        peak, width = locate_peak(bound.value, a, b, guess=guess, scale=1, dlogf=bound.first,
                                  d2logf=bound.second)
        log_peak, scaled = integrate_route(bound.value, a, b, peak, width, route)
        return log_peak + mpmath.log(scaled)

    def log_q(self, route: QuadRoute) -> Any:
        """``log q`` (Eq 8) on ``route``, once per route and precision."""
        def compute() -> Any:
            peak, width = self.weight_peak()
            log_peak, scaled = integrate_route(self.log_weight(), -_INF, _INF, peak, width,
                                               route)
            return log_peak + mpmath.log(scaled)
        return self.memoised("log q", route, compute)


@lru_cache(maxsize=64)
def model_at(key: tuple[tuple[str, Any], ...]) -> ModelAtPoint:
    """One :class:`ModelAtPoint` per parameter point, shared by the halves of Eq 12 and by
    the other quantities at that point (Eqs 12, 13 and 16 are checked at the same points)."""
    return ModelAtPoint(dict(key))
