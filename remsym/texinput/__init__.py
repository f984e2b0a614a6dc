"""Derivations written in LaTeX: ``remsym check derivation.tex`` (issue 25).

=================  ===============================================================
module             job
=================  ===============================================================
``extract``        environments, rows, comments and macros of a ``.tex`` file
                   (pylatexenc for the document, a scanner for the rows)
``declarations``   the ``% remsym:`` comments: symbols, functions, domain, limits
``latex.lark``     remsym's LALR grammar of one row (package data)
``values``         readings (every reading of a piece of a row) and raw factors
``reading``        the grammar's transformer: SymPy readings, ambiguity and policy
``bigops``         integrals, sums and products: measure, bounds, reach
``parse``          the parser, built once; :func:`read_row`, :func:`read_expression`
``build``          rows -> steps of a :class:`~remsym.derivation.DerivationBuilder`
=================  ===============================================================

:func:`load_tex` returns a module-like object with ``DERIVATIONS``, so that the
registry treats a ``.tex`` path like a derivation module.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from remsym.texinput.build import derivations
from remsym.texinput.declarations import DeclarationError, Declarations
from remsym.texinput.extract import read_document
from remsym.texinput.parse import read_expression, read_row


def load_tex(path: str | Path) -> ModuleType:
    """A module whose ``DERIVATIONS`` are the derivations of the LaTeX file ``path``.

    A file that cannot be read as a whole (a bad declaration, an environment without
    its end) raises a one-line :class:`DeclarationError` (a ``DerivationError``)
    naming file and line; a bad row only makes its own step unverified.
    """
    path = Path(path)
    module = ModuleType(f"remsym_tex_{path.stem}")
    module.__file__ = str(path)
    module.DERIVATIONS = derivations(read_document(path))  # type: ignore[attr-defined]
    return module


__all__ = ["load_tex", "read_row", "read_expression", "Declarations", "DeclarationError"]
