"""Parsing one row: the LALR parser of ``latex.lark`` and the row's reading.

The parser is built once per process from the grammar shipped as package data.
:func:`read_row` returns a :class:`Row`: the sides and the relations between them,
each side with all its readings (one, unless the row is ambiguous).  A row that
does not parse raises :class:`~remsym.texinput.reading.ReadError` with the offset
of the offending character, so that the caller can name line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import sympy as sp
from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, VisitError

from remsym.texinput.declarations import Declarations
from remsym.texinput.reading import RowReader
from remsym.texinput.values import ReadError, Readings

#: The relation a row's LaTeX states -> the step relation it becomes.
RELATIONS = {"=": "=", r"\simeq": "~", r"\sim": "~", r"\approx": "~", r"\equiv": ":=",
             ":=": ":=", r"\coloneqq": ":="}


@lru_cache(maxsize=1)
def parser() -> Lark:
    """The LALR parser of remsym's row grammar (built once)."""
    grammar = resources.files("remsym.texinput").joinpath("latex.lark").read_text("utf-8")
    return Lark(grammar, parser="lalr", lexer="contextual", propagate_positions=False,
                maybe_placeholders=False)


@dataclass(frozen=True)
class Row:
    """A row read: ``sides[0] rel[0] sides[1] ...``; ``leading`` is the relation that
    opens a row continuing the previous right side (``&= ...``), else ``None``."""

    leading: str | None
    sides: tuple[Readings, ...]
    relations: tuple[str, ...]


def _relation(tok: Token) -> str:
    return RELATIONS[" ".join(str(tok).split())]


#: ``\\frac12``, ``\\frac{a}2``: TeX's one-token arguments, braced before lexing (the
#: lexer would read ``12`` as one number); later offsets move by at most four characters.
_BARE_DIGITS = re.compile(r"(\\[dt]?frac)(\s*)(\d|\{[^{}]*\})(\s*)(\d)")


def _brace_digits(m: re.Match) -> str:
    first = m.group(3) if m.group(3).startswith("{") else "{" + m.group(3) + "}"
    return f"{m.group(1)}{first}{{{m.group(5)}}}"


def read_row(text: str, decl: Declarations) -> Row:
    """Parse and read one row; ReadError (with an offset) if it cannot be read."""
    _check_braces(text)
    text = _BARE_DIGITS.sub(_brace_digits, text)
    try:
        tree = parser().parse(text)
    except UnexpectedCharacters as exc:
        at = exc.pos_in_stream or 0
        raise ReadError(f"unexpected {text[at]!r}" + _macro_hint(text, at), at) from None
    except UnexpectedEOF:
        raise ReadError("the row ends too early (an unclosed bracket or brace?)",
                        len(text)) from None
    except UnexpectedInput as exc:
        token = getattr(exc, "token", None)
        shown = "the end of the row" if token is None or token.type == "$END" else repr(
            str(token))
        raise ReadError(f"unexpected {shown}", exc.pos_in_stream) from None
    try:
        children = RowReader(decl).transform(tree)
    except VisitError as exc:
        inner = exc.orig_exc
        if isinstance(inner, ReadError):
            raise inner from None
        raise ReadError(f"{type(inner).__name__}: {inner}".splitlines()[0]) from None
    leading = None
    if children and isinstance(children[0], tuple) and children[0][0] == "lead":
        leading = _relation(children[0][1])
        children = children[1:]
    sides = tuple(c for c in children if isinstance(c, Readings))
    if any(not side.exprs for side in sides):
        raise ReadError("a list (a, b, ...) is not a value")
    relations = tuple(_relation(c) for c in children if isinstance(c, Token))
    return Row(leading, sides, relations)


def _check_braces(text: str) -> None:
    """TeX's groups first: an unbalanced brace is reported where it is, not where the
    parser runs out of row."""
    opened: list[int] = []
    k = 0
    while k < len(text):
        if text[k] == "\\":
            k += 2  # \{ and \} are delimiters, not groups
            continue
        if text[k] == "{":
            opened.append(k)
        elif text[k] == "}":
            if not opened:
                raise ReadError("unbalanced brace: '}' closes nothing", k)
            opened.pop()
        k += 1
    if opened:
        raise ReadError("unbalanced brace: '{' is never closed", opened[-1])


def _macro_hint(text: str, pos: int) -> str:
    if text[pos] == "\\":
        end = pos + 1
        while end < len(text) and text[end].isalpha():
            end += 1
        return f" (unknown macro {text[pos:end]})"
    return ""


def read_expression(text: str, decl: Declarations | None = None) -> sp.Expr:
    """One unambiguous expression (a whole row without relations); for tests and the
    annotations' ``order``.  ReadError if it is ambiguous or has a relation."""
    row = read_row(text, decl or Declarations())
    if row.leading or len(row.sides) != 1:
        raise ReadError(f"{text!r} is not a single expression")
    side = row.sides[0]
    if len(side.exprs) != 1:
        raise ReadError(f"{text!r} is ambiguous: " + "; ".join(side.why))
    return side.expr


__all__ = ["Row", "read_row", "read_expression", "parser", "RELATIONS"]
