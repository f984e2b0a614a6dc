"""From the rows of a LaTeX environment to a :class:`~remsym.derivation.Derivation`.

Every row becomes steps of the same :class:`~remsym.derivation.DerivationBuilder`
that a Python derivation module uses, so the same checker checks them and the
JSON is the same:

* ``a = b`` -> an ``equal`` step; ``a \\equiv b`` / ``a := b`` -> a definition;
* ``a \\simeq b`` (``\\sim``, ``\\approx``) -> an ``asymptotic`` step with the
  limit and order of the row's ``% remsym: z -> oo, order z^-2``; without one the
  step has neither, and the checker reports it unverified for that reason;
* a row that cannot be read, or is ambiguous, or continues a row that could not
  be read -> an ``equal`` step between two placeholders whose numeric witness
  raises: the checker records it as *unverified*, and its rule is the one-line
  reason (``unreadable row: file:line:col: ...``, ``ambiguous row: ...`` with
  both readings); the other rows are checked as usual.

One note per row of the derivation (the JSON's ``notes``, printed by ``remsym
check -v``) shows the row as read: LaTeX re-printed from the SymPy expression by
remsym's printer (``remsym.latex.to_latex``, which the round-trip tests read back).
A step's justification is the row's trailing note (``\\quad (E = E^* + \\Delta x)``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import sympy as sp

from remsym.derivation import Derivation, DerivationBuilder, Limit
from remsym.latex import to_latex
from remsym.texinput.declarations import DeclarationError, Declarations, parse_annotation
from remsym.texinput.extract import Document, Environment, SourceRow
from remsym.texinput.parse import Row, read_expression, read_row
from remsym.texinput.values import ReadError, Readings


class RowNotRead(Exception):  # noqa: N818 - not an error of remsym's: a row's state
    """Raised by the numeric witness of a row remsym could not read unambiguously."""


def _refuse(reason: str) -> Callable[[Any, int], Any]:
    def witness(point: Any, digits: int) -> Any:
        raise RowNotRead(reason)

    return witness


def _tex(expr: sp.Expr) -> str:
    return to_latex(expr)


def _readings_text(side: Readings) -> str:
    return " | ".join(f"${_tex(e)}$" for e in side.exprs)


def _order(text: str, decl: Declarations) -> sp.Expr:
    """The annotation's order, read by the row reader (never evaluated as Python: a
    ``.tex`` file is data): LaTeX (``T^2/\\Delta^2``), with ``z^-2`` and ``z**-2`` taken
    as ``z^{-2}``."""
    latex = re.sub(r"(\^|\*\*)\s*(-?\s*[0-9.]+)", r"^{\2}", text)
    try:
        return read_expression(latex, decl)
    except ReadError as exc:
        raise DeclarationError(f"cannot read the order {text!r}: {exc}") from None


def _limit(row: SourceRow, decl: Declarations, where: str) -> tuple[Limit, sp.Expr] | None:
    if row.annotation is None:
        return None
    try:
        ann = parse_annotation(row.annotation)
        if ann.order is None:
            raise DeclarationError(f"row annotation {row.annotation!r} has no order")
        point = sp.oo if ann.point == "oo" else sp.Integer(0)
        start = ann.start if ann.start is not None else (8.0 if point == sp.oo else 0.125)
        return Limit(decl.symbol(ann.variable), point, start), _order(ann.order, decl)
    except DeclarationError as exc:
        raise DeclarationError(f"{where}: {exc}") from None


class _Chain:
    """The steps of one environment, row by row."""

    def __init__(self, doc: Document, env: Environment, ident: str):
        self.doc, self.env = doc, env
        self.builder = DerivationBuilder(ident, env.label or ident, "LaTeX",
                                         domain=env.declarations.domain_box())
        self.previous: Readings | None = None
        self.unread_before = False
        self.first: sp.Expr | None = None
        self.last: sp.Expr | None = None
        self.asymptotic: tuple[Limit, sp.Expr] | None = None

    def add_row(self, src: SourceRow) -> None:
        where = self.doc.where(src.offset + len(src.text) - len(src.text.lstrip()))
        try:
            row = read_row(src.text, self.env.declarations)
        except ReadError as exc:
            at = self.doc.where(src.offset + (exc.pos or 0)) if exc.pos is not None else where
            self._unread(f"unreadable row: {at}: {exc}")
            return
        self._note(row, where, src)
        sides = list(row.sides)
        if row.leading is not None:
            if self.previous is None:
                reason = "continues a row that could not be read" if self.unread_before \
                    else "starts with a relation but no row before it"
                self._unread(f"unreadable row: {where}: {reason}")
                self.previous = sides[-1]
                return
            sides.insert(0, self.previous)
            relations = (row.leading, *row.relations)
        else:  # a row with its own left side starts a new chain: the result is the last one's
            relations = row.relations
            self.first, self.asymptotic = None, None
        for left, rel, right in zip(sides, relations, sides[1:], strict=False):
            self._step(left, rel, right, src, where)
        self.previous = sides[-1]
        self.unread_before = False

    def _note(self, row: Row, where: str, src: SourceRow) -> None:
        rels = list(row.relations)
        parts = [] if row.leading is None else [row.leading]
        for k, side in enumerate(row.sides):
            parts.append(_readings_text(side))
            if k < len(rels):
                parts.append(rels[k])
        note = f"; note: {src.note}" if src.note else ""
        self.builder.note(f"{where}: read as " + " ".join(parts) + note)

    def _unread(self, reason: str) -> None:
        self._refused(reason)
        self.previous, self.unread_before = None, True

    def _refused(self, reason: str) -> None:
        # the reason is the rule's name too: the JSON and the verdict's line carry the rule
        # whatever words the checker gives to a witness that cannot evaluate
        self.builder.equal(sp.Symbol("unread"), sp.Symbol("unread'"), reason, reason,
                           evaluate_before=_refuse(reason))

    def _step(self, left: Readings, rel: str, right: Readings, src: SourceRow,
              where: str) -> None:
        ambiguous = [s for s in (left, right) if len(s.exprs) > 1]
        if ambiguous:
            side = ambiguous[0]
            reason = (f"ambiguous row: {where}: {'; '.join(side.why)}: readings "
                      f"{_readings_text(side)}")
            # placeholders, not a reading: no witness may decide a row that was not read
            self.builder.equal(sp.Symbol("ambiguous"), sp.Symbol("ambiguous'"), reason, reason,
                               evaluate_before=_refuse(reason))
            return
        before, after = left.expr, right.expr
        self.first = before if self.first is None else self.first
        self.last = after
        # the physicist's own words after \quad are the step's justification; the reading
        # itself is the row's note (LaTeX), and the step's two sides are what was read
        read = src.note or ""
        if rel == ":=":
            self.builder.define(before, after, f"definition at {where}", read)
        elif rel == "=":
            self.builder.equal(before, after, f"row at {where}", read)
        else:
            try:
                limit = _limit(src, self.env.declarations, where)
            except DeclarationError as exc:  # the row's own error: the others are checked
                self._refused(f"unreadable row: {exc}")
                return
            if limit is None:
                self.builder.asymptotic(before, after, f"asymptotic row at {where} "
                                        "(no '% remsym: VAR -> oo, order ...' on its line)",
                                        None, None, read)  # type: ignore[arg-type]
                return
            used = before.free_symbols | after.free_symbols
            stray = sorted(str(z) for z in ({limit[0].symbol} | limit[1].free_symbols) - used)
            if stray:  # a misspelt name would make the rate check measure nothing
                self._refused(f"unreadable row: {where}: its limit names {', '.join(stray)}, "
                              "which the row does not contain")
                return
            self.asymptotic = limit
            self.builder.asymptotic(before, after, f"asymptotic row at {where}", limit[0],
                                    limit[1], read)

    def build(self) -> Derivation:
        """The derivation; its result is the last chain's: first left side, relation
        (exact, or asymptotic with the chain's last declared limit and order), last side."""
        lhs = self.first if self.first is not None else sp.Symbol("unread")
        last = self.last if self.last is not None else lhs
        if self.asymptotic is None:
            return self.builder.build(lhs, exact=last)
        limit, order = self.asymptotic
        return self.builder.build(lhs, leading=last, order=order, limit=limit)


def derivations(doc: Document) -> list[Derivation]:
    """One derivation per environment (id: its ``\\label``, else ``FILE:LINE``)."""
    out, seen = [], set()
    for env in doc.environments:
        ident = env.label or f"{doc.path.name}:{doc.line_col(env.offset)[0]}"
        while ident in seen:
            ident += "'"
        seen.add(ident)
        chain = _Chain(doc, env, ident)
        for row in env.rows:
            chain.add_row(row)
        if chain.builder.steps:  # an environment without a relation states nothing to check
            out.append(chain.build())
    return out


__all__ = ["derivations", "RowNotRead"]
