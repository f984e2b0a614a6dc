"""The values of a row being read: readings, and factors before calls are resolved.

A :class:`Readings` holds every reading of a piece of a row (one, unless the row is
ambiguous) and what made it ambiguous; :func:`combine` applies an operation to
every combination of readings, so that an ambiguity anywhere in a row survives to
the row's side, where it is reported.  :class:`Item` and :class:`Term` keep the
juxtaposed factors raw until the reader (``remsym.texinput.reading``) decides calls,
integration measures and the reach of ``/``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

#: More readings than this in one row are not enumerated.
MAX_READINGS = 16


class ReadError(Exception):
    """A row that cannot be read; ``pos`` is the offset in the row's text."""

    def __init__(self, message: str, pos: int | None = None):
        super().__init__(message)
        self.pos = pos


@dataclass(frozen=True)
class Readings:
    """Every reading of a piece of a row, and what made it ambiguous."""

    exprs: tuple[sp.Expr, ...]
    why: tuple[str, ...] = ()
    #: the parenthesised list this value is exactly, if it is one: ``{(a, b)}`` after a
    #: name is still a call's arguments (SymPy prints ``f{\\left(a, b \\right)}``)
    sole: Item | None = field(default=None, compare=False)

    @staticmethod
    def one(expr: Any) -> Readings:
        return Readings((sp.sympify(expr),))

    @property
    def expr(self) -> sp.Expr:
        return self.exprs[0]


def combine(fn: Callable[..., Any], *parts: Readings, why: Sequence[str] = ()) -> Readings:
    """``fn`` over every combination of the parts' readings (duplicates merged)."""
    found = dict.fromkeys(sp.sympify(fn(*c)) for c in itertools.product(*(p.exprs for p in parts)))
    notes = tuple(dict.fromkeys(w for p in parts for w in p.why)) + tuple(why)
    return Readings(tuple(found)[:MAX_READINGS], notes)


def alternatives(options: Sequence[Readings], why: str) -> Readings:
    """The union of several readings: an ambiguity, noted as ``why`` if they differ."""
    found = dict.fromkeys(e for o in options for e in o.exprs)
    notes = tuple(dict.fromkeys(w for o in options for w in o.why))
    return Readings(tuple(found)[:MAX_READINGS], notes + ((why,) if len(found) > 1 else ()))


def product(parts: Sequence[Readings]) -> Readings:
    return combine(lambda *xs: sp.Mul(*xs), *parts) if parts else Readings.one(1)


@dataclass
class Item:
    """A factor before calls are resolved: its kind, value, name and postfixes."""

    kind: str  # name | atom | diff | paren | bracket | call
    value: Readings | None
    pos: int
    name: str = ""
    args: list[Readings] = field(default_factory=list)
    word: bool = False  # a name written \\operatorname{...} or \\mathrm{...}
    postfix: list[tuple[str, Any]] = field(default_factory=list)


@dataclass
class Term:
    """Juxtaposed elements joined by ``\\cdot``/``/``: ``[(op, [elements], bigop)]``."""

    parts: list[tuple[str, list[Item], Readings | None]]
    pos: int


__all__ = ["ReadError", "Readings", "combine", "alternatives", "product", "Item", "Term",
           "MAX_READINGS"]
