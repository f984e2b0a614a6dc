"""The symbolic witness of an exact step: a chain of targeted rewrites.

``before = after`` is proved when one rewrite (``expand``, ``cancel``, ``powsimp``,
log normal forms, ``gammasimp``, ``trigsimp``...) takes ``before - after`` to zero, or
``before / after`` to one (STYLE.md rule 7: never ``simplify(a - b) == 0`` alone).

What is attempted is chosen by the expression's *form* and *size*, never by the clock:
each rewrite has the functions it acts on (without one of them it cannot prove
anything) and a size bound in SymPy's operation count (beyond it, it is not attempted).
So the same step gives the same witness on an idle and on a loaded machine.

``force=True`` rewrites (splitting logs and powers) are identities only for positive
arguments.  They are attempted only when every free symbol of the step is declared
positive, and never on an undefined function (a general ``G_c`` may be negative).
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.functions.elementary.hyperbolic import HyperbolicFunction
from sympy.functions.elementary.trigonometric import (
    InverseTrigonometricFunction,
    TrigonometricFunction,
)

from remsym.derivation.antiderivative import definite_by_antiderivative

__all__ = ["symbolic_identity", "log_normal_form", "log_ratio_normal_form",
           "exp_erf_normal_form", "FORCED_REWRITES", "REWRITES"]


def log_normal_form(expr: sp.Expr) -> sp.Expr:
    """Logs expanded (forced), each log's argument over one denominator and factored
    (``1 - K/(nu + K)`` is ``nu/(nu + K)``), logs expanded again, one cancelled fraction:
    zero proves ``expr == 0`` for positive symbols (the slope of an entropy exponent at
    its maximum)."""
    expr = sp.expand_log(expr, force=True)
    expr = expr.replace(lambda e: isinstance(e, sp.log),
                        lambda e: sp.log(sp.factor(sp.together(e.args[0]))))
    expr = sp.expand(sp.expand_log(expr, force=True))
    return expr if expr == 0 else sp.cancel(sp.together(expr))


def log_ratio_normal_form(ratio: sp.Expr) -> sp.Expr:
    """:func:`log_normal_form` of ``log(ratio)``: zero proves ``ratio == 1`` (a
    saddle-point value ``exp(N f(x*))`` against ``(a + K)^N``)."""
    return log_normal_form(sp.log(ratio))


def exp_erf_normal_form(expr: sp.Expr) -> sp.Expr:
    """A normal form for sums of products of exponentials and error functions.

    ``erfc = 1 - erf``; exponentials merged; every ``exp`` and ``erf`` argument
    expanded so that equal arguments are equal atoms; one cancelled rational function
    over those atoms.  Each move is an identity, so zero proves ``expr == 0``.
    """
    expr = sp.expand(sp.sympify(expr).rewrite(sp.erf))
    expr = sp.powsimp(expr, combine="exp")
    expr = expr.replace(lambda e: isinstance(e, (sp.exp, sp.erf)),
                        lambda e: e.func(sp.expand(e.args[0])))
    expr = sp.expand(expr)
    return expr if expr == 0 else sp.cancel(sp.together(expr))


#: (name, rewrite, functions it acts on or None for any, size bound in count_ops,
#:  applies to the ratio only)
Rewrite = tuple[str, Callable[[sp.Expr], sp.Expr], tuple[type, ...] | None, int, bool]

REWRITES: tuple[Rewrite, ...] = (
    ("expand", sp.expand, None, 600, False),
    ("log-ratio normal form", log_ratio_normal_form, (sp.exp,), 200, True),
    ("log normal form", log_normal_form, (sp.log,), 200, False),
    ("cancel", sp.cancel, None, 300, False),
    ("powsimp", lambda e: sp.powsimp(sp.expand(e), force=True), None, 300, False),
    ("expand_log", lambda e: sp.expand(sp.expand_log(e, force=True)), (sp.log,), 300, False),
    ("expand_func+gammasimp", lambda e: sp.gammasimp(sp.expand_func(e)),
     (sp.gamma, sp.factorial, sp.binomial, sp.loggamma, sp.polygamma, sp.beta), 150, False),
    ("combsimp", sp.combsimp, (sp.factorial, sp.binomial, sp.gamma, sp.RisingFactorial,
                               sp.FallingFactorial), 150, False),
    ("trigsimp", sp.trigsimp, (TrigonometricFunction, InverseTrigonometricFunction,
                               HyperbolicFunction), 80, False),
    ("exp-erf normal form", exp_erf_normal_form, (sp.erf, sp.erfc), 300, False),
    ("exp-log normal form", lambda e: sp.expand(sp.powsimp(sp.expand_log(
        sp.expand(e), force=True), force=True, combine="exp")), (sp.exp, sp.log), 300, False),
)

#: Rewrites that split or merge logs and powers with ``force=True``.
FORCED_REWRITES = frozenset({"powsimp", "expand_log", "exp-log normal form",
                             "log-ratio normal form", "log normal form"})

#: Integrands whose SymPy evaluation is attempted: a polynomial times the exponential of
#: a polynomial of degree <= 2 in the variable (Gaussian integrals and their moments).
#: Anything else (error functions, Meijer-G territory) is left to the numeric witness,
#: where SymPy could run without bound.
INTEGRAL_SIZE = 120


def _all_positive(expr: sp.Expr) -> bool:
    return all(s.is_positive for s in expr.free_symbols)


def _gaussian_integrand(integral: sp.Integral) -> bool:
    """Whether ``integral`` is one-dimensional with a polynomial times the exponential of
    a polynomial of degree <= 2 in its variable (see :data:`INTEGRAL_SIZE`)."""
    if len(integral.limits) != 1 or len(integral.limits[0]) != 3:
        return False
    x = integral.limits[0][0]
    f = sp.powsimp(integral.function, combine="exp")
    if sp.count_ops(f) > INTEGRAL_SIZE or f.has(sp.erf, sp.erfc) or f.atoms(AppliedUndef):
        return False
    exponentials = [e for e in f.atoms(sp.exp) if e.has(x)]
    if len(exponentials) != 1:
        return False
    (gaussian,) = exponentials
    prefactor = sp.cancel(f / gaussian)
    try:
        degree = sp.Poly(sp.expand(gaussian.args[0]), x).degree()
        sp.Poly(sp.expand(prefactor), x)
    except sp.PolynomialError:
        return False
    return degree <= 2


def _evaluated(expr: sp.Expr) -> sp.Expr | None:
    """``expr`` with its outermost integrals evaluated by SymPy, or None when one of
    them is not of a form whose evaluation is attempted (or does not close)."""
    outer = [i for i in expr.atoms(sp.Integral)
             if not any(i != j and j.has(i) for j in expr.atoms(sp.Integral))]
    if expr.has(sp.Sum, sp.Product):
        return None
    closed = {}
    for integral in outer:
        if not _gaussian_integrand(integral):
            return None
        try:
            value = definite_by_antiderivative(integral)
            if value is None:
                value = integral.doit()
        except (NotImplementedError, ValueError, TypeError):
            return None
        if value.has(sp.Integral, sp.Piecewise):
            return None
        closed[integral] = value
    return expr.xreplace(closed)


def symbolic_identity(before: sp.Expr, after: sp.Expr, forced: bool | None = None
                      ) -> str | None:
    """The name of the first targeted rewrite proving ``before == after``, else None.

    ``forced`` (default: whether every free symbol is positive and no undefined
    function occurs) allows the rewrites of :data:`FORCED_REWRITES`.
    """
    before, after = sp.sympify(before), sp.sympify(after)
    diff = before - after
    if diff == 0:
        return "syntactic"
    if forced is None:
        forced = _all_positive(diff) and not diff.atoms(AppliedUndef)
    if diff.has(sp.Sum, sp.Product):
        return None  # SymPy's closed forms of sums are unbounded in cost; numerics decide
    if diff.has(sp.Integral):
        evaluated = _evaluated(diff)
        if evaluated is None:
            return None
        try:
            if exp_erf_normal_form(evaluated) == 0:
                return "integrate+exp-erf normal form"
        except (TypeError, ValueError, NotImplementedError, RecursionError):
            return None
        return None
    ratio = None if after == 0 else before / after
    size = sp.count_ops(diff)
    for name, rewrite, targets, bound, ratio_only in REWRITES:
        if not forced and name in FORCED_REWRITES:
            continue
        if targets is not None and not diff.has(*targets):
            continue
        if name == "trigsimp" and diff.has(sp.exp, sp.log):
            continue  # its factoring blows up on exp(-10**8 (x - c)**2) beside sin, cos
        if size > bound:
            continue
        try:
            if ratio_only:
                if ratio is not None and rewrite(ratio) == 0:
                    return name
                continue
            if rewrite(diff) == 0:
                return name
            if ratio is not None and rewrite(ratio) == 1:
                return name + " (ratio)"
        except (RecursionError, TypeError, ValueError, NotImplementedError, AttributeError):
            continue
    return None
