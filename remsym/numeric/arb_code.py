"""SymPy expressions as functions of python-flint balls (Arb's ball arithmetic).

:func:`sympy.lambdify` with :class:`ArbPrinter` and the explicit namespace of
:data:`ARB_FUNCTIONS`: exact rationals stay exact, floats are parsed at the working
precision, and branch-cut functions are evaluated with ``analytic=True``, so a ball
that touches a cut gives a non-finite value (the caller then subdivides or refuses)
instead of a value it cannot trust.  Used by the certified quadrature
(:mod:`remsym.numeric.quadrature.arb`) and by ball evaluations of whole expressions.

=============================  =================================================
name                           role
=============================  =================================================
:class:`ArbPrinter`            SymPy -> Python source for python-flint balls
:data:`ARB_FUNCTIONS`          the functions an expression may contain
:func:`compile_arb`            an expression as a function of ``acb`` balls
:func:`compile_arb_integrand`  an integrand with its parameters bound once
=============================  =================================================
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, cast

import sympy as sp
from flint import acb, arb
from sympy.printing.pycode import PythonCodePrinter

from remsym.numeric.codegen import hoist_constants, merge_exponentials, positional_lambdify

__all__ = ["ArbPrinter", "ARB_FUNCTIONS", "compile_arb", "compile_arb_integrand"]


def _namespace() -> dict[str, Any]:
    def power(base: Any, exponent: Any) -> Any:
        # an exponent that is an exact integer at the point needs no branch cut
        e = acb(exponent)
        if e.imag.is_zero() and e.real.is_integer():
            return acb(base) ** int(cast(Any, e.real.unique_fmpz()))
        return (acb(base).log(analytic=True) * e).exp()

    return {
        "_arb": arb,
        "_acb": acb,
        "_pow": power,
        "_pi": lambda: arb.pi(),
        "_e": lambda: arb(1).exp(),
        "exp": lambda z: acb(z).exp(),
        "log": lambda z: acb(z).log(analytic=True),
        "sqrt": lambda z: acb(z).sqrt(analytic=True),
        "erfc": lambda z: acb(z).erfc(),
        "erf": lambda z: acb(z).erf(),
        # remsym.numeric.lambdas.LogErfc: Arb's erfc does not underflow, so log(erfc) is direct
        "LogErfc": lambda z: acb(z).erfc().log(analytic=True),
        "loggamma": lambda z: acb(z).lgamma(),
        "gamma": lambda z: acb(z).gamma(),
        "cosh": lambda z: acb(z).cosh(),
        "sinh": lambda z: acb(z).sinh(),
    }


#: The functions an integrand may contain (anything else is reported, not guessed).
ARB_FUNCTIONS: tuple[str, ...] = ("exp", "log", "sqrt", "erfc", "erf", "loggamma", "gamma",
                                  "cosh", "sinh", "LogErfc")


class ArbPrinter(PythonCodePrinter):
    """Python source over python-flint balls: exact rationals, ``analytic`` branch cuts.

    Integers print as Python integers (exact in every ball operation), rationals
    as ``_arb(p)/q``, floats as decimal strings parsed at the working precision,
    and ``pi``/``E`` as Arb's constants; non-integer powers go through ``_pow``
    (``exp(e log b)`` with the branch cut guarded).
    """

    printmethod = "_arbcode"
    language = "Python with python-flint"
    _kf = {name: name for name in ARB_FUNCTIONS}

    def _print_known_func(self, expr: sp.Expr) -> str:
        name = expr.func.__name__
        return f"{name}({', '.join(map(self._print, expr.args))})"

    def _print_Function(self, expr: sp.Expr) -> str:
        if expr.func.__name__ in ARB_FUNCTIONS:
            return self._print_known_func(expr)
        raise NotImplementedError(f"no ball-arithmetic form for {expr.func.__name__}")

    _print_exp = _print_log = _print_erfc = _print_erf = _print_loggamma = _print_Function
    _print_gamma = _print_cosh = _print_sinh = _print_Function

    def _print_Rational(self, expr: sp.Rational) -> str:
        return f"(_arb({expr.p})/{expr.q})"

    def _print_Integer(self, expr: sp.Integer) -> str:
        return str(expr.p)

    def _print_Float(self, expr: sp.Float) -> str:
        return f"_arb({str(sp.Float(expr, max(expr._prec // 3 + 5, 20)))!r})"

    def _print_Pi(self, expr: sp.Expr) -> str:
        return "_pi()"

    def _print_Exp1(self, expr: sp.Expr) -> str:
        return "_e()"

    def _print_Pow(self, expr: sp.Pow, rational: bool = False) -> str:
        base, exponent = expr.as_base_exp()
        if exponent.is_Integer:
            return f"({self._print(base)})**({int(exponent)})"
        if exponent == sp.S.Half:
            return f"sqrt({self._print(base)})"
        if exponent == -sp.S.Half:
            return f"(1/sqrt({self._print(base)}))"
        return f"_pow({self._print(base)}, {self._print(exponent)})"

    def emptyPrinter(self, expr: Any) -> str:  # noqa: N802 - SymPy's hook name
        raise NotImplementedError(f"no ball-arithmetic form for {type(expr).__name__}")


@lru_cache(maxsize=512)
def _compiled(expr: sp.Expr, variables: tuple[sp.Symbol, ...]) -> Callable[..., Any]:
    return positional_lambdify(variables, expr, modules=[_namespace()], printer=ArbPrinter)


def compile_arb(expr: sp.Expr, variables: Sequence[sp.Symbol]) -> Callable[..., Any]:
    """``expr`` as a function of ``acb`` balls for ``variables`` (cached per expression).

    Raises ``NotImplementedError`` for a function without a ball form (the caller
    then uses another route) and for unevaluated integrals or sums.
    """
    expr = sp.sympify(expr)
    _refuse_without_ball_form(expr)
    return _compiled(expr, tuple(variables))


def _refuse_without_ball_form(expr: sp.Expr) -> None:
    """``NotImplementedError`` for unevaluated integrals or sums and for functions outside
    :data:`ARB_FUNCTIONS`.  Checked here, not in the printer: SymPy's PythonCodePrinter
    binds its own printers of sin, cos, Abs... at class level, and they would print names
    the namespace lacks."""
    if expr.has(sp.Integral, sp.Sum, sp.Product):
        raise NotImplementedError("nested integrals and sums have no single ball integrand")
    foreign = sorted({type(f).__name__ for f in expr.atoms(sp.Function)} - set(ARB_FUNCTIONS))
    if foreign:
        raise NotImplementedError(f"no ball-arithmetic form for {', '.join(foreign)}")


@lru_cache(maxsize=512)
def compile_arb_integrand(expr: sp.Expr, variable: sp.Symbol, params: tuple[sp.Symbol, ...]
                          ) -> Callable[..., Callable[[Any], Any]]:
    """``expr`` as an integrand in ``variable`` with fixed ``params``: ``bind(*balls)``
    returns ``f(z)``.

    The subexpressions free of ``variable`` (:func:`~remsym.numeric.codegen.hoist_constants`)
    are evaluated once, by ``bind``, at the precision in force there, and a product's
    ``exp`` factors are merged into one
    (:func:`~remsym.numeric.codegen.merge_exponentials`); ``f`` then costs only the
    operations on ``z``.  ``bind`` must run at the precision of the integration.  Raises
    ``NotImplementedError`` as :func:`compile_arb` does.
    """
    expr = sp.sympify(expr)
    _refuse_without_ball_form(expr)
    body, constants = hoist_constants(merge_exponentials(expr), variable)
    symbols = tuple(symbol for symbol, _ in constants)
    values = _compiled(sp.Tuple(*(sub for _, sub in constants)), params)
    kernel = _compiled(body, (variable,) + symbols)

    def bind(*balls: Any) -> Callable[[Any], Any]:
        fixed = values(*balls)
        return lambda z: kernel(z, *fixed)

    return bind
