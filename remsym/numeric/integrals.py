"""Expressions with (nested) integrals at a point, by tanh-sinh quadrature.

An expression is compiled once into an mpmath function of its parameters: each
outermost integral becomes a function that integrates its integrand's code (itself
compiled the same way, so nested integrals nest) with
:func:`~remsym.numeric.quadrature.integrate_tanh_sinh`.

* An infinite range is cut at the fixed :data:`BREAKS` (integrands whose features lie
  within a few hundred units of the origin and are no narrower than ``0.05``; a caller
  with other integrands splits them at their features first).
* A finite range ``[lo, hi]`` is folded onto its two endpoints,
  ``int_lo^hi f = int_0^r 2t f(lo + t^2) dt + int_0^r 2t f(hi - t^2) dt`` with
  ``r = sqrt((hi - lo)/2)``: each endpoint moves to ``t = 0``, where tanh-sinh's nodes
  are exact and SymPy turns ``1 - x`` into ``t^2`` exactly, and an endpoint
  singularity ``1/sqrt(x - lo)`` becomes regular (tanh-sinh truncates its nodes next
  to an end, which costs such a singularity about half the working digits).  A
  reversed range is folded the other way round, with the opposite sign; where the
  folded integral does not converge (a narrow peak inside a long range) the range is
  cut at the breaks instead.

=============================  =================================================
name                           role
=============================  =================================================
:func:`quadrature_value`       an expression with integrals at a point
:func:`split_at_breaks`        ``[a, b]`` with the breaks inside it
=============================  =================================================
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import mpmath
import sympy as sp

from remsym.errors import NumericReferenceError
from remsym.numeric.codegen import positional_lambdify
from remsym.numeric.point_values import as_mpf
from remsym.numeric.quadrature.tanh_sinh import integrate_tanh_sinh

__all__ = ["BREAKS", "quadrature_value", "split_at_breaks"]

#: Break points of integrals over infinite ranges (and finite ones not resolved whole).
BREAKS = (-200, -50, -20, -8, -4, -2, -1, -0.5, 0, 0.5, 1, 2, 4, 8, 20, 50, 200)

Code = Callable[..., Any]


def split_at_breaks(a: Any, b: Any) -> list[Any]:
    """``[a, ..., b]`` with the :data:`BREAKS` strictly inside ``(a, b)``."""
    inner = [mpmath.mpf(v) for v in BREAKS if (a == -mpmath.inf or v > a)
             and (b == mpmath.inf or v < b)]
    return [a, *inner, b]


def quadrature_value(expr: sp.Expr, digits: int, symbols: tuple[sp.Symbol, ...] = (),
                     values: tuple[Any, ...] = ()) -> Any:
    """``expr`` (with possibly nested integrals) at ``symbols = values`` to ``digits``
    digits; raises :class:`~remsym.errors.NumericReferenceError` where a quadrature does
    not converge."""
    with mpmath.workdps(digits + 15):
        args = [as_mpf(v, digits + 20) for v in values]
        return +_compiled(expr, symbols, digits)(*args)


@lru_cache(maxsize=256)
def _compiled(expr: sp.Expr, symbols: tuple[sp.Symbol, ...], digits: int) -> Code:
    """:func:`quadrature_value`'s code for ``expr`` (generated once; called at the
    caller's precision)."""
    return _as_function(expr, symbols, digits)


def _as_function(e: sp.Expr, variables: tuple[sp.Symbol, ...], digits: int) -> Code:
    """``e`` as a function of ``variables``, each outermost integral a quadrature."""
    inner = sorted(e.atoms(sp.Integral), key=lambda z: -sp.count_ops(z))
    top = [i for i in inner if not any(i in j.atoms(sp.Integral) - {j} for j in inner)]
    dummies = {i: sp.Symbol(f"_I{k}") for k, i in enumerate(top)}
    funcs = [_integral_function(i, variables, digits) for i in top]
    body = positional_lambdify(variables + tuple(dummies.values()), e.xreplace(dummies),
                               modules="mpmath")
    return lambda *v: body(*v, *(f(*v) for f in funcs))


def _integral_function(integral: sp.Integral, variables: tuple[sp.Symbol, ...],
                       digits: int) -> Code:
    """The integral over its outermost variable as a function of ``variables`` (SymPy
    merges ``Integral(Integral(f, inner), outer)`` into one: the inner variables stay an
    integral in the integrand)."""
    *inner, (var, lo, hi) = integral.limits
    body = sp.Integral(integral.function, *inner) if inner else integral.function
    split = _SplitIntegral(integral, _as_function(body, variables + (var,), digits),
                           positional_lambdify(variables, lo, modules="mpmath"),
                           positional_lambdify(variables, hi, modules="mpmath"), digits)
    if lo.has(sp.oo, -sp.oo) or hi.has(sp.oo, -sp.oo):
        return split
    return _FoldedIntegral(body, var, (lo, hi), variables, digits, split)


class _SplitIntegral:
    """``int_lo^hi`` of compiled code, cut at :data:`BREAKS`."""

    def __init__(self, integral: sp.Integral, integrand: Code, lower: Code, upper: Code,
                 digits: int) -> None:
        self.integral, self.integrand, self.digits = integral, integrand, digits
        self.lower, self.upper = lower, upper

    def __call__(self, *v: Any) -> Any:
        total, converged = integrate_tanh_sinh(
            lambda y: self.integrand(*v, y), split_at_breaks(self.lower(*v), self.upper(*v)),
            self.digits)
        if not converged:
            raise NumericReferenceError(f"tanh-sinh quadrature of {self.integral} did not "
                                        f"reach {self.digits} digits")
        return total


def _near_zero(e: sp.Expr, t: sp.Symbol) -> sp.Expr:
    """Polynomials in ``t`` expanded, so that ``1 - (1 - t^2)^2`` is ``2 t^2 - t^4`` and
    keeps its digits next to ``t = 0``."""
    return e.replace(lambda s: s.is_Add and s.has(t) and s.is_polynomial(t), sp.expand)


class _FoldedIntegral:
    """A finite range folded onto its endpoints (module docstring); the range cut at
    the breaks (``fallback``) where the folded integral does not converge."""

    def __init__(self, body: sp.Expr, var: sp.Symbol, limits: tuple[sp.Expr, sp.Expr],
                 variables: tuple[sp.Symbol, ...], digits: int,
                 fallback: _SplitIntegral) -> None:
        self.body, self.var, self.limits = body, var, limits
        self.variables, self.digits, self.fallback = variables, digits, fallback
        self.t = sp.Dummy("t", positive=True)
        self.folds: dict[tuple[sp.Expr, sp.Expr], tuple[Code, Code, Code]] = {}

    def _fold(self, a: sp.Expr, b: sp.Expr) -> tuple[Code, Code, Code]:
        """The two folded integrands from ``a`` and from ``b``, and ``r`` (compiled once
        per orientation)."""
        if (a, b) not in self.folds:
            t, with_t = self.t, self.variables + (self.t,)
            self.folds[a, b] = (
                _as_function(_near_zero(2 * t * self.body.subs(self.var, a + t**2), t),
                             with_t, self.digits),
                _as_function(_near_zero(2 * t * self.body.subs(self.var, b - t**2), t),
                             with_t, self.digits),
                positional_lambdify(self.variables, sp.sqrt((b - a) / 2), modules="mpmath"))
        return self.folds[a, b]

    def __call__(self, *v: Any) -> Any:
        lo, hi = self.limits
        forward = self.fallback.upper(*v) >= self.fallback.lower(*v)
        a, b, sign = (lo, hi, 1) if forward else (hi, lo, -1)
        left, right, reach_code = self._fold(a, b)
        reach = reach_code(*v)
        try:
            total, converged = integrate_tanh_sinh(lambda y: left(*v, y) + right(*v, y),
                                                   (0, reach), self.digits)
        except (ZeroDivisionError, ValueError, OverflowError):
            # the substituted integrand still lost its digits next to t = 0 (a form
            # _near_zero does not expand): the range as it stands
            converged = False
        if converged and mpmath.isfinite(total):
            return sign * total
        return self.fallback(*v)
