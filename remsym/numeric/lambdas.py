"""Numerical functions from SymPy expressions: NumPy (double, log space) and mpmath.

Products of Gaussians, Boltzmann factors and error functions leave double range
early (``exp(-a**2/4)`` underflows for ``a > 55``).  The NumPy side therefore evaluates
the *logarithm* of an expression, rewritten symbolically so that no intermediate
underflows:

* ``log(a*b) -> log(a) + log(b)`` and ``log(a**k) -> k log(a)`` (factors are taken
  positive, like ``expand_log(force=True)``; the caller asserts the expression is
  positive on its domain);
* ``log(exp(a)) -> a``;
* ``log(erfc(z)) -> LogErfc(z)``, evaluated as ``log(erfcx(z)) - z**2`` for
  ``z > 0`` (the exponent is kept apart; DLMF 7.2.3 for ``erfcx``) and as
  ``log(erfc(z))`` otherwise;
* ``log(n!) -> loggamma(n + 1)``;
* a sum of positive terms -> ``LogSumExp`` of the rewritten logs of its terms.

Code generation goes through :func:`sympy.lambdify` with explicit ``modules=``
(SymPy's ``NumPyPrinter``/``SciPyPrinter``/``MpmathPrinter``), never through
string building.

=============================  ============================================
function                       returns
=============================  ============================================
:func:`log_rewrite`            SymPy expression for ``log(expr)``, log-space safe
:func:`numpy_log_function`     vectorised NumPy function of ``log(expr)``
:func:`numpy_function`         vectorised NumPy function of ``expr``
:func:`mpmath_function`        ``f(*values, digits=30) -> mpf``
:func:`mpmath_log_function`    the same for ``log(expr)`` (no over/underflow)
=============================  ============================================
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import mpmath
import numpy as np
import scipy.special as sps
import sympy as sp

__all__ = [
    "LogErfc", "LogSumExp", "is_positive", "log_rewrite", "numpy_log_function", "numpy_function",
    "mpmath_function", "mpmath_log_function", "np_log_erfc", "np_log_sum_exp",
]


class LogErfc(sp.Function):
    """``log(erfc(z))`` as one primitive, so that no backend forms ``erfc(z)`` itself."""

    nargs = 1

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        z = self.args[0]
        return -2 * sp.exp(-z**2 - self) / sp.sqrt(sp.pi)

    def _eval_rewrite_as_log(self, z: sp.Expr, **kwargs: Any) -> sp.Expr:
        return sp.log(sp.erfc(z))


class LogSumExp(sp.Function):
    """``log(exp(a1) + exp(a2) + ...)``, the logarithm of a sum of positive terms."""

    def _eval_rewrite_as_log(self, *args: sp.Expr, **kwargs: Any) -> sp.Expr:
        return sp.log(sp.Add(*[sp.exp(a) for a in args]))


def np_log_erfc(z: Any) -> np.ndarray:
    """Vectorised ``log(erfc(z))`` for real ``z``: relative error ~1e-15 over the real line."""
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z > 0
    zp = z[pos]
    # For z > 0, erfc(z) = erfcx(z) exp(-z^2): keep the exponent apart.
    out[pos] = np.log(sps.erfcx(zp)) - zp * zp
    out[~pos] = np.log(sps.erfc(z[~pos]))
    return out if out.ndim else out[()]


def np_log_sum_exp(*terms: Any) -> np.ndarray:
    """Vectorised ``log(sum(exp(t)))`` (pairwise ``logaddexp``: exact to rounding)."""
    acc = np.asarray(terms[0], dtype=float)
    for term in terms[1:]:
        acc = np.logaddexp(acc, term)
    return acc


def _mp_log_erfc(z: Any) -> Any:
    return mpmath.log(mpmath.erfc(z))


def _mp_log_sum_exp(*terms: Any) -> Any:
    top = max(terms)
    return top + mpmath.log(mpmath.fsum(mpmath.exp(t - top) for t in terms))


@lru_cache(maxsize=1)
def _numpy_modules() -> list[Any]:
    """The NumPy/SciPy namespace of :func:`sympy.lambdify` for log-space functions."""
    return [{"LogErfc": np_log_erfc, "LogSumExp": np_log_sum_exp, "loggamma": sps.gammaln},
            "scipy", "numpy"]

_MPMATH_MODULES: list[Any] = [
    {"LogErfc": _mp_log_erfc, "LogSumExp": _mp_log_sum_exp, "loggamma": mpmath.loggamma},
    "mpmath",
]


def is_positive(expr: sp.Expr) -> bool:
    """True when ``expr`` is provably positive, also where SymPy's assumptions stop short.

    SymPy does not know that ``erfc`` of a real argument is positive (it lies in
    ``(0, 2)``); without that, a sum such as ``erfc(a)/4 + erfc(b)**2/8`` would be
    kept whole by :func:`log_rewrite` and underflow in doubles.
    """
    if expr.is_positive:
        return True
    if isinstance(expr, (sp.erfc, sp.exp)):
        return bool(expr.args[0].is_extended_real)
    if isinstance(expr, LogErfc):
        return False
    if expr.is_Mul:
        return all(is_positive(f) for f in expr.args)
    if expr.is_Pow:
        base, power = expr.args
        return is_positive(base) and bool(power.is_extended_real)
    if expr.is_Add:
        return all(is_positive(t) for t in expr.args)
    return False


def log_rewrite(expr: sp.Expr) -> sp.Expr:
    """Return a SymPy expression equal to ``log(expr)`` that is safe to evaluate in doubles.

    Every factor and every term of a sum is taken to be positive (the caller's
    assertion, as in ``expand_log(force=True)``); sums whose terms SymPy cannot
    show positive are kept whole as ``log(sum)``.
    """
    expr = sp.sympify(expr)
    if expr.is_Number:
        if expr.is_positive:
            return sp.log(expr)
        raise ValueError(f"log of the non-positive number {expr}")
    if expr.is_Mul:
        return sp.Add(*[log_rewrite(f) for f in expr.args])
    if expr.is_Pow:
        base, power = expr.args
        if base is sp.E:
            return power
        return power * log_rewrite(base)
    if isinstance(expr, sp.exp):
        return expr.args[0]
    if isinstance(expr, sp.erfc):
        return LogErfc(expr.args[0])
    if isinstance(expr, sp.factorial):
        return sp.loggamma(expr.args[0] + 1)
    if isinstance(expr, sp.gamma):
        return sp.loggamma(expr.args[0])
    if expr.is_Add:
        terms = expr.args
        if all(is_positive(term) for term in terms):
            return LogSumExp(*[log_rewrite(term) for term in terms])
        return sp.log(expr)
    if expr.is_Symbol and expr.is_positive is False:
        raise ValueError(f"log of the non-positive symbol {expr}")
    return sp.log(expr)


def _as_tuple(args: sp.Symbol | Sequence[sp.Symbol]) -> tuple[sp.Symbol, ...]:
    return (args,) if isinstance(args, sp.Basic) else tuple(args)


def numpy_log_function(expr: sp.Expr, args: sp.Symbol | Sequence[sp.Symbol]
                       ) -> Callable[..., np.ndarray]:
    """Vectorised NumPy function of ``log(expr)``, rewritten by :func:`log_rewrite`.

    Stays accurate (relative error of the log ~1e-15) where ``expr`` itself under-
    or overflows doubles, e.g. ``exp(-a**2)`` for ``a`` up to 1e4 and beyond.
    """
    return sp.lambdify(_as_tuple(args), log_rewrite(expr), modules=_numpy_modules())


def numpy_function(expr: sp.Expr, args: sp.Symbol | Sequence[sp.Symbol]
                   ) -> Callable[..., np.ndarray]:
    """Vectorised NumPy/SciPy function of ``expr`` itself (may underflow to 0)."""
    return sp.lambdify(_as_tuple(args), expr, modules=_numpy_modules())


def _mp_wrapper(compiled: Callable[..., Any], name: str) -> Callable[..., Any]:
    def evaluate(*values: Any, digits: int = 30) -> Any:
        # Guard digits absorb the rounding of intermediate steps; the result is
        # rounded back to ``digits`` with unary plus, as in mpmath.quad.
        with mpmath.workdps(digits + 10):
            result = compiled(*[mpmath.mpf(v) if isinstance(v, (int, float, str)) else v
                                for v in values])
        with mpmath.workdps(digits):
            return +result
    evaluate.__name__ = name
    return evaluate


def mpmath_function(expr: sp.Expr, args: sp.Symbol | Sequence[sp.Symbol]
                    ) -> Callable[..., Any]:
    """``f(*values, digits=30) -> mpf``: ``expr`` evaluated by mpmath to ``digits`` digits.

    Values may be strings (parsed exactly at the working precision), ints,
    floats or mpf.
    """
    compiled = sp.lambdify(_as_tuple(args), expr, modules=_MPMATH_MODULES)
    return _mp_wrapper(compiled, "mpmath_function")


def mpmath_log_function(expr: sp.Expr, args: sp.Symbol | Sequence[sp.Symbol]
                        ) -> Callable[..., Any]:
    """Like :func:`mpmath_function` for ``log(expr)`` via :func:`log_rewrite`."""
    compiled = sp.lambdify(_as_tuple(args), log_rewrite(expr), modules=_MPMATH_MODULES)
    return _mp_wrapper(compiled, "mpmath_log_function")


def mpmath_raw(expr: sp.Expr, args: sp.Symbol | Sequence[sp.Symbol]) -> Callable[..., Any]:
    """The bare mpmath lambda of ``expr``: evaluates at the caller's working precision."""
    return sp.lambdify(_as_tuple(args), expr, modules=_MPMATH_MODULES)
