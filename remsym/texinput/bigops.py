"""Integrals, sums and products in a row: their measure, bounds and reach.

Policy (README): an integral, a sum or a product reaches the end of its term (the
grammar shifts); the measure ``dX`` (or ``\\mathrm{d}X``) may come first
(``\\int dE\\, f``: the rest of the term is the integrand) or later (``\\int f\\,
dx``: only the factors after it that depend on ``X`` join the integrand); a factor
before the integral sign that depends on the integration variable belongs inside.
A sum needs ``_{n=a}^{b}`` with a single symbol as its index.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp
from lark import Token

from remsym.texinput.declarations import Declarations
from remsym.texinput.values import Item, ReadError, Readings, Term, combine, product


class BigOperators:
    """The big-operator rules of :class:`~remsym.texinput.reading.RowReader` (a mixin:
    it uses the reader's ``decl``, ``_symbol``, ``_factors`` and ``term_value``)."""

    decl: Declarations
    _symbol: Callable[[str], sp.Expr]
    _factors: Callable[[list[Item]], list[Readings]]
    term_value: Callable[[Term], Readings]

    def _with_bigop(self, factors: list[Readings], bigop: Readings) -> Readings:
        """Factors before an integral that depend on its variable belong inside it."""
        def attach(big: sp.Expr, *fs: sp.Expr) -> sp.Expr:
            if isinstance(big, sp.Integral) and len(big.limits) == 1:
                var = big.limits[0][0]
                inside = [f for f in fs if var in f.free_symbols]
                if inside:
                    outside = [f for f in fs if var not in f.free_symbols]
                    return sp.Mul(*outside) * big.func(sp.Mul(*inside) * big.function,
                                                       *big.limits)
            return sp.Mul(*fs) * big
        return combine(attach, bigop, *factors)

    def integral(self, children: list[Any]) -> Readings:
        tok, bounds, body = children[0], children[1:-1], children[-1]
        lower = next((b[1] for b in bounds if b[0] == "lower"), None)
        upper = next((b[1] for b in bounds if b[0] == "upper"), None)
        var, inside, outside = self._split_measure(body, tok)
        sym = Readings.one(self._symbol(var))
        limits = [sym] + [b for b in (lower, upper) if b is not None]
        if (lower is None) != (upper is None):
            raise ReadError("an integral with one bound only", tok.start_pos)
        integral = combine(lambda f, *lim: sp.Integral(f, tuple(lim)), inside, *limits)
        return product([integral, outside]) if outside is not None else integral

    def lower(self, children: list[Any]) -> tuple[str, Any]:
        return ("lower", children[0])

    def upper(self, children: list[Any]) -> tuple[str, Any]:
        return ("upper", children[0])

    def _split_measure(self, body: Term, tok: Token) -> tuple[str, Readings, Readings | None]:
        """The variable of ``dX``, the integrand and the factors left outside.

        A measure first (``\\int dE\\, f``) takes the rest of the term inside; one
        later (``\\int f(x)\\, dx\\, g``) takes inside only the factors after it that
        depend on ``X``."""
        for index, (op, items, bigop) in enumerate(body.parts):
            for k in range(len(items) - 1):
                d, x = items[k], items[k + 1]
                if not ((d.kind == "diff" or (d.kind == "name" and d.name == "d"
                                              and not d.postfix
                                              and not self.decl.declared_symbol("d")))
                        and x.kind == "name" and not x.postfix):
                    continue
                var = self._symbol(x.name)
                before, after = items[:k], self._factors(items[k + 2:])
                first = index == 0 and k == 0
                keep = [f for f in after if first or any(var in e.free_symbols
                                                         for e in f.exprs)]
                out = [f for f in after if not any(f is g for g in keep)]
                parts = list(body.parts)
                parts[index] = (op, before, bigop)
                empty = not before and bigop is None and len(parts) == 1
                inside = Readings.one(1) if empty else self.term_value(Term(parts, body.pos))
                return x.name, product([inside, *keep]), product(out) if out else None
        raise ReadError("an integral without a measure dX (or \\mathrm{d}X)", tok.start_pos)

    def sum_op(self, children: list[Any]) -> Readings:
        tok, bounds, body = children[0], children[1:-1], children[-1]
        lower = next((b[1] for b in bounds if b[0] == "lower"), None)
        upper = next((b[1] for b in bounds if b[0] == "upper"), None)
        if not (isinstance(lower, tuple) and lower[0] == "eq") or upper is None:
            raise ReadError("a sum or product needs limits: _{n=a}^{b}", tok.start_pos)
        index = lower[1]
        if len(index.exprs) != 1 or not isinstance(index.expr, sp.Symbol):
            raise ReadError(f"the summation index {sp.sstr(index.expr)} is not a single symbol",
                            tok.start_pos)
        kind = sp.Product if "prod" in tok else sp.Sum
        return combine(lambda f, a, b: kind(f, (index.expr, a, b)), self.term_value(body),
                       lower[2], upper)


__all__ = ["BigOperators"]
