"""Reading one row of LaTeX as SymPy expressions: the grammar's transformer.

The grammar (``latex.lark``, LALR) leaves every choice that mathematics leaves
open to this module, which makes it from the declarations or from the policy
below, or else keeps *every* reading: a value is a :class:`Readings`, a tuple of
distinct SymPy expressions with a note saying what was ambiguous.  A side of a
row with more than one reading is reported as ambiguous, never guessed.

Policy (README, "Checking a derivation written in LaTeX")
---------------------------------------------------------
* A name followed by ``(`` is a call if declared in ``functions`` (``\\Gamma``
  is the gamma function unless declared a symbol), a product if declared in
  ``symbols``; otherwise ambiguous (one argument) or an error (several).
* An integral, a sum or a product reaches the end of its term; a factor that
  depends on the integration variable belongs inside the integral (``bigops``).
* ``a/2b`` is ``a/(2b)``: ``/`` divides by the whole juxtaposed product after it.
* A bracketed function argument ends at its bracket (``\\ln(x) y`` is ``y ln x``,
  ``\\ln(x)^2`` is ``(ln x)^2``); an unbracketed one is the juxtaposed factors
  up to the next function, operator or relation (``\\sin x \\cos y``), and more
  than one such factor is ambiguous (``\\ln x y``).
* ``e`` is Euler's number unless ``% remsym: e symbol``; ``\\log`` is natural.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import sympy as sp
from lark import Token, Transformer, v_args

from remsym.latex.notation import Average
from remsym.texinput.bigops import BigOperators
from remsym.texinput.declarations import Declarations, normal_name
from remsym.texinput.values import (
    Item,
    ReadError,
    Readings,
    Term,
    alternatives,
    combine,
    product,
)

FUNCTIONS: dict[str, Callable[..., Any]] = {
    "exp": sp.exp, "ln": sp.log, "log": sp.log, "sin": sp.sin, "cos": sp.cos,
    "tan": sp.tan, "cot": sp.cot, "sec": sp.sec, "csc": sp.csc, "sinh": sp.sinh,
    "cosh": sp.cosh, "tanh": sp.tanh, "coth": sp.coth, "arcsin": sp.asin,
    "arccos": sp.acos, "arctan": sp.atan, "erf": sp.erf, "erfc": sp.erfc,
    "erfi": sp.erfi, "Ei": sp.Ei, "li": sp.li, "Si": sp.Si, "Ci": sp.Ci,
    "sign": sp.sign, "sinc": sp.sinc,
}


def _pos(tok: Any) -> int:
    return tok.start_pos if isinstance(tok, Token) and tok.start_pos is not None else 0


class RowReader(BigOperators, Transformer):
    """Lark transformer from a row's parse tree to its sides and relations."""

    def __init__(self, decl: Declarations):
        super().__init__()
        self.decl = decl

    # -- names and atoms ------------------------------------------------------
    def _symbol(self, name: str) -> sp.Expr:
        if name == "e" and self.decl.euler_e:
            return sp.E
        return self.decl.symbol(name)

    @v_args(inline=True)
    def name(self, base: Token, *rest: Any) -> Item:
        text = _token_name(base)
        for part in rest:
            text += "_" + part if isinstance(part, str) and not isinstance(part, Token) else "'"
        return Item("name", None, _pos(base), name=text, word=base.type == "WORD")

    def subscript(self, toks: list[Any]) -> str:
        return "".join(_token_name(t) if t.type in ("GREEK", "WORD") else str(t) for t in toks)

    def sub_tok(self, toks: list[Token]) -> Token:
        return toks[0]

    @v_args(inline=True)
    def number(self, tok: Token) -> Item:
        return Item("atom", Readings.one(sp.Rational(str(tok))), _pos(tok))

    @v_args(inline=True)
    def const(self, tok: Token) -> Item:
        return Item("atom", Readings.one(sp.pi if "pi" in tok else sp.oo), _pos(tok))

    @v_args(inline=True)
    def diff(self, tok: Token) -> Item:
        return Item("diff", None, _pos(tok), name="d")

    def expr_list(self, exprs: list[Readings]) -> list[Readings]:
        return exprs

    @v_args(inline=True)
    def paren(self, exprs: list[Readings]) -> Item:
        return Item("paren", exprs[0] if len(exprs) == 1 else None, 0, args=exprs)

    @v_args(inline=True)
    def bracket(self, *toks: Any) -> Item:
        return Item("bracket", next(t for t in toks if isinstance(t, Readings)), 0)

    @v_args(inline=True)
    def brace(self, exprs: list[Readings]) -> Item:
        inner = exprs[0].sole if len(exprs) == 1 else None
        if inner is not None:  # SymPy's f{\left(x, y \right)}: the braces are transparent
            return inner
        if len(exprs) != 1:
            raise ReadError("a list in braces is not a factor")
        return Item("bracket", exprs[0], 0)

    def frac_arg(self, toks: list[Any]) -> Readings:
        return self._script_value(toks[0])

    @v_args(inline=True)
    def frac(self, tok: Token, num: Readings, den: Readings) -> Item:
        return Item("atom", self._quotient(num, den, _pos(tok)), _pos(tok))

    def _quotient(self, num: Readings, den: Readings, pos: int) -> Readings:
        """``num / den``, refusing ``\\frac{d}{dx}``, ``dE/dT`` and ``\\frac{\\delta F}{\\delta
        \\rho}``: a derivative read as a quotient would cancel its ``d`` silently."""
        for letter in ("d", "delta"):
            if self.decl.declared_symbol(letter):
                continue
            d = self._symbol(letter)
            if any(d in e.free_symbols for e in num.exprs) and any(
                    d in e.free_symbols for e in den.exprs):
                raise ReadError(f"a derivative ({letter}.../{letter}...) is not read; declare "
                                f"{letter} a symbol if it is one", pos)
        return combine(lambda a, b: a / b, num, den)

    @v_args(inline=True)
    def binom(self, tok: Token, n: Readings, k: Readings) -> Item:
        return Item("atom", combine(sp.binomial, n, k), _pos(tok))

    @v_args(inline=True)
    def sqrt(self, tok: Token, *args: Readings) -> Item:
        if len(args) == 2:
            return Item("atom", combine(lambda n, x: sp.root(x, n), *args), _pos(tok))
        return Item("atom", combine(sp.sqrt, args[0]), _pos(tok))

    @v_args(inline=True)
    def average(self, tok: Token, inner: Readings, _close: Token) -> Item:
        average = _average_function(self.decl.average)
        return Item("atom", combine(average, inner), _pos(tok))

    # -- scripts and postfixes -----------------------------------------------
    def _script_value(self, x: Any) -> Any:
        if isinstance(x, Readings):
            return x
        if isinstance(x, Token):
            if x.type == "DIGIT":
                return Readings.one(int(x))
            if x.type == "LETTER":
                return Readings.one(self._symbol(str(x)))
            if x.type == "GREEK":
                return Readings.one(self._symbol(_token_name(x)))
            if x.type == "CONST":
                return Readings.one(sp.pi if "pi" in x else sp.oo)
            if x.type in ("STAR", "PRIME_SCRIPT"):
                return x
        return x

    def script(self, toks: list[Any]) -> Any:
        return self._script_value(toks[0])

    def script_group(self, toks: list[Any]) -> Any:
        return toks[0]

    @v_args(inline=True)
    def script_eq(self, left: Readings, _eq: Token, right: Readings) -> tuple:
        return ("eq", left, right)

    @v_args(inline=True)
    def power(self, script: Any) -> tuple[str, Any]:
        return ("pow", script)

    def factorial(self, _: list) -> tuple[str, Any]:
        return ("fact", None)

    def atom(self, children: list[Item]) -> Item:
        return children[0]

    def item(self, children: list[Any]) -> Item:
        head, posts = children[0], children[1:]
        if head.kind == "name":
            # E^*, E^\prime: part of the name while no other postfix came first
            while posts and posts[0][0] == "pow" and isinstance(posts[0][1], Token):
                head.name += "^*" if posts[0][1].type == "STAR" else "'"
                posts = posts[1:]
        if any(p[0] == "pow" and not isinstance(p[1], Readings) for p in posts):
            raise ReadError("a superscript * or \\prime after a power", head.pos)
        head.postfix = head.postfix + list(posts)
        return head

    # -- products, terms, sums ---------------------------------------------------
    def funcapp(self, children: list[Any]) -> Item:
        tok, rest = children[0], children[1:]
        upper = rest[0] if rest and not isinstance(rest[0], Item) else None
        items = [c for c in rest if isinstance(c, Item)]
        return Item("call", self._apply_function(tok, upper, items), _pos(tok))

    def _apply_function(self, tok: Token, upper: Any, items: list[Item]) -> Readings:
        fname = _token_name(tok)
        fn = FUNCTIONS[fname]
        power = upper[1] if upper else None
        if power is not None and power.exprs == (sp.Integer(-1),):
            raise ReadError(f"\\{fname}^{{-1}} is an inverse or a reciprocal: write "
                            f"\\arc{fname} or (\\{fname} x)^{{-1}}", tok.start_pos)
        if items[0].kind in ("paren", "bracket"):
            if items[0].value is None:
                raise ReadError(f"\\{fname} of a list", tok.start_pos)
            posts, items[0].postfix = items[0].postfix, []
            value = self._with_postfix(combine(fn, items[0].value), posts, _pos(tok))
            rest = self._factors(items[1:])
            value = product([value, *rest])
        else:
            factors = self._factors(items)
            inner = combine(fn, product(factors))
            value = inner if len(factors) == 1 else alternatives(
                [inner, product([combine(fn, factors[0]), *factors[1:]])],
                f"the argument of an unbracketed \\{fname}")
        return combine(lambda v, p: v**p, value, power) if power is not None else value

    def _with_postfix(self, value: Readings, posts: list, pos: int) -> Readings:
        for kind, arg in posts:
            if kind == "fact":
                value = combine(sp.factorial, value)
            else:
                value = combine(lambda b, p: b**p, value, arg)
        return value

    def _factors(self, items: list[Item]) -> list[Readings]:
        """Values of juxtaposed items, deciding call or product for ``name (..)``."""
        out: list[Readings] = []
        i = 0
        while i < len(items):
            it = items[i]
            nxt = items[i + 1] if i + 1 < len(items) else None
            if it.kind == "diff":
                raise ReadError("a differential d outside an integral", it.pos)
            if it.kind == "name" and nxt is not None and nxt.kind == "paren":
                out.append(self._call_or_product(it, nxt))
                i += 2
                continue
            if it.kind == "paren" and it.value is None:
                raise ReadError("a list (a, b, ...) is not a factor", it.pos)
            value = Readings.one(self._symbol(it.name)) if it.kind == "name" else it.value
            assert value is not None  # only a list has no value, refused above
            out.append(self._with_postfix(value, it.postfix, it.pos))
            i += 1
        return out

    def _call_or_product(self, head: Item, args: Item) -> Readings:
        name = head.name
        builtin = None if name in self.decl.functions or self.decl.declared_symbol(name) \
            else _sympy_function(name, head.word)
        if head.postfix:  # \Delta^2(\rho): Delta(rho)^2 for a function, a product for a symbol
            as_product = product([self._with_postfix(Readings.one(self._symbol(name)),
                                                     head.postfix, head.pos),
                                  self._paren_value(args)])
            if self.decl.declared_symbol(name):
                return as_product
            call = self._with_postfix(self._call(builtin or sp.Function(name), args),
                                      head.postfix, head.pos)
            if name in self.decl.functions or builtin is not None:
                return call
            return alternatives([call, as_product], f"{name}^...(...): a power of a call of "
                                f"{name} or a product (declare {name} in functions or symbols)")
        if name in self.decl.functions or builtin is not None:
            return self._call(builtin or sp.Function(name), args)
        if args.value is None:
            raise ReadError(f"undeclared {name} used as a function (declare it: "
                            f"% remsym: functions {name})", head.pos)
        prod = product([Readings.one(self._symbol(name)),
                        self._with_postfix(args.value, args.postfix, head.pos)])
        if self.decl.declared_symbol(name):
            return prod
        call = self._with_postfix(combine(sp.Function(name), args.value), args.postfix,
                                  head.pos)
        return alternatives([call, prod], f"{name}(...): a call of {name} or a product "
                                          f"(declare {name} in functions or symbols)")

    def _call(self, fn: Any, args: Item) -> Readings:
        return self._with_postfix(combine(lambda *a: fn(*a), *args.args), args.postfix,
                                  args.pos)

    def _paren_value(self, args: Item) -> Readings:
        if args.value is None:
            raise ReadError("a list (a, b, ...) is not a factor", args.pos)
        return self._with_postfix(args.value, args.postfix, args.pos)

    @v_args(inline=True)
    def juxt(self, *children: Any) -> tuple[list[Item], Readings | None]:
        bigop = children[-1] if isinstance(children[-1], Readings) else None
        return ([c for c in children if isinstance(c, Item)], bigop)

    def term(self, children: list[Any]) -> Term:
        parts, op = [], "*"
        for c in children:
            if isinstance(c, Token):
                op = "/" if str(c) == "/" else "*"
            else:
                parts.append((op, c[0], c[1]))
        first = parts[0][1]
        return Term(parts, first[0].pos if first else 0)

    def term_value(self, term: Term) -> Readings:
        parts = term.parts
        if (len(parts) == 1 and parts[0][2] is None and len(parts[0][1]) == 1
                and parts[0][1][0].kind == "paren" and not parts[0][1][0].postfix):
            # a bare (a, b) passes through braces to a call (SymPy's f{\left(a, b\right)});
            # used as a value, a list has no reading (read_row reports it)
            paren = parts[0][1][0]
            inner = paren.value if paren.value is not None else Readings(())
            return Readings(inner.exprs, inner.why, paren)
        value: Readings | None = None
        for op, items, bigop in parts:
            factors = self._factors(items)
            part = product(factors) if bigop is None else self._with_bigop(factors, bigop)
            if value is None:
                value = part
            elif op == "/":
                value = self._quotient(value, part, term.pos)
            else:
                value = combine(lambda a, b: a * b, value, part)
        assert value is not None
        return value

    @v_args(inline=True)
    def signed(self, *children: Any) -> Readings:
        term = children[-1]
        value = self.term_value(term)
        if len(children) == 2 and str(children[0]) == "-":
            value = combine(lambda v: -v, value)
        return value

    def sum(self, children: list[Any]) -> Readings:
        value = children[0]  # a lone term keeps its ``sole`` list
        for op, term in zip(children[1::2], children[2::2], strict=True):
            part = self.term_value(term)
            value = combine((lambda a, b: a - b) if str(op) == "-" else (lambda a, b: a + b),
                            value, part)
        return value

    # -- a row -----------------------------------------------------------------
    def rel(self, toks: list[Token]) -> Token:
        return toks[0]

    def lead(self, toks: list[Token]) -> tuple[str, Token]:
        return ("lead", toks[0])

    def start(self, children: list[Any]) -> list[Any]:
        return children


def _token_name(tok: Token) -> str:
    """``\\Delta`` -> ``Delta``, ``\\mathrm{LM}`` -> ``LM``, ``x`` -> ``x``, and SymPy's
    spelling of an accent, ``\\tilde{x}`` -> ``xtilde`` (which SymPy prints back)."""
    accent = _ACCENT.fullmatch(str(tok)) if tok.type == "ACCENT" else None
    if accent is not None:
        return normal_name(accent.group(2)) + accent.group(1)
    return normal_name(str(tok))


_ACCENT = re.compile(r"\\(\w+)\s*\{\s*(\\?[A-Za-z]+)\s*\}")


def _sympy_function(name: str, word: bool) -> Any:
    """SymPy's function for ``\\Gamma(...)`` or ``\\operatorname{NAME}(...)`` (``besselj``,
    ``polylog``, ...), else None.  Only a word in ``\\operatorname``/``\\mathrm`` is looked
    up: a plain letter (``E``, ``N``, ``S``) is never SymPy's object of that name."""
    if name == "Gamma":
        return sp.gamma
    found = getattr(sp, name, None) if word else None
    return found if isinstance(found, type) and issubclass(found, sp.Function) else None


def _average_function(name: str):
    return Average if name == "avg" else sp.Function(name)


__all__ = ["RowReader", "Readings", "ReadError", "FUNCTIONS"]
