"""The one LaTeX printer of remsym, in the paper's notation.

Every LaTeX string of the project comes from :func:`to_latex` (expressions) or
from the modules of this package that call it (steps, documents).  The printer
subclasses SymPy's ``LatexPrinter`` only where its defaults differ from how the
paper writes things:

* symbol and function names: one table, :func:`name_table` (``Delta`` ->
  ``\\Delta`` and each collection's names, ``E_star`` -> ``E^{*}``), with
  fallbacks for names it does not know (multi-letter subscripts set upright, LaTeX
  names passed through);
* products: numerical and algebraic prefactors first, exponentials last
  (``T/(sqrt(pi) Delta) e^{...}`` rather than one fraction holding the ``e``),
  ``1/sqrt(2 pi)`` collected, a rational factor of an ``erfc`` kept in front;
* ``exp`` with a long argument as ``\\exp[...]``; ``ln`` for logarithms;
  ``\\operatorname{erfc}``, ``\\operatorname{erfc}^{-1}``, ``\\ln\\Gamma``;
* sums start with a positive term (``eps - E``, not ``-E + eps``);
* :class:`~remsym.latex.notation.Average` as ``<...>``, Owen's ``T(h, a)``.

:func:`order_latex` prints a relative order ``O(T^2/Delta^2)`` exactly as given
(SymPy's ``Order`` would drop the ``Delta``, which is not a limit variable).
"""

from __future__ import annotations

import functools
import re
from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter

from remsym.collection import notation as collection_notation
from remsym.latex.text import UNICODE_MATH, escape
from remsym.latex.width import visual_width

#: Names -> LaTeX that hold in any derivation (Greek spelt out, the engine's own
#: placeholders); a collection adds its own (:func:`remsym.collection.notation`).
GENERIC_NOTATION: dict[str, str] = {
    "Delta": r"\Delta",
    "epsilon": r"\varepsilon",
    "eps": r"\varepsilon",
    "rho": r"\rho",
    "nu": r"\nu",
    "lambda": r"\lambda",
    "lam": r"\lambda",
    "Omega": r"\Omega",
    "OwenT": "T",
    "A_sqrt2pi": r"\sqrt{2 \pi}",
    "A_sqrt2": r"\sqrt{2}",
}


@functools.cache
def name_table() -> dict[str, str]:
    """The printer's name table: :data:`GENERIC_NOTATION` and every collection's."""
    return {**collection_notation(), **GENERIC_NOTATION}


_WORD_SUB = re.compile(r"^(.+?)_([A-Za-z]{2,})$")
# "A": these placeholders sort before the other factors of a product
_SQRT_2PI = sp.Symbol("A_sqrt2pi", positive=True)
_SQRT_2 = sp.Symbol("A_sqrt2", positive=True)


def _upright_subscript(name: str) -> str | None:
    """``G_trial`` -> ``G_{\\mathrm{trial}}`` (a word, not a product of symbols)."""
    m = _WORD_SUB.match(name)
    if m is None or m.group(2) in name_table() or m.group(2) in _GREEK:
        return None
    head = name_table().get(m.group(1)) or (
        "\\" + m.group(1) if m.group(1) in _GREEK else m.group(1))
    return rf"{head}_{{\mathrm{{{m.group(2)}}}}}"


_GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
          "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "phi", "chi",
          "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi",
          "Psi", "Omega"}


_GREEK_LOWER = {g.lower() for g in _GREEK} | {"upsilon", "omicron"}


class RemsymLatexPrinter(LatexPrinter):
    """SymPy's LaTeX printer with the paper's names and ordering of factors."""

    _default_settings = {**LatexPrinter._default_settings, "ln_notation": True,
                         "exp_inline_width": 12}

    def __init__(self, settings: dict[str, Any] | None = None):
        super().__init__(settings)
        self._given = dict(settings or {})
        self._folded: RemsymLatexPrinter | None = None

    def _fold(self) -> RemsymLatexPrinter:
        """The same printer with short fractions folded (``a/b``), for exponents."""
        if self._folded is None:
            self._folded = RemsymLatexPrinter({**self._given, "fold_short_frac": True})
        return self._folded

    # -- names ---------------------------------------------------------------
    def _print_Symbol(self, expr: sp.Symbol, style: str = "plain") -> str:
        name = expr.name
        if not name.isascii():  # pdflatex reads no raw Unicode: "Δ_c" -> "Delta_c"
            return self._print_Symbol(sp.Symbol(_ascii_name(name)), style)
        if name in name_table():
            return name_table()[name]
        if "\\" in name:  # already LaTeX (a derivation chose its own notation)
            return name
        upright = _upright_subscript(name)
        if upright is not None:
            return upright
        return super()._print_Symbol(expr, style)

    _print_Dummy = _print_Symbol

    def _hprint_Function(self, func: str) -> str:
        if not func.isascii():
            func = _ascii_name(func)
        if func in name_table():
            return name_table()[func]
        upright = _upright_subscript(func)
        if upright is not None:
            return upright
        return super()._hprint_Function(func)

    # -- functions -----------------------------------------------------------
    def _print_exp(self, expr: sp.Expr, exp: Any = None) -> str:
        arg = self._fold()._print(expr.args[0])
        if visual_width(arg) <= self._settings["exp_inline_width"] and r"\frac" not in arg:
            tex = rf"e^{{{arg}}}"
            return rf"\left({tex}\right)^{{{exp}}}" if exp is not None else tex
        tex = rf"\exp\left[{self._print(expr.args[0])}\right]"
        return rf"{tex}^{{{exp}}}" if exp is not None else tex

    def _print_log(self, expr: sp.Expr, exp: Any = None) -> str:
        arg = expr.args[0]
        inner = self._print(arg)
        if arg.is_Symbol or arg.is_Integer or isinstance(arg, sp.Function) and not isinstance(
                arg, sp.log):
            tex = rf"\ln {inner}"
        else:
            tex = rf"\ln\left({inner}\right)"
        return _raised(tex, exp)

    def _print_erfcinv(self, expr: sp.Expr, exp: Any = None) -> str:
        tex = rf"\operatorname{{erfc}}^{{-1}}\left({self._print(expr.args[0])}\right)"
        return _raised(tex, exp)

    def _print_erfinv(self, expr: sp.Expr, exp: Any = None) -> str:
        tex = rf"\operatorname{{erf}}^{{-1}}\left({self._print(expr.args[0])}\right)"
        return _raised(tex, exp)

    def _print_loggamma(self, expr: sp.Expr, exp: Any = None) -> str:
        tex = rf"\ln\Gamma\left({self._print(expr.args[0])}\right)"
        return _raised(tex, exp)

    def _print_OwenT(self, expr: sp.Expr, exp: Any = None) -> str:
        h, a = (self._print(arg) for arg in expr.args)
        tex = rf"T\left({h}, {a}\right)"
        return rf"{tex}^{{{exp}}}" if exp is not None else tex

    def _print_Average(self, expr: sp.Expr, exp: Any = None) -> str:
        tex = rf"\left\langle {self._print(expr.args[0])} \right\rangle"
        return rf"{tex}^{{{exp}}}" if exp is not None else tex

    def _print_Order(self, expr: sp.Expr) -> str:
        return order_latex(expr.expr, printer=self)

    # -- sums and products ---------------------------------------------------
    def ordered_terms(self, expr: sp.Expr) -> list[sp.Expr]:
        """Terms of a sum in printing order: SymPy's, but starting with a positive term."""
        terms = list(self._as_ordered_terms(expr))
        if terms and terms[0].could_extract_minus_sign():
            first_positive = next((i for i, t in enumerate(terms)
                                   if not t.could_extract_minus_sign()), None)
            if first_positive is not None:
                terms.insert(0, terms.pop(first_positive))
        return terms

    def _print_Add(self, expr: sp.Expr, order: Any = None) -> str:
        tex = ""
        for i, term in enumerate(self.ordered_terms(expr)):
            if i == 0:
                pass
            elif term.could_extract_minus_sign():
                tex += " - "
                term = -term
            else:
                tex += " + "
            term_tex = self._print(term)
            if self._needs_add_brackets(term):
                term_tex = rf"\left({term_tex}\right)"
            tex += term_tex
        return tex

    def _print_Mul(self, expr: sp.Expr) -> str:
        factors = sp.Mul.make_args(expr)
        exps = [f for f in factors if isinstance(f, sp.exp)]
        others = [f for f in factors if not isinstance(f, sp.exp)]
        if exps:
            rest = sp.Mul(*others)
            tail = " ".join(self._print(f) for f in exps)
            if rest == 1:
                return tail
            if rest == -1:
                return "- " + tail
            head = self._print(rest)
            if isinstance(rest, sp.Add):
                head = rf"\left({head}\right)"
            return f"{head} {tail}"
        collected = _collect_sqrt_2pi(others)
        if collected is not None:
            return super()._print_Mul(collected)
        coeff, rest = expr.as_coeff_Mul()
        if (coeff.is_Rational and not coeff.is_Integer and rest != 1
                and rest.has(sp.erfc, sp.erf, sp.Function) and not _has_denominator(rest)):
            sign = "- " if coeff < 0 else ""
            num, den = abs(coeff.p), coeff.q
            rest_tex = self._print(rest)
            if isinstance(rest, sp.Add):
                rest_tex = rf"\left({rest_tex}\right)"
            return rf"{sign}\frac{{{num}}}{{{den}}} {rest_tex}"
        return super()._print_Mul(expr)


def _raised(tex: str, exp: Any) -> str:
    """``[tex]^{exp}`` for a function printed to a power (SymPy passes ``exp``), else ``tex``."""
    return rf"\left[{tex}\right]^{{{exp}}}" if exp is not None else tex


def _ascii_name(name: str) -> str:
    """A name with its Unicode replaced: Greek by its name (``Δ`` -> ``Delta``), other
    mathematics by its LaTeX command (``⟨`` -> ``\\langle ``)."""
    out = []
    for c in name:
        tex = UNICODE_MATH.get(c) if not c.isascii() else None
        if tex is None:
            out.append(c if c.isascii() else escape(c).strip("$"))
        elif tex.lstrip("\\").lower().replace("var", "") in _GREEK_LOWER:
            out.append(tex.lstrip("\\").replace("varepsilon", "epsilon"))
        else:
            out.append(tex + " ")
    return "".join(out)


def _has_denominator(expr: sp.Expr) -> bool:
    return any(f.is_Pow and f.exp.is_negative for f in sp.Mul.make_args(expr))


def _collect_sqrt_2pi(factors: list[sp.Expr]) -> sp.Expr | None:
    """Roots as the paper writes them, as an unevaluated Mul (SymPy would split them again).

    ``sqrt(2) sqrt(pi)`` -> ``sqrt(2 pi)``, ``sqrt(2)/(2 sqrt(pi))`` -> ``1/sqrt(2 pi)``,
    ``sqrt(2)/2`` -> ``1/sqrt(2)``; ``None`` when the factors hold none of these.
    """
    sqrt2, sqrt_pi = sp.sqrt(2), sp.sqrt(sp.pi)
    coeff = sp.Integer(1)
    rest: list[sp.Expr] = []
    for f in factors:
        if f.is_Number:
            coeff *= f
        else:
            rest.append(f)
    if sqrt2 not in rest:
        return None
    halves = coeff.is_Rational and coeff.q % 2 == 0
    if sqrt_pi in rest:
        root, power = _SQRT_2PI, 1
        rest.remove(sqrt_pi)
    elif 1 / sqrt_pi in rest and halves:
        root, power, coeff = _SQRT_2PI, -1, coeff * 2
        rest.remove(1 / sqrt_pi)
    elif halves:
        root, power, coeff = _SQRT_2, -1, coeff * 2
    else:
        return None
    rest.remove(sqrt2)
    parts = ([coeff] if coeff != 1 else []) + rest
    factor = root if power == 1 else sp.Pow(root, -1, evaluate=False)
    return sp.Mul(*parts, factor, evaluate=False)


def to_latex(expr: object, **settings: Any) -> str:
    """LaTeX of a SymPy expression in the paper's notation."""
    return RemsymLatexPrinter(settings).doprint(sp.sympify(expr))


def order_latex(order: sp.Expr, printer: RemsymLatexPrinter | None = None,
                inline: bool = False) -> str:
    """``O(order)`` with ``order`` printed as given (``O(T^2/Delta^2)``, ``O(1/N^2)``).

    ``inline`` writes a ratio with a slash (for tables and running text).
    """
    p = printer or RemsymLatexPrinter()
    order = sp.sympify(order)
    if inline:
        num, den = sp.fraction(order)
        if den != 1:
            parts = []
            for part in (num, den):
                tex = p._print(part)
                parts.append(rf"\left({tex}\right)" if isinstance(part, sp.Add) or (
                    part is den and isinstance(part, sp.Mul)) else tex)
            return rf"O\left({parts[0]}/{parts[1]}\right)"
    return rf"O\left({p._print(order)}\right)"


__all__ = ["GENERIC_NOTATION", "name_table", "RemsymLatexPrinter", "order_latex", "to_latex"]
