"""The ``% remsym:`` declarations of a LaTeX derivation (issue 25's contract).

A declaration is a LaTeX comment that starts with ``remsym:``.  Those on their
own line accumulate, in source order, into the :class:`Declarations` that apply
to every environment after them; one on the same line as a row annotates that
row's step (:func:`parse_annotation`).

===========================================  =========================================
``symbols T, Delta, z positive; E real``     names with SymPy assumptions
``functions G, p_<``                         a name followed by ``(`` is a call
``domain z in [1, 5]; T in [0.3, 3]``        the numeric witness's box
``average avg``                              the function that ``\\langle X \\rangle`` reads as
``e symbol`` / ``e is euler``                ``e`` a plain symbol / Euler's number (default)
``z -> oo, order z^-2`` (on a row)           the limit and the order of an asymptotic step
===========================================  =========================================

Names are written as in the LaTeX (``\\Delta``, ``p_<``, ``P_{LM}``, ``E^*``) or
spelt out (``Delta``); :func:`normal_name` makes both the name the reader gives
the symbol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import sympy as sp

from remsym.errors import DerivationError

#: Assumption words accepted after a list of symbols.
ASSUMPTIONS = ("positive", "negative", "nonnegative", "nonpositive", "real", "integer",
               "nonzero", "rational", "finite", "complex")


class DeclarationError(DerivationError):
    """A ``% remsym:`` comment that cannot be read (the message names what)."""


def normal_name(text: str) -> str:
    """``\\Delta`` -> ``Delta``, ``P_{LM}`` -> ``P_LM``, ``T_{\\mathrm{g}}`` -> ``T_g``,
    ``E^{*}`` -> ``E^*``: the symbol name the reader gives to a LaTeX name."""
    text = re.sub(r"\\(?:mathrm|operatorname|mathit|rm|text)\s*\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"[\\{}\s]", "", text)
    # one epsilon: the paper's (and remsym's printer's) \varepsilon is the symbol epsilon
    return re.sub(r"(?<![A-Za-z])varepsilon(?![A-Za-z])", "epsilon", text)


@dataclass(frozen=True)
class Declarations:
    """What the comments so far have declared (immutable: each environment keeps its own)."""

    assumptions: dict[str, dict[str, bool]] = field(default_factory=dict)
    functions: frozenset[str] = frozenset()
    domain: tuple[tuple[str, float, float], ...] = ()
    euler_e: bool = True
    average: str = "avg"

    def symbol(self, name: str) -> sp.Symbol:
        return sp.Symbol(name, **self.assumptions.get(name, {}))

    def declared_symbol(self, name: str) -> bool:
        return name in self.assumptions

    def with_line(self, text: str) -> Declarations:
        """These declarations updated by one ``remsym:`` comment (without the prefix)."""
        text = text.strip()
        head, _, rest = text.partition(" ")
        rest = rest.strip()
        if head == "symbols":
            return self._with_symbols(rest)
        if head == "functions":
            names = [normal_name(n) for n in rest.split(",") if n.strip()]
            return replace(self, functions=self.functions | frozenset(names))
        if head == "domain":
            return self._with_domain(rest)
        if head == "average":
            return replace(self, average=normal_name(rest))
        if re.fullmatch(r"e\s+(is\s+)?euler", text):
            return replace(self, euler_e=True)
        if re.fullmatch(r"e\s+(is\s+)?(a\s+)?symbol", text):
            return replace(self, euler_e=False)
        raise DeclarationError(f"unknown remsym declaration {text!r} (expected symbols, "
                               "functions, domain, average, 'e symbol' or 'e is euler')")

    def _with_symbols(self, rest: str) -> Declarations:
        table = dict(self.assumptions)
        for group in filter(str.strip, rest.split(";")):
            words = group.replace(",", " ").split()
            names = [w for w in words if w not in ASSUMPTIONS]
            flags = {w: True for w in words if w in ASSUMPTIONS}
            if not names:
                raise DeclarationError(f"no symbol names in {group.strip()!r}")
            for n in names:
                table[normal_name(n)] = flags
        return replace(self, assumptions=table)

    def _with_domain(self, rest: str) -> Declarations:
        box = dict((n, (lo, hi)) for n, lo, hi in self.domain)
        for part in filter(str.strip, rest.split(";")):
            m = re.fullmatch(r"\s*(.+?)\s+in\s+\[\s*([-+0-9.eE]+)\s*,\s*([-+0-9.eE]+)\s*\]\s*",
                             part)
            if m is None:
                raise DeclarationError(f"domain {part.strip()!r} is not 'NAME in [LOW, HIGH]'")
            box[normal_name(m.group(1))] = (float(m.group(2)), float(m.group(3)))
        return replace(self, domain=tuple((n, lo, hi) for n, (lo, hi) in box.items()))

    def domain_box(self) -> tuple[tuple[sp.Symbol, float, float], ...]:
        return tuple((self.symbol(n), lo, hi) for n, lo, hi in self.domain)


@dataclass(frozen=True)
class Annotation:
    """``z -> oo [from 8], order z^-2``: an asymptotic row's limit (as text, read later
    by the row reader so that ``order`` may use LaTeX names)."""

    variable: str
    point: str
    start: float | None
    order: str | None


_ANNOTATION = re.compile(
    r"\s*(?P<var>[^,]+?)\s*(?:->|\\to|→)\s*(?P<point>\+?oo|\\infty|infinity|0\+?)"
    r"(?:\s+from\s+(?P<start>[-+0-9.eE]+))?\s*(?:,\s*order\s+(?P<order>.+?))?\s*")


def parse_annotation(text: str) -> Annotation:
    """Read a row's ``remsym:`` comment; :class:`DeclarationError` if it is not one."""
    m = _ANNOTATION.fullmatch(text)
    if m is None:
        raise DeclarationError(f"row annotation {text.strip()!r} is not 'VAR -> oo|0 "
                               "[from START], order EXPR'")
    point = "0" if m.group("point").startswith("0") else "oo"
    start = float(m.group("start")) if m.group("start") else None
    if start is not None and not 0 < start < float("inf"):
        raise DeclarationError(f"row annotation {text.strip()!r}: the start must be positive")
    return Annotation(normal_name(m.group("var")), point, start, m.group("order"))


__all__ = ["Declarations", "DeclarationError", "Annotation", "normal_name", "parse_annotation"]
