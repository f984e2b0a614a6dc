"""Code generation shared by the numeric backends: ``lambdify`` with positional names.

Kept apart from :mod:`remsym.numeric.lambdas` (which imports NumPy and SciPy), so
that the checker's mpmath and ball-arithmetic code generation imports only SymPy.
"""

from __future__ import annotations

import builtins
import importlib
import keyword
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import sympy as sp

__all__ = ["hoist_constants", "merge_exponentials", "positional_lambdify"]


@lru_cache(maxsize=16)
def _module_names(module: str) -> frozenset[str] | None:
    """The names of a module that ``lambdify`` star-imports: its printed code may use them
    bare (mpmath's e, pi, phi, euler, mpf, sqrt...), and an argument would shadow them;
    ``None`` when the module cannot be imported."""
    try:
        return frozenset(dir(importlib.import_module(module)))
    except ImportError:
        return None


def _needs_renaming(args: Sequence[sp.Symbol], expr: sp.Expr, options: Mapping[str, Any]
                    ) -> bool:
    """Whether the arguments' own names could not serve as the generated parameters: not
    identifiers, keywords, shared by two arguments (``N`` positive and ``N`` integer),
    or a name the generated code may refer to (a builtin, a module, a function of the
    expression, a name of a namespace or module passed in ``modules``)."""
    names = [a.name for a in args]
    if len(set(names)) != len(names):
        return True
    reserved = set(dir(builtins)) | {"mpmath", "math", "numpy", "scipy", "builtins"}
    reserved |= {type(f).__name__ for f in expr.atoms(sp.Function)}
    modules = options.get("modules")
    for module in modules if isinstance(modules, (list, tuple)) else [modules]:
        if isinstance(module, Mapping):
            reserved |= set(module)
        elif isinstance(module, str):
            names_of_module = _module_names(module)
            if names_of_module is None:
                return True
            reserved |= names_of_module
    return any(not n.isidentifier() or keyword.iskeyword(n) or n in reserved
               for n in names)


def positional_lambdify(args: Sequence[sp.Symbol], expr: sp.Expr, **options: Any
                        ) -> Callable[..., Any]:
    """:func:`sympy.lambdify` of ``expr`` as a function of ``args`` in that order.

    Arguments whose names cannot be Python parameters (``E'``), or that share a name
    (``N`` positive and ``N`` integer), are first renamed ``_x0, _x1, ...``, as
    ``Dummy`` arguments would be, but not as ``Dummy`` symbols: ``lambdify`` would
    re-substitute each of them through the whole expression once more.  Plain names are
    kept (renaming rebuilds the expression), and no docstring is generated (it would
    print the whole expression).
    """
    expr = sp.sympify(expr)
    stray = expr.free_symbols - set(args)
    if stray:  # a free symbol named like a generated argument would be bound to it silently
        raise ValueError(f"symbols without an argument: {sorted(map(str, stray))}")
    options.setdefault("docstring_limit", 0)
    if not _needs_renaming(args, expr, options):
        return sp.lambdify(tuple(args), expr, dummify=False, **options)
    names = tuple(sp.Symbol(f"_x{i}") for i in range(len(args)))
    body = expr.xreplace(dict(zip(args, names, strict=True)))
    return sp.lambdify(names, body, dummify=False, **options)


def merge_exponentials(expr: sp.Expr) -> sp.Expr:
    """Every product's ``exp`` factors as one: ``exp(a) exp(b) -> exp(a + b)`` (an identity).

    For generated integrands: a Boltzmann weight times a Gaussian is two exponentials
    per node where one suffices (``benchmarks/bench_witness.py`` times both).
    """
    def merge(product: sp.Expr) -> sp.Expr:
        exps = [a for a in product.args if isinstance(a, sp.exp)]
        if len(exps) < 2:
            return product
        rest = [a for a in product.args if not isinstance(a, sp.exp)]
        return sp.Mul(*rest, sp.exp(sp.Add(*(e.args[0] for e in exps))))

    return sp.sympify(expr).replace(lambda e: e.is_Mul, merge)


def hoist_constants(expr: sp.Expr, variable: sp.Symbol
                    ) -> tuple[sp.Expr, tuple[tuple[sp.Symbol, sp.Expr], ...]]:
    """``expr`` with every maximal subexpression free of ``variable`` named, for code
    that evaluates ``expr`` at many values of ``variable`` and fixed parameters.

    Returns ``(body, ((c0, sub0), (c1, sub1), ...))`` with ``body.xreplace({c_i:
    sub_i})`` equal to ``expr``.  The ``variable``-free factors of a product (terms of a
    sum) are gathered into one constant; integers stay in place (exact and free in
    generated code), and so do numeric exponents, which a printer may special-case
    (``x**(1/2)`` as ``sqrt``).  A quadrature integrand then computes its constants
    (``sqrt(2 pi) s``, ``1/(2 s^2)``...) once per parameter point instead of at
    every node.
    """
    constants: dict[sp.Expr, sp.Symbol] = {}

    def name(sub: sp.Expr) -> sp.Expr:
        if sub.is_Integer:
            return sub
        if sub not in constants:
            constants[sub] = sp.Symbol(f"_c{len(constants)}")
        return constants[sub]

    def walk(node: sp.Expr) -> sp.Expr:
        if not node.has(variable):
            return name(node)
        if isinstance(node, (sp.Add, sp.Mul)):
            free = [a for a in node.args if not a.has(variable)]
            bound = [walk(a) for a in node.args if a.has(variable)]
            parts = bound + ([name(node.func(*free))] if free else [])
            return node.func(*parts, evaluate=False)
        if isinstance(node, sp.Pow) and node.exp.is_Number:
            return sp.Pow(walk(node.base), node.exp, evaluate=False)
        if not node.args:
            return node
        return node.func(*(walk(a) for a in node.args), evaluate=False)

    body = walk(sp.sympify(expr))
    return body, tuple((symbol, sub) for sub, symbol in constants.items())
