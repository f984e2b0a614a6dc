"""Outer integrands of the nested references: ``<p<>``, ``<RB>``, ``P_LM`` and ``<RA>``.

Each averaged quantity is ``(1/q) int G e^{-E/T} X(E) dE`` with ``X`` itself an
integral: ``p<`` (Eqs 3, 7, 13), ``p>^{N nu}`` (P_LM) or the uphill integral of
Eq 12.  :func:`outer_integrand` gives, per quadrature route, the log of the outer
integrand as a function placing the quadrature pieces and, where it exists, a batch
evaluator that computes every node at once:

* the first route integrates the inner integral by quadrature (one cumulative
  sweep over the sorted outer nodes, :func:`remsym.numeric.nested.cumulative_log_integrals`,
  or a fresh quadrature per node with ``nested="direct"``);
* the other route takes ``p<``/``p>`` from the erfc form of the Gaussian CDF,
  evaluated in ball arithmetic (:func:`cdf_batch`), so that the two routes share
  no inner integral;
* ``<RA>`` is a genuine nested quadrature on both routes; its pieces are placed by
  the exact second-order Taylor tail of the inner integral (:func:`taylor_tail`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import mpmath
import sympy as sp
from flint import acb, arb, ctx

from remsym.errors import NumericReferenceError
from remsym.numeric.arb_code import compile_arb_integrand
from remsym.numeric.quadrature import ROUTES, QuadRoute, cumulative_log_integrals
from remsym_paper.numeric.integrands import LogIntegrand
from remsym_paper.numeric.point import ModelAtPoint
from remsym_paper.symbols import Delta, T, epsilon, x

__all__ = ["NESTED_MODES", "outer_integrand", "cdf_batch", "taylor_tail", "rough"]

_INF = mpmath.inf

#: How nested integrals get their inner integral: one cumulative sweep over the
#: outer nodes (:mod:`remsym.numeric.nested`) or a fresh quadrature per node.
NESTED_MODES: tuple[str, ...] = ("sweep", "direct")

#: A batch evaluator: the log of the outer integrand at every node.
Batch = Callable[[list[Any]], list[Any]]


def rough(f: Callable[[Any], Any], dps: int = 15) -> Callable[[Any], Any]:
    """``f`` at ``dps`` digits: enough to place quadrature pieces, never to sum them."""
    def at_low_precision(v: Any) -> Any:
        with mpmath.workdps(dps):
            return f(+v)
    return at_low_precision


@lru_cache(maxsize=8)
def _arb_log_function(log_expr: sp.Expr) -> Callable[..., Callable[[Any], Any]]:
    """A compiled log-integrand in ball arithmetic, ``bind(T, Delta, epsilon)(x)``
    (``LogErfc(z)`` is Arb's ``log(erfc(z))``, which does not underflow: ``erfc(1e4)``
    is a ball around ``1e-43429449``)."""
    return compile_arb_integrand(log_expr, x, (T, Delta, epsilon))


def cdf_batch(model: ModelAtPoint, cdf: LogIntegrand, factor: Any) -> Batch:
    """``log(weight) + factor * log CDF`` at every node, in ``arb`` (the erfc route).

    The same integrand as ``lw(v) + factor * cdf.value(v)`` in mpmath; Arb's ``erfc``
    keeps the route's cost in the quadrature, not in the special function.
    """
    log_weight = _arb_log_function(model.integrands.weight.expr)
    log_cdf = _arb_log_function(cdf.expr)
    digits = mpmath.mp.dps

    def batch(points: list[Any]) -> list[Any]:
        with ctx.workprec(mpmath.mp.prec + 40):
            params = [acb(arb(value)) for value in model.parameters()]
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


def taylor_tail(model: ModelAtPoint, f: LogIntegrand, v: Any, *extra: Any) -> Any:
    """``log int_v^oo exp(h)``, ``h = log f``, from the Taylor polynomial of ``h`` to second
    order at ``v``, integrated exactly: ``int_0^oo e^{b t - a t^2/2} dt =
    sqrt(pi/(2a)) e^{z^2} erfc(z)``, ``z = -b/sqrt(2a)``.

    Exact when ``h`` is quadratic in the integration variable (the uphill integrand
    of Eq 12 with Gc = G), an estimate otherwise; used only to place quadrature
    pieces, never summed.  A non-concave ``h`` falls back to the nested quadrature.
    """
    bound = model.bind(f, *extra)
    h, b, a = bound.value(v), bound.first(v), -bound.second(v)
    if not a > 0:
        return model.inner(f, v, _INF, ROUTES[0], *extra)
    z = -b / mpmath.sqrt(2 * a)
    return h + z**2 + mpmath.log(mpmath.erfc(z)) + mpmath.log(mpmath.pi / (2 * a)) / 2


def outer_integrand(model: ModelAtPoint, quantity: str, route: QuadRoute, power: Any,
                    nested: str) -> tuple[Callable[[Any], Any], Batch | None]:
    """``(logf, batch)`` of the outer integrand on ``route`` (``batch`` None: use ``logf``)."""
    integrands = model.integrands
    lw = model.log_weight()
    args = model.parameters()
    placement = None
    if quantity in ("fu_avg", "rate_B"):
        by_cdf = lambda v: lw(v) + integrands.p_less.value(v, *args)  # noqa: E731
        if route is not ROUTES[0]:
            return rough(by_cdf), cdf_batch(model, integrands.p_less, 1)
        inner, split, side, factor, placement = integrands.density, None, "lower", 1, by_cdf
    elif quantity == "P_LM":
        by_cdf = lambda v: lw(v) + power * integrands.p_greater.value(v, *args)  # noqa: E731
        if route is not ROUTES[0]:
            return rough(by_cdf), cdf_batch(model, integrands.p_greater, power)
        inner, split, side, factor, placement = integrands.density, None, "upper", power, by_cdf
    else:
        # rate_A, rate_A1, rate_A2: genuine nested quadrature on both routes.
        inner, split, side, factor = integrands.uphill, integrands.uphill_split, "upper", 1
        placement = lambda v: lw(v) + taylor_tail(model, integrands.uphill, v, v)  # noqa: E731

    def direct(v: Any) -> Any:
        a, b = (-_INF, v) if side == "lower" else (v, _INF)
        extra = (v,) if inner is integrands.uphill else ()
        return lw(v) + factor * model.inner(inner, a, b, route, *extra)

    if nested == "direct" or (inner is integrands.uphill and split is None):
        return direct, None
    if split is None:
        outer, integrand = (lambda v: 0), inner
    else:
        outer, integrand = (lambda v: split.outer(v, *args)), split.inner

    def anchor(v: Any) -> Any:
        a, b = (-_INF, v) if side == "lower" else (v, _INF)
        return model.inner(integrand, a, b, route)

    bound = model.bind(integrand)
    quadratic = integrand.coefficients(*args) if integrand.rest is None else None

    def batch(points: list[Any]) -> list[Any]:
        logs = cumulative_log_integrals(bound.value, bound.first, points, side, anchor,
                                        quadratic)
        return [lw(v) + factor * (outer(v) + log_i) for v, log_i in zip(points, logs,
                                                                          strict=True)]
    # The placing function only finds the peak and the ends of the pieces (the values
    # summed come from ``batch``): where the inner integral is the Gaussian CDF, its
    # erfc form at 15 digits places them as well as a nested quadrature.
    return rough(placement if placement is not None else direct), batch
