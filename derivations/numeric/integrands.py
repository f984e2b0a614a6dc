"""The REM's defining integrands, built from :mod:`remsym_paper.model` and compiled to mpmath.

Every integrand is taken from the model's definitions (``G``, ``boltzmann``,
``p_less_erfc``, ``Omega``; Eqs 1, 2, 4, 7, 8, 12, 13), rewritten in the natural
variables ``E = epsilon + Delta*x`` and ``E' = epsilon + Delta*u`` -- so that every
peak has a width of order one whatever ``Delta`` and ``epsilon`` are -- and
passed to :func:`remsym.numeric.lambdas.log_rewrite`, which returns the
*logarithm* of the integrand (values range from 1e+800 to 1e-800 in the
paper's regime).  Derivatives in the integration variable are taken by SymPy
and used by Newton's method to locate each peak.

No derived closed form enters here: the only special function is ``erfc`` in
``p<``/``p>``, which *is* the definition of the Gaussian CDF, used by one route
only (the other routes integrate ``G`` itself).

=====================  ==================================================  ========
compiled log           integrand (in x or u; ``dE = Delta dx``)          paper
=====================  ==================================================  ========
``weight``             ``Delta G(E) exp(-E/T)``                           Eq 8
``density``            ``Delta G(E')`` (integrand of p< and p>)           before Eq 3
``uphill``             ``Delta exp(-(E'-E)/T) G(E')`` (inner of Eq 12)    Eq 12
``p_less``/``p_greater`` ``log p<(E)``, ``log p>(E)`` by erfc             before Eq 3
``omega``              ``log Omega(N rho)`` by loggamma                   Eq 2
=====================  ==================================================  ========
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sympy as sp

from remsym.numeric.lambdas import log_rewrite, mpmath_raw
from remsym_paper import model
from remsym_paper.symbols import Delta, E, E_prime, N, T, epsilon, nu, rho, u, x

__all__ = ["LogIntegrand", "SeparableIntegrand", "compiled_integrands", "CompiledIntegrands"]

_PARAMS = (T, Delta, epsilon)


@dataclass(frozen=True, slots=True)
class LogIntegrand:
    """``log f``, ``d/dv log f`` and ``d2/dv2 log f`` in the integration variable ``v``.

    Each callable takes ``(v, *extra, T, Delta, epsilon)`` and evaluates at the
    caller's mpmath precision.  ``expr`` keeps the SymPy form for inspection.
    ``coefficients(*extra, T, Delta, epsilon)`` returns ``(c0, c1, c2)`` of the part
    of ``log f`` that is a quadratic polynomial in ``v``, and ``rest`` the remainder
    (``None`` when zero): :meth:`bind` uses them so that the inner loop of a
    quadrature costs two multiplications and an ``exp``.
    """

    expr: sp.Expr
    value: Callable[..., Any]
    first: Callable[..., Any]
    second: Callable[..., Any]
    coefficients: Callable[..., Any]
    rest: Callable[..., Any] | None

    def bind(self, *args: Any) -> Callable[[Any], Any]:
        """``log f`` as a function of ``v`` alone, at fixed ``(*extra, T, Delta, epsilon)``."""
        c0, c1, c2 = self.coefficients(*args)
        if self.rest is None:
            return lambda v: c0 + v * (c1 + v * c2)
        rest = self.rest
        return lambda v: c0 + v * (c1 + v * c2) + rest(v, *args)


def _compile(expr: sp.Expr, natural: dict[sp.Symbol, sp.Expr], var: sp.Symbol,
             extra: tuple[sp.Symbol, ...] = ()) -> LogIntegrand:
    # Take the log *before* substituting the natural variables: SymPy would
    # otherwise turn erfc(-z) into 2 - erfc(z) and cancel catastrophically.
    return _compile_log(sp.expand(log_rewrite(expr).subs(natural)), var, extra)


def _compile_log(log_expr: sp.Expr, var: sp.Symbol,
                 extra: tuple[sp.Symbol, ...] = ()) -> LogIntegrand:
    args = (var, *extra, *_PARAMS)
    d1 = sp.diff(log_expr, var)
    d2 = sp.diff(d1, var)
    polynomial, rest = sp.S.Zero, sp.S.Zero
    for term in sp.Add.make_args(log_expr):
        if term.is_polynomial(var) and sp.degree(term, var) <= 2:
            polynomial += term
        else:
            rest += term
    coeffs = [polynomial.coeff(var, k) if k else polynomial.subs(var, 0) for k in range(3)]
    return LogIntegrand(log_expr, mpmath_raw(log_expr, args), mpmath_raw(d1, args),
                        mpmath_raw(d2, args), mpmath_raw(sp.Tuple(*coeffs), args[1:]),
                        mpmath_raw(rest, args) if rest != 0 else None)


@dataclass(frozen=True, slots=True)
class SeparableIntegrand:
    """``log f(v, w) = outer(w) + inner(v)``: an inner integrand whose outer variable factors out.

    ``outer(w, T, Delta, epsilon)`` is compiled directly; ``inner`` is a
    :class:`LogIntegrand` in ``v`` alone.  :mod:`remsym.numeric.nested` uses the
    split to get the inner integral at every outer node from one cumulative sweep.
    """

    outer: Callable[..., Any]
    inner: LogIntegrand


def _separate(log_expr: sp.Expr, var: sp.Symbol, outer: sp.Symbol) -> SeparableIntegrand | None:
    """Split ``log_expr`` into ``a(outer) + b(var)`` when its mixed derivative vanishes."""
    if sp.expand(sp.diff(log_expr, var, outer)) != 0:
        return None
    at_zero = {var: 0, outer: 0}
    a = sp.expand(log_expr.subs(var, 0) - log_expr.subs(at_zero))
    b = sp.expand(log_expr.subs(outer, 0))
    return SeparableIntegrand(mpmath_raw(a, (outer, *_PARAMS)), _compile_log(b, var))


@dataclass(frozen=True, slots=True)
class CompiledIntegrands:
    """The compiled log-integrands of the REM (see the module table).

    ``uphill_split`` is the separable form of ``uphill`` (``None`` if a model's
    ``Gc`` ties ``E'`` to ``E``).
    """

    weight: LogIntegrand
    density: LogIntegrand
    uphill: LogIntegrand
    p_less: LogIntegrand
    p_greater: LogIntegrand
    omega: Callable[..., Any]
    uphill_split: SeparableIntegrand | None = None


@lru_cache(maxsize=1)
def compiled_integrands() -> CompiledIntegrands:
    """Build (once) the REM's log-integrands from :mod:`remsym_paper.model`."""
    natural = {E: epsilon + Delta * x, E_prime: epsilon + Delta * u}
    # Inner integrand of Eq 12 with Gc = G (the uncorrelated REM).
    uphill = Delta * sp.exp(-(E_prime - E) / T) * model.Gc_uncorrelated(E_prime, E)
    omega = sp.expand(log_rewrite(model.Omega(N, rho, nu)))
    compiled_uphill = _compile(uphill, natural, u, (x,))
    return CompiledIntegrands(
        weight=_compile(Delta * model.G(E) * model.boltzmann(E), natural, x),
        density=_compile(Delta * model.G(E_prime), natural, u),
        uphill=compiled_uphill,
        uphill_split=_separate(compiled_uphill.expr, u, x),
        p_less=_compile(model.p_less_erfc(E), natural, x),
        p_greater=_compile(model.p_greater_erfc(E), natural, x),
        omega=mpmath_raw(omega, (N, rho, nu)),
    )
