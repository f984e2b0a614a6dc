"""Values of SymPy expressions at a parameter point, in mpmath, without SymPy's ``evalf``.

A checker evaluates the same expression at many points, so each expression is turned
into mpmath code once (:func:`~remsym.numeric.codegen.positional_lambdify`, its
parameters as arguments) and called per point:

* :func:`lambdified_value` -- a plain expression at two precisions that must agree
  (cancellation shows as disagreement; the precisions are then raised twice);
* :func:`summed_value` -- an expression of finite sums, each summed term by term from
  its summand's code (SymPy's ``doit`` on a sum of exponentials with rational
  exponents would factor huge integers; a numeric summand needs none of that);
* :func:`expand_finite_sums` -- the sums of an expression whose limits are numbers,
  replaced by their numeric values.

Each returns ``None`` where it does not apply, and the caller takes another route.

=============================  =================================================
name                           role
=============================  =================================================
:func:`as_mpf`                 a point coordinate as an mpmath number
:func:`lambdified_value`       generated code at two agreeing precisions
:func:`summed_value`           finite sums term by term, the rest generated code
:func:`expand_finite_sums`     numeric sums replaced by their values
=============================  =================================================
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any, NamedTuple

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef

from remsym.numeric.codegen import positional_lambdify

__all__ = ["as_mpf", "lambdified_value", "summed_value", "expand_finite_sums"]


def as_mpf(v: Any, dps: int | None = None) -> Any:
    """A point coordinate as an mpmath number at the current precision: a rational is
    divided exactly (rounded once), anything else goes through ``dps`` decimal digits
    (default: the current precision and 5 more)."""
    v = sp.sympify(v)
    if v.is_Rational:
        return mpmath.mpf(v.p) / v.q
    return mpmath.mpf(str(sp.N(v, dps if dps is not None else mpmath.mp.dps + 5)))


@lru_cache(maxsize=1024)
def _mpmath_function(expr: sp.Expr, symbols: tuple[sp.Symbol, ...]) -> Callable[..., Any]:
    """Generated mpmath code for ``expr`` (cached: a step is evaluated at many points)."""
    return positional_lambdify(symbols, expr, modules="mpmath")


def lambdified_value(expr: sp.Expr, point: Mapping[sp.Symbol, Any], digits: int,
                     absolute: bool = False) -> Any:
    """``expr`` at ``point`` by generated mpmath code, or ``None``.

    Evaluated at ``digits + 10`` and ``digits + 30`` digits, which must agree to
    ``10**-(digits + 5)`` relative (absolute with ``absolute=True``, for an ``X = 0``
    that has no significant digits); where they do not (cancellation, a deep point of
    a rate witness), twice again with more digits.  ``None`` for integrals, sums,
    products, undefined functions, a symbol without a value, a non-finite value or
    code that fails: the caller then lets SymPy decide.
    """
    if expr.has(sp.Integral, sp.Sum, sp.Product) or expr.atoms(AppliedUndef):
        return None
    symbols = sorted(expr.free_symbols, key=lambda z: z.name)
    if any(z not in point for z in symbols):
        return None
    try:
        func = _mpmath_function(expr, tuple(symbols))
        for low, high in ((10, 30), (40, 80), (100, 200)):
            values = []
            for extra in (low, high):
                with mpmath.workdps(digits + extra):
                    args = [as_mpf(point[z], digits + extra + 5) for z in symbols]
                    values.append(func(*args))
            with mpmath.workdps(digits + 10):
                a, b = values
                if not isinstance(a, (mpmath.mpf, mpmath.mpc)) or not mpmath.isfinite(a):
                    return None
                scale = 1 if absolute else abs(b)
                if a == b or abs(a - b) <= scale * mpmath.mpf(10) ** (-digits - 5):
                    return +b
    except Exception:  # noqa: BLE001 - any failure falls back to SymPy's evalf
        return None
    return None


class _SumCode(NamedTuple):
    """A finite sum's summand (a function of the parameters and the index) and its
    limits (functions of the parameters), as mpmath code."""

    term: Callable[..., Any]
    lower: Callable[..., Any]
    upper: Callable[..., Any]


@lru_cache(maxsize=256)
def _sum_code(e: sp.Sum, params: tuple[sp.Symbol, ...]) -> _SumCode:
    var, lo, hi = e.limits[0]
    return _SumCode(positional_lambdify(params + (var,), e.function, modules="mpmath"),
                    positional_lambdify(params, lo, modules="mpmath"),
                    positional_lambdify(params, hi, modules="mpmath"))


def _finite_sum(e: sp.Sum, params: tuple[sp.Symbol, ...], values: tuple[Any, ...],
                digits: int) -> sp.Expr | None:
    """``e`` at ``params = values``, summed in mpmath at ``digits + 15`` digits, as a
    SymPy Float of that precision; ``None`` when a limit is not an integer there."""
    code = _sum_code(e, params)
    work = digits + 15
    with mpmath.workdps(work):
        args = [as_mpf(v, work + 5) for v in values]
        lo, hi = code.lower(*args), code.upper(*args)
        if not all(isinstance(b, (int, mpmath.mpf)) and b == int(b) for b in (lo, hi)):
            return None
        total = mpmath.fsum(code.term(*args, mpmath.mpf(k))
                            for k in range(int(lo), int(hi) + 1))
        if not isinstance(total, mpmath.mpf):
            return None
        return sp.Float(mpmath.nstr(total, work, strip_zeros=False), work) if total else \
            sp.Integer(0)


def summed_value(expr: sp.Expr, point: Mapping[sp.Symbol, Any], digits: int) -> Any:
    """An expression of finite sums at ``point``: each sum term by term from its
    summand's code, the rest by :func:`lambdified_value`.

    ``None`` (the caller substitutes the point and sums) for nested sums, integrals,
    products, undefined functions, a symbol without a value, or limits that are not
    integers at the point.
    """
    sums = sorted(expr.atoms(sp.Sum), key=sp.default_sort_key)
    if not sums or expr.has(sp.Integral, sp.Product) or expr.atoms(AppliedUndef) or any(
            len(e.limits) != 1 or e.function.has(sp.Sum) for e in sums):
        return None
    if any(z not in point for z in expr.free_symbols):
        return None
    values: dict[sp.Symbol, Any] = {}
    dummies: dict[sp.Sum, sp.Symbol] = {}
    for j, e in enumerate(sums):
        params = tuple(sorted(e.free_symbols, key=lambda z: z.name))
        total = _finite_sum(e, params, tuple(point[z] for z in params), digits)
        if total is None:
            return None
        dummies[e] = sp.Symbol(f"_sum_{j}")
        values[dummies[e]] = total
    return lambdified_value(expr.xreplace(dummies), {**point, **values}, digits)


def expand_finite_sums(expr: sp.Expr, digits: int = 30) -> sp.Expr:
    """``expr`` with each sum whose limits are numbers replaced by its value, summed
    term by term in mpmath at ``digits + 15`` digits (a sum with a symbolic summand,
    several limits or nested integrals and sums is left to SymPy's ``doit``)."""
    def numeric(e: sp.Sum) -> sp.Expr:
        if len(e.limits) != 1 or e.function.free_symbols - {e.limits[0][0]} \
                or e.function.has(sp.Integral, sp.Sum):
            return e.doit()
        _, lo, hi = e.limits[0]
        term = _sum_code(e, ()).term  # the summand's code, generated once per sum
        with mpmath.workdps(digits + 15):
            total = mpmath.fsum(term(mpmath.mpf(k)) for k in range(int(lo), int(hi) + 1))
            return sp.Float(total, digits + 15)

    return expr.replace(lambda e: isinstance(e, sp.Sum) and all(
        lim[2].is_number and lim[1].is_number for lim in e.limits), numeric)
